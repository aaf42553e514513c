package dev.groundwork.local.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.groundwork.local.LocalJson;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The AWS JSON 1.0 protocol over HTTP ({@code X-Amz-Target} names the operation), as the SDK speaks it to DynamoDB,
 * DynamoDB Streams and SQS. The runner uses it to talk to its own in-process emulators, which check no signature;
 * it stays free of the SDK's few thousand classes, so the runner starts faster.
 */
public final class AwsJsonClient {

    public static final ObjectMapper JSON = LocalJson.mapper();

    /** An error answer: {@code type} is the part of {@code __type} after '#'. */
    public static final class AwsException extends RuntimeException {
        private final String type;

        public AwsException(String type, String message) {
            super(type + ": " + message);
            this.type = type;
        }

        public String type() {
            return type;
        }
    }

    private final HttpClient http;
    private final URI endpoint;
    private final String targetPrefix;
    private final String authorization;

    /**
     * @param targetPrefix {@code DynamoDB_20120810}, {@code DynamoDBStreams_20120810} or {@code AmazonSQS}
     * @param service the signing name in the credential scope: {@code dynamodb} or {@code sqs}
     */
    public AwsJsonClient(URI endpoint, String targetPrefix, String service, String region) {
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        this.endpoint = endpoint;
        this.targetPrefix = targetPrefix;
        // The emulators want a header shaped like SigV4 and check nothing in it.
        this.authorization = "AWS4-HMAC-SHA256 Credential=local/20260101/" + region + "/" + service
                + "/aws4_request, SignedHeaders=host;x-amz-date;x-amz-target, Signature=0";
    }

    public ObjectNode object() {
        return JSON.createObjectNode();
    }

    public JsonNode call(String operation, JsonNode body) {
        return call(operation, body, Duration.ofSeconds(30));
    }

    public JsonNode call(String operation, JsonNode body, Duration timeout) {
        HttpRequest request = HttpRequest.newBuilder(endpoint)
                .timeout(timeout)
                .header("Content-Type", "application/x-amz-json-1.0")
                .header("X-Amz-Target", targetPrefix + "." + operation)
                .header("X-Amz-Date", "20260101T000000Z")
                .header("Authorization", authorization)
                .POST(HttpRequest.BodyPublishers.ofByteArray(
                        body.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .build();
        HttpResponse<byte[]> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new AwsException("ServiceUnavailable", operation + " failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AwsException("Interrupted", operation + " interrupted");
        }
        JsonNode answer;
        try {
            answer = response.body().length == 0 ? JSON.createObjectNode() : JSON.readTree(response.body());
        } catch (IOException e) {
            throw new AwsException(
                    "InvalidResponse", operation + " answered " + response.statusCode() + " with no JSON");
        }
        if (response.statusCode() >= 400) {
            String type = answer.path("__type").asText("HTTP" + response.statusCode());
            String message = answer.has("message")
                    ? answer.path("message").asText()
                    : answer.path("Message").asText();
            throw new AwsException(type.substring(type.lastIndexOf('#') + 1), message);
        }
        return answer;
    }
}
