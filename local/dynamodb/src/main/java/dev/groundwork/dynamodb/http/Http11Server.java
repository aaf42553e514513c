package dev.groundwork.dynamodb.http;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;

/**
 * A small HTTP/1.1 server for one kind of traffic: AWS SDK requests with a body of known length (or chunked),
 * answered with a body of known length, on keep-alive connections.
 *
 * <p>One acceptor thread hands connections round-robin to a few event loops, each a {@link Selector} over non-blocking
 * channels. A loop reads what is ready, parses every complete request in the connection's buffer (pipelined requests
 * included), calls the handler on the loop thread and writes all the answers in one write. Handlers must therefore
 * not block for long: the storage's table locks are held for the work on one request, never across I/O, and the
 * journal is forced to disk outside its lock.
 *
 * <p>Half as many loops as processors (at least one; {@code -Dgroundwork.dynamodb.eventLoops=N} to choose): this
 * server always shares its machine with its clients, and a loop per processor only adds the context switches of
 * threads taking turns on the same cores. On 2 cores one loop answered more calls a second than two loops, and more
 * than a virtual thread per connection, which spent a sixth of its CPU parking and unparking threads; the figures and
 * the command that measures them are in docs/embedded-dynamodb.md ("How it serves requests", "Speed").
 *
 * <p>This class listens and accepts; an {@link EventLoop} runs its selector; a {@link Connection} reads, serves and
 * writes one client's requests, with a {@link RequestHeadParser} for each head, {@link ChunkedBody} for chunked bodies
 * and {@link ResponseEncoder} for the answers.
 */
final class Http11Server {
    /** What the server asks of the application: an answer to one request. */
    interface Handler {
        /** {@code head} describes this request only until the handler returns. */
        Response handle(RequestHeadParser head, byte[] body);
    }

    /** An answer; {@code contentType} is null for one without a body type (a CORS preflight). */
    record Response(int status, String contentType, byte[] body, String[] extraHeaders) {}

    /**
     * Handlers run on the loops, and the expression parser recurses once per level of parentheses or NOT: within AWS's
     * 4 KB expression limit that is up to about 2,000 levels, more than a default 1 MB thread stack holds. The stack is
     * reserved, not committed, until used.
     */
    private static final long LOOP_STACK_BYTES = 16L * 1024 * 1024;

    /**
     * The largest request body read; a larger one is refused with 413 before it is read. DynamoDB's limit for a request
     * is 16 MB (the BatchWriteItem API reference: "up to 16 MB of data"; dynalite's MAX_REQUEST_BYTES, whose tests were
     * recorded against DynamoDB, answers a larger body 413).
     */
    static final int MAX_BODY = 16 * 1024 * 1024;

    private final Handler handler;
    private final int loopCount;
    private ServerSocketChannel listener;
    private Thread acceptor;
    private EventLoop[] loops;

    Http11Server(Handler handler) {
        this(
                handler,
                Integer.getInteger(
                        "groundwork.dynamodb.eventLoops",
                        Math.max(1, Runtime.getRuntime().availableProcessors() / 2)));
    }

    Http11Server(Handler handler, int loopCount) {
        this.handler = handler;
        this.loopCount = Math.max(1, loopCount);
    }

    synchronized int start(String host, int port) throws IOException {
        ServerSocketChannel channel = ServerSocketChannel.open();
        EventLoop[] started = new EventLoop[loopCount];
        try {
            channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            channel.bind(new InetSocketAddress(host, port), 512);
            int boundPort = ((InetSocketAddress) channel.getLocalAddress()).getPort();
            for (int i = 0; i < loopCount; i++) {
                started[i] = new EventLoop(Selector.open(), handler);
                started[i].thread = Thread.ofPlatform()
                        .daemon()
                        .name("groundwork-dynamodb-loop-" + boundPort + "-" + i)
                        .stackSize(LOOP_STACK_BYTES)
                        .start(started[i]);
            }
            listener = channel;
            loops = started;
            acceptor = Thread.ofPlatform()
                    .daemon()
                    .name("groundwork-dynamodb-accept-" + boundPort)
                    .start(() -> accept(channel, started));
            return boundPort;
        } catch (IOException | RuntimeException e) {
            closeQuietly(channel);
            for (EventLoop loop : started) {
                if (loop != null) loop.close();
            }
            throw e;
        }
    }

    /**
     * Stops listening and closes every open connection; clients see the server go away. When it returns, no handler is
     * running any more (unless stop was called from a handler itself).
     */
    synchronized void stop() {
        if (listener == null) return;
        closeQuietly(listener);
        join(acceptor);
        for (EventLoop loop : loops) loop.close();
        for (EventLoop loop : loops) join(loop.thread);
        listener = null;
        acceptor = null;
        loops = null;
    }

    private static void join(Thread thread) {
        if (thread == Thread.currentThread()) return;
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void accept(ServerSocketChannel listener, EventLoop[] loops) {
        int next = 0;
        while (listener.isOpen()) {
            try {
                SocketChannel connection = listener.accept();
                connection.configureBlocking(false);
                connection.setOption(StandardSocketOptions.TCP_NODELAY, true);
                EventLoop loop = loops[next];
                next = (next + 1) % loops.length;
                loop.adopt(connection);
            } catch (ClosedChannelException closed) {
                return;
            } catch (IOException e) {
                if (!listener.isOpen()) return;
                // Out of file descriptors or a similar passing trouble: do not spin on it.
                try {
                    Thread.sleep(10);
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
    }

    static void closeQuietly(java.io.Closeable closeable) {
        try {
            closeable.close();
        } catch (IOException ignored) {
            // closing is all we want
        }
    }
}
