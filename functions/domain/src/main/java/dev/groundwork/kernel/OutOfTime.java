package dev.groundwork.kernel;

/**
 * Work stopped because its answer would come after its caller stops waiting for it (API Gateway answers for a
 * route that takes 30 s), having left nothing half done: better a refusal the client can retry than a 503 of the
 * gateway while the work goes on and the client, told it failed, sends it again.
 */
public final class OutOfTime extends RuntimeException {
    public OutOfTime(String message) {
        super(message);
    }
}
