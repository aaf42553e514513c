package dev.groundwork.platform.http;

import java.net.URI;

/** Every kind of problem the API answers (RFC 9457), with its status and a title that does not vary by occurrence. */
public enum ProblemType {
    VALIDATION_ERROR("validation-error", 400, "Your request is not valid."),
    MALFORMED_JSON("malformed-json", 400, "The request body is not well-formed JSON."),
    INVALID_CURSOR("invalid-cursor", 400, "The cursor is not valid."),
    FORBIDDEN("forbidden", 403, "The token does not name a tenant."),
    NOT_FOUND("not-found", 404, "There is no such item."),
    IMPORT_NOT_FOUND("import-not-found", 404, "There is no such import."),
    IDEMPOTENCY_KEY_IN_USE("idempotency-key-in-use", 409, "A request with this Idempotency-Key is still in progress."),
    CONFLICT("conflict", 409, "The item kept changing while this request tried to change it."),
    PRECONDITION_FAILED("precondition-failed", 412, "The item is not at a version the request's preconditions admit."),
    PAYLOAD_TOO_LARGE("payload-too-large", 413, "The item, or the body that describes it, is too large."),
    IMPORT_TOO_LARGE("import-too-large", 413, "The import is too large."),
    UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", 415, "The request body has an unsupported media type."),
    UNSUPPORTED_CONTENT_ENCODING(
            "unsupported-content-encoding", 415, "The request body has a content coding this API does not take."),
    IDEMPOTENCY_KEY_REUSED(
            "idempotency-key-reused", 422, "This Idempotency-Key was used with a different request body."),
    INTERNAL_ERROR("internal-error", 500, "Something went wrong on our side."),
    SERVICE_UNAVAILABLE("service-unavailable", 503, "The service is briefly unavailable; retry shortly.");

    private static final String BASE = "https://groundwork.dev/problems/";

    private final String slug;
    private final int status;
    private final String title;

    ProblemType(String slug, int status, String title) {
        this.slug = slug;
        this.status = status;
        this.title = title;
    }

    public URI uri() {
        return URI.create(BASE + slug);
    }

    public String slug() {
        return slug;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }
}
