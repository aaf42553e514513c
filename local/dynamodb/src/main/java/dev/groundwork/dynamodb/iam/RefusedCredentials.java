package dev.groundwork.dynamodb.iam;

/** An access key the server will not act for: one it does not know (in strict mode), or an expired session's. */
public final class RefusedCredentials extends RuntimeException {
    public enum Reason {
        UNRECOGNIZED,
        EXPIRED
    }

    private final Reason reason;

    RefusedCredentials(Reason reason) {
        super(reason.name(), null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
