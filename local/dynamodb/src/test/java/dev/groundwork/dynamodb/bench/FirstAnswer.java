package dev.groundwork.dynamodb.bench;

import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.function.BooleanSupplier;

/**
 * A server's readiness as a benchmark counts it: a raw ListTables over a plain socket, retried until it is answered
 * 200, so that no HTTP client's or SDK's own start-up is in the figure. A class of its own, with nothing but the JDK
 * in it, because {@link StartProbe} times a cold JVM and must not load anything else on the way.
 */
final class FirstAnswer {
    private FirstAnswer() {}

    static void await(URI endpoint) throws InterruptedException {
        await(endpoint, () -> true);
    }

    /** As above, giving up as soon as {@code serverAlive} says the server's process has ended. */
    static void await(URI endpoint, BooleanSupplier serverAlive) throws InterruptedException {
        byte[] request = ("POST / HTTP/1.1\r\nHost: " + endpoint.getHost() + ":" + endpoint.getPort() + "\r\n"
                        + "X-Amz-Target: DynamoDB_20120810.ListTables\r\nContent-Type: application/x-amz-json-1.0\r\n"
                        + "Authorization: AWS4-HMAC-SHA256 Credential=bench/20260101/us-east-1/dynamodb/aws4_request, "
                        + "SignedHeaders=host;x-amz-date, Signature=0\r\nX-Amz-Date: 20260101T000000Z\r\n"
                        + "Content-Length: 2\r\nConnection: close\r\n\r\n{}")
                .getBytes(StandardCharsets.US_ASCII);
        for (int attempt = 0; attempt < 10_000; attempt++) {
            if (!serverAlive.getAsBoolean()) {
                throw new IllegalStateException("the server for " + endpoint + " exited before it answered");
            }
            try (Socket socket = new Socket(endpoint.getHost(), endpoint.getPort())) {
                socket.getOutputStream().write(request);
                byte[] status = socket.getInputStream().readNBytes(12);
                if (new String(status, StandardCharsets.US_ASCII).endsWith("200")) {
                    return;
                }
            } catch (IOException notYetListening) {
                // try again
            }
            Thread.sleep(1);
        }
        throw new IllegalStateException(endpoint + " never answered");
    }
}
