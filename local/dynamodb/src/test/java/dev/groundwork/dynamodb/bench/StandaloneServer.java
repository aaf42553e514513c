package dev.groundwork.dynamodb.bench;

import dev.groundwork.dynamodb.EmbeddedDynamoDb;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.util.concurrent.TimeUnit;

/**
 * The embedded server in a JVM of its own, started by the main class that {@code java -jar groundwork-dynamodb.jar}
 * runs, with the JVM's default flags: the way the benchmark measures the server itself, as dynalite runs in a node
 * process of its own. In the benchmark's JVM it would share a heap, a JIT and a garbage collector with 16 SDK clients
 * and with the 100,000 items of the memory measure.
 */
final class StandaloneServer implements AutoCloseable {
    private final Process process;
    private final URI endpoint;

    private StandaloneServer(Process process, URI endpoint) {
        this.process = process;
        this.endpoint = endpoint;
    }

    static StandaloneServer start(String javaBinary) throws IOException, InterruptedException {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        Process process = new ProcessBuilder(
                        javaBinary,
                        "-cp",
                        System.getProperty("java.class.path"),
                        EmbeddedDynamoDb.class.getName(),
                        "--port",
                        Integer.toString(port))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        StandaloneServer server = new StandaloneServer(process, URI.create("http://127.0.0.1:" + port));
        // A benchmark stopped with Ctrl-C or a failure must not leave a server listening behind it.
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
        try {
            FirstAnswer.await(server.endpoint, process::isAlive);
        } catch (RuntimeException | InterruptedException e) {
            server.close();
            throw e;
        }
        return server;
    }

    URI endpoint() {
        return endpoint;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } finally {
            if (process.isAlive()) {
                process.destroyForcibly();
            }
        }
    }
}
