package dev.groundwork.local.lambda;

import dev.groundwork.local.console.AccessLog;
import dev.groundwork.local.template.FunctionSpec;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One Lambda function served locally: its environment ({@link LambdaEnvironment}), its classes in a class loader of
 * their own that a build replaces ({@link HotReload}), and a pool of instances ({@link InstancePool}), each a handler
 * object on a thread of its own ({@link FunctionInstance}). This class runs one invocation through them and answers
 * as Lambda would: with the payload, the error, or the timeout.
 */
public final class LocalFunction implements AutoCloseable {

    /**
     * The most an invocation may answer: Lambda's 6 MB (6 MiB and 100 bytes, as its error names it), beyond which the
     * runtime's answer is refused ({@code Exceeded maximum allowed payload size (6291556 bytes).}) and the invocation
     * fails, which API Gateway answers with a 500. https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html
     */
    static final int MAX_RESPONSE_BYTES = 6 * 1024 * 1024 + 100;

    /**
     * The most an event may be for a synchronous invocation, which is how API Gateway and an event source mapping
     * invoke: 6 MiB. Their stand-ins check it before they invoke, since each answers its own way (API Gateway a 413, a
     * stream smaller batches).
     */
    public static final int MAX_EVENT_BYTES = 6 * 1024 * 1024;

    private final FunctionSpec spec;
    private final String arn;
    private final Map<String, String> environment;
    private final FunctionHost host;
    private final AccessLog log;
    private final InstancePool pool;
    private final AtomicInteger instanceNumbers = new AtomicInteger();

    public LocalFunction(FunctionSpec spec, String arn, FunctionHost host) {
        this.spec = spec;
        this.arn = arn;
        this.host = host;
        this.log = new AccessLog(host.console());
        this.environment = LambdaEnvironment.of(spec, host.localEnvironment());
        this.pool = new InstancePool(
                spec.logicalId(), host.maxInstances(), new HotReload(spec, environment, host.classChanges(), log));
    }

    public FunctionSpec spec() {
        return spec;
    }

    public String name() {
        return spec.logicalId();
    }

    public Map<String, String> environment() {
        return environment;
    }

    public InvocationResult invoke(byte[] event) {
        return invoke(event, UUID.randomUUID().toString());
    }

    public InvocationResult invoke(byte[] event, String requestId) {
        Invocation invocation = new Invocation(requestId, System.nanoTime());
        InstancePool.Lease lease;
        try {
            lease = pool.acquire();
        } catch (RuntimeException e) {
            return invocation.failed("Runtime.ImportModuleError", String.valueOf(e.getMessage()), true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return invocation.failed("Runtime.Interrupted", "the runner is stopping", false);
        }
        if (lease.idle().isPresent()) {
            return run(invocation, lease, lease.idle().get(), event, false);
        }
        FunctionInstance started;
        try {
            started = FunctionInstance.start(
                    spec.logicalId(), instanceNumbers.incrementAndGet(), lease.code(), host.console(), log);
        } catch (InitFailure e) {
            pool.abandon(lease);
            return invocation.failed(e.errorType(), e.getMessage(), true);
        }
        return run(invocation, lease, started, event, true);
    }

    private InvocationResult run(
            Invocation invocation, InstancePool.Lease lease, FunctionInstance instance, byte[] event, boolean cold) {
        Duration timeout = spec.timeout();
        LocalContext context = new LocalContext(
                invocation.requestId(),
                spec.functionName(),
                arn,
                spec.memoryMb(),
                System.nanoTime() + timeout.toNanos(),
                instance.logStream());
        Future<byte[]> outcome = instance.invoke(event, context);
        try {
            byte[] payload = outcome.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            pool.giveBack(lease, instance);
            if (payload.length > MAX_RESPONSE_BYTES) {
                log.note(spec.logicalId() + " answered " + payload.length + " bytes, over Lambda's "
                        + MAX_RESPONSE_BYTES + " (request " + invocation.requestId() + "): the invocation fails, as"
                        + " deployed");
                return invocation.failed(
                        "RequestEntityTooLarge",
                        "Exceeded maximum allowed payload size (" + MAX_RESPONSE_BYTES + " bytes).",
                        cold);
            }
            return new InvocationResult.Success(payload, invocation.meta(cold));
        } catch (TimeoutException e) {
            // Lambda stops the whole environment. A Java thread cannot be killed: interrupt it and retire the instance,
            // so the next request gets a new one (a cold start), as after a timeout in Lambda.
            outcome.cancel(true);
            pool.retire(lease, instance);
            log.note(spec.logicalId() + " timed out after " + timeout.toMillis() + " ms (request "
                    + invocation.requestId() + "): instance stopped");
            instance.warnIfStillRunning(log);
            return new InvocationResult.Timeout(timeout, invocation.meta(cold));
        } catch (ExecutionException e) {
            Throwable error = e.getCause();
            if (error instanceof Error) {
                pool.retire(lease, instance); // Lambda restarts the runtime after an Error such as OutOfMemoryError
            } else {
                pool.giveBack(lease, instance);
            }
            // Lambda's runtime logs an unhandled exception with its stack; one line here, where it was thrown from.
            StackTraceElement[] stack = error.getStackTrace();
            log.note(spec.logicalId() + " threw " + error + (stack.length == 0 ? "" : " at " + stack[0]) + " (request "
                    + invocation.requestId() + ")");
            return invocation.failed(error.getClass().getName(), String.valueOf(error.getMessage()), cold);
        } catch (InterruptedException e) {
            outcome.cancel(true);
            pool.retire(lease, instance);
            Thread.currentThread().interrupt();
            return invocation.failed("Runtime.Interrupted", "the runner is stopping", cold);
        }
    }

    /** One request's id and the moment it arrived, which every answer reports. */
    private record Invocation(String requestId, long startedNanos) {
        InvocationResult.Meta meta(boolean cold) {
            return new InvocationResult.Meta(requestId, Duration.ofNanos(System.nanoTime() - startedNanos), cold);
        }

        InvocationResult failed(String errorType, String message, boolean cold) {
            return new InvocationResult.Failure(errorType, message, meta(cold));
        }
    }

    /** Loads the class path now, so that a function that is not built is reported at start, not at its first request. */
    public void checkBuilt() {
        pool.loadNow();
    }

    @Override
    public void close() {
        pool.close();
    }
}
