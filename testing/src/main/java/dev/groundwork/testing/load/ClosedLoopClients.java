package dev.groundwork.testing.load;

import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Closed-loop HTTP/1.1 load, as both benchmarks measure it ({@code ./groundwork bench local} through the runner,
 * {@code ./groundwork bench dynamodb} against the embedded DynamoDB): {@code clients} keep-alive connections, each
 * sending a pre-built request as soon as the answer to its previous one is in, for a fixed time, and the latency of
 * every answered request.
 *
 * <p>All clients share one thread and one selector, as wrk drives its connections: one thread wakes once for every
 * answer that arrived since it last looked, where a thread per client costs a wake-up and a context switch per answer.
 * On a 2-core machine the load generator's CPU is taken from the server it measures, and {@code java.net.http}'s or an
 * SDK's machinery cost several times what this does.
 */
public final class ClosedLoopClients {

    /** Latencies of the answered requests in nanoseconds, sorted; the wall time of the run; what failed. */
    public record Run(long[] latencies, long wallNanos, int failures, String firstFailure) {

        public int count() {
            return latencies.length;
        }

        /** The nearest-rank percentile: the latency that {@code percentile} % of the requests did not exceed. */
        public long percentileNanos(double percentile) {
            int index = (int) Math.ceil(percentile / 100 * latencies.length) - 1;
            return latencies[Math.max(0, Math.min(latencies.length - 1, index))];
        }

        public double percentileMillis(double percentile) {
            return percentileNanos(percentile) / 1e6;
        }

        public double perSecond() {
            return latencies.length / (wallNanos / 1e9);
        }
    }

    private static final int FIRST_BUFFER = 64 * 1024;

    private final String host;
    private final int port;

    public ClosedLoopClients(String host, int port) {
        this.host = host;
        this.port = port;
    }

    /**
     * {@code method path} with a {@code Host} header, then {@code headers} ("Name: value") in order, then, with a body,
     * its {@code Content-Length}.
     */
    public byte[] request(String method, String path, List<String> headers, byte[] body) {
        StringBuilder head = new StringBuilder()
                .append(method)
                .append(' ')
                .append(path)
                .append(" HTTP/1.1\r\nHost: ")
                .append(host)
                .append(':')
                .append(port)
                .append("\r\n");
        headers.forEach(header -> head.append(header).append("\r\n"));
        if (body.length > 0) {
            head.append("Content-Length: ").append(body.length).append("\r\n");
        }
        byte[] headBytes = head.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII);
        byte[] all = Arrays.copyOf(headBytes, headBytes.length + body.length);
        System.arraycopy(body, 0, all, headBytes.length, body.length);
        return all;
    }

    public Run run(byte[] request, int clients, Duration duration) throws IOException {
        return run(List.of(request), clients, duration);
    }

    /**
     * Client {@code c} sends {@code requests} {@code c}, {@code c + clients}, {@code c + 2 × clients} … in turn (modulo
     * their number), so that every request is sent and no two clients send the same one at once.
     */
    public Run run(List<byte[]> requests, int clients, Duration duration) throws IOException {
        List<Connection> connections = new ArrayList<>();
        Failures refused = new Failures();
        try (Selector selector = Selector.open()) {
            for (int c = 0; c < clients; c++) {
                try {
                    SocketChannel channel = SocketChannel.open(new InetSocketAddress(host, port));
                    channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
                    channel.configureBlocking(false);
                    Connection connection = new Connection(channel, requests, c, clients);
                    channel.register(selector, SelectionKey.OP_READ, connection);
                    connections.add(connection);
                } catch (IOException e) {
                    refused.add(e.toString());
                }
            }
            long began = System.nanoTime();
            long ends = began + duration.toNanos();
            for (Connection connection : connections) {
                connection.send(began);
            }
            while (System.nanoTime() < ends) {
                selector.select(100);
                long now = System.nanoTime();
                for (SelectionKey key : selector.selectedKeys()) {
                    Connection connection = (Connection) key.attachment();
                    try {
                        if (connection.receive(now) && now < ends) {
                            connection.send(System.nanoTime());
                        }
                    } catch (IOException e) {
                        // As a client whose connection broke: it stops, the others go on.
                        connection.failures.add(e.toString());
                        key.cancel();
                    }
                }
                selector.selectedKeys().clear();
            }
            long wall = System.nanoTime() - began;
            return collect(connections, refused, wall);
        } finally {
            for (Connection connection : connections) {
                connection.channel.close();
            }
        }
    }

    private static Run collect(List<Connection> connections, Failures refused, long wallNanos) {
        int count =
                connections.stream().mapToInt(connection -> connection.count).sum();
        long[] latencies = new long[count];
        int at = 0;
        Failures failures = refused;
        for (Connection connection : connections) {
            System.arraycopy(connection.latencies, 0, latencies, at, connection.count);
            at += connection.count;
            failures = failures.and(connection.failures);
        }
        Arrays.sort(latencies);
        return new Run(latencies, wallNanos, failures.count, failures.first);
    }

    private static final class Failures {
        int count;
        String first;

        void add(String what) {
            count++;
            if (first == null) {
                first = what;
            }
        }

        Failures and(Failures other) {
            count += other.count;
            if (first == null) {
                first = other.first;
            }
            return this;
        }
    }

    /** One keep-alive connection: a request, then its whole answer, then the next request. */
    private static final class Connection {
        final SocketChannel channel;
        final Failures failures = new Failures();
        private final List<byte[]> requests;
        private final int step;
        private int next;
        private ByteBuffer in = ByteBuffer.allocate(FIRST_BUFFER);
        private long sentAt;
        long[] latencies = new long[1 << 14];
        int count;

        Connection(SocketChannel channel, List<byte[]> requests, int first, int step) {
            this.channel = channel;
            this.requests = requests;
            this.next = first;
            this.step = step;
        }

        void send(long now) throws IOException {
            ByteBuffer request = ByteBuffer.wrap(requests.get(next % requests.size()));
            next += step;
            sentAt = now;
            // A request of a few KB fits the socket's send buffer: a non-blocking write takes it whole.
            while (request.hasRemaining()) {
                if (channel.write(request) == 0) {
                    Thread.onSpinWait();
                }
            }
        }

        /** Reads what arrived; true when it completed an answer (an error status counts as a failure, not a latency). */
        boolean receive(long now) throws IOException {
            if (!in.hasRemaining()) {
                in = ByteBuffer.allocate(in.capacity() * 2).put(in.flip());
            }
            if (channel.read(in) < 0) {
                throw new EOFException("the server closed the connection");
            }
            byte[] bytes = in.array();
            int filled = in.position();
            int end = HttpAnswer.end(bytes, filled);
            if (end < 0) {
                return false;
            }
            int status = HttpAnswer.status(bytes);
            if (status >= 300) {
                failures.add(HttpAnswer.describeFailure(bytes, end, status));
            } else {
                if (count == latencies.length) {
                    latencies = Arrays.copyOf(latencies, count * 2);
                }
                latencies[count++] = now - sentAt;
            }
            in.flip().position(end);
            in.compact();
            return true;
        }
    }
}
