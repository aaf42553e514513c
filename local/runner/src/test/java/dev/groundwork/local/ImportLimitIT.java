package dev.groundwork.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The import limits at their edges through the runner, whose API Gateway builds the event as AWS does (NDJSON
 * base64-encoded, JSON escaped) and refuses an event over Lambda's 6 MiB as API Gateway would: every body within the
 * documented limit reaches the function, whatever its bytes, and one byte more is the function's own 413 problem.
 */
class ImportLimitIT {
    private static final int NDJSON_LIMIT = 4 * 1024 * 1024;
    private static final int JSON_LIMIT = 1_000_000;

    @TempDir
    static Path state;

    static LocalApplication app;
    static HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        app = RepositoryApplication.startWith("CreateImportFunction", state);
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
    }

    private static HttpResponse<String> post(String mediaType, byte[] body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(app.endpoint() + "/v1/imports"))
                .timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .header("Content-Type", mediaType)
                .header(
                        "Authorization",
                        "Bearer " + app.token("acme", "acme-user", List.of("imports:write"), Duration.ofMinutes(5)))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** Bytes that are none of them a valid import: what reaches the function is refused by it, as a 400. */
    private static byte[] filled(int length, char with) {
        byte[] body = new byte[length];
        Arrays.fill(body, (byte) with);
        return body;
    }

    private static void assertTheFunctionAnswered(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isNotEqualTo(413);
        assertThat(response.body())
                .as("the function's answer, not API Gateway's message")
                .doesNotStartWith("{\"message\"");
    }

    private static void assertTooLargeProblem(HttpResponse<String> response) {
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.body()).contains("import-too-large");
    }

    @Test
    void anNdjsonBodyOfTheLimitReachesTheFunctionBase64EncodedAndOneByteMoreIsItsProblem() throws Exception {
        assertTheFunctionAnswered(post("application/x-ndjson", filled(NDJSON_LIMIT, '{')));
        assertTooLargeProblem(post("application/x-ndjson", filled(NDJSON_LIMIT + 1, '{')));
    }

    @Test
    void aJsonBodyOfTheLimitReachesTheFunctionEvenWhenEveryByteIsEscapedSixfold() throws Exception {
        // A control character travels in the event as a six-character "backslash-u" escape: six bytes for one, the
        // worst case of JSON escaping.
        assertTheFunctionAnswered(post("application/json", filled(JSON_LIMIT, '\u0001')));
        assertTooLargeProblem(post("application/json", filled(JSON_LIMIT + 1, '[')));
    }

    @Test
    void anEventOverLambdasSixMebibytesIsRefusedBeforeTheFunctionAsApiGatewayDoes() throws Exception {
        // 4.5 MiB base64-encoded is 6 MiB of body alone: Lambda would refuse the invocation.
        HttpResponse<String> response = post("application/x-ndjson", filled(4_718_592, '{'));

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.body()).doesNotContain("import-too-large");
    }
}
