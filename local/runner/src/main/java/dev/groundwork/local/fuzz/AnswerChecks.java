package dev.groundwork.local.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.groundwork.api.ApiContract;
import dev.groundwork.local.LocalJson;
import dev.groundwork.local.fuzz.RawHttp.Answer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What every answer must be, whatever was asked: no 5xx; no Java exception, stack frame or class name in the body; no
 * answer over Lambda's 6 MB and no problem over {@link #MAX_PROBLEM_BYTES}; an error from a function is
 * {@code application/problem+json} that fits the contract, one from API Gateway itself is its {@code {"message":...}}
 * JSON with one of the statuses it gives; a success fits the contract too, request included (a function that accepts
 * what the contract forbids has widened the API); a hostile token, or a body the README promises to reject, never
 * gets a success.
 */
final class AnswerChecks {

    /** Lambda's synchronous response payload limit (https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html). */
    static final int MAX_ANSWER_BYTES = 6 * 1024 * 1024;
    /** A problem names the fields at fault; it never needs to echo a large body back. */
    static final int MAX_PROBLEM_BYTES = 64 * 1024;
    /**
     * What API Gateway itself answers with {@code {"message":...}}: auth, unknown routes, size, throttling, bad requests,
     * and the runner's front door's slow-body 408, too-long-target 414 and oversized-head 431 (API Gateway refuses a
     * request line and headers over 10,240 bytes).
     */
    private static final Set<Integer> GATEWAY_STATUSES = Set.of(400, 401, 403, 404, 408, 413, 414, 429, 431);

    private static final Set<String> METHODS =
            Set.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "TRACE");
    /**
     * Traces of Java in a body: an exception or error class, a {@code java.}/{@code javax.}/{@code jdk.} package, a stack
     * frame ({@code at com.foo.Bar.baz(}), a fully qualified class name, or Jackson's parser location. Every
     * alternative starts at a word boundary, so a 100,000-letter name echoed back is scanned in linear time.
     */
    private static final Pattern JAVA_TRACE =
            Pattern.compile("\\b[A-Za-z]*Exception\\b|\\b[A-Z][A-Za-z]*Error\\b|\\b(?:java|javax|jdk|sun)\\.[a-z]"
                    + "|\\bat [a-z][a-z0-9_]*\\.[a-z]|\\b(?:[a-z][a-z0-9_]*\\.){2,}[A-Z][A-Za-z0-9_$]*\\b"
                    + "|\\[Source: |line: \\d+, column: \\d+");

    private static final ObjectMapper JSON = LocalJson.mapper();

    private final ApiContract contract;
    private final ContractOperations operations;
    private int unchecked;

    AnswerChecks(ApiContract contract, ContractOperations operations) {
        this.contract = contract;
        this.operations = operations;
    }

    /** One way an answer broke the rules. */
    record Violation(String kind, String detail) {}

    List<Violation> check(FuzzRequest request, RawHttp.Outcome outcome) {
        List<Violation> violations = new ArrayList<>();
        switch (outcome) {
            case RawHttp.NoAnswer none ->
                violations.add(new Violation(none.timedOut() ? "timeout" : "no answer", none.why()));
            case Answer answer -> checkAnswer(request, answer, violations);
        }
        return violations;
    }

    private void checkAnswer(FuzzRequest request, Answer answer, List<Violation> violations) {
        int status = answer.status();
        String body = answer.text();
        if (status >= 500) {
            violations.add(new Violation("5xx", "status " + status));
        }
        Matcher trace = JAVA_TRACE.matcher(body);
        if (trace.find() && !sent(request, trace.group())) {
            violations.add(new Violation("Java in the body", "'" + trace.group() + "'"));
        }
        if (answer.body().length > MAX_ANSWER_BYTES) {
            violations.add(new Violation("answer over 6 MB", answer.body().length + " bytes"));
        } else if (status >= 400 && answer.body().length > MAX_PROBLEM_BYTES) {
            violations.add(new Violation("error answer over 64 KB", answer.body().length + " bytes"));
        }
        if (status < 400 && request.hostileToken() != null) {
            violations.add(new Violation("hostile token let through", request.hostileToken()));
        } else if (status < 300 && request.mustReject()) {
            violations.add(new Violation("accepted what must be rejected", request.label()));
        }
        String type = answer.header("content-type");
        String mediaType = type == null ? "" : type.split(";")[0].trim().toLowerCase(Locale.ROOT);
        if (request.method().equals("HEAD")) {
            return; // no body to judge (RFC 9110 §9.3.2); the status and size checks above still apply
        }
        if (status >= 400 && status < 500 && !mediaType.equals("application/problem+json")) {
            JsonNode json = parse(body);
            boolean gatewayShape = mediaType.equals("application/json")
                    && json != null
                    && json.isObject()
                    && json.size() == 1
                    && json.path("message").isTextual();
            if (!gatewayShape) {
                violations.add(new Violation(
                        "error neither problem+json nor API Gateway's {\"message\"}", "content-type " + type));
            } else if (!GATEWAY_STATUSES.contains(status)) {
                violations.add(new Violation("API Gateway answer with a status it never gives", "status " + status));
            } else if (status == 404 && request.operation() != null && routed(request)) {
                violations.add(new Violation(
                        "route not found for a route of the contract", request.method() + " " + request.path()));
            }
            return;
        }
        if (status >= 500 && !mediaType.equals("application/problem+json")) {
            return; // API Gateway's own 500/503, already counted as a 5xx
        }
        if (!METHODS.contains(request.method().toUpperCase(Locale.ROOT))
                || !request.target().startsWith("/")) {
            return; // the validator cannot name such a request; the checks above still apply
        }
        // A fragment is the client's own business (RFC 9110 §4.2.4); the contract names paths without one.
        String target = request.target().contains("#")
                ? request.target().substring(0, request.target().indexOf('#'))
                : request.target();
        String requestBody = request.body() == null ? null : new String(request.body(), StandardCharsets.UTF_8);
        List<String> broken;
        try {
            broken = contract.violations(
                    request.method(),
                    target,
                    headers(request),
                    requestBody,
                    status,
                    answer.headers(),
                    body.isEmpty() ? null : body);
        } catch (RuntimeException unreadable) {
            // The validator reads the request's charset parameter and fails on one it does not know (charset=nonsense);
            // the answer can still be checked without it.
            Map<String, String> plain = headers(request);
            plain.keySet().removeIf(name -> name.equalsIgnoreCase("Content-Type"));
            try {
                broken = contract.violations(
                        request.method(),
                        target,
                        plain,
                        status < 400 ? requestBody : null,
                        status,
                        answer.headers(),
                        body.isEmpty() ? null : body);
            } catch (RuntimeException stillUnreadable) {
                unchecked++;
                return;
            }
        }
        broken = broken.stream().filter(line -> !validMediaType(request, line)).toList();
        if (!broken.isEmpty()) {
            violations.add(new Violation(
                    status < 400 ? "success the contract does not allow" : "error that does not fit the contract",
                    String.join("\n      ", broken)));
        }
    }

    /**
     * The validator calls {@code application/json;;} not a media type, but RFC 9110 §8.3.1 allows empty parameters
     * ({@code parameters = *( OWS ";" OWS [ parameter ] )}): such a request is not one the contract forbids.
     */
    private static boolean validMediaType(FuzzRequest request, String line) {
        String type = request.header("Content-Type");
        return line.contains("[validation.request.contentType.invalid]")
                && type != null
                && request.operation() != null
                && request.operation()
                        .mediaTypes()
                        .contains(type.split(";")[0].trim().toLowerCase(Locale.ROOT));
    }

    /** Exchanges the contract validator could not read at all, even without the request's Content-Type. */
    int unchecked() {
        return unchecked;
    }

    /** Whether the method and path name an operation of the contract, path variables as sent (none percent-encoded). */
    private boolean routed(FuzzRequest request) {
        return !request.path().contains("%")
                && operations.match(request.method(), request.path()).isPresent();
    }

    /** Whether the matched text came from the request itself (echoed back, e.g. as a field name). */
    private static boolean sent(FuzzRequest request, String text) {
        if (request.target().contains(text)) {
            return true;
        }
        return request.body() != null && new String(request.body(), StandardCharsets.UTF_8).contains(text);
    }

    private static Map<String, String> headers(FuzzRequest request) {
        Map<String, String> headers = new LinkedHashMap<>();
        request.headers().forEach(header -> headers.merge(header.name(), header.text(), (a, b) -> a + ", " + b));
        return headers;
    }

    static JsonNode parse(String body) {
        try {
            return body.isEmpty() ? null : JSON.readTree(body);
        } catch (Exception notJson) {
            return null;
        }
    }
}
