package dev.groundwork.platform.snapstart;

import static software.amazon.lambda.powertools.logging.argument.StructuredArguments.entry;

import dev.groundwork.kernel.TenantId;
import dev.groundwork.platform.logging.InvocationLogging;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A function's SnapStart priming: a runtime hook whose {@code beforeCheckpoint} runs the handler's whole path once on
 * a synthetic event, so that the classes it loads, the JIT's first work and the SDK client's first connection are in
 * the snapshot rather than in the first request after a restore.
 *
 * <p>What a primer may do: read keys that cannot exist (a tenant made up for this priming, {@link #tenant()}, and
 * fresh random ids) and make conditional writes whose condition must fail on an absent key (DynamoDB then writes
 * nothing, so no stream record either). It sends no message and flushes no metric (priming metrics are serialised and
 * dropped, {@code RequestMetrics#forPriming}). A primer that answers other than expected throws: the checkpoint fails
 * and Lambda does not publish the version, so a priming bug never ships quietly. A 5xx or a failed message is tried
 * again for about 30 s first ({@link #RETRY_AFTER}): on a first deploy, STS may refuse a tenant role created seconds
 * before.
 *
 * <p>Lambda's runtime keeps its hooks in a weak map (and {@code org.crac} holds them weakly until the checkpoint):
 * keep the returned hook in a field of the handler. See
 * https://docs.aws.amazon.com/lambda/latest/dg/snapstart-runtime-hooks-java.html
 */
public final class Priming implements Resource {
    private static final Logger LOG = LoggerFactory.getLogger(Priming.class);
    /** Where Lambda's runtime puts the invoke's trace header (aws-lambda-java-runtime-interface-client's AWSLambda). */
    static final String TRACE_HEADER_PROPERTY = "com.amazonaws.xray.traceHeader";
    /** The prefix of every priming tenant: in logs, a line of a priming and never of a request. */
    public static final String TENANT_PREFIX = "snapstart-priming-";

    /**
     * How long a priming waits before it tries again after an answer of 5xx: about 30 s in all. On a stack's first
     * deploy the version is published, and primed, seconds after its tenant role and the right to assume it were
     * created, and IAM is eventually consistent: STS may refuse that role (a 500) for a few seconds more, or be
     * unavailable (a 503).
     */
    static final List<Duration> RETRY_AFTER = List.of(
            Duration.ofSeconds(1),
            Duration.ofSeconds(2),
            Duration.ofSeconds(4),
            Duration.ofSeconds(8),
            Duration.ofSeconds(16));

    private final String function;
    private final Runnable primer;
    private final Sleeper sleeper;

    /** Waits; a test's records the waits instead. */
    interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    Priming(String function, Runnable primer, Sleeper sleeper) {
        this.function = function;
        this.primer = primer;
        this.sleeper = sleeper;
    }

    /**
     * Registers {@code primer} with the global CRaC context, which Lambda's runtime runs before it takes the snapshot.
     * Where nothing runs the hooks (no SnapStart, or a JVM without a CRaC implementation), registering does nothing.
     *
     * @param function what the logs call the primed function
     */
    public static Priming register(String function, Runnable primer) {
        Priming priming = new Priming(function, primer, duration -> Thread.sleep(duration));
        Core.getGlobalContext().register(priming);
        return priming;
    }

    /** Runs the primer now, as the checkpoint would. */
    public void prime() {
        long started = System.nanoTime();
        // Lambda's runtime hands each invoke's X-Ray trace header to the SDK as this system property, and the SDK
        // then adds it to every call it makes: a path of its own (an interceptor copying the request), which the
        // priming takes too, with a trace that is never sampled. The property is the JVM's: in the local runner every
        // function shares it, and two primings may overlap. So a priming sets it only where none is set, and clears
        // only its own; Lambda's runtime sets or clears it on every invoke after this.
        String trace = unsampledTrace();
        boolean ours = System.getProperties().putIfAbsent(TRACE_HEADER_PROPERTY, trace) == null;
        try {
            runUntilAvailable();
        } finally {
            if (ours) {
                System.getProperties().remove(TRACE_HEADER_PROPERTY, trace);
            }
        }
        long primingMs = (System.nanoTime() - started) / 1_000_000;
        // In a Powertools scope, as every other line: with the service and the function's name.
        InvocationLogging.withLogging(new PrimingContext(), () -> {
            LOG.info("primed before the snapshot", entry("function", function), entry("priming_ms", primingMs));
            return null;
        });
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        prime();
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {}

    /**
     * A tenant made up for one priming: well-formed, so it takes the path a real tenant takes, and random (64 bits), so
     * its partition holds nothing and its reads find nothing.
     */
    public static TenantId tenant() {
        byte[] random = new byte[8];
        new SecureRandom().nextBytes(random);
        return new TenantId(TENANT_PREFIX + HexFormat.of().formatHex(random));
    }

    /** Runs the primer, again after each wait while it answers 5xx or fails a message, and fails as its last try does. */
    private void runUntilAvailable() {
        for (int attempt = 0; ; attempt++) {
            try {
                primer.run();
                return;
            } catch (ServerError unavailable) {
                if (attempt == RETRY_AFTER.size()) {
                    throw unavailable;
                }
                Duration wait = RETRY_AFTER.get(attempt);
                InvocationLogging.withLogging(new PrimingContext(), () -> {
                    LOG.warn(
                            "priming answered a server error, tries again",
                            entry("function", function),
                            entry("reason", unavailable.getMessage()),
                            entry("retry_in_ms", wait.toMillis()));
                    return null;
                });
                try {
                    sleeper.sleep(wait);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw unavailable;
                }
            }
        }
    }

    /** An X-Ray trace header in Lambda's format whose trace is not sampled: X-Ray records nothing of the priming. */
    static String unsampledTrace() {
        byte[] random = new byte[12];
        new SecureRandom().nextBytes(random);
        return "Root=1-" + Long.toHexString(System.currentTimeMillis() / 1000) + "-"
                + HexFormat.of().formatHex(random) + ";Sampled=0";
    }

    /** Fails the checkpoint when a primer's answer is not the one its synthetic event must get. */
    public static void expect(String what, Object expected, Object actual) {
        if (!expected.equals(actual)) {
            throw new IllegalStateException(failure(what, expected, actual));
        }
    }

    /**
     * {@link #expect} for an HTTP status: a 5xx (STS refusing a role not yet propagated, or a dependency unavailable)
     * is tried again first, for about 30 s; any other wrong status fails at once.
     */
    public static void expectStatus(String what, int expected, int actual) {
        if (expected != actual) {
            throw actual >= 500 && actual <= 599
                    ? new ServerError(failure(what, expected, actual))
                    : new IllegalStateException(failure(what, expected, actual));
        }
    }

    /**
     * {@link #expect} for a batch the primer handed to a consumer: a failed message (a dependency's error, STS's
     * refusal of a role not yet propagated among them) is tried again first, for about 30 s.
     */
    public static void expectNoFailures(String what, int failures) {
        if (failures != 0) {
            throw new ServerError(failure(what, 0, failures));
        }
    }

    private static String failure(String what, Object expected, Object actual) {
        return "priming " + what + " answered " + actual + " where " + expected + " was expected";
    }

    /** A primer's answer was a 5xx, or a failed message: what it depends on may answer in a moment. */
    static final class ServerError extends IllegalStateException {
        ServerError(String message) {
            super(message);
        }
    }
}
