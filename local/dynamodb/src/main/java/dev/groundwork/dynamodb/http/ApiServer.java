package dev.groundwork.dynamodb.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.groundwork.dynamodb.engine.Dispatcher;
import dev.groundwork.dynamodb.engine.Json;
import dev.groundwork.dynamodb.model.DynamoDbException;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import java.util.zip.CRC32;

/**
 * The HTTP side of the server: AWS JSON 1.0 over HTTP/1.1 on the JDK's built-in server. Every answer carries
 * {@code x-amzn-RequestId} and the {@code x-amz-crc32} checksum the DynamoDB SDKs verify. Signatures are not checked.
 */
public final class ApiServer {
  private static final String CONTENT_TYPE = "application/x-amz-json-1.0";
  private static final char[] REQUEST_ID_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789".toCharArray();

  static {
    // The JDK server writes headers and body in separate packets; with Nagle's algorithm on, the body waits for the
    // client's delayed ACK (up to 40 ms on Linux). Turn it off unless the host application decided otherwise.
    if (System.getProperty("sun.net.httpserver.nodelay") == null) System.setProperty("sun.net.httpserver.nodelay", "true");
  }

  private final Dispatcher dispatcher;
  private final Supplier<DynamoDbException> faults;
  private final String host;
  private HttpServer server;
  private ExecutorService executor;

  /** {@code faults} returns the error every request must fail with right now, or null. */
  public ApiServer(Dispatcher dispatcher, Supplier<DynamoDbException> faults, String host) {
    this.dispatcher = dispatcher;
    this.faults = faults;
    this.host = host;
  }

  public synchronized int start(int port) throws IOException {
    server = HttpServer.create(new InetSocketAddress(host, port), 256);
    // Measured on a 2-core machine against fixed pools of 2 and 8 threads: virtual threads match the best pool
    // (p50 about 0.17 ms per GetItem over loopback) without a size to tune, and beat larger pools.
    executor = Executors.newVirtualThreadPerTaskExecutor();
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
    return server.getAddress().getPort();
  }

  /**
   * Runs the request path once (JSON parsing, dispatch, errors, serialization) without touching any data, so that the
   * first real request does not pay for loading and initializing those classes. Jackson's first parse alone costs a
   * few hundred milliseconds on a busy 2-core machine; done on a background thread at start, it overlaps with the
   * caller building its SDK client.
   */
  public void warmUp() {
    try {
      ObjectNode answer = dispatcher.dispatch("DynamoDB_20120810.ListTables", parse("{\"Limit\":1}".getBytes(StandardCharsets.UTF_8)));
      Json.MAPPER.writeValueAsBytes(answer);
      try {
        dispatcher.dispatch("DynamoDB_20120810.DescribeTable", parse("{\"TableName\":\"-\"}".getBytes(StandardCharsets.UTF_8)));
      } catch (DynamoDbException expected) {
        Json.MAPPER.writeValueAsBytes(ErrorBody.of(expected));
      }
      new CRC32().update(new byte[1]);
      requestId();
    } catch (IOException | RuntimeException e) {
      log().log(Level.DEBUG, "warm-up failed; the first request will pay for it", e);
    }
  }

  public synchronized void stop() {
    if (server == null) return;
    server.stop(0);
    executor.shutdownNow();
    server = null;
    executor = null;
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] requestBody = exchange.getRequestBody().readAllBytes();
      if (!exchange.getRequestMethod().equals("POST")) {
        send(exchange, 200, "text/plain", ("healthy: dynamodb." + host + " (Groundwork embedded DynamoDB)").getBytes(StandardCharsets.UTF_8));
        return;
      }
      int status = 200;
      ObjectNode response;
      try {
        DynamoDbException fault = faults.get();
        if (fault != null) throw fault;
        response = dispatcher.dispatch(exchange.getRequestHeaders().getFirst("X-Amz-Target"), parse(requestBody));
      } catch (DynamoDbException error) {
        status = error.httpStatus();
        response = ErrorBody.of(error);
      } catch (RuntimeException bug) {
        log().log(Level.ERROR, "request failed", bug);
        status = 500;
        response = ErrorBody.of(DynamoDbException.internalServerError("Internal server error"));
      }
      send(exchange, status, CONTENT_TYPE, Json.MAPPER.writeValueAsBytes(response));
    }
  }

  private static JsonNode parse(byte[] body) {
    if (body.length == 0) return Json.object();
    try {
      return Json.MAPPER.readTree(body);
    } catch (JsonProcessingException e) {
      throw DynamoDbException.serialization("Start of structure or map found where not expected");
    } catch (IOException e) {
      throw DynamoDbException.serialization("Could not read the request body");
    }
  }

  private static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
    CRC32 crc = new CRC32();
    crc.update(body);
    var headers = exchange.getResponseHeaders();
    headers.set("Content-Type", contentType);
    headers.set("x-amzn-RequestId", requestId());
    headers.set("x-amz-crc32", Long.toString(crc.getValue()));
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  /** 52 characters from AWS's alphabet, like DynamoDB's request ids. */
  private static String requestId() {
    char[] id = new char[52];
    ThreadLocalRandom random = ThreadLocalRandom.current();
    for (int i = 0; i < id.length; i++) id[i] = REQUEST_ID_ALPHABET[random.nextInt(REQUEST_ID_ALPHABET.length)];
    return new String(id);
  }

  /** Looked up on first use: the JDK's logging backend costs start time, and only failures are logged. */
  private static System.Logger log() {
    return System.getLogger(ApiServer.class.getName());
  }
}
