package dev.groundwork.api;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The published API contract ({@code api/openapi.yaml}) as a test oracle: handler, runner and
 * end-to-end tests hand it each exchange they saw, and it fails with every way the response strays
 * from the document (an undocumented status, a missing or malformed header, a body field too many,
 * too few or of the wrong shape).
 *
 * <p>The request is checked too when the response is a success (below 400): a handler that accepts a
 * request the contract forbids has widened the API without saying so. A rejected request is not
 * checked, since tests send bad requests on purpose. Authentication is not checked: API Gateway's
 * JWT authorizer does that before any function runs, and handler tests carry the claims in the
 * event instead of a token.
 *
 * <p>Backed by Atlassian's swagger-request-validator; see docs/api-versioning.md for how the OpenAPI
 * 3.1 document stays within what its JSON Schema (draft-4) engine applies.
 */
public final class ApiContract {

    /** Where the document sits on the class path of every module that depends on this one. */
    public static final String DOCUMENT_RESOURCE = "dev/groundwork/api/openapi.yaml";

    private static final int FIRST_ERROR_STATUS = 400;

    private static final String API_VERSION_HEADER = "API-Version";

    private final OpenApiInteractionValidator validator;
    private final String version;
    private final String source;

    private ApiContract(OpenApiInteractionValidator validator, String version, String source) {
        this.validator = validator;
        this.version = version;
        this.source = source;
    }

    /** The contract's version, {@code info.version}. */
    public String version() {
        return version;
    }

    /** The contract's major version, which every response names in {@code API-Version}. */
    public String majorVersion() {
        int dot = version.indexOf('.');
        return dot < 0 ? version : version.substring(0, dot);
    }

    /** The contract this build publishes, read from the class path. */
    public static ApiContract load() {
        try (InputStream in = ApiContract.class.getClassLoader().getResourceAsStream(DOCUMENT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(
                        DOCUMENT_RESOURCE + " is not on the class path: depend on groundwork-api");
            }
            return fromText(new String(in.readAllBytes(), StandardCharsets.UTF_8), "classpath:" + DOCUMENT_RESOURCE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A contract read from a file, such as a scratch copy in a test. */
    public static ApiContract fromFile(Path document) {
        try {
            return fromText(Files.readString(document), document.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A contract from the document's text.
     *
     * @throws IllegalArgumentException when the document does not parse as OpenAPI
     */
    public static ApiContract fromText(String document, String source) {
        Objects.requireNonNull(document, "document");
        OpenApi30View view = OpenApi30View.of(document);
        try {
            var validator = OpenApiInteractionValidator.createForInlineApiSpecification(view.text())
                    .withLevelResolver(LevelResolver.create()
                            .withLevel("validation.request.security", ValidationReport.Level.IGNORE)
                            // Clients may send query parameters we do not know; handlers ignore them.
                            .withLevel("validation.request.parameter.query.unexpected", ValidationReport.Level.IGNORE)
                            .build())
                    .build();
            return new ApiContract(validator, view.version(), source);
        } catch (OpenApiInteractionValidator.ApiLoadException e) {
            throw new IllegalArgumentException(source + " is not a valid OpenAPI document: " + e.getParseMessages(), e);
        }
    }

    /**
     * Fails with an {@link AssertionError} that lists every violation when the exchange does not
     * match the contract.
     *
     * @param method          the HTTP method, any case
     * @param pathWithQuery   the request path with its raw (percent-encoded) query string, if any
     * @param requestHeaders  the request headers; names in any case
     * @param requestBody     the request body, or null when there was none
     * @param status          the response status
     * @param responseHeaders the response headers; names in any case
     * @param responseBody    the response body, or null when there was none
     */
    public void assertResponseMatches(
            String method,
            String pathWithQuery,
            Map<String, String> requestHeaders,
            String requestBody,
            int status,
            Map<String, String> responseHeaders,
            String responseBody) {
        List<String> violations =
                violations(method, pathWithQuery, requestHeaders, requestBody, status, responseHeaders, responseBody);
        if (!violations.isEmpty()) {
            throw new AssertionError(describe(method, pathWithQuery, status, violations));
        }
    }

    /**
     * Every way the exchange strays from the contract, one readable line each; empty when it matches.
     * Takes the same arguments as {@link #assertResponseMatches}.
     */
    public List<String> violations(
            String method,
            String pathWithQuery,
            Map<String, String> requestHeaders,
            String requestBody,
            int status,
            Map<String, String> responseHeaders,
            String responseBody) {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(pathWithQuery, "pathWithQuery");
        Objects.requireNonNull(requestHeaders, "requestHeaders");
        Objects.requireNonNull(responseHeaders, "responseHeaders");

        Request request = request(method, pathWithQuery, requestHeaders, requestBody);
        var response = new SimpleResponse.Builder(status);
        responseHeaders.forEach(response::withHeader);
        if (responseBody != null) {
            response.withBody(responseBody);
        }

        ValidationReport report = status < FIRST_ERROR_STATUS
                ? validator.validate(request, response.build())
                : validator.validateResponse(request.getPath(), request.getMethod(), response.build());
        List<String> lines = new ArrayList<>();
        responseHeaders.forEach((name, value) -> {
            if (API_VERSION_HEADER.equalsIgnoreCase(name) && !majorVersion().equals(value)) {
                lines.add("response: Header 'API-Version' is '" + value + "', but this contract is major version "
                        + majorVersion() + " (info.version " + version + ")");
            }
        });
        for (ValidationReport.Message message : report.getMessages()) {
            if (message.getLevel() == ValidationReport.Level.ERROR) {
                lines.add(describe(message));
            }
        }
        return List.copyOf(lines);
    }

    @Override
    public String toString() {
        return "ApiContract[" + source + "]";
    }

    private static Request request(String method, String pathWithQuery, Map<String, String> headers, String body) {
        int queryStart = pathWithQuery.indexOf('?');
        String path = queryStart < 0 ? pathWithQuery : pathWithQuery.substring(0, queryStart);
        var request = new SimpleRequest.Builder(Request.Method.valueOf(method.toUpperCase(Locale.ROOT)), path);
        if (queryStart >= 0) {
            for (String pair : pathWithQuery.substring(queryStart + 1).split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int equals = pair.indexOf('=');
                String name = equals < 0 ? pair : pair.substring(0, equals);
                String value = equals < 0 ? "" : pair.substring(equals + 1);
                request.withQueryParam(decode(name), decode(value));
            }
        }
        headers.forEach(request::withHeader);
        if (body != null) {
            request.withBody(body);
        }
        return request.build();
    }

    private static String decode(String component) {
        return URLDecoder.decode(component, StandardCharsets.UTF_8);
    }

    private static String describe(ValidationReport.Message message) {
        var line = new StringBuilder();
        message.getContext()
                .flatMap(ValidationReport.MessageContext::getLocation)
                .ifPresent(location ->
                        line.append(location.name().toLowerCase(Locale.ROOT)).append(": "));
        line.append(message.getMessage().replace("\n", " "));
        message.getContext()
                .flatMap(ValidationReport.MessageContext::getParameter)
                .ifPresent(parameter -> line.append(" (")
                        .append(parameter.getIn())
                        .append(" parameter ")
                        .append(parameter.getName())
                        .append(')'));
        message.getContext()
                .flatMap(ValidationReport.MessageContext::getPointers)
                .map(ValidationReport.MessageContext.Pointers::getInstance)
                .filter(pointer -> !pointer.isEmpty() && !"/".equals(pointer))
                .ifPresent(pointer -> line.append(" (at ").append(pointer).append(')'));
        line.append(" [").append(message.getKey()).append(']');
        for (String info : message.getAdditionalInfo()) {
            if (info != null) {
                line.append("; ").append(info.replace("\n", " "));
            }
        }
        for (ValidationReport.Message nested : message.getNestedMessages()) {
            line.append("\n      - ").append(describe(nested).replace("\n", "\n  "));
        }
        return line.toString();
    }

    private String describe(String method, String pathWithQuery, int status, List<String> violations) {
        var text = new StringBuilder()
                .append(method.toUpperCase(Locale.ROOT))
                .append(' ')
                .append(pathWithQuery)
                .append(" -> ")
                .append(status)
                .append(" breaks the API contract (")
                .append(source)
                .append("): ")
                .append(violations.size())
                .append(violations.size() == 1 ? " violation" : " violations");
        for (String violation : violations) {
            text.append("\n  - ").append(violation);
        }
        return text.toString();
    }
}
