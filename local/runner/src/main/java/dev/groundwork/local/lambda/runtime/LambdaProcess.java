package dev.groundwork.local.lambda.runtime;

import dev.groundwork.local.template.FunctionSpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * One function in a fresh JVM, as Lambda's java21 runtime starts it: its {@code function.zip} unpacked into the task
 * root, AWS's runtime interface client on the classpath (the function's classes and {@code lib/} are loaded by the
 * client's own class loader from {@code LAMBDA_TASK_ROOT}, as in Lambda), Lambda's JVM flags, and exactly the
 * environment Lambda gives: nothing of the test JVM's own environment leaks in.
 */
public final class LambdaProcess implements AutoCloseable {
    /**
     * What Lambda's java21 runtime sets besides the function's {@code JAVA_TOOL_OPTIONS}: the serial collector and
     * tiered compilation stopped at C1 ("Customize Java runtime startup behavior",
     * https://docs.aws.amazon.com/lambda/latest/dg/java-customization.html: Java 17 and later stop at level 1 by
     * default and use the serial GC), class data sharing as the JVM defaults it. And, as Lambda's java21 runtime
     * starts the JVM, {@code org.crac} bound to the runtime client's own CRaC context, so that the hooks a function
     * registers with {@code org.crac.Core.getGlobalContext()} are the ones the client runs around a SnapStart snapshot.
     */
    public static final List<String> LAMBDA_JVM_FLAGS = List.of(
            "-XX:+TieredCompilation",
            "-XX:TieredStopAtLevel=1",
            "-XX:+UseSerialGC",
            "-Xshare:auto",
            "-Dorg.crac.Core.Compat=com.amazonaws.services.lambda.crac");

    private static final String RUNTIME_MAIN = "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";

    /** How Lambda hands a function its credentials. */
    public enum Credentials {
        /** The execution role's keys in the environment: a function without SnapStart. */
        ENVIRONMENT_KEYS,
        /** Only a container credentials endpoint and its token, no keys: a SnapStart function. */
        SNAPSTART_CONTAINER,
        /**
         * As {@link #SNAPSTART_CONTAINER}, and initialised as Lambda initialises a SnapStart version
         * ({@code AWS_LAMBDA_INITIALIZATION_TYPE=snap-start}): after init the runtime client runs the checkpoint hooks
         * and waits on {@code restore/next} until the harness restores it.
         */
        SNAPSTART_LIFECYCLE
    }

    private final Process process;
    private final Instant started;
    private final Path log;

    private LambdaProcess(Process process, Instant started, Path log) {
        this.process = process;
        this.started = started;
        this.log = log;
    }

    /**
     * Starts the runtime on a task root that {@link #unpack} filled.
     *
     * @param jvmOptions added after Lambda's flags, as a function's {@code JAVA_TOOL_OPTIONS} would be (for instance
     *     {@code -Xlog:class+load} to count the classes loaded)
     */
    public static LambdaProcess start(
            FunctionSpec function,
            Map<String, String> templateEnvironment,
            Map<String, String> localEndpoints,
            Credentials credentials,
            RuntimeApi api,
            Path taskRoot,
            Path runtimeDirectory,
            List<String> jvmOptions,
            Path log) {
        Map<String, String> env = new LinkedHashMap<>(templateEnvironment);
        env.putAll(localEndpoints);
        env.putAll(reserved(function, api, taskRoot, runtimeDirectory));
        switch (credentials) {
            case ENVIRONMENT_KEYS -> {
                env.put("AWS_ACCESS_KEY_ID", api.executionRole().accessKeyId());
                env.put("AWS_SECRET_ACCESS_KEY", api.executionRole().secretAccessKey());
                env.put("AWS_SESSION_TOKEN", "stand-in-session");
            }
            case SNAPSTART_CONTAINER, SNAPSTART_LIFECYCLE -> {
                // Only the container endpoint, as Lambda hands a SnapStart function: keys the caller's environment
                // carried (the local runner's, say) would be used instead and frozen into the snapshot.
                env.keySet().removeAll(List.of("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN"));
                env.put("AWS_CONTAINER_CREDENTIALS_FULL_URI", api.credentialsUri());
                env.put("AWS_CONTAINER_AUTHORIZATION_TOKEN", api.credentialsToken());
            }
        }
        if (credentials == Credentials.SNAPSTART_LIFECYCLE) {
            env.put("AWS_LAMBDA_INITIALIZATION_TYPE", "snap-start");
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(LAMBDA_JVM_FLAGS);
        // In Lambda the JVM runs in a microVM of the function's memory: sized as that machine, its heap starts small
        // and the collector runs during init, as there. Sized as this host, it would start with a heap of hundreds of
        // MB that is never collected before the first answer, and peak RSS would measure allocation, not footprint.
        command.add("-XX:MaxRAM=" + function.memoryMb() + "m");
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(runtimeDirectory.resolve("*").toString());
        command.add(RUNTIME_MAIN);
        command.add(function.handler());
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(taskRoot.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().clear();
        builder.environment().putAll(env);
        Instant started = Instant.now();
        try {
            return new LambdaProcess(builder.start(), started, log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
    }

    /**
     * The reserved variables Lambda sets in every java21 function's environment.
     * See https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html#configuration-envvars-runtime
     */
    private static Map<String, String> reserved(
            FunctionSpec function, RuntimeApi api, Path taskRoot, Path runtimeDirectory) {
        String region = "us-east-1";
        Map<String, String> env = new LinkedHashMap<>();
        env.put("_HANDLER", function.handler());
        env.put("AWS_EXECUTION_ENV", "AWS_Lambda_java21");
        env.put("AWS_REGION", region);
        env.put("AWS_DEFAULT_REGION", region);
        env.put("AWS_LAMBDA_FUNCTION_NAME", function.functionName());
        env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(function.memoryMb()));
        env.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
        env.put("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand");
        env.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/" + function.functionName());
        env.put(
                "AWS_LAMBDA_LOG_STREAM_NAME",
                LocalDate.now().toString().replace('-', '/') + "/[$LATEST]"
                        + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong())
                        + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong()));
        env.put("AWS_LAMBDA_RUNTIME_API", api.address());
        env.put("AWS_XRAY_CONTEXT_MISSING", "LOG_ERROR");
        env.put("LAMBDA_TASK_ROOT", taskRoot.toString());
        env.put("LAMBDA_RUNTIME_DIR", runtimeDirectory.toString());
        env.put("LANG", "en_US.UTF-8");
        env.put("TZ", ":UTC");
        env.put("PATH", "/usr/local/bin:/usr/bin/:/bin:/opt/bin");
        return env;
    }

    public Instant started() {
        return started;
    }

    /**
     * Where a function's SDK clients go on this machine, by the variables the functions read: the embedded DynamoDB,
     * which also serves STS, and the local SQS.
     */
    public static Map<String, String> localEndpoints(URI dynamoDb, URI sqs) {
        return Map.of(
                "DYNAMODB_ENDPOINT", dynamoDb.toString(),
                "STS_ENDPOINT", dynamoDb.toString(),
                "SQS_ENDPOINT", sqs.toString());
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /**
     * The end of init: the runtime's first {@code /next}.
     *
     * @throws IllegalStateException with the process's output, when init fails, the process exits, or {@code timeout}
     *     passes first
     */
    public Instant awaitInit(RuntimeApi api, Duration timeout) {
        return await(api.ready(), api, "init", timeout);
    }

    /**
     * The end of init and of the checkpoint hooks (a SnapStart version's priming): the runtime's {@code restore/next}.
     *
     * @throws IllegalStateException as {@link #awaitInit}
     */
    public Instant awaitCheckpoint(RuntimeApi api, Duration timeout) {
        return await(api.checkpointed(), api, "init and the checkpoint hooks", timeout);
    }

    /**
     * An invocation's answer.
     *
     * @throws IllegalStateException with the process's output, when the process exits or {@code timeout} passes first
     */
    public RuntimeApi.Answer awaitAnswer(CompletableFuture<RuntimeApi.Answer> answer, Duration timeout) {
        return await(answer, null, "an answer", timeout);
    }

    private <T> T await(CompletableFuture<T> result, RuntimeApi initFailures, String what, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (initFailures != null && initFailures.initError().isDone()) {
                throw new IllegalStateException(
                        what + " failed: " + initFailures.initError().join() + "\n" + log());
            }
            try {
                return result.get(20, TimeUnit.MILLISECONDS);
            } catch (TimeoutException notYet) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("the runtime exited, waiting for " + what + "\n" + log());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted, waiting for " + what, e);
            } catch (ExecutionException e) {
                throw new IllegalStateException(what + " failed: " + e.getCause() + "\n" + log(), e.getCause());
            }
        }
        throw new IllegalStateException("no " + what + " within " + timeout + "\n" + log());
    }

    public String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** Unpacks a function's zip into its task root, as Lambda does before it starts the runtime. */
    public static void unpack(Path zip, Path target) {
        try (InputStream in = Files.newInputStream(zip);
                ZipInputStream entries = new ZipInputStream(in)) {
            for (ZipEntry entry; (entry = entries.getNextEntry()) != null; ) {
                Path file = target.resolve(entry.getName()).normalize();
                if (!file.startsWith(target)) {
                    throw new IllegalStateException("zip entry outside the task root: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(file);
                } else {
                    Files.createDirectories(file.getParent());
                    Files.copy(entries, file);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot unpack " + zip, e);
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(java.util.Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Duration uptime() {
        return Duration.between(started, Instant.now());
    }

    public long pid() {
        return process.pid();
    }

    /**
     * The CPU time the process has used so far, user and system, from {@code /proc/<pid>/stat} (fields 14 and 15, in
     * clock ticks of 1/100 s on Linux: proc(5)); empty where there is no procfs.
     */
    public Optional<Duration> cpuTime() {
        try {
            return Optional.of(cpuTimeOf(Path.of("/proc", Long.toString(process.pid()), "stat")));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * The part of {@link #cpuTime()} the JVM's JIT compiler threads used (their names in {@code /proc/<pid>/task/<tid>/comm}
     * start with {@code C1 CompilerThre} or {@code C2 CompilerThre}): what compiling cost, as against running; empty
     * without procfs.
     */
    public Optional<Duration> compilerCpuTime() {
        Path tasks = Path.of("/proc", Long.toString(process.pid()), "task");
        try (Stream<Path> threads = Files.list(tasks)) {
            Duration total = Duration.ZERO;
            for (Path thread : threads.toList()) {
                if (isJitCompiler(Files.readString(thread.resolve("comm")))) {
                    total = total.plus(cpuTimeOf(thread.resolve("stat")));
                }
            }
            return Optional.of(total);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * The CPU time every thread but the JIT compiler's has used so far, in nanoseconds: the invoke's own work and the
     * collector's, as against compiling beside it. From {@code /proc/<pid>/task/<tid>/schedstat} (its first field, time
     * on a CPU in ns: the kernel's sched-stats.rst), so fine enough for one invoke of a few milliseconds, which
     * {@link #cpuTime()}'s 10 ms ticks are not; empty without procfs, or where the kernel keeps no scheduler statistics
     * (its {@code schedstat} then reads all zeros).
     */
    public OptionalLong servingCpuNanos() {
        return servingCpuNanos(process.pid());
    }

    static OptionalLong servingCpuNanos(long pid) {
        Path tasks = Path.of("/proc", Long.toString(pid), "task");
        try (Stream<Path> threads = Files.list(tasks)) {
            long total = 0;
            for (Path thread : threads.toList()) {
                try {
                    if (!isJitCompiler(Files.readString(thread.resolve("comm")))) {
                        total += Long.parseLong(
                                Files.readString(thread.resolve("schedstat")).split(" ")[0]);
                    }
                } catch (IOException ended) {
                    // A thread that ended since the listing (the JIT's come and go): what it ran is not counted,
                    // and a few microseconds of an ending thread are below what this measures.
                }
            }
            return total > 0 ? OptionalLong.of(total) : OptionalLong.empty();
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
    }

    /** A JIT compiler thread, by its name in {@code /proc/<pid>/task/<tid>/comm} (cut to 15 characters). */
    private static boolean isJitCompiler(String comm) {
        String name = comm.strip();
        return name.startsWith("C1 CompilerThre") || name.startsWith("C2 CompilerThre");
    }

    /** User + system time of a process's or a thread's {@code stat} file (fields 14 and 15, in 10 ms ticks). */
    private static Duration cpuTimeOf(Path stat) throws IOException {
        String line = Files.readString(stat);
        // The command name (field 2) is in parentheses and may hold spaces: count fields after the last ')'.
        String[] fields = line.substring(line.lastIndexOf(')') + 2).split(" ");
        long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        return Duration.ofMillis(ticks * 10);
    }

    /** The process's peak resident set, {@code VmHWM} in {@code /proc/<pid>/status}, in KiB; empty without procfs. */
    public OptionalLong peakRssKib() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
                if (line.startsWith("VmHWM:")) {
                    return OptionalLong.of(Long.parseLong(
                            line.substring("VmHWM:".length()).replace("kB", "").trim()));
                }
            }
            return OptionalLong.empty();
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
    }
}
