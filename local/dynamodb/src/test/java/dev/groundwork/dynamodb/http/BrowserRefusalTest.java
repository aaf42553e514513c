package dev.groundwork.dynamodb.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.groundwork.dynamodb.EmbeddedDynamoDb;
import dev.groundwork.dynamodb.conformance.RawCalls;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A server refusing browsers (as {@code ./groundwork local} runs it): a web page the developer visits cannot call it,
 * have a preflight approved, or read an answer, while an SDK, which sends no Origin, is served as before.
 */
class BrowserRefusalTest {
    private static EmbeddedDynamoDb server;
    private static RawCalls raw;

    @BeforeAll
    static void start() {
        server = EmbeddedDynamoDb.builder().refusingBrowsers().start();
        raw = new RawCalls(server.endpoint());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void refusesACallFromAWebPageWithoutCorsHeaders() {
        RawCalls.Answer answer = raw.sendWithHeaders("POST", "ListTables", "{}", "Origin", "https://evil.example");

        assertThat(answer.status()).isEqualTo(403);
        assertThat(answer.type()).endsWith("AccessDeniedException");
        assertThat(answer.header("Access-Control-Allow-Origin")).isNull();
    }

    @Test
    void approvesNoPreflight() {
        RawCalls.Answer answer = raw.sendWithHeaders(
                "OPTIONS",
                null,
                null,
                "Origin",
                "https://evil.example",
                "Access-Control-Request-Method",
                "POST",
                "Access-Control-Request-Headers",
                "content-type,x-amz-target,authorization");

        assertThat(answer.status()).isEqualTo(403);
        assertThat(answer.header("Access-Control-Allow-Origin")).isNull();
        assertThat(answer.header("Access-Control-Allow-Headers")).isNull();
    }

    /** A form POST needs no preflight: the STS stand-in's form-encoded calls are refused all the same. */
    @Test
    void refusesAFormPostFromAWebPage() {
        RawCalls.Answer answer = raw.sendWithHeaders(
                "POST",
                null,
                "Action=AssumeRole",
                "Origin",
                "null",
                "Content-Type",
                "application/x-www-form-urlencoded");

        assertThat(answer.status()).isEqualTo(403);
        assertThat(answer.header("Access-Control-Allow-Origin")).isNull();
    }

    @Test
    void servesAnSdksCallWhichSendsNoOrigin() {
        RawCalls.Answer answer = raw.call("ListTables", "{}");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().has("TableNames")).isTrue();
    }
}
