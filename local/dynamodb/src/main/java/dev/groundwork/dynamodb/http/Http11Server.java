package dev.groundwork.dynamodb.http;

import java.io.BufferedInputStream;
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
      InputStream in = new BufferedInputStream(connection.getInputStream(), 16 * 1024);
      OutputStream out = connection.getOutputStream();
      while (true) {
        String requestLine = readLine(in);
        if (requestLine == null) return;
        if (requestLine.isEmpty()) continue;
        String[] parts = requestLine.split(" ");
        if (parts.length != 3 || !parts[2].startsWith("HTTP/1.")) {
          out.write(simple(400, "Bad Request"));
          return;
        }
        String method = parts[0];
        boolean keepAlive = parts[2].equals("HTTP/1.1");
        long contentLength = 0;
        boolean chunked = false;
        boolean expectContinue = false;
        String target = null;
        String line;
        while ((line = readLine(in)) != null && !line.isEmpty()) {
          int colon = line.indexOf(':');
          if (colon <= 0) continue;
          String name = line.substring(0, colon).trim();
          String value = line.substring(colon + 1).trim();
          if (name.equalsIgnoreCase("Content-Length")) {
            contentLength = Long.parseLong(value);
          } else if (name.equalsIgnoreCase("X-Amz-Target")) {
            target = value;
          } else if (name.equalsIgnoreCase("Transfer-Encoding")) {
            chunked = value.toLowerCase().contains("chunked");
          } else if (name.equalsIgnoreCase("Connection")) {
            if (value.equalsIgnoreCase("close")) keepAlive = false;
            else if (value.equalsIgnoreCase("keep-alive")) keepAlive = true;
          } else if (name.equalsIgnoreCase("Expect")) {
            expectContinue = value.equalsIgnoreCase("100-continue");
          }
        }
        if (line == null) return;
        if (contentLength > MAX_BODY) {
          out.write(simple(413, "Payload Too Large"));
          return;
        }
        if (expectContinue) {
          out.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
          out.flush();
        }
        byte[] body = chunked ? readChunked(in) : readFully(in, (int) contentLength);
        Response response = handler.handle(method, target, body);
        out.write(encode(response, keepAlive));
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

  private static byte[] encode(Response response, boolean keepAlive) {
    StringBuilder head = new StringBuilder(256)
        .append("HTTP/1.1 ").append(response.status()).append(' ').append(reason(response.status())).append("\r\n")
        .append("Content-Type: ").append(response.contentType()).append("\r\n")
        .append("Content-Length: ").append(response.body().length).append("\r\n");
    for (int i = 0; i + 1 < response.extraHeaders().length; i += 2) {
      head.append(response.extraHeaders()[i]).append(": ").append(response.extraHeaders()[i + 1]).append("\r\n");
    }
    if (!keepAlive) head.append("Connection: close\r\n");
    head.append("\r\n");
    byte[] headBytes = head.toString().getBytes(StandardCharsets.ISO_8859_1);
    byte[] all = new byte[headBytes.length + response.body().length];
    System.arraycopy(headBytes, 0, all, 0, headBytes.length);
    System.arraycopy(response.body(), 0, all, headBytes.length, response.body().length);
    return all;
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

  /** One header or request line without its CRLF; null at the end of the stream. */
  private static String readLine(InputStream in) throws IOException {
    StringBuilder line = new StringBuilder(64);
    int c;
    while ((c = in.read()) != -1) {
      if (c == '\n') {
        int length = line.length();
        if (length > 0 && line.charAt(length - 1) == '\r') line.setLength(length - 1);
        return line.toString();
      }
      if (line.length() >= MAX_HEADER_LINE) throw new IOException("header line too long");
      line.append((char) c);
    }
    return line.isEmpty() ? null : line.toString();
  }

  private static byte[] readFully(InputStream in, int length) throws IOException {
    byte[] body = in.readNBytes(length);
    if (body.length != length) throw new EOFException("body shorter than Content-Length");
    return body;
  }

  private static byte[] readChunked(InputStream in) throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    while (true) {
      String sizeLine = readLine(in);
      if (sizeLine == null) throw new EOFException("chunked body ended early");
      int semicolon = sizeLine.indexOf(';');
      int size = Integer.parseInt((semicolon >= 0 ? sizeLine.substring(0, semicolon) : sizeLine).trim(), 16);
      if (size == 0) {
        String trailer;
        while ((trailer = readLine(in)) != null && !trailer.isEmpty()) {
          // trailers carry nothing the server needs
        }
        return body.toByteArray();
      }
      if (body.size() + size > MAX_BODY) throw new IOException("body too large");
      body.write(readFully(in, size));
      readLine(in);
    }
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException ignored) {
      // closing is all we want
    }
  }
}
