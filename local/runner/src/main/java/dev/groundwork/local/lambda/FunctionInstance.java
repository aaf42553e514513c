package dev.groundwork.local.lambda;

import dev.groundwork.local.console.AccessLog;
import dev.groundwork.local.console.Console;
import java.lang.reflect.InvocationTargetException;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One execution environment of a function: a handler object and the one thread that runs it, one request at a time,
 * as Lambda's environments do. Starting one is a cold start.
 */
final class FunctionInstance {

    /** Lambda gives an on-demand function's init phase 10 seconds. */
    static final Duration INIT_LIMIT = Duration.ofSeconds(10);

    /** How long a timed-out handler may go on ignoring its interrupt before the console says so. */
    private static final Duration IGNORED_INTERRUPT_GRACE = Duration.ofSeconds(2);

    private final FunctionCode code;
    private final Object handler;
    private final ExecutorService executor;
    private final Thread thread;
    private final String logStream;

    private FunctionInstance(
            FunctionCode code, Object handler, ExecutorService executor, Thread thread, String logStream) {
        this.code = code;
        this.handler = handler;
        this.executor = executor;
        this.thread = thread;
        this.logStream = logStream;
    }

    /**
     * Starts instance {@code number} of {@code function}: a thread of its own, marked on the console as the function's,
     * with the code's class loader as its context class loader, on which the handler is built within {@link
     * #INIT_LIMIT} (and, for a function the template gives SnapStart, primed and restored: SnapStartLifecycle).
     */
    static FunctionInstance start(String function, int number, FunctionCode code, Console console, AccessLog log)
            throws InitFailure {
        AtomicReference<Thread> created = new AtomicReference<>();
        ExecutorService executor = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(
                    () -> {
                        console.runAs(function);
                        runnable.run();
                    },
                    function + "#" + number);
            thread.setDaemon(true);
            thread.setContextClassLoader(code.loader());
            created.set(thread);
            return thread;
        });
        long started = System.nanoTime();
        Future<Object> construction = executor.submit(() -> {
            Object handler = code.newHandler();
            if (code.snapStart()) {
                SnapStartLifecycle.checkpointAndRestore(code.loader());
            }
            return handler;
        });
        try {
            Object handler = construction.get(INIT_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
            long initMs = (System.nanoTime() - started) / 1_000_000;
            log.note(function + " cold start: instance #" + number + ", init " + initMs + " ms");
            return new FunctionInstance(code, handler, executor, created.get(), "local/[$LATEST]" + number);
        } catch (TimeoutException e) {
            construction.cancel(true);
            executor.shutdownNow();
            throw new InitFailure(
                    "Runtime.InitTimeout", function + " did not initialise within " + INIT_LIMIT.toSeconds() + " s");
        } catch (ExecutionException e) {
            executor.shutdownNow();
            Throwable cause =
                    e.getCause() instanceof InvocationTargetException thrown ? thrown.getCause() : e.getCause();
            log.note(function + " init failed: " + cause);
            throw new InitFailure("Runtime.InitError", cause.getClass().getName() + ": " + cause.getMessage());
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
            throw new InitFailure("Runtime.Interrupted", "the runner is stopping");
        }
    }

    String logStream() {
        return logStream;
    }

    /** Runs the handler on this instance's thread; the answer's JSON, or what the handler threw. */
    Future<byte[]> invoke(byte[] event, LocalContext context) {
        return executor.submit(() -> {
            try {
                return code.method().invoke(handler, event, context);
            } catch (Exception | Error e) {
                throw e;
            } catch (Throwable other) {
                throw new Exception(other);
            }
        });
    }

    /** Interrupts what runs and ends the thread once it returns: a Java thread cannot be killed. */
    void stop() {
        executor.shutdownNow();
    }

    /** A handler that ignores the interrupt keeps its thread (and maybe a CPU): say so, once, after a grace period. */
    void warnIfStillRunning(AccessLog log) {
        Thread.ofVirtual().start(() -> {
            try {
                Thread.sleep(IGNORED_INTERRUPT_GRACE);
            } catch (InterruptedException e) {
                return;
            }
            if (thread != null && thread.isAlive() && thread.getState() == Thread.State.RUNNABLE) {
                log.note(thread.getName()
                        + " still runs after its timeout: it ignores interrupts, so it keeps its thread"
                        + " until it returns (Lambda would have stopped its environment)");
            }
        });
    }
}
