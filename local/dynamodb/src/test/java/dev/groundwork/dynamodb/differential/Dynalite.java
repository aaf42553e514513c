package dev.groundwork.dynamodb.differential;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * dynalite 4.0.0 (npm, Apache-2.0) in a child {@code node} process: the reference that was tested against live
 * DynamoDB for limits and error messages, used to check that the conformance suite encodes real behaviour and to
 * compare outcomes with the embedded server.
 *
 * <p>The package is installed on first use with {@code npm install} into {@code target/dynalite} (so {@code mvn
 * clean} removes it and a second run reuses it), from the test JVM rather than from a Maven profile: a profile
 * cannot tell whether {@code node} on the PATH is new enough, the test can, and it says why it skips.
 */
public final class Dynalite implements AutoCloseable {

    static final String VERSION = "4.0.0";
    private static final int MINIMUM_NODE_MAJOR = 20;
    private static final Path INSTALL_DIRECTORY = Path.of("target", "dynalite").toAbsolutePath();
    private static final Pattern LISTENING = Pattern.compile("dynalite listening on (\\d+)");

    private final Process process;
    private final URI endpoint;

    private Dynalite(Process process, URI endpoint) {
        this.process = process;
        this.endpoint = endpoint;
    }

    /** Why dynalite cannot run on this machine, or empty when it can (node 20 or newer on the PATH). */
    public static Optional<String> unavailableReason() {
        return NodeCheck.RESULT;
    }

    /** Installs dynalite if needed and starts it in memory on a free loopback port. */
    public static Dynalite start() {
        unavailableReason().ifPresent(reason -> {
            throw new IllegalStateException(reason);
        });
        Path module = install();
        String script = "const server = require(" + jsString(module.toString()) + ")"
                + "({createTableMs: 0, deleteTableMs: 0, updateTableMs: 0});"
                + "server.listen(0, '127.0.0.1', () => console.log('dynalite listening on ' + server.address().port));"
                // The parent's pipe closing means the JVM went away: do not outlive it.
                + "process.stdin.on('end', () => process.exit(0)); process.stdin.resume();";
        try {
            Process process = new ProcessBuilder("node", "-e", script)
                    .redirectErrorStream(true)
                    .start();
            BufferedReader output =
                    new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            CompletableFuture<Integer> port = CompletableFuture.supplyAsync(() -> readPort(output));
            int listeningPort = port.get(30, TimeUnit.SECONDS);
            Thread drain = new Thread(() -> output.lines().forEach(line -> {}), "dynalite-output");
            drain.setDaemon(true);
            drain.start();
            Dynalite dynalite = new Dynalite(process, URI.create("http://127.0.0.1:" + listeningPort));
            Runtime.getRuntime().addShutdownHook(new Thread(dynalite::close));
            return dynalite;
        } catch (Exception e) {
            throw new IllegalStateException("dynalite " + VERSION + " did not start", e);
        }
    }

    public URI endpoint() {
        return endpoint;
    }

    /** The node process's id, so the benchmark can read its resident memory. */
    public long pid() {
        return process.pid();
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    private static int readPort(BufferedReader output) {
        try {
            StringBuilder seen = new StringBuilder();
            for (String line = output.readLine(); line != null; line = output.readLine()) {
                Matcher matcher = LISTENING.matcher(line);
                if (matcher.find()) {
                    return Integer.parseInt(matcher.group(1));
                }
                seen.append(line).append('\n');
            }
            throw new IllegalStateException("dynalite exited before listening:\n" + seen);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Installs once per build folder; the file lock keeps two JVMs of one build from installing at the same time. */
    private static Path install() {
        Path module = INSTALL_DIRECTORY.resolve("node_modules").resolve("dynalite");
        try {
            Files.createDirectories(INSTALL_DIRECTORY);
            try (FileChannel channel = FileChannel.open(
                            INSTALL_DIRECTORY.resolve(".install.lock"),
                            StandardOpenOption.CREATE,
                            StandardOpenOption.WRITE);
                    var lock = channel.lock()) {
                if (!isInstalled(module)) {
                    run(
                            List.of(
                                    "npm",
                                    "install",
                                    "--no-audit",
                                    "--no-fund",
                                    "--no-save",
                                    "--prefix",
                                    INSTALL_DIRECTORY.toString(),
                                    "dynalite@" + VERSION),
                            Duration.ofMinutes(3));
                }
            }
            return module;
        } catch (IOException e) {
            throw new UncheckedIOException("could not install dynalite " + VERSION + " with npm", e);
        }
    }

    private static boolean isInstalled(Path module) throws IOException {
        Path manifest = module.resolve("package.json");
        return Files.exists(manifest)
                && Files.readString(manifest, StandardCharsets.UTF_8).contains("\"version\": \"" + VERSION + "\"");
    }

    private static String run(List<String> command, Duration timeout) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> {
            try {
                return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IOException(String.join(" ", command) + " took longer than " + timeout);
            }
            String text = output.join();
            if (process.exitValue() != 0) {
                throw new IOException(
                        String.join(" ", command) + " failed with exit code " + process.exitValue() + ":\n" + text);
            }
            return text;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IOException("interrupted while running " + command, e);
        }
    }

    private static String jsString(String value) {
        return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    /** Probed once per JVM: node on the PATH, major version 20 or newer. */
    private static final class NodeCheck {
        static final Optional<String> RESULT = probe();

        private static Optional<String> probe() {
            String version;
            try {
                version = run(List.of("node", "--version"), Duration.ofSeconds(20))
                        .trim();
            } catch (IOException e) {
                return Optional.of("dynalite tests skipped: no `node` on the PATH ("
                        + e.getMessage().lines().findFirst().orElse("") + "); install Node.js " + MINIMUM_NODE_MAJOR
                        + " or newer to run them");
            }
            Matcher major = Pattern.compile("^v(\\d+)\\.").matcher(version);
            if (!major.find() || Integer.parseInt(major.group(1)) < MINIMUM_NODE_MAJOR) {
                return Optional.of("dynalite tests skipped: `node --version` is " + version + ", dynalite " + VERSION
                        + " needs Node.js " + MINIMUM_NODE_MAJOR + " or newer");
            }
            return Optional.empty();
        }
    }
}
