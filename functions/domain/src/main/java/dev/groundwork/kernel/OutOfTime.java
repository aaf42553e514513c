package dev.groundwork.kernel;

/**
 * Work stopped because its answer would come after its caller stops waiting for it (API Gateway answers for a route
 * that takes 30 s): better an answer of its own, after the work has recorded where it stopped, than the gateway's 503
 * while the work goes on and the client, told it failed, sends it again.
 */
public final class OutOfTime extends RuntimeException {
    public OutOfTime(String message) {
        super(message);
    }
}
