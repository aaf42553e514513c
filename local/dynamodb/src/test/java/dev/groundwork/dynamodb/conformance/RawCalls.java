package dev.groundwork.dynamodb.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Calls a target over plain HTTP, for what the SDK hides: the error body's {@code __type} and message member, the
 * status of answers the SDK never provokes. A request carries a SigV4-shaped {@code Authorization} header, as DynamoDB
 * demands one; no target checks the signature itself.
 */
public final class RawCalls {
    /** The shape of a SigV4 header, with a signature nobody verifies. */
    public static final String AUTHORIZATION =
            "AWS4-HMAC-SHA256 Credential=groundwork/20260101/us-east-1/dynamodb/aws4_request, "
                    + "SignedHeaders=host;x-amz-date;x-amz-target, Signature=0000000000000000000000000000000000000000000000000000000000000000";

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI endpoint;

    public RawCalls(URI endpoint) {
        this.endpoint = endpoint;
    }

    /** An answer: its status, its headers and its body, parsed when it is JSON. */
    public record Answer(int status, HttpHeaders headers, String body) {
        /** The header's value, or null without it. */
        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        public String type() {
            return json().path("__type").asText();
        }
    }

    /** A POST of {@code body} to {@code DynamoDB_20120810.<operation>}, signed in shape. */
    public Answer call(String operation, String body) {
        return send("POST", "DynamoDB_20120810." + operation, body, AUTHORIZATION);
    }

    /**
     * Any request: {@code target} and {@code authorization} are left out when null, and so are X-Amz-Date and the
     * content type with them.
     */
    public Answer send(String method, String target, String body, String authorization) {
        return sendWith(method, target, body == null ? null : HttpRequest.BodyPublishers.ofString(body), authorization);
    }

    /** A body of {@code bytes} bytes, sent only once the server answers {@code 100 Continue}. */
    public Answer sendLarge(String operation, int bytes) {
        byte[] body = new byte[bytes];
        java.util.Arrays.fill(body, (byte) ' ');
        body[0] = '{';
        body[bytes - 1] = '}';
        return sendWith(
                "POST", "DynamoDB_20120810." + operation, HttpRequest.BodyPublishers.ofByteArray(body), AUTHORIZATION);
    }

    /**
     * A request signed in shape with the headers given as name, value, ...; a Content-Type among them replaces the
     * SDK's.
     */
    public Answer sendWithHeaders(String method, String operation, String body, String... headers) {
        return sendWith(
                method,
                operation == null ? null : "DynamoDB_20120810." + operation,
                body == null ? null : HttpRequest.BodyPublishers.ofString(body),
                AUTHORIZATION,
                headers);
    }

    /** A bare POST: no target, no body, no Content-Type and no Authorization. */
    public Answer sendBarePost() {
        return sendWith("POST", null, null, null, "Content-Type", null);
    }

    private Answer sendWith(
            String method,
            String target,
            HttpRequest.BodyPublisher body,
            String authorization,
            String... extraHeaders) {
        List<String> headers = new ArrayList<>();
        if (target != null) headers.addAll(List.of("X-Amz-Target", target));
        if (authorization != null)
            headers.addAll(List.of("Authorization", authorization, "X-Amz-Date", "20260101T000000Z"));
        headers.addAll(Arrays.asList(extraHeaders));
        if (!headers.contains("Content-Type")) {
            headers.add("Content-Type");
            headers.add("application/x-amz-json-1.0");
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint)
                .expectContinue(true)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : body);
        // A header whose value is null is left out: it only stops the default above.
        for (int i = 0; i < headers.size(); i += 2) {
            if (headers.get(i + 1) != null) request.header(headers.get(i), headers.get(i + 1));
        }
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
