package dev.groundwork.dynamodb.http;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A small HTTP/1.1 server for one kind of traffic: AWS SDK requests with a body of known length (or chunked),
 * answered with a body of known length, on keep-alive connections.
 *
 * <p>One acceptor thread hands connections round-robin to a few event loops, each a {@link Selector} over non-blocking
 * channels. A loop reads what is ready, parses every complete request in the connection's buffer (pipelined requests
 * included), calls the handler on the loop thread and writes all the answers in one write. Handlers must therefore
 * not block for long: the engine's table locks are held for the work on one request, never across I/O, and the
 * journal is forced to disk outside its lock.
 *
 * <p>Half as many loops as processors (at least one; {@code -Dgroundwork.dynamodb.eventLoops=N} to choose): this
 * server always shares its machine with its clients, and a loop per processor only adds the context switches of
 * threads taking turns on the same cores. On 2 cores one loop answered more calls a second than two loops, and more
 * than a virtual thread per connection, which spent a sixth of its CPU parking and unparking threads; the figures and
 * the command that measures them are in docs/embedded-dynamodb.md ("How it serves requests", "Speed").
 */
final class Http11Server {
    /** What the server asks of the application: an answer to one request. */
    interface Handler {
        Response handle(String method, String amzTarget, byte[] body);
    }

    record Response(int status, String contentType, byte[] body, String[] extraHeaders) {}

    /**
     * Handlers run on the loops, and the expression parser recurses once per level of parentheses or NOT: within AWS's
     * 4 KB expression limit that is up to about 2,000 levels, more than a default 1 MB thread stack holds. The stack is
     * reserved, not committed, until used.
     */
    private static final long LOOP_STACK_BYTES = 16L * 1024 * 1024;

    private static final int MAX_HEADER_LINE = 16 * 1024;
    /** Request line and headers together; no SDK request comes near it. */
    private static final int MAX_HEAD = 1024 * 1024;

    private static final int MAX_BODY = 64 * 1024 * 1024;
    private static final int INITIAL_INPUT = 16 * 1024;
    private static final int INITIAL_OUTPUT = 64 * 1024;
    /** A loop's output buffer that grew past this for one large answer is replaced by a small one afterwards. */
    private static final int RETAINED_OUTPUT = 1024 * 1024;

    private static final byte[] EMPTY = new byte[0];
    private static final byte[] CONTINUE = ascii("HTTP/1.1 100 Continue\r\n\r\n");
    private static final byte[] HTTP11 = ascii("HTTP/1.1 ");
    private static final byte[] CONTENT_TYPE = ascii("\r\nContent-Type: ");
    private static final byte[] CONTENT_LENGTH = ascii("\r\nContent-Length: ");
    private static final byte[] CONNECTION_CLOSE = ascii("Connection: close\r\n");
    private static final byte[] CONNECTION_KEEP_ALIVE = ascii("Connection: keep-alive\r\n");
    private static final byte[] CRLF = ascii("\r\n");
    private static final byte[] HEADER_SEPARATOR = ascii(": ");

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
                started[i] = new EventLoop(Selector.open());
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
                if (loop != null) {
                    loop.closing = true;
                    loop.selector.wakeup();
                }
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
        for (EventLoop loop : loops) {
            loop.closing = true;
            loop.selector.wakeup();
        }
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

    /** One selector thread and the connections it owns; nothing here is touched by another thread but the queue. */
    private final class EventLoop implements Runnable {
        final Selector selector;
        final Queue<SocketChannel> adopted = new ConcurrentLinkedQueue<>();
        volatile boolean closing;
        Thread thread;
        /** Answers are encoded here and written from here; direct, so the write needs no copy into a native buffer. */
        ByteBuffer output = ByteBuffer.allocateDirect(INITIAL_OUTPUT);

        EventLoop(Selector selector) {
            this.selector = selector;
        }

        void adopt(SocketChannel connection) {
            adopted.add(connection);
            selector.wakeup();
            // A connection handed over while the loop was closing would never be closed by it.
            if (closing) closeAdopted();
        }

        @Override
        public void run() {
            try {
                while (!closing) {
                    selector.select(this::ready);
                    SocketChannel channel;
                    while ((channel = adopted.poll()) != null) {
                        if (closing) {
                            closeQuietly(channel);
                            continue;
                        }
                        try {
                            Connection connection = new Connection(channel, this);
                            connection.key = channel.register(selector, SelectionKey.OP_READ, connection);
                        } catch (IOException e) {
                            closeQuietly(channel);
                        }
                    }
                }
            } catch (IOException | RuntimeException e) {
                System.getLogger(Http11Server.class.getName()).log(System.Logger.Level.ERROR, "event loop failed", e);
            } finally {
                closing = true; // the acceptor's next connections are closed at once, never left waiting on a dead loop
                for (SelectionKey key : selector.keys()) closeQuietly(key.channel());
                closeQuietly(selector);
                closeAdopted();
            }
        }

        private void closeAdopted() {
            SocketChannel channel;
            while ((channel = adopted.poll()) != null) closeQuietly(channel);
        }

        private void ready(SelectionKey key) {
            Connection connection = (Connection) key.attachment();
            try {
                if (key.isWritable()) connection.writePending();
                if (key.isValid() && key.isReadable()) connection.readAndServe();
            } catch (IOException | RuntimeException e) {
                // the client went away, sent something malformed, or the handler failed: drop the connection, as a
                // server does
                connection.close();
            } catch (Error e) {
                // Not even an Error may end the loop: every other connection it serves would hang.
                connection.close();
                System.getLogger(Http11Server.class.getName())
                        .log(System.Logger.Level.ERROR, "dropped a connection", e);
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

    /**
     * One client connection: its unparsed input, the head of the request being read, and output the socket did not
     * take yet. While output is pending the connection is not read, so a client that does not read cannot make the
     * server buffer without bound.
     */
    private final class Connection {
        final SocketChannel channel;
        final EventLoop loop;
        SelectionKey key;
        /** Bytes read and not yet consumed are {@code [start, input.position())}; the buffer is in write mode. */
        ByteBuffer input = ByteBuffer.allocate(INITIAL_INPUT);

        int start;
        ByteBuffer pending;
        boolean closeAfterWrite;

        // The request whose head has been parsed and whose body is awaited.
        boolean headParsed;
        int bodyStart;
        String method;
        String target;
        boolean keepAlive;
        /** An HTTP/1.0 client kept alive must be told so, or it reads the answer until the connection closes. */
        boolean announceKeepAlive;

        long contentLength;
        boolean chunked;
        /** The last X-Amz-Target seen, so that a client repeating one operation costs no new String per request. */
        byte[] lastTargetBytes = EMPTY;

        String lastTarget;

        Connection(SocketChannel channel, EventLoop loop) {
            this.channel = channel;
            this.loop = loop;
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

        /**
         * Answers the complete requests in the buffer, pipelined ones included, about {@link #RETAINED_OUTPUT} of answers
         * at a time: a client that pipelines many requests with large answers cannot make one read grow the output without
         * bound. What the socket does not take waits for OP_WRITE, and the requests still buffered for its write.
         */
        private void serveBuffered() throws IOException {
            boolean more = true;
            while (more && pending == null && channel.isOpen()) {
                loop.output.clear();
                try {
                    while (!closeAfterWrite && loop.output.position() < RETAINED_OUTPUT && serveOne()) {
                        // the next complete request
                    }
                    more = !closeAfterWrite && loop.output.position() >= RETAINED_OUTPUT;
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
            if (!headParsed && !parseHead()) return false;
            if (closeAfterWrite) return false;
            byte[] body;
            int end;
            if (chunked) {
                long[] endAndSize = new long[2];
                if (!scanChunked(endAndSize)) return false;
                end = (int) endAndSize[0];
                body = copyChunked((int) endAndSize[1]);
            } else {
                long needed = bodyStart + contentLength;
                if (input.position() < needed) {
                    makeRoom((int) (needed - start));
                    return false;
                }
                body = contentLength == 0 ? EMPTY : Arrays.copyOfRange(input.array(), bodyStart, (int) needed);
                end = (int) needed;
            }
            start = end;
            headParsed = false;
            Response response = handler.handle(method, target, body);
            encode(response, keepAlive);
            if (!keepAlive) closeAfterWrite = true;
            return true;
        }

        /**
         * The request line and headers, if all of them are buffered. Lines end with LF, an optional CR before it dropped;
         * empty lines before a request line are skipped, as RFC 9112 section 2.2 allows.
         */
        private boolean parseHead() throws IOException {
            byte[] bytes = input.array();
            int limit = input.position();
            int at = start;
            int newline;
            int lineEnd;
            while (true) {
                newline = indexOf(bytes, (byte) '\n', at, limit);
                if (newline < 0) return incompleteHead(at, limit);
                lineEnd = newline > at && bytes[newline - 1] == '\r' ? newline - 1 : newline;
                if (lineEnd > at) break;
                at = newline + 1;
                start = at;
            }
            int firstSpace = indexOf(bytes, (byte) ' ', at, lineEnd);
            int secondSpace = firstSpace < 0 ? -1 : indexOf(bytes, (byte) ' ', firstSpace + 1, lineEnd);
            if (lineEnd - at > MAX_HEADER_LINE
                    || firstSpace <= at
                    || secondSpace <= firstSpace + 1
                    || indexOf(bytes, (byte) ' ', secondSpace + 1, lineEnd) >= 0
                    || !startsWith(bytes, secondSpace + 1, lineEnd, "HTTP/1.")) {
                refuse(400, "Bad Request");
                return false;
            }
            int requestLineStart = at;
            boolean http11 =
                    lineEnd - (secondSpace + 1) == 8 && startsWith(bytes, secondSpace + 1, lineEnd, "HTTP/1.1");
            at = newline + 1;
            long length = 0;
            boolean isChunked = false;
            boolean expect = false;
            boolean connectionClose = false;
            boolean connectionKeepAlive = false;
            String amzTarget = null;
            while (true) {
                newline = indexOf(bytes, (byte) '\n', at, limit);
                if (newline < 0) return incompleteHead(at, limit);
                lineEnd = newline > at && bytes[newline - 1] == '\r' ? newline - 1 : newline;
                if (lineEnd - at > MAX_HEADER_LINE) throw new IOException("header line too long");
                if (lineEnd == at) {
                    at = newline + 1;
                    break;
                }
                int colon = indexOf(bytes, (byte) ':', at, lineEnd);
                if (colon > at) {
                    int nameStart = at;
                    int nameEnd = colon;
                    while (nameStart < nameEnd && bytes[nameStart] <= ' ') nameStart++;
                    while (nameEnd > nameStart && bytes[nameEnd - 1] <= ' ') nameEnd--;
                    int valueStart = colon + 1;
                    int valueEnd = lineEnd;
                    while (valueStart < valueEnd && bytes[valueStart] <= ' ') valueStart++;
                    while (valueEnd > valueStart && bytes[valueEnd - 1] <= ' ') valueEnd--;
                    if (is(bytes, nameStart, nameEnd, "Content-Length")) {
                        length = parseLength(bytes, valueStart, valueEnd);
                    } else if (is(bytes, nameStart, nameEnd, "X-Amz-Target")) {
                        amzTarget = target(bytes, valueStart, valueEnd);
                    } else if (is(bytes, nameStart, nameEnd, "Transfer-Encoding")) {
                        isChunked = new String(bytes, valueStart, valueEnd - valueStart, StandardCharsets.ISO_8859_1)
                                .toLowerCase(Locale.ROOT)
                                .contains("chunked");
                    } else if (is(bytes, nameStart, nameEnd, "Connection")) {
                        // A list of options (RFC 9110 section 7.6.1), such as "close, TE"; a repeated header adds to
                        // it.
                        for (int option = valueStart; option < valueEnd; ) {
                            int comma = indexOf(bytes, (byte) ',', option, valueEnd);
                            int optionEnd = comma < 0 ? valueEnd : comma;
                            int from = option;
                            int to = optionEnd;
                            while (from < to && bytes[from] <= ' ') from++;
                            while (to > from && bytes[to - 1] <= ' ') to--;
                            if (is(bytes, from, to, "close")) connectionClose = true;
                            else if (is(bytes, from, to, "keep-alive")) connectionKeepAlive = true;
                            option = optionEnd + 1;
                        }
                    } else if (is(bytes, nameStart, nameEnd, "Expect")) {
                        expect = is(bytes, valueStart, valueEnd, "100-continue");
                    }
                }
                at = newline + 1;
            }
            method = method(bytes, requestLineStart, firstSpace);
            target = amzTarget;
            keepAlive = !connectionClose && (connectionKeepAlive || http11);
            announceKeepAlive = keepAlive && !http11;
            contentLength = length;
            chunked = isChunked;
            bodyStart = at;
            headParsed = true;
            if (!chunked && contentLength > MAX_BODY) {
                refuse(413, "Payload Too Large");
                return false;
            }
            if (expect) put(CONTINUE);
            return true;
        }

        private boolean incompleteHead(int lineStart, int limit) throws IOException {
            if (limit - lineStart > MAX_HEADER_LINE) throw new IOException("header line too long");
            if (limit - start > MAX_HEAD) throw new IOException("request head too long");
            return false;
        }

        /**
         * Walks a chunked body (RFC 9112 section 7.1) without copying it: true, with the offset after its trailers and
         * the decoded size, once all of it is buffered.
         */
        private boolean scanChunked(long[] endAndSize) throws IOException {
            byte[] bytes = input.array();
            int limit = input.position();
            int at = bodyStart;
            long size = 0;
            while (true) {
                int newline = indexOf(bytes, (byte) '\n', at, limit);
                if (newline < 0) return incompleteBody(at, limit);
                int lineEnd = newline > at && bytes[newline - 1] == '\r' ? newline - 1 : newline;
                int semicolon = indexOf(bytes, (byte) ';', at, lineEnd);
                int chunk = parseHex(bytes, at, semicolon >= 0 ? semicolon : lineEnd);
                at = newline + 1;
                if (chunk == 0) {
                    while (true) {
                        int trailerEnd = indexOf(bytes, (byte) '\n', at, limit);
                        if (trailerEnd < 0) return incompleteBody(at, limit);
                        boolean empty = trailerEnd == at || (trailerEnd == at + 1 && bytes[at] == '\r');
                        at = trailerEnd + 1;
                        if (empty) {
                            endAndSize[0] = at;
                            endAndSize[1] = size;
                            return true;
                        }
                    }
                }
                size += chunk;
                if (size > MAX_BODY) throw new IOException("body too large");
                if (limit - at < chunk) return false; // chunk data, not a line: its size was checked above
                at += chunk;
                int dataEnd = indexOf(bytes, (byte) '\n', at, limit);
                if (dataEnd < 0) return incompleteBody(at, limit);
                at = dataEnd + 1;
            }
        }

        private boolean incompleteBody(int at, int limit) throws IOException {
            if (limit - at > MAX_HEADER_LINE && indexOf(input.array(), (byte) '\n', at, limit) < 0) {
                throw new IOException("chunk line too long");
            }
            return false;
        }

        private byte[] copyChunked(int size) {
            byte[] bytes = input.array();
            byte[] body = new byte[size];
            int at = bodyStart;
            int filled = 0;
            while (filled < size) {
                int newline = indexOf(bytes, (byte) '\n', at, Integer.MAX_VALUE);
                int lineEnd = newline > at && bytes[newline - 1] == '\r' ? newline - 1 : newline;
                int semicolon = indexOf(bytes, (byte) ';', at, lineEnd);
                int chunk = parseHexUnchecked(bytes, at, semicolon >= 0 ? semicolon : lineEnd);
                at = newline + 1;
                System.arraycopy(bytes, at, body, filled, chunk);
                filled += chunk;
                at = indexOf(bytes, (byte) '\n', at + chunk, Integer.MAX_VALUE) + 1;
            }
            return body;
        }

        /** Makes the buffer hold at least {@code bytes} unconsumed bytes and room for one more read. */
        private void makeRoom(int bytes) throws IOException {
            if (bytes > MAX_BODY + 2 * MAX_HEAD) throw new IOException("request too large");
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
            put(ascii("HTTP/1.1 " + status + " " + reason + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"));
            closeAfterWrite = true;
            headParsed = false;
            start = input.position();
        }

        private void put(byte[] bytes) {
            loop.output(bytes.length).put(bytes);
        }

        /** Status line, headers and body, appended to the loop's output so that they leave in one write. */
        private void encode(Response response, boolean keepAlive) {
            String[] extra = response.extraHeaders();
            int size = 96 + response.contentType().length() + response.body().length;
            for (String header : extra) size += header.length() + 4;
            ByteBuffer out = loop.output(size);
            out.put(HTTP11);
            putDecimal(out, response.status());
            out.put((byte) ' ');
            putAscii(out, reason(response.status()));
            out.put(CONTENT_TYPE);
            putAscii(out, response.contentType());
            out.put(CONTENT_LENGTH);
            putDecimal(out, response.body().length);
            out.put(CRLF);
            for (int i = 0; i + 1 < extra.length; i += 2) {
                putAscii(out, extra[i]);
                out.put(HEADER_SEPARATOR);
                putAscii(out, extra[i + 1]);
                out.put(CRLF);
            }
            if (!keepAlive) out.put(CONNECTION_CLOSE);
            else if (announceKeepAlive) out.put(CONNECTION_KEEP_ALIVE);
            out.put(CRLF);
            out.put(response.body());
        }

        /** Writes what the loop's output holds; what the socket does not take waits for OP_WRITE in a buffer of its own. */
        private void flush() throws IOException {
            ByteBuffer out = loop.output;
            if (out.position() == 0) return;
            out.flip();
            channel.write(out);
            if (out.hasRemaining()) {
                // The connection takes the loop's direct buffer over, and the loop starts a new one. Copied to a heap
                // buffer,
                // every write of the rest would pass through a temporary direct buffer of its size, which the JDK then
                // keeps
                // cached for the loop's thread: as large as the largest answer ever written in pieces.
                pending = out;
                loop.output = ByteBuffer.allocateDirect(INITIAL_OUTPUT);
                key.interestOps(SelectionKey.OP_WRITE);
            } else if (closeAfterWrite) {
                close();
            }
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
            closeQuietly(channel);
        }

        private String target(byte[] bytes, int from, int to) {
            if (!Arrays.equals(bytes, from, to, lastTargetBytes, 0, lastTargetBytes.length)) {
                lastTargetBytes = Arrays.copyOfRange(bytes, from, to);
                lastTarget = new String(lastTargetBytes, StandardCharsets.ISO_8859_1);
            }
            return lastTarget;
        }
    }

    private static String method(byte[] bytes, int from, int to) {
        if (startsWith(bytes, from, to, "POST") && to - from == 4) return "POST";
        if (startsWith(bytes, from, to, "GET") && to - from == 3) return "GET";
        return new String(bytes, from, to - from, StandardCharsets.ISO_8859_1);
    }

    private static int indexOf(byte[] bytes, byte wanted, int from, int to) {
        int end = Math.min(to, bytes.length);
        for (int i = from; i < end; i++) {
            if (bytes[i] == wanted) return i;
        }
        return -1;
    }

    /** Whether {@code bytes[from, to)} is the ASCII text {@code text}, letters compared without case. */
    private static boolean is(byte[] bytes, int from, int to, String text) {
        if (to - from != text.length()) return false;
        for (int i = 0; i < text.length(); i++) {
            int a = bytes[from + i];
            int b = text.charAt(i);
            if (a == b) continue;
            int lower = a | 0x20;
            if (lower != (b | 0x20) || lower < 'a' || lower > 'z') return false;
        }
        return true;
    }

    private static boolean startsWith(byte[] bytes, int from, int to, String text) {
        if (to - from < text.length()) return false;
        for (int i = 0; i < text.length(); i++) {
            if (bytes[from + i] != text.charAt(i)) return false;
        }
        return true;
    }

    private static long parseLength(byte[] bytes, int from, int to) throws IOException {
        if (from == to || to - from > 18) throw new IOException("bad Content-Length");
        long value = 0;
        for (int i = from; i < to; i++) {
            int digit = bytes[i] - '0';
            if (digit < 0 || digit > 9) throw new IOException("bad Content-Length");
            value = value * 10 + digit;
        }
        return value;
    }

    private static int parseHex(byte[] bytes, int from, int to) throws IOException {
        while (from < to && bytes[from] <= ' ') from++;
        while (to > from && bytes[to - 1] <= ' ') to--;
        if (from == to || to - from > 7) throw new IOException("bad chunk size");
        return parseHexUnchecked(bytes, from, to);
    }

    private static int parseHexUnchecked(byte[] bytes, int from, int to) {
        while (from < to && bytes[from] <= ' ') from++;
        while (to > from && bytes[to - 1] <= ' ') to--;
        int value = 0;
        for (int i = from; i < to; i++) {
            int digit = Character.digit(bytes[i], 16);
            if (digit < 0) throw new IllegalArgumentException("bad chunk size");
            value = value * 16 + digit;
        }
        return value;
    }

    private static void putDecimal(ByteBuffer out, int value) {
        if (value >= 10) putDecimal(out, value / 10);
        out.put((byte) ('0' + value % 10));
    }

    private static void putAscii(ByteBuffer out, String text) {
        for (int i = 0; i < text.length(); i++) out.put((byte) text.charAt(i));
    }

    private static String reason(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 400 -> "Bad Request";
            case 413 -> "Payload Too Large";
            case 500 -> "Internal Server Error";
            case 503 -> "Service Unavailable";
            default -> "Status";
        };
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static void closeQuietly(java.io.Closeable closeable) {
        try {
            closeable.close();
        } catch (IOException ignored) {
            // closing is all we want
        }
    }
}
