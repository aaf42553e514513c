package dev.groundwork.dynamodb.iam;

/**
 * An STS error as STS sends it: a code ({@code ValidationError}, {@code AccessDenied}), the HTTP status and the
 * message. The STS stand-in's HTTP side renders it as STS's XML {@code ErrorResponse}.
 */
public final class StsException extends RuntimeException {
    private final String code;
    private final int httpStatus;

    StsException(String code, int httpStatus, String message) {
        super(message, null, false, false);
        this.code = code;
        this.httpStatus = httpStatus;
    }

    /** STS's answer to an Action it does not serve. */
    public static StsException invalidAction(String action) {
        return new StsException("InvalidAction", 400, "Could not find operation " + action + " for version 2011-06-15");
    }

    /** STS's answer to a key it does not know. */
    public static StsException invalidClientTokenId() {
        return new StsException("InvalidClientTokenId", 403, "The security token included in the request is invalid.");
    }

    /** STS's answer to a session key that has expired. */
    public static StsException expiredToken() {
        return new StsException("ExpiredToken", 400, "The security token included in the request is expired");
    }

    /** STS's answer to a request without SigV4's Authorization. */
    public static StsException missingAuthenticationToken() {
        return new StsException("MissingAuthenticationToken", 403, "Request is missing Authentication Token");
    }

    /** STS's answer to a request without an Action. */
    public static StsException missingAction() {
        return new StsException("MissingAction", 400, "Missing Action");
    }

    /** A parameter that breaks a constraint of STS's model. */
    public static StsException validation(String message) {
        return new StsException("ValidationError", 400, message);
    }

    static StsException accessDenied(String message) {
        return new StsException("AccessDenied", 403, message);
    }

    static StsException malformedPolicy(String message) {
        return new StsException("MalformedPolicyDocument", 400, message);
    }

    public String code() {
        return code;
    }

    public int httpStatus() {
        return httpStatus;
    }
}
