package dev.groundwork.dynamodb.http;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.Arrays;

/**
 * One client connection: its unparsed input, the head of the request being read, and output the socket did not take
 * yet. While output is pending the connection is not read, so a client that does not read cannot make the server
 * buffer without bound.
 */
final class Connection {
    private static final int INITIAL_INPUT = 16 * 1024;
    private static final byte[] EMPTY = new byte[0];

    private final SocketChannel channel;
    private final EventLoop loop;
    private final Http11Server.Handler handler;
    private final RequestHeadParser head = new RequestHeadParser();
    private final long[] chunkedEndAndSize = new long[2];
    SelectionKey key;
    /** Bytes read and not yet consumed are {@code [start, input.position())}; the buffer is in write mode. */
    private ByteBuffer input = ByteBuffer.allocate(INITIAL_INPUT);

    private int start;
    private ByteBuffer pending;
    private boolean closeAfterWrite;

    /** Whether {@link #head} describes the request whose body is awaited; its body starts at {@link #bodyStart}. */
    private boolean headParsed;

    private int bodyStart;

    Connection(SocketChannel channel, EventLoop loop, Http11Server.Handler handler) {
        this.channel = channel;
        this.loop = loop;
        this.handler = handler;
    }

    void readAndServe() throws IOException {
        if (!input.hasRemaining()) makeRoom(input.position() - start + 1);
        int read = channel.read(input);
        if (read < 0) {
            close();
            return;
        }
        if (read == 0) return;
        serveBuffered();
    }

    void writePending() throws IOException {
        channel.write(pending);
        if (pending.hasRemaining()) return;
        pending = null;
        if (closeAfterWrite) {
            close();
        } else {
            key.interestOps(SelectionKey.OP_READ);
            serveBuffered(); // requests that arrived with the ones just answered get no read event of their own
        }
    }

    void close() {
        if (key != null) key.cancel();
        Http11Server.closeQuietly(channel);
    }

    /**
     * Answers the complete requests in the buffer, pipelined ones included, about {@link EventLoop#RETAINED_OUTPUT} of
     * answers at a time: a client that pipelines many requests with large answers cannot make one read grow the output
     * without bound. What the socket does not take waits for OP_WRITE, and the requests still buffered for its write.
     */
    private void serveBuffered() throws IOException {
        boolean more = true;
        while (more && pending == null && channel.isOpen()) {
            loop.output.clear();
            try {
                while (!closeAfterWrite && loop.output.position() < EventLoop.RETAINED_OUTPUT && serveOne()) {
                    // the next complete request
                }
                more = !closeAfterWrite && loop.output.position() >= EventLoop.RETAINED_OUTPUT;
                compact();
                flush();
            } finally {
                loop.output.clear();
                loop.shrinkOutput();
            }
        }
    }

    /** Parses and answers one request if the buffer holds all of it; false when more bytes are needed. */
    private boolean serveOne() throws IOException {
        if (!headParsed && !readHead()) return false;
        if (closeAfterWrite) return false;
        byte[] body;
        int end;
        if (head.chunked()) {
            if (!ChunkedBody.scan(input.array(), bodyStart, input.position(), chunkedEndAndSize)) return false;
            end = (int) chunkedEndAndSize[0];
            body = ChunkedBody.copy(input.array(), bodyStart, (int) chunkedEndAndSize[1]);
        } else {
            long needed = bodyStart + head.contentLength();
            if (input.position() < needed) {
                makeRoom((int) (needed - start));
                return false;
            }
            body = head.contentLength() == 0 ? EMPTY : Arrays.copyOfRange(input.array(), bodyStart, (int) needed);
            end = (int) needed;
        }
        start = end;
        headParsed = false;
        Http11Server.Response response = handler.handle(head, body);
        ResponseEncoder.encode(
                loop.output(ResponseEncoder.sizeBound(response)), response, head.keepAlive(), head.announceKeepAlive());
        if (!head.keepAlive()) closeAfterWrite = true;
        return true;
    }

    /** Parses the head of the next request if all of it is buffered, refusing one this server will not read. */
    private boolean readHead() throws IOException {
        RequestHeadParser.Outcome outcome = head.parse(input.array(), start, input.position());
        start = head.requestStart(); // empty lines before a request line are consumed even while its head is incomplete
        switch (outcome) {
            case INCOMPLETE -> {
                return false;
            }
            case MALFORMED -> {
                refuse(400, "Bad Request");
                return false;
            }
            case COMPLETE -> {
                bodyStart = head.bodyStart();
                headParsed = true;
            }
        }
        if (!head.chunked() && head.contentLength() > Http11Server.MAX_BODY) {
            refuse(413, "Payload Too Large");
            return false;
        }
        if (head.expectsContinue()) put(ResponseEncoder.CONTINUE);
        return true;
    }

    /** Makes the buffer hold at least {@code bytes} unconsumed bytes and room for one more read. */
    private void makeRoom(int bytes) throws IOException {
        if (bytes > Http11Server.MAX_BODY + 2 * RequestHeadParser.MAX_HEAD) throw new IOException("request too large");
        compact();
        if (input.capacity() >= bytes && input.hasRemaining()) return;
        // Doubling for head lines; the exact size for a body of known length, whose bytes are all still to come.
        int capacity = Math.max(input.capacity() * 2, bytes);
        if (capacity <= input.position()) capacity = input.position() + INITIAL_INPUT;
        ByteBuffer larger = ByteBuffer.allocate(capacity);
        larger.put(input.array(), 0, input.position());
        input = larger;
    }

    /** Moves the unconsumed bytes to the front of the buffer; shrinks a buffer that grew for one large request. */
    private void compact() {
        int unconsumed = input.position() - start;
        if (unconsumed == 0 && input.capacity() > INITIAL_INPUT * 4) {
            input = ByteBuffer.allocate(INITIAL_INPUT);
            shift(start);
            return;
        }
        if (start == 0) return;
        System.arraycopy(input.array(), start, input.array(), 0, unconsumed);
        input.position(unconsumed);
        shift(start);
    }

    private void shift(int by) {
        start -= by;
        if (headParsed) bodyStart -= by;
    }

    private void refuse(int status, String reason) {
        put(ResponseEncoder.refusal(status, reason));
        closeAfterWrite = true;
        headParsed = false;
        start = input.position();
    }

    private void put(byte[] bytes) {
        loop.output(bytes.length).put(bytes);
    }

    /** Writes what the loop's output holds; what the socket does not take waits for OP_WRITE in a buffer of its own. */
    private void flush() throws IOException {
        ByteBuffer out = loop.output;
        if (out.position() == 0) return;
        out.flip();
        channel.write(out);
        if (out.hasRemaining()) {
            // The connection takes the loop's direct buffer over, and the loop starts a new one. Copied to a heap
            // buffer, every write of the rest would pass through a temporary direct buffer of its size, which the JDK
            // then keeps cached for the loop's thread: as large as the largest answer ever written in pieces.
            pending = out;
            loop.output = ByteBuffer.allocateDirect(EventLoop.INITIAL_OUTPUT);
            key.interestOps(SelectionKey.OP_WRITE);
        } else if (closeAfterWrite) {
            close();
        }
    }
}
