package dev.groundwork.dynamodb.http;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A small HTTP/1.1 server for one kind of traffic: AWS SDK requests with a body of known length, answered with a body
 * of known length, on keep-alive connections. Each connection is served by a virtual thread with blocking I/O, and
 * each answer goes out in a single write (status line, headers and body together).
 *
 * <p>Measured against the JDK's built-in server on a 2-core machine: that one writes headers and body separately and
 * hands every exchange from a selector thread to a worker; this one answers from the reading thread in one packet.
 */
final class Http11Server {
  /** What the server asks of the application: an answer to one request. */
  interface Handler {
    Response handle(String method, String amzTarget, byte[] body);
  }

  record Response(int status, String contentType, byte[] body, String[] extraHeaders) {}

  private static final int MAX_HEADER_LINE = 16 * 1024;
  private static final int MAX_BODY = 64 * 1024 * 1024;

  private final Handler handler;
  private final Set<Socket> connections = ConcurrentHashMap.newKeySet();
  private ServerSocket listener;
  private Thread acceptor;

  Http11Server(Handler handler) {
    this.handler = handler;
  }

  synchronized int start(String host, int port) throws IOException {
    ServerSocket socket = new ServerSocket();
    socket.setReuseAddress(true);
    socket.bind(new InetSocketAddress(host, port), 512);
    listener = socket;
    acceptor = Thread.ofPlatform().daemon().name("groundwork-dynamodb-accept-" + socket.getLocalPort()).start(() -> accept(socket));
    return socket.getLocalPort();
  }

  /** Stops listening and closes every open connection; clients see the server go away. */
  synchronized void stop() {
    if (listener == null) return;
    try {
      listener.close();
    } catch (IOException ignored) {
      // closing is all we want
    }
    for (Socket connection : connections) closeQuietly(connection);
    connections.clear();
    try {
      acceptor.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    listener = null;
    acceptor = null;
  }

  private void accept(ServerSocket socket) {
    while (!socket.isClosed()) {
      try {
        Socket connection = socket.accept();
        connections.add(connection);
        Thread.ofVirtual().start(() -> serve(connection));
      } catch (IOException e) {
        if (socket.isClosed()) return;
        // Out of file descriptors or a similar passing trouble: do not spin on it.
        try {
          Thread.sleep(10);
        } catch (InterruptedException interrupted) {
          return;
        }
      }
    }
  }

  private void serve(Socket connection) {
    try (connection) {
      connection.setTcpNoDelay(true);
      RequestReader in = new RequestReader(connection.getInputStream());
      OutputStream out = connection.getOutputStream();
      ResponseBuffer answer = new ResponseBuffer();
      while (true) {
        // Request line and headers are read in place from the reader's buffer: a String per header name and value
        // was a tenth of the server's Java time under load.
        int newline = in.lineEnd();
        if (newline < 0) return;
        byte[] bytes = in.buffer;
        int at = in.position;
        int end = newline > at && bytes[newline - 1] == '\r' ? newline - 1 : newline;
        in.position = newline + 1;
        if (end == at) continue;
        int firstSpace = indexOf(bytes, (byte) ' ', at, end);
        int secondSpace = firstSpace < 0 ? -1 : indexOf(bytes, (byte) ' ', firstSpace + 1, end);
        if (firstSpace <= at || secondSpace <= firstSpace + 1 || indexOf(bytes, (byte) ' ', secondSpace + 1, end) >= 0
            || !startsWith(bytes, secondSpace + 1, end, "HTTP/1.")) {
          out.write(simple(400, "Bad Request"));
          return;
        }
        String method = method(bytes, at, firstSpace);
        boolean keepAlive = end - secondSpace - 1 == 8 && startsWith(bytes, secondSpace + 1, end, "HTTP/1.1");
        long contentLength = 0;
        boolean chunked = false;
        boolean expectContinue = false;
        String target = null;
        while (true) {
          newline = in.lineEnd();
          if (newline < 0) return;
          at = in.position;
          end = newline > at && bytes[newline - 1] == '\r' ? newline - 1 : newline;
          in.position = newline + 1;
          if (end == at) break;
          int colon = indexOf(bytes, (byte) ':', at, end);
          if (colon <= at) continue;
          int nameStart = at;
          int nameEnd = colon;
          while (nameStart < nameEnd && bytes[nameStart] <= ' ') nameStart++;
          while (nameEnd > nameStart && bytes[nameEnd - 1] <= ' ') nameEnd--;
          int valueStart = colon + 1;
          int valueEnd = end;
          while (valueStart < valueEnd && bytes[valueStart] <= ' ') valueStart++;
          while (valueEnd > valueStart && bytes[valueEnd - 1] <= ' ') valueEnd--;
          if (is(bytes, nameStart, nameEnd, "Content-Length")) {
            contentLength = parseLength(bytes, valueStart, valueEnd);
          } else if (is(bytes, nameStart, nameEnd, "X-Amz-Target")) {
            target = in.target(valueStart, valueEnd);
          } else if (is(bytes, nameStart, nameEnd, "Transfer-Encoding")) {
            chunked = new String(bytes, valueStart, valueEnd - valueStart, StandardCharsets.ISO_8859_1)
                .toLowerCase(Locale.ROOT).contains("chunked");
          } else if (is(bytes, nameStart, nameEnd, "Connection")) {
            if (is(bytes, valueStart, valueEnd, "close")) keepAlive = false;
            else if (is(bytes, valueStart, valueEnd, "keep-alive")) keepAlive = true;
          } else if (is(bytes, nameStart, nameEnd, "Expect")) {
            expectContinue = is(bytes, valueStart, valueEnd, "100-continue");
          }
        }
        if (contentLength > MAX_BODY) {
          out.write(simple(413, "Payload Too Large"));
          return;
        }
        if (expectContinue) {
          out.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
          out.flush();
        }
        byte[] body = chunked ? readChunked(in) : in.readBody((int) contentLength);
        Response response = handler.handle(method, target, body);
        ResponseBuffer encoded = answer.encode(response, keepAlive);
        out.write(encoded.bytes, 0, encoded.length);
        encoded.shrinkAfterLargeAnswer();
        out.flush();
        if (!keepAlive) return;
      }
    } catch (SocketException | EOFException closed) {
      // the client went away, or stop() closed the connection
    } catch (IOException | RuntimeException e) {
      // a malformed request: drop the connection, as a server does
    } finally {
      connections.remove(connection);
    }
  }

  /**
   * Status line, headers and body in one array of the connection's own, reused from answer to answer, so that each
   * answer leaves in a single write without a new head String, head array and combined array per call.
   */
  private static final class ResponseBuffer {
    byte[] bytes = new byte[4096];
    int length;

    ResponseBuffer encode(Response response, boolean keepAlive) {
      String[] extra = response.extraHeaders();
      byte[] body = response.body();
      int needed = 96 + response.contentType().length() + body.length;
      for (String header : extra) needed += header.length() + 4;
      if (bytes.length < needed) bytes = new byte[Math.max(needed, bytes.length * 2)];
      length = 0;
      ascii("HTTP/1.1 ").decimal(response.status()).ascii(" ").ascii(reason(response.status()))
          .ascii("\r\nContent-Type: ").ascii(response.contentType())
          .ascii("\r\nContent-Length: ").decimal(body.length).ascii("\r\n");
      for (int i = 0; i + 1 < extra.length; i += 2) ascii(extra[i]).ascii(": ").ascii(extra[i + 1]).ascii("\r\n");
      if (!keepAlive) ascii("Connection: close\r\n");
      ascii("\r\n");
      System.arraycopy(body, 0, bytes, length, body.length);
      length += body.length;
      return this;
    }

    /** A connection keeps no megabytes around for the rest of its life after one large answer (a Scan page). */
    void shrinkAfterLargeAnswer() {
      if (bytes.length > 1024 * 1024) bytes = new byte[4096];
    }

    /** Header text is ASCII (content type, request id, checksum); each char's low byte. */
    private ResponseBuffer ascii(String text) {
      for (int i = 0; i < text.length(); i++) bytes[length++] = (byte) text.charAt(i);
      return this;
    }

    private ResponseBuffer decimal(int value) {
      int digits = 1;
      for (int rest = value / 10; rest > 0; rest /= 10) digits++;
      for (int i = length + digits - 1; i >= length; i--, value /= 10) bytes[i] = (byte) ('0' + value % 10);
      length += digits;
      return this;
    }
  }

  private static byte[] simple(int status, String text) {
    return ("HTTP/1.1 " + status + " " + text + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
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

  private static byte[] readChunked(RequestReader in) throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    while (true) {
      String sizeLine = in.readLine();
      if (sizeLine == null) throw new EOFException("chunked body ended early");
      int semicolon = sizeLine.indexOf(';');
      int size = Integer.parseInt((semicolon >= 0 ? sizeLine.substring(0, semicolon) : sizeLine).trim(), 16);
      if (size == 0) {
        String trailer;
        while ((trailer = in.readLine()) != null && !trailer.isEmpty()) {
          // trailers carry nothing the server needs
        }
        return body.toByteArray();
      }
      if (body.size() + size > MAX_BODY) throw new IOException("body too large");
      body.write(in.readBody(size));
      in.readLine();
    }
  }

  /**
   * Lines and bodies from a connection through one buffer of its own. A {@code BufferedInputStream} read byte by byte
   * takes a lock per byte, which was a tenth of the server's time under load.
   */
  private static final class RequestReader {
    private final InputStream in;
    private final byte[] buffer = new byte[MAX_HEADER_LINE];
    private int position;
    private int limit;
    private byte[] lastTargetBytes = new byte[0];
    private String lastTarget;

    RequestReader(InputStream in) {
      this.in = in;
    }

    /** One line (of a chunked body) without its CRLF; null at the end of the stream. */
    String readLine() throws IOException {
      int newline = lineEnd();
      if (newline < 0) return null;
      int end = newline > position && buffer[newline - 1] == '\r' ? newline - 1 : newline;
      String line = new String(buffer, position, end - position, StandardCharsets.ISO_8859_1);
      position = newline + 1;
      return line;
    }

    /**
     * Makes one whole line available in {@link #buffer} from {@link #position} and returns the index of its LF, or -1
     * at the end of the stream. A line must fit in the buffer, whose size is the header line limit.
     */
    int lineEnd() throws IOException {
      int from = position;
      while (true) {
        int newline = indexOf(buffer, (byte) '\n', from, limit);
        if (newline >= 0) return newline;
        if (position > 0) {
          System.arraycopy(buffer, position, buffer, 0, limit - position);
          limit -= position;
          position = 0;
        }
        if (limit == buffer.length) throw new IOException("header line too long");
        from = limit;
        int n = in.read(buffer, limit, buffer.length - limit);
        if (n <= 0) return -1;
        limit += n;
      }
    }

    /** The X-Amz-Target value at {@code [from, to)}; a client repeating one operation costs no new String. */
    String target(int from, int to) {
      if (!Arrays.equals(buffer, from, to, lastTargetBytes, 0, lastTargetBytes.length)) {
        lastTargetBytes = Arrays.copyOfRange(buffer, from, to);
        lastTarget = new String(lastTargetBytes, StandardCharsets.ISO_8859_1);
      }
      return lastTarget;
    }

    byte[] readBody(int length) throws IOException {
      byte[] body = new byte[length];
      int buffered = Math.min(length, limit - position);
      System.arraycopy(buffer, position, body, 0, buffered);
      position += buffered;
      int done = buffered;
      while (done < length) {
        int n = in.read(body, done, length - done);
        if (n < 0) throw new EOFException("body shorter than Content-Length");
        done += n;
      }
      return body;
    }
  }

  private static String method(byte[] bytes, int from, int to) {
    if (to - from == 4 && startsWith(bytes, from, to, "POST")) return "POST";
    if (to - from == 3 && startsWith(bytes, from, to, "GET")) return "GET";
    return new String(bytes, from, to - from, StandardCharsets.ISO_8859_1);
  }

  private static int indexOf(byte[] bytes, byte wanted, int from, int to) {
    for (int i = from; i < to; i++) {
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

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException ignored) {
      // closing is all we want
    }
  }
}
