package dev.groundwork.local.lambda;

/** A cold start that produced no instance, with the error type Lambda reports for it. */
final class InitFailure extends Exception {
    private final String errorType;

    InitFailure(String errorType, String message) {
        super(message);
        this.errorType = errorType;
    }

    String errorType() {
        return errorType;
    }
}
