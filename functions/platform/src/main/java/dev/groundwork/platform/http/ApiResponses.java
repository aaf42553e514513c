package dev.groundwork.platform.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.groundwork.kernel.FieldError;
import dev.groundwork.kernel.FieldErrors;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The responses of the API. Every one sets its status; problems are written here and nowhere else. */
public final class ApiResponses {
    public static final String JSON = "application/json";
    public static final String PROBLEM_JSON = "application/problem+json";

    private ApiResponses() {}

    public static APIGatewayV2HTTPResponse json(int status, Object body, Map<String, String> headers) {
        Map<String, String> all = new HashMap<>(headers);
        all.put("Content-Type", JSON);
        return response(status, all, ApiJson.write(body));
    }

    public static APIGatewayV2HTTPResponse empty(int status, Map<String, String> headers) {
        return response(status, new HashMap<>(headers), null);
    }

    public static APIGatewayV2HTTPResponse problem(Problem problem) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", problem.type().uri().toString());
        body.put("title", problem.type().title());
        body.put("status", problem.type().status());
        body.put("detail", problem.detail());
        if (!problem.errors().isEmpty()) {
            putErrors(body, problem.errors());
        }
        Map<String, String> headers = new HashMap<>(problem.headers());
        headers.put("Content-Type", PROBLEM_JSON);
        return response(problem.type().status(), headers, ApiJson.write(body));
    }

    /**
     * Lists field errors under {@code errors}: at most {@link FieldErrors#REPORTED}, with {@code "errorsTruncated":true}
     * when there were more, so that an answer stays small whatever the input.
     */
    public static void putErrors(Map<String, Object> body, List<FieldError> errors) {
        body.put(
                "errors",
                FieldErrors.reported(errors).stream()
                        .map(error -> {
                            Map<String, String> json = new LinkedHashMap<>();
                            json.put("field", error.field());
                            json.put("message", error.message());
                            return json;
                        })
                        .toList());
        if (FieldErrors.truncated(errors)) {
            body.put("errorsTruncated", true);
        }
    }

    private static APIGatewayV2HTTPResponse response(int status, Map<String, String> headers, String body) {
        return APIGatewayV2HTTPResponse.builder()
                .withStatusCode(status)
                .withHeaders(headers)
                .withBody(body)
                .withIsBase64Encoded(false)
                .build();
    }
}
