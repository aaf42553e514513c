package dev.groundwork.dynamodb.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Drives one DynamoDB operation at a server as pre-built HTTP/1.1 requests over keep-alive connections, each client
 * sending its next request as soon as the previous answer is in, and prints {@code count p50Nanos p99Nanos wallNanos}
 * on one line.
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
        System.out.println(
                result.count() + " " + result.percentile(50) + " " + result.percentile(99) + " " + result.wallNanos());
    }

    record Result(long[] sortedLatencies, int count, long wallNanos) {
        long percentile(double p) {
            return sortedLatencies[Math.min(count - 1, (int) Math.ceil(p / 100 * count) - 1)];
        }
    }

    /**
     * All clients on one thread and one selector, as wrk drives its connections: an answer that completes is followed
     * at once by that client's next request. One thread wakes once for every answer that arrived since it last looked,
     * where a thread per client costs a wake-up and a context switch per answer: on 2 shared cores that difference is
     * CPU the server under test gets or not.
     */
    private static Result run(String host, int port, byte[][] requests, int clients, double seconds)
            throws IOException {
        List<Connection> connections = new ArrayList<>();
        try (Selector selector = Selector.open()) {
            for (int c = 0; c < clients; c++) {
                SocketChannel channel = SocketChannel.open(new InetSocketAddress(host, port));
                channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
                channel.configureBlocking(false);
                Connection connection = new Connection(channel, requests, c, clients);
                channel.register(selector, SelectionKey.OP_READ, connection);
                connections.add(connection);
            }
            long began = System.nanoTime();
            long ends = began + (long) (seconds * 1e9);
            for (Connection connection : connections) connection.send(began);
            while (System.nanoTime() < ends) {
                selector.select(100);
                long now = System.nanoTime();
                for (SelectionKey key : selector.selectedKeys()) {
                    Connection connection = (Connection) key.attachment();
                    if (connection.receive(now) && now < ends) connection.send(System.nanoTime());
                }
                selector.selectedKeys().clear();
            }
            long wall = System.nanoTime() - began;
            int count = 0;
            for (Connection connection : connections) count += connection.count;
            long[] latencies = new long[count];
            int at = 0;
            for (Connection connection : connections) {
                System.arraycopy(connection.latencies, 0, latencies, at, connection.count);
                at += connection.count;
                connection.channel.close();
            }
            Arrays.sort(latencies);
            return new Result(latencies, count, wall);
        }
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

    /** One keep-alive connection: a request, then its whole answer, then the next request. */
    private static final class Connection {
        private final SocketChannel channel;
        private final byte[][] requests;
        private final int step;
        private int next;
        private final ByteBuffer in = ByteBuffer.allocate(256 * 1024);
        private long sentAt;
        private long[] latencies = new long[1 << 16];
        private int count;

        Connection(SocketChannel channel, byte[][] requests, int first, int step) {
            this.channel = channel;
            this.requests = requests;
            this.next = first;
            this.step = step;
        }

        void send(long now) throws IOException {
            ByteBuffer request = ByteBuffer.wrap(requests[next % requests.length]);
            next += step;
            sentAt = now;
            // A request of a few KB fits the socket's send buffer: a non-blocking write takes it whole.
            while (request.hasRemaining()) {
                if (channel.write(request) == 0) Thread.onSpinWait();
            }
        }

        /** Reads what arrived; true when it completed an answer, which must be a 200. */
        boolean receive(long now) throws IOException {
            if (channel.read(in) < 0) throw new IOException("the server closed the connection");
            byte[] bytes = in.array();
            int filled = in.position();
            int headerEnd = -1;
            for (int i = 0; i + 3 < filled; i++) {
                if (bytes[i] == '\r' && bytes[i + 1] == '\n' && bytes[i + 2] == '\r' && bytes[i + 3] == '\n') {
                    headerEnd = i + 4;
                    break;
                }
            }
            if (headerEnd < 0) return false;
            String head = new String(bytes, 0, headerEnd, StandardCharsets.ISO_8859_1);
            int at = head.toLowerCase(Locale.ROOT).indexOf("content-length:");
            if (at < 0) throw new IOException("no Content-Length in " + head);
            int length = Integer.parseInt(
                    head.substring(at + 15, head.indexOf('\r', at)).trim());
            if (filled < headerEnd + length) return false;
            if (!head.startsWith("HTTP/1.1 200")) {
                throw new IOException("answered " + head.lines().findFirst().orElse("") + ": "
                        + new String(bytes, headerEnd, length, StandardCharsets.UTF_8));
            }
            in.clear();
            if (count == latencies.length) latencies = Arrays.copyOf(latencies, count * 2);
            latencies[count++] = now - sentAt;
            return true;
        }
    }
}
