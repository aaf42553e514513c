package dev.groundwork.local.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.groundwork.local.console.AccessLog;
import dev.groundwork.local.lambda.InvocationResult;
import dev.groundwork.local.lambda.LocalFunction;
import dev.groundwork.local.template.HttpRouteSpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * API Gateway's HTTP API on localhost: routes from the template, the JWT authorizer before any function runs, the
 * payload format 2.0 event to the route's function, and its response (or API Gateway's own error) back. A few local
 * pages sit beside the API: the issuer's JWKS, and the OpenAPI document with its reference page.
 */
public final class ApiGateway implements AutoCloseable {

  /** API Gateway's request body limit (10 MB) and Lambda's synchronous payload limit (6 MB). */
  private static final int MAX_BODY_BYTES = 10 * 1024 * 1024;
  private static final int MAX_EVENT_BYTES = 6 * 1024 * 1024;

  private final HttpServer server;
  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
  private final Clock clock;
  private volatile RouteTable routes = new RouteTable(List.of());
  private volatile Map<String, LocalFunction> functions = Map.of();
  private volatile Map<String, JwtAuthorizer> authorizers = Map.of();
  private volatile LocalPages pages;

  private ApiGateway(HttpServer server, Clock clock) {
    this.server = server;
    this.clock = clock;
  }

  /** Binds the port now (0 picks a free one), so that the issuer can name it; serves once {@link #start} is called. */
  public static ApiGateway bind(String host, int port, Clock clock) throws IOException {
    try {
      return new ApiGateway(HttpServer.create(new InetSocketAddress(host, port), 256), clock);
    } catch (java.net.BindException taken) {
      // The JDK says only "Address already in use"; the user needs to know which one.
      throw new java.net.BindException("port " + port + " on " + host + " is in use");
    }
  }

  public int port() {
    return server.getAddress().getPort();
  }

  public void start(RouteTable routes, Map<String, LocalFunction> functions, Map<String, JwtAuthorizer> authorizers,
      LocalPages pages) {
    this.pages = pages;
    this.routes = routes;
    this.functions = Map.copyOf(functions);
    this.authorizers = Map.copyOf(authorizers);
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  private void handle(HttpExchange exchange) throws IOException {
    long started = System.nanoTime();
    String method = exchange.getRequestMethod();
    String rawPath = exchange.getRequestURI().getRawPath();
    String function = null;
    Boolean cold = null;
    HttpApiResponses.Response response;
    String requestId = HttpApiEvents.newRequestId();
    try (InputStream in = exchange.getRequestBody()) {
      Optional<RouteTable.Match> match = routes.match(method, rawPath);
      Optional<HttpApiResponses.Response> page = match.filter(found -> !found.route().path().equals("$default")).isPresent()
          ? Optional.empty() : pages.serve(method, rawPath);
      if (page.isPresent()) {
        response = page.get();
      } else if (match.isEmpty()) {
        response = HttpApiResponses.NOT_FOUND;
      } else {
        HttpRouteSpec route = match.get().route();
        function = route.functionLogicalId();
        JwtAuthorizer.Decision decision = authorize(route, exchange.getRequestHeaders());
        switch (decision) {
          case JwtAuthorizer.Decision.Unauthorized unauthorized -> response = HttpApiResponses.UNAUTHORIZED;
          case JwtAuthorizer.Decision.Forbidden forbidden -> response = HttpApiResponses.FORBIDDEN;
          case JwtAuthorizer.Decision.Allowed allowed -> {
            byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
            if (body.length > MAX_BODY_BYTES) {
              response = HttpApiResponses.TOO_LARGE;
              break;
            }
            InetSocketAddress remote = exchange.getRemoteAddress();
            HttpApiEvents.Request request = new HttpApiEvents.Request(method, rawPath,
                exchange.getRequestURI().getRawQuery(), exchange.getRequestHeaders(), body,
                remote.getAddress().getHostAddress(), exchange.getRequestHeaders().getFirst("Host"), port());
            APIGatewayV2HTTPEvent event = HttpApiEvents.build(request, match.get(), requestId, clock.instant(),
                route.authorizer() == null ? null : allowed);
            byte[] json = HttpApiEvents.toJson(event);
            if (json.length > MAX_EVENT_BYTES) {
              response = HttpApiResponses.TOO_LARGE;
              break;
            }
            InvocationResult result = functions.get(function).invoke(json);
            cold = result.meta().coldStart();
            response = switch (result) {
              case InvocationResult.Success success -> HttpApiResponses.fromPayload(success.payload());
              case InvocationResult.Failure failure -> HttpApiResponses.INTERNAL_SERVER_ERROR;
              case InvocationResult.Timeout timeout -> HttpApiResponses.SERVICE_UNAVAILABLE;
            };
          }
        }
      }
    } catch (RuntimeException e) {
      AccessLog.note("gateway error on " + method + " " + rawPath + ": " + e);
      response = HttpApiResponses.INTERNAL_SERVER_ERROR;
    }
    write(exchange, response, requestId);
    AccessLog.request(method, rawPath, response.status(), (System.nanoTime() - started) / 1000, function, cold);
  }

  private JwtAuthorizer.Decision authorize(HttpRouteSpec route, Headers headers) {
    if (route.authorizer() == null) {
      return new JwtAuthorizer.Decision.Allowed(Map.of(), List.of());
    }
    JwtAuthorizer authorizer = authorizers.get(route.authorizer());
    if (authorizer == null) {
      return new JwtAuthorizer.Decision.Unauthorized("authorizer " + route.authorizer() + " is not a JWT authorizer");
    }
    return authorizer.check(headers.getFirst("Authorization"), route.scopes());
  }

  private static void write(HttpExchange exchange, HttpApiResponses.Response response, String requestId) throws IOException {
    Headers headers = exchange.getResponseHeaders();
    response.headers().forEach((name, values) -> headers.put(name, List.copyOf(values)));
    headers.set("apigw-requestid", requestId);
    byte[] body = response.body();
    boolean noBody = body.length == 0 || exchange.getRequestMethod().equals("HEAD")
        || response.status() == 204 || response.status() == 304;
    exchange.sendResponseHeaders(response.status(), noBody ? -1 : body.length);
    if (!noBody) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
    exchange.close();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
