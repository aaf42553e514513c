package dev.groundwork.dynamodb.bench;

import dev.groundwork.testing.load.ClosedLoopClients;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Drives one DynamoDB operation at a server with {@link ClosedLoopClients} (pre-built HTTP/1.1 requests on keep-alive
 * connections) and prints {@code count p50Nanos p99Nanos wallNanos} on one line; exits 1 if any request failed.
 *
 * <p>It runs in a process of its own ({@link #main}), started by {@link DynamoDbBenchmark} for each server alike: the
 * server under test then shares the CPU only with this lean client, not with an HTTP client library or an SDK in its
 * own JVM. Bodies are {@code template} with {@code %d} replaced by 0 … keys-1, in turn.
 *
 * <p>Arguments: {@code host port operation clients warmUpSeconds seconds keys template}.
 */
public final class LoadGenerator {
    private LoadGenerator() {}

    public static void main(String[] args) throws Exception {
        String host = args[0];
        int port = Integer.parseInt(args[1]);
        String operation = args[2];
        int clients = Integer.parseInt(args[3]);
        Duration warmUp = seconds(Double.parseDouble(args[4]));
        Duration measured = seconds(Double.parseDouble(args[5]));
        int keys = Integer.parseInt(args[6]);
        String template = args[7];
        ClosedLoopClients load = new ClosedLoopClients(host, port);
        List<byte[]> requests = new ArrayList<>();
        for (int i = 0; i < keys; i++) {
            requests.add(request(load, operation, template.replace("%d", Integer.toString(i))));
        }
        ClosedLoopClients.Run run = load.run(requests, clients, warmUp);
        if (run.failures() == 0) {
            run = load.run(requests, clients, measured);
        }
        if (run.failures() > 0) {
            System.err.println(
                    operation + ": " + run.failures() + " requests failed, the first with " + run.firstFailure());
            System.exit(1);
        }
        System.out.println(
                run.count() + " " + run.percentileNanos(50) + " " + run.percentileNanos(99) + " " + run.wallNanos());
    }

    private static Duration seconds(double seconds) {
        return Duration.ofNanos((long) (seconds * 1e9));
    }

    /** Signed as the SDK would sign it, in shape only: neither server checks the signature. */
    private static byte[] request(ClosedLoopClients load, String operation, String body) {
        return load.request(
                "POST",
                "/",
                List.of(
                        "X-Amz-Target: DynamoDB_20120810." + operation,
                        "Content-Type: application/x-amz-json-1.0",
                        "Authorization: AWS4-HMAC-SHA256 Credential=bench/20260101/us-east-1/dynamodb/aws4_request, "
                                + "SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=0",
                        "X-Amz-Date: 20260101T000000Z"),
                body.getBytes(StandardCharsets.UTF_8));
    }
}
