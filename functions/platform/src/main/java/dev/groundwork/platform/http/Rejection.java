package dev.groundwork.platform.http;

/**
 * Ends the handling of a request whose shape is wrong (bad media type, body, header or parameter) with a problem.
 * Only the HTTP adapter throws it, and {@link HttpFunction} alone turns it into a response: parsing reads top to
 * bottom instead of threading a result through every step. Domain outcomes stay values.
 */
public final class Rejection extends RuntimeException {
    private final transient Problem problem;

    public Rejection(Problem problem) {
        super(problem.type().slug(), null, false, false);
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }
}
