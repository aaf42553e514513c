package dev.groundwork.dynamodb.bench;

import dev.groundwork.dynamodb.EmbeddedDynamoDb;

/**
 * Starts an embedded server in this JVM and prints the nanoseconds from {@code EmbeddedDynamoDb.start()} to its first
 * answer. {@link DynamoDbBenchmark} runs it in fresh JVMs on its own class path, as a test JVM would start a server
 * first thing: a cold start each time, measured several times rather than once.
 */
public final class StartProbe {
    private StartProbe() {}

    public static void main(String[] args) throws Exception {
        long started = System.nanoTime();
        try (EmbeddedDynamoDb server = EmbeddedDynamoDb.start()) {
            FirstAnswer.await(server.endpoint());
            System.out.println(System.nanoTime() - started);
        }
    }
}
