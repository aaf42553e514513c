package dev.groundwork.dynamodb.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Drives one DynamoDB operation at a server as pre-built HTTP/1.1 requests over keep-alive connections, one client per
 * platform thread with blocking sockets, and prints {@code count p50Nanos p99Nanos wallNanos} on one line.
 *
 * <p>It runs in a process of its own ({@link #main}), started by {@link DynamoDbBenchmark} for each server alike: the
 * server under test then shares the CPU only with this lean client, not with an HTTP client library or an SDK in its
 * own JVM. Bodies are {@code template} with {@code %d} replaced by 0 … keys-1, in turn.
 *
 * <p>Arguments: {@code host port operation clients warmUpSeconds seconds keys template}.
 */
public final class LoadGenerator {
    private LoadGenerator() {
    }

    public static void main(String[] args) throws Exception {
        String host = args[0];
        int port = Integer.parseInt(args[1]);
        String operation = args[2];
        int clients = Integer.parseInt(args[3]);
        double warmUpSeconds = Double.parseDouble(args[4]);
        double seconds = Double.parseDouble(args[5]);
        int keys = Integer.parseInt(args[6]);
        String template = args[7];
        byte[][] requests = new byte[keys][];
        for (int i = 0; i < keys; i++) {
            requests[i] = request(host, port, operation, template.replace("%d", Integer.toString(i)));
        }
        run(host, port, requests, clients, warmUpSeconds);
        Result result = run(host, port, requests, clients, seconds);
        System.out.println(result.count() + " " + result.percentile(50) + " " + result.percentile(99) + " " + result.wallNanos());
    }

    record Result(long[] sortedLatencies, int count, long wallNanos) {
        long percentile(double p) {
            return sortedLatencies[Math.min(count - 1, (int) Math.ceil(p / 100 * count) - 1)];
        }
    }

    private static Result run(String host, int port, byte[][] requests, int clients, double seconds) throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        CountDownLatch ready = new CountDownLatch(clients);
        CountDownLatch go = new CountDownLatch(1);
        List<Client> all = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            Client client = new Client(host, port, requests, c, clients, stop, ready, go);
            all.add(client);
            threads.add(Thread.ofPlatform().name("load-" + c).start(client));
        }
        ready.await();
        long began = System.nanoTime();
        go.countDown();
        Thread.sleep((long) (seconds * 1000));
        stop.set(true);
        for (Thread thread : threads) thread.join();
        long wall = System.nanoTime() - began;
        int count = 0;
        for (Client client : all) {
            if (client.failure != null) throw new IllegalStateException(client.failure);
            count += client.count;
        }
        long[] latencies = new long[count];
        int at = 0;
        for (Client client : all) {
            System.arraycopy(client.latencies, 0, latencies, at, client.count);
            at += client.count;
        }
        Arrays.sort(latencies);
        return new Result(latencies, count, wall);
    }

    private static byte[] request(String host, int port, String operation, String body) {
        byte[] bodyBytes = body.getBytes(StandardCharsets.UTF_8);
        String head = "POST / HTTP/1.1\r\nHost: " + host + ":" + port + "\r\n"
                + "X-Amz-Target: DynamoDB_20120810." + operation + "\r\n"
                + "Content-Type: application/x-amz-json-1.0\r\n"
                + "Authorization: AWS4-HMAC-SHA256 Credential=bench/20260101/us-east-1/dynamodb/aws4_request, "
                + "SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=0\r\n"
                + "X-Amz-Date: 20260101T000000Z\r\n"
                + "Content-Length: " + bodyBytes.length + "\r\n\r\n";
        byte[] headBytes = head.getBytes(StandardCharsets.US_ASCII);
        byte[] all = Arrays.copyOf(headBytes, headBytes.length + bodyBytes.length);
        System.arraycopy(bodyBytes, 0, all, headBytes.length, bodyBytes.length);
        return all;
    }

    /** One keep-alive connection sending requests one after another, each after the previous answer. */
    private static final class Client implements Runnable {
        private final String host;
        private final int port;
        private final byte[][] requests;
        private final int first;
        private final int step;
        private final AtomicBoolean stop;
        private final CountDownLatch ready;
        private final CountDownLatch go;
        private final byte[] buffer = new byte[256 * 1024];
        private long[] latencies = new long[1 << 16];
        private int count;
        private String failure;

        Client(String host, int port, byte[][] requests, int first, int step, AtomicBoolean stop, CountDownLatch ready,
                CountDownLatch go) {
            this.host = host;
            this.port = port;
            this.requests = requests;
            this.first = first;
            this.step = step;
            this.stop = stop;
            this.ready = ready;
            this.go = go;
        }

        @Override
        public void run() {
            try (Socket socket = new Socket()) {
                socket.setTcpNoDelay(true);
                socket.connect(new InetSocketAddress(host, port));
                OutputStream out = socket.getOutputStream();
                InputStream in = socket.getInputStream();
                ready.countDown();
                go.await();
                for (int i = first; !stop.get(); i += step) {
                    long began = System.nanoTime();
                    out.write(requests[i % requests.length]);
                    readResponse(in);
                    if (count == latencies.length) latencies = Arrays.copyOf(latencies, count * 2);
                    latencies[count++] = System.nanoTime() - began;
                }
            } catch (Exception e) {
                failure = e.toString();
                ready.countDown();
            }
        }

        /** Reads one whole response and checks it is a 200. */
        private void readResponse(InputStream in) throws IOException {
            int filled = 0;
            int headerEnd = -1;
            while (headerEnd < 0) {
                int n = in.read(buffer, filled, buffer.length - filled);
                if (n < 0) throw new IOException("connection closed");
                int from = Math.max(0, filled - 3);
                filled += n;
                for (int i = from; i + 3 < filled; i++) {
                    if (buffer[i] == '\r' && buffer[i + 1] == '\n' && buffer[i + 2] == '\r' && buffer[i + 3] == '\n') {
                        headerEnd = i + 4;
                        break;
                    }
                }
            }
            String head = new String(buffer, 0, headerEnd, StandardCharsets.ISO_8859_1);
            if (!head.startsWith("HTTP/1.1 200")) {
                throw new IOException("answered " + head.lines().findFirst().orElse("") + ": "
                        + new String(buffer, headerEnd, filled - headerEnd, StandardCharsets.UTF_8));
            }
            int at = head.toLowerCase(Locale.ROOT).indexOf("content-length:");
            if (at < 0) throw new IOException("no Content-Length");
            int lineEnd = head.indexOf('\r', at);
            int length = Integer.parseInt(head.substring(at + 15, lineEnd).trim());
            int remaining = headerEnd + length - filled;
            while (remaining > 0) {
                long skipped = in.skip(remaining);
                if (skipped <= 0) {
                    if (in.read() < 0) throw new IOException("connection closed in a body");
                    skipped = 1;
                }
                remaining -= (int) skipped;
            }
        }
    }
}
