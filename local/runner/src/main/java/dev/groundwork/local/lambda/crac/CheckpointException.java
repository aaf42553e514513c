package dev.groundwork.local.lambda.crac;

/** The checkpoint hooks that threw, as suppressed exceptions (see {@link Resource}). */
public class CheckpointException extends Exception {
    public CheckpointException() {
        super("a checkpoint hook failed");
    }
}
