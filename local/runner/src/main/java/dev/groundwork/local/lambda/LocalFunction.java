package dev.groundwork.local.lambda;

import dev.groundwork.local.console.AccessLog;
import dev.groundwork.local.console.Console;
import dev.groundwork.local.template.FunctionSpec;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One Lambda function served locally: a class loader of its own (its "container image"), and a small pool of
 * instances, each a handler object with its own thread that serves one request at a time, as Lambda's execution
 * environments do. A new instance is a cold start and says so. When the function's compiled classes change, the next
 * request gets a fresh class loader (new statics, new handler instances); in-flight requests finish on the old one.
 */
public final class LocalFunction implements AutoCloseable {

    /** Lambda gives an on-demand function's init phase 10 seconds. */
    private static final Duration INIT_LIMIT = Duration.ofSeconds(10);

    private static final long RELOAD_CHECK_INTERVAL_MS = 100;
    private static final long SETTLE_MS = 300;

    private final FunctionSpec spec;
    private final Console console;
    private final AccessLog log;
    private final String arn;
    private final Map<String, String> environment;
    private final int maxInstances;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition released = lock.newCondition();
    private final AtomicInteger instanceNumbers = new AtomicInteger();
    private Generation generation;
    private long lastCheckMillis;
    private boolean closed;
    /** Set by the file watcher when the class folders change; without a watcher, every request may check. */
    private final java.util.concurrent.atomic.AtomicBoolean maybeChanged =
            new java.util.concurrent.atomic.AtomicBoolean();

    private final Runnable onClassesChanged = () -> maybeChanged.set(true);
    private boolean watched;

    /**
     * @param localEnvironment what the runner adds to every function's environment (region, dummy credentials,
     *     endpoints of the local DynamoDB and SQS); the template's variables come first, these override them.
     */
    public LocalFunction(
            FunctionSpec spec, String arn, Map<String, String> localEnvironment, int maxInstances, Console console) {
        this.spec = spec;
        this.console = console;
        this.log = new AccessLog(console);
        this.arn = arn;
        this.maxInstances = maxInstances;
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PATH", "/usr/local/bin:/usr/bin/:/bin:/opt/bin");
        env.put("LANG", "en_US.UTF-8");
        env.put("TZ", ":UTC");
        env.putAll(spec.environment());
        env.putAll(localEnvironment);
        // Lambda's reserved variables:
        // https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html#configuration-envvars-runtime
        env.put("_HANDLER", spec.handler());
        env.put("AWS_EXECUTION_ENV", "AWS_Lambda_java21");
        env.put("AWS_LAMBDA_FUNCTION_NAME", spec.functionName());
        env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(spec.memoryMb()));
        env.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
        env.put("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand");
        env.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/" + spec.functionName());
        env.put("LAMBDA_TASK_ROOT", spec.codeUri().resolve("target/classes").toString());
        env.put("LAMBDA_RUNTIME_DIR", "/var/runtime");
        this.environment = Map.copyOf(env);
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
        long started = System.nanoTime();
        Lease lease;
        try {
            lease = acquire();
        } catch (RuntimeException e) {
            return new InvocationResult.Failure(
                    "Runtime.ImportModuleError",
                    String.valueOf(e.getMessage()),
                    new InvocationResult.Meta(requestId, elapsed(started), true));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new InvocationResult.Failure(
                    "Runtime.Interrupted",
                    "the runner is stopping",
                    new InvocationResult.Meta(requestId, elapsed(started), false));
        }
        Instance instance = lease.instance();
        boolean cold = instance == null;
        if (cold) {
            try {
                instance = startInstance(lease.generation());
            } catch (InitFailure e) {
                release(lease.generation(), null);
                return new InvocationResult.Failure(
                        e.errorType, e.getMessage(), new InvocationResult.Meta(requestId, elapsed(started), true));
            }
        }
        long invokeStarted = System.nanoTime();
        long deadline = invokeStarted + spec.timeout().toNanos();
        LocalContext context =
                new LocalContext(requestId, spec.functionName(), arn, spec.memoryMb(), deadline, instance.logStream);
        Instance running = instance;
        Future<byte[]> outcome = instance.executor.submit(() -> {
            try {
                return running.generation.method.invoke(running.handler, event, context);
            } catch (Exception | Error e) {
                throw e;
            } catch (Throwable other) {
                throw new Exception(other);
            }
        });
        try {
            byte[] payload = outcome.get(spec.timeout().toNanos(), TimeUnit.NANOSECONDS);
            release(instance.generation, instance);
            return new InvocationResult.Success(payload, new InvocationResult.Meta(requestId, elapsed(started), cold));
        } catch (TimeoutException e) {
            // Lambda stops the whole environment. A Java thread cannot be killed: interrupt it and retire the instance,
            // so the next request gets a new one (a cold start), as after a timeout in Lambda.
            outcome.cancel(true);
            retire(instance);
            log.note(spec.logicalId() + " timed out after " + spec.timeout().toMillis() + " ms (request " + requestId
                    + "): instance stopped");
            warnIfStillRunning(instance);
            return new InvocationResult.Timeout(
                    spec.timeout(), new InvocationResult.Meta(requestId, elapsed(started), cold));
        } catch (ExecutionException e) {
            Throwable error = e.getCause();
            if (error instanceof Error) {
                retire(instance); // Lambda restarts the runtime after an Error such as OutOfMemoryError
            } else {
                release(instance.generation, instance);
            }
            // Lambda's runtime logs an unhandled exception with its stack; one line here, where it was thrown from.
            StackTraceElement[] stack = error.getStackTrace();
            log.note(spec.logicalId() + " threw " + error + (stack.length == 0 ? "" : " at " + stack[0]) + " (request "
                    + requestId + ")");
            return new InvocationResult.Failure(
                    error.getClass().getName(),
                    String.valueOf(error.getMessage()),
                    new InvocationResult.Meta(requestId, elapsed(started), cold));
        } catch (InterruptedException e) {
            outcome.cancel(true);
            retire(instance);
            Thread.currentThread().interrupt();
            return new InvocationResult.Failure(
                    "Runtime.Interrupted",
                    "the runner is stopping",
                    new InvocationResult.Meta(requestId, elapsed(started), cold));
        }
    }

    /** A handler that ignores the interrupt keeps its thread (and maybe a CPU): say so, once, after a grace period. */
    private void warnIfStillRunning(Instance instance) {
        Thread.ofVirtual().start(() -> {
            try {
                Thread.sleep(2_000);
            } catch (InterruptedException e) {
                return;
            }
            Thread thread = instance.thread();
            if (thread != null && thread.isAlive() && thread.getState() == Thread.State.RUNNABLE) {
                log.note(thread.getName()
                        + " still runs after its timeout: it ignores interrupts, so it keeps its thread"
                        + " until it returns (Lambda would have stopped its environment)");
            }
        });
    }

    private static Duration elapsed(long startedNanos) {
        return Duration.ofNanos(System.nanoTime() - startedNanos);
    }

    // ---- instances ------------------------------------------------------------------------------------------------

    private record Lease(Generation generation, Instance instance) {}

    private Lease acquire() throws InterruptedException {
        lock.lock();
        try {
            if (closed) {
                throw new IllegalStateException(spec.logicalId() + " is stopped");
            }
            reloadIfChanged();
            while (true) {
                Generation current = generation;
                Instance idle = current.idle.pollFirst();
                if (idle != null) {
                    return new Lease(current, idle);
                }
                if (current.live < maxInstances) {
                    current.live++;
                    return new Lease(current, null);
                }
                released.await();
            }
        } finally {
            lock.unlock();
        }
    }

    private void release(Generation owner, Instance instance) {
        lock.lock();
        try {
            if (instance != null && owner == generation && !closed) {
                owner.idle.addFirst(
                        instance); // most recently used first: the warmest instance serves next, as in Lambda
            } else {
                owner.live--;
                if (instance != null) {
                    instance.stop();
                }
                if (owner != generation || closed) {
                    owner.closeIfDrained();
                }
            }
            released.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void retire(Instance instance) {
        lock.lock();
        try {
            instance.stop();
            instance.generation.live--;
            if (instance.generation != generation || closed) {
                instance.generation.closeIfDrained();
            }
            released.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private static final class InitFailure extends Exception {
        final String errorType;

        InitFailure(String errorType, String message) {
            super(message);
            this.errorType = errorType;
        }
    }

    private Instance startInstance(Generation owner) throws InitFailure {
        int number = instanceNumbers.incrementAndGet();
        String threadName = spec.logicalId() + "#" + number;
        java.util.concurrent.atomic.AtomicReference<Thread> created =
                new java.util.concurrent.atomic.AtomicReference<>();
        ExecutorService thread = Executors.newSingleThreadExecutor(runnable -> {
            Thread t = new Thread(
                    () -> {
                        console.runAs(spec.logicalId());
                        runnable.run();
                    },
                    threadName);
            t.setDaemon(true);
            t.setContextClassLoader(owner.loader);
            created.set(t);
            return t;
        });
        long started = System.nanoTime();
        Future<Object> construction = thread.submit(() -> {
            owner.prepare();
            Constructor<?> constructor = owner.handlerClass.getDeclaredConstructor();
            constructor.setAccessible(true);
            return constructor.newInstance();
        });
        try {
            Object handler = construction.get(INIT_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
            long initMs = (System.nanoTime() - started) / 1_000_000;
            log.note(spec.logicalId() + " cold start: instance #" + number + ", init " + initMs + " ms");
            return new Instance(owner, handler, thread, created.get(), "local/[$LATEST]" + number);
        } catch (TimeoutException e) {
            construction.cancel(true);
            thread.shutdownNow();
            throw new InitFailure(
                    "Runtime.InitTimeout",
                    spec.logicalId() + " did not initialise within " + INIT_LIMIT.toSeconds() + " s");
        } catch (ExecutionException e) {
            thread.shutdownNow();
            Throwable cause = e.getCause() instanceof java.lang.reflect.InvocationTargetException ite
                    ? ite.getCause()
                    : e.getCause();
            log.note(spec.logicalId() + " init failed: " + cause);
            throw new InitFailure("Runtime.InitError", cause.getClass().getName() + ": " + cause.getMessage());
        } catch (InterruptedException e) {
            thread.shutdownNow();
            Thread.currentThread().interrupt();
            throw new InitFailure("Runtime.Interrupted", "the runner is stopping");
        }
    }

    private static final class Instance {
        final Generation generation;
        final Object handler;
        final ExecutorService executor;
        private final Thread runner;
        final String logStream;

        Instance(Generation generation, Object handler, ExecutorService thread, Thread runner, String logStream) {
            this.generation = generation;
            this.handler = handler;
            this.executor = thread;
            this.runner = runner;
            this.logStream = logStream;
        }

        Thread thread() {
            return runner;
        }

        void stop() {
            executor.shutdownNow();
        }
    }

    // ---- generations: one class loader each -----------------------------------------------------------------------

    private final class Generation {
        final FunctionClasspath classpath;
        final long fingerprint;
        final FunctionClassLoader loader;
        final Deque<Instance> idle = new ArrayDeque<>();
        int live;
        volatile Class<?> handlerClass;
        volatile HandlerMethod method;
        private RuntimeSerialization serialization;

        Generation(FunctionClasspath classpath, long fingerprint) {
            this.classpath = classpath;
            this.fingerprint = fingerprint;
            this.loader = new FunctionClassLoader(spec.logicalId(), classpath.urls());
            this.loader.environment(environment);
        }

        /** Loads the handler class once per generation, on the first instance's thread (it is part of the cold start). */
        synchronized void prepare() throws ClassNotFoundException {
            if (handlerClass == null) {
                Class<?> loaded = Class.forName(spec.handlerClass(), true, loader);
                serialization = new RuntimeSerialization(loader);
                method = HandlerMethod.find(loaded, spec.handlerMethod(), serialization);
                handlerClass = loaded;
            }
        }

        void closeIfDrained() {
            if (live <= 0) {
                idle.forEach(Instance::stop);
                idle.clear();
                stopLogging(loader);
                if (serialization != null) {
                    serialization.close();
                }
                try {
                    loader.close();
                } catch (IOException ignored) {
                    // the jars are read-only; nothing to lose
                }
            }
        }
    }

    /**
     * A retired class loader can only be collected when nothing outside it holds on to it; Log4j (under Powertools)
     * would, through its logger context. Stop that context, if the function has Log4j at all.
     */
    private static void stopLogging(ClassLoader loader) {
        try {
            Class<?> logManager = Class.forName("org.apache.logging.log4j.LogManager", false, loader);
            if (logManager.getClassLoader() == loader) {
                // Log4j finds a class loader's context through the thread's context class loader.
                Thread current = Thread.currentThread();
                ClassLoader previous = current.getContextClassLoader();
                current.setContextClassLoader(loader);
                try {
                    logManager.getMethod("shutdown", boolean.class).invoke(null, true);
                } finally {
                    current.setContextClassLoader(previous);
                }
            }
        } catch (ReflectiveOperationException | LinkageError notThere) {
            // no Log4j in this function: nothing to stop
        }
    }

    private void reloadIfChanged() throws InterruptedException {
        long now = System.currentTimeMillis();
        if (generation == null) {
            FunctionClasspath classpath = FunctionClasspath.of(spec.codeUri());
            generation = new Generation(classpath, classpath.fingerprint());
            lastCheckMillis = now;
            watch(classpath);
            return;
        }
        if (watched ? !maybeChanged.getAndSet(false) : now - lastCheckMillis < RELOAD_CHECK_INTERVAL_MS) {
            return;
        }
        lastCheckMillis = now;
        if (generation.classpath.fingerprint() == generation.fingerprint) {
            return;
        }
        // A build is writing class files: wait until it has been quiet for a moment, then take what it wrote.
        long deadline = now + 5_000;
        while (System.currentTimeMillis() - generation.classpath.newestModification() < SETTLE_MS
                && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
        FunctionClasspath classpath = FunctionClasspath.of(spec.codeUri());
        Generation previous = generation;
        generation = new Generation(classpath, classpath.fingerprint());
        previous.idle.forEach(instance -> {
            instance.stop();
            previous.live--;
        });
        previous.idle.clear();
        previous.closeIfDrained();
        lastCheckMillis = System.currentTimeMillis();
        watch(classpath);
        log.note("↻ " + spec.logicalId() + " reloaded: its classes changed; the next request is a cold start");
    }

    private void watch(FunctionClasspath classpath) {
        ClassFolderWatcher watcher = ClassFolderWatcher.get();
        watched = watcher != null && watcher.watch(classpath.classFolders(), classpath.listing(), onClassesChanged);
    }

    /** Loads the class path now, so that a function that is not built is reported at start, not at its first request. */
    public void checkBuilt() {
        lock.lock();
        try {
            if (generation == null) {
                reloadIfChanged();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            if (generation != null) {
                generation.idle.forEach(instance -> {
                    instance.stop();
                    generation.live--;
                });
                generation.idle.clear();
                generation.closeIfDrained();
            }
            released.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
