package dev.groundwork.dynamodb.http;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/** One selector thread and the connections it owns; nothing here is touched by another thread but the queue. */
final class EventLoop implements Runnable {
    static final int INITIAL_OUTPUT = 64 * 1024;
    /** A loop's output buffer that grew past this for one large answer is replaced by a small one afterwards. */
    static final int RETAINED_OUTPUT = 1024 * 1024;

    final Selector selector;
    private final Http11Server.Handler handler;
    private final Queue<SocketChannel> adopted = new ConcurrentLinkedQueue<>();
    volatile boolean closing;
    Thread thread;
    /** Answers are encoded here and written from here; direct, so the write needs no copy into a native buffer. */
    ByteBuffer output = ByteBuffer.allocateDirect(INITIAL_OUTPUT);

    EventLoop(Selector selector, Http11Server.Handler handler) {
        this.selector = selector;
        this.handler = handler;
    }

    void adopt(SocketChannel connection) {
        adopted.add(connection);
        selector.wakeup();
        // A connection handed over while the loop was closing would never be closed by it.
        if (closing) closeAdopted();
    }

    /** Makes the loop close its connections and end; for {@link Http11Server#stop}. */
    void close() {
        closing = true;
        selector.wakeup();
    }

    @Override
    public void run() {
        try {
            while (!closing) {
                selector.select(this::ready);
                SocketChannel channel;
                while ((channel = adopted.poll()) != null) {
                    if (closing) {
                        Http11Server.closeQuietly(channel);
                        continue;
                    }
                    try {
                        Connection connection = new Connection(channel, this, handler);
                        connection.key = channel.register(selector, SelectionKey.OP_READ, connection);
                    } catch (IOException e) {
                        Http11Server.closeQuietly(channel);
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            System.getLogger(Http11Server.class.getName()).log(System.Logger.Level.ERROR, "event loop failed", e);
        } finally {
            closing = true; // the acceptor's next connections are closed at once, never left waiting on a dead loop
            for (SelectionKey key : selector.keys()) Http11Server.closeQuietly(key.channel());
            Http11Server.closeQuietly(selector);
            closeAdopted();
        }
    }

    private void closeAdopted() {
        SocketChannel channel;
        while ((channel = adopted.poll()) != null) Http11Server.closeQuietly(channel);
    }

    private void ready(SelectionKey key) {
        Connection connection = (Connection) key.attachment();
        try {
            if (key.isWritable()) connection.writePending();
            if (key.isValid() && key.isReadable()) connection.readAndServe();
        } catch (IOException | RuntimeException e) {
            // the client went away, sent something malformed, or the handler failed: drop the connection, as a server
            // does
            connection.close();
        } catch (Error e) {
            // Not even an Error may end the loop: every other connection it serves would hang.
            connection.close();
            System.getLogger(Http11Server.class.getName()).log(System.Logger.Level.ERROR, "dropped a connection", e);
        }
    }

    /** Room for {@code bytes} more in the output buffer, growing it if one answer is larger than it. */
    ByteBuffer output(int bytes) {
        if (output.remaining() < bytes) {
            int capacity = output.capacity();
            while (capacity - output.position() < bytes) capacity *= 2;
            ByteBuffer larger = ByteBuffer.allocateDirect(capacity);
            output.flip();
            larger.put(output);
            output = larger;
        }
        return output;
    }

    void shrinkOutput() {
        if (output.capacity() > RETAINED_OUTPUT) output = ByteBuffer.allocateDirect(INITIAL_OUTPUT);
    }
}
