package dev.groundwork.local.lambda.crac;

/** The after-restore hooks that threw, as suppressed exceptions (see {@link Resource}). */
public class RestoreException extends Exception {
    public RestoreException() {
        super("an after-restore hook failed");
    }
}
