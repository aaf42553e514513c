package dev.groundwork.local.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import dev.groundwork.local.console.AccessLog;
import dev.groundwork.local.lambda.InvocationResult;
import dev.groundwork.local.lambda.LocalFunction;
import dev.groundwork.local.template.HttpRouteSpec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.VirtualThreads;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * API Gateway's HTTP API on localhost: routes from the template, the JWT authorizer before any function runs, the
 * payload format 2.0 event to the route's function, and its response (or API Gateway's own error) back. A few local
 * pages sit beside the API: the issuer's JWKS, and the OpenAPI document with its reference page.
 *
 * <p>The server is Jetty 12's core server (no servlet API), not the JDK's {@code com.sun.net.httpserver}: the JDK
 * server answers a malformed request (a bad percent-escape, two Content-Lengths) with its own {@code text/html} page
 * naming a Java exception and cannot be told otherwise, and it has no limit on how long a client may take to send
 * its headers. Jetty lets an error handler of ours write API Gateway's JSON for its own 400s, refuses control
 * characters in header values, limits the header section's size, has idle timeouts, and gives the body as chunks
 * that are read under a byte budget. Hand-writing an HTTP/1.1 parser for that would be more code to get wrong.
 */
public final class ApiGateway implements AutoCloseable {

    /**
     * How long a client may take and how much body it may park in the runner's memory (see the runner's README).
     *
     * @param headerTimeout the request line and headers must arrive within this, or the connection is closed
     * @param bodyTimeout the whole body must arrive within this, counted from the end of the headers, or the request
     *     gets a 408 and the connection is closed; 10 s carries API Gateway's largest body (10 MB) at 1 MB/s, a
     *     hundredth of what loopback carries
     * @param bodyIdleTimeout a body that sends nothing for this long gets a 408, and an idle kept-alive connection
     *     is closed (the JDK server's idle interval was 30 s as well)
     * @param bodyBudgetBytes request body bytes all requests in flight may hold; beyond it a request gets a 429
     */
    public record Limits(Duration headerTimeout, Duration bodyTimeout, Duration bodyIdleTimeout, long bodyBudgetBytes) {
        public static final Limits DEFAULTS =
                new Limits(Duration.ofSeconds(10), Duration.ofSeconds(10), Duration.ofSeconds(30), 32L << 20);
    }

    /**
     * API Gateway's request body limit (10 MB); the event it builds is held to Lambda's
     * ({@link LocalFunction#MAX_EVENT_BYTES}).
     */
    private static final int MAX_BODY_BYTES = 10 * 1024 * 1024;

    /** How long a body the answer does not need is read and dropped for, at most (see {@link #discardBody}). */
    private static final long DISCARD_NANOS = Duration.ofSeconds(2).toNanos();

    /**
     * HTTP APIs take a request line and header values of up to 10240 bytes together ("Total combined size of request
     * line and header values"): the headers' names and separators do not count.
     * https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-quotas.html
     */
    private static final int MAX_LINE_AND_VALUE_BYTES = 10 * 1024;

    /**
     * What the HTTP parser holds of a head, names and separators included: a bound on its memory, wide enough that
     * {@link #MAX_LINE_AND_VALUE_BYTES} is what refuses a head API Gateway would refuse.
     */
    private static final int MAX_HEAD_BYTES = 64 * 1024;

    private final Server server;
    private final ServerConnector connector;
    private final HeaderDeadline headerDeadline;
    private final BodyBudget budget;
    private final long bodyTimeoutNanos;
    private final Clock clock;
    private final AccessLog log;
    private volatile RouteTable routes = new RouteTable(List.of());
    private volatile Map<String, LocalFunction> functions = Map.of();
    private volatile Map<String, JwtAuthorizer> authorizers = Map.of();
    private volatile RouteThrottles throttles = RouteThrottles.NONE;
    private volatile LocalPages pages;

    private ApiGateway(
            Server server,
            ServerConnector connector,
            HeaderDeadline headerDeadline,
            BodyBudget budget,
            Duration bodyTimeout,
            Clock clock,
            AccessLog log) {
        this.server = server;
        this.log = log;
        this.connector = connector;
        this.headerDeadline = headerDeadline;
        this.budget = budget;
        this.bodyTimeoutNanos = bodyTimeout.toNanos();
        this.clock = clock;
    }

    /** Binds the port now (0 picks a free one), so that the issuer can name it; serves once {@link #start} is called. */
    public static ApiGateway bind(String host, int port, Clock clock, Limits limits, AccessLog log) throws IOException {
        QueuedThreadPool threads = new QueuedThreadPool();
        threads.setName("api-gateway");
        // A request blocks while its function runs (up to the function's timeout): a virtual thread per request, as
        // before.
        threads.setVirtualThreadsExecutor(VirtualThreads.getNamedVirtualThreadsExecutor("api-gateway-request"));
        Server server = new Server(threads);
        server.setErrorHandler(new JsonErrors(log));

        HttpConfiguration http = new HttpConfiguration();
        http.setRequestHeaderSize(MAX_HEAD_BYTES);
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        // Paths reach the functions as the client sent them (percent-escapes such as %2F included), as the JDK server
        // passed them; serve() itself refuses a malformed escape with API Gateway's 400.
        http.setUriCompliance(UriCompliance.UNSAFE);
        ServerConnector connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(http));
        connector.setHost(host);
        connector.setPort(port);
        connector.setAcceptQueueSize(256);
        connector.setIdleTimeout(limits.bodyIdleTimeout().toMillis());
        HeaderDeadline headerDeadline = new HeaderDeadline(limits.headerTimeout(), log);
        connector.addEventListener(headerDeadline);
        server.addConnector(connector);
        try {
            connector.open();
        } catch (IOException taken) {
            // Jetty says only "Failed to bind"; the user needs to know which port.
            throw new java.net.BindException("port " + port + " on " + host + " is in use");
        }
        return new ApiGateway(
                server,
                connector,
                headerDeadline,
                new BodyBudget(limits.bodyBudgetBytes()),
                limits.bodyTimeout(),
                clock,
                log);
    }

    public int port() {
        return connector.getLocalPort();
    }

    public void start(
            RouteTable routes,
            Map<String, LocalFunction> functions,
            Map<String, JwtAuthorizer> authorizers,
            RouteThrottles throttles,
            LocalPages pages) {
        this.pages = pages;
        this.throttles = throttles;
        this.routes = routes;
        this.functions = Map.copyOf(functions);
        this.authorizers = Map.copyOf(authorizers);
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                serve(request, response, callback);
                return true;
            }
        });
        try {
            server.start();
        } catch (Exception e) {
            throw new IllegalStateException("the HTTP server did not start", e);
        }
        headerDeadline.start(connector.getScheduler());
    }

    private void serve(Request request, Response response, Callback callback) {
        // A function may run for its whole timeout without any I/O on the connection: that is not the client idling.
        // A read or write that is pending when the idle timeout strikes still fails, which is what bodyIdleTimeout
        // means.
        request.addIdleTimeoutListener(timeout -> false);
        long started = System.nanoTime();
        String method = request.getMethod();
        String rawPath = request.getHttpURI().getPath();
        String rawQuery = request.getHttpURI().getQuery();
        String function = null;
        Boolean cold = null;
        HttpApiResponses.Response answer;
        String requestId = HttpApiEvents.newRequestId();
        long bodyDeadline = request.getHeadersNanoTime() + bodyTimeoutNanos;
        boolean bodyTaken = false;
        try (BodyBudget.Lease lease = budget.lease()) {
            // Refused before routing, which decodes the path's parameters: a decoder throws on what the HTTP server
            // lets through (the non-standard %u0041).
            boolean wellFormed = wellFormedEscapes(rawPath) && (rawQuery == null || wellFormedEscapes(rawQuery));
            Optional<RouteTable.Match> match = wellFormed ? routes.match(method, rawPath) : Optional.empty();
            Optional<HttpApiResponses.Response> page = !wellFormed
                            || match.filter(found -> !found.route().path().equals("$default"))
                                    .isPresent()
                    ? Optional.empty()
                    : pages.serve(method, rawPath);
            if (!wellFormed) {
                answer = HttpApiResponses.BAD_REQUEST;
            } else if (lineAndValueBytes(request) > MAX_LINE_AND_VALUE_BYTES) {
                answer = HttpApiResponses.HEAD_TOO_LARGE;
            } else if (unknownTransferCoding(request.getHeaders())) {
                bodyTaken = true; // a body in a coding nobody can read is not read to its end either
                answer = HttpApiResponses.NOT_IMPLEMENTED;
            } else if (page.isPresent()) {
                answer = page.get();
            } else if (match.isEmpty()) {
                answer = HttpApiResponses.NOT_FOUND;
            } else if (!throttles.admit(match.get().route())) {
                // API Gateway throttles before it authorizes: a refused request costs no authorizer and no function.
                function = match.get().route().functionLogicalId();
                answer = HttpApiResponses.THROTTLED;
            } else {
                HttpRouteSpec route = match.get().route();
                function = route.functionLogicalId();
                JwtAuthorizer.Decision decision = authorize(route, request.getHeaders());
                switch (decision) {
                    case JwtAuthorizer.Decision.Unauthorized unauthorized -> {
                        // API Gateway answers "Unauthorized" and says why in www-authenticate; a developer's console
                        // says it with the claims (a token minted for another port names another issuer, say).
                        log.note("answered " + method + " " + cut(rawPath) + " 401: " + cut(unauthorized.reason()));
                        answer = HttpApiResponses.unauthorized(unauthorized.challenge());
                    }
                    case JwtAuthorizer.Decision.Forbidden forbidden -> {
                        log.note("answered " + method + " " + cut(rawPath) + " 403: " + cut(forbidden.reason()));
                        answer = HttpApiResponses.FORBIDDEN;
                    }
                    case JwtAuthorizer.Decision.Allowed allowed -> {
                        // Jetty's own monotonic time of the head's end: the gateway's clock dates events, and a
                        // clock that may be set back, or fixed in a test, cannot measure a wait.
                        lease.forTenant(tenantOf(route, allowed));
                        bodyTaken = true;
                        Body body = readBody(request, lease, bodyDeadline);
                        if (!(body instanceof Body.Read read)) {
                            answer = switch (body) {
                                case Body.TooLarge tooLarge -> HttpApiResponses.TOO_LARGE;
                                case Body.OverBudget overBudget -> HttpApiResponses.TOO_MANY_REQUESTS;
                                case Body.TimedOut timedOut -> HttpApiResponses.REQUEST_TIMEOUT;
                                case Body.PastDeadline late -> {
                                    log.note("answered " + method + " " + rawPath + " 408: its body took longer than "
                                            + Duration.ofNanos(bodyTimeoutNanos).toMillis() + " ms");
                                    yield HttpApiResponses.REQUEST_TIMEOUT;
                                }
                                case Body.Read unreachable -> throw new IllegalStateException();
                            };
                            break;
                        }
                        HttpApiEvents.Request event = new HttpApiEvents.Request(
                                method,
                                rawPath,
                                rawQuery,
                                headers(request.getHeaders()),
                                read.bytes(),
                                Request.getRemoteAddr(request),
                                request.getHeaders().get(HttpHeader.HOST),
                                port());
                        APIGatewayV2HTTPEvent built = HttpApiEvents.build(
                                event,
                                match.get(),
                                requestId,
                                clock.instant(),
                                route.authorizer() == null ? null : allowed);
                        byte[] json = HttpApiEvents.toJson(built);
                        if (json.length > LocalFunction.MAX_EVENT_BYTES) {
                            answer = HttpApiResponses.TOO_LARGE;
                            break;
                        }
                        InvocationResult result = functions.get(function).invoke(json);
                        cold = result.meta().coldStart();
                        answer = switch (result) {
                            case InvocationResult.Success success -> HttpApiResponses.fromPayload(success.payload());
                            case InvocationResult.Failure failure -> HttpApiResponses.INTERNAL_SERVER_ERROR;
                            case InvocationResult.Timeout timeout -> HttpApiResponses.SERVICE_UNAVAILABLE;
                        };
                    }
                }
            }
            if (!bodyTaken) {
                // A request answered without its body holds its thread no longer than it takes to send it at once:
                // no credentials are needed to be answered 401 or 404, and a slow sender is closed as before.
                discardBody(request, Math.min(bodyDeadline, System.nanoTime() + DISCARD_NANOS));
            }
        } catch (IOException clientGone) {
            // The client closed the connection or sent a broken chunk: nobody is left to read an answer.
            log.request(method, rawPath, 400, (System.nanoTime() - started) / 1000, function, cold);
            callback.failed(clientGone);
            return;
        } catch (RuntimeException e) {
            log.note("gateway error on " + method + " " + rawPath + ": " + e);
            answer = HttpApiResponses.INTERNAL_SERVER_ERROR;
        }
        write(response, callback, answer, requestId);
        log.request(method, rawPath, answer.status(), (System.nanoTime() - started) / 1000, function, cold);
    }

    /** What became of a request body. */
    private sealed interface Body {
        record Read(byte[] bytes) implements Body {}

        /** Over API Gateway's 10 MB, by its Content-Length (nothing read) or as it arrived. */
        record TooLarge() implements Body {}

        /** Does not fit in the bytes that requests in flight may hold. */
        record OverBudget() implements Body {}

        /** Stopped arriving for longer than the body idle timeout. */
        record TimedOut() implements Body {}

        /** Had not all arrived when the body deadline passed, however steadily it was coming. */
        record PastDeadline() implements Body {}
    }

    /**
     * Reads the body under the budget and before the deadline. A declared length over 10 MB, or one that cannot fit
     * beside the bytes other requests hold, is refused before a byte is read; otherwise each piece is reserved as it
     * arrives, so a request holds what it has sent rather than what it has declared (see {@link BodyBudget}). A body
     * left unread makes Jetty close the connection after the answer, rather than read the rest.
     *
     * <p>The deadline bounds the time, the budget the bytes: a client that sends a byte just inside every idle
     * timeout would otherwise hold its connection, its thread and all it has sent for as long as it liked. Reserving
     * as bytes arrive is what keeps one tenant's trickling bodies from refusing another's; the deadline alone would
     * not, since a client whose request is closed at the deadline can open the next one at once.
     */
    private static Body readBody(Request request, BodyBudget.Lease lease, long deadlineNanos) throws IOException {
        long declared = request.getLength();
        if (declared > MAX_BODY_BYTES) {
            return new Body.TooLarge();
        }
        // HTTP/1.1 (RFC 9112, section 6.3): a request with neither Content-Length nor Transfer-Encoding has no body.
        // Such a request, a GET say, reserves nothing: a budget others' bodies hold must not refuse it.
        boolean noBody = !request.getHeaders().contains(HttpHeader.CONTENT_LENGTH)
                && !request.getHeaders().contains(HttpHeader.TRANSFER_ENCODING);
        if (declared == 0 || noBody) {
            return new Body.Read(new byte[0]);
        }
        if (declared > 0 && !lease.hasRoomFor(declared)) {
            return new Body.OverBudget();
        }
        // One buffer that grows with what has arrived: never an array of the declared length up front, which would take
        // memory for bytes that have not arrived and are not in the budget, and never an array per piece, which for a
        // body sent a byte a chunk (Jetty hands over each HTTP chunk as it came) costs thirty times its bytes.
        ByteArrayOutputStream pieces = new ByteArrayOutputStream();
        long received = 0;
        // Once a body is refused part-way (too large, or others' bodies took the room), what it holds is given back
        // at once and the rest is read and dropped before the answer, until its end or the deadline: a client still
        // sending would otherwise find its connection reset rather than read the answer (12 of 50 concurrent 6 MB
        // bodies did).
        Body refusal = null;
        while (true) {
            Content.Chunk chunk = nextChunk(request, deadlineNanos);
            if (chunk == null) {
                return refusal != null ? refusal : new Body.PastDeadline();
            }
            try {
                if (Content.Chunk.isFailure(chunk)) {
                    Throwable failure = chunk.getFailure();
                    if (causedByTimeout(failure)) {
                        return new Body.TimedOut();
                    }
                    throw failure instanceof IOException io ? io : new IOException(failure);
                }
                ByteBuffer data = chunk.getByteBuffer();
                int length = data.remaining();
                received += length;
                if (refusal == null) {
                    if (received > MAX_BODY_BYTES) {
                        refusal = new Body.TooLarge();
                    } else if (!lease.reserve(length)) {
                        refusal = new Body.OverBudget();
                    }
                    if (refusal != null) {
                        lease.close();
                        pieces = new ByteArrayOutputStream();
                    } else {
                        append(data, pieces);
                    }
                }
                if (chunk.isLast()) {
                    if (refusal != null) {
                        return refusal;
                    }
                    if (declared > 0 && received < declared) {
                        throw new java.io.EOFException(
                                "the body ended after " + received + " of " + declared + " bytes");
                    }
                    return new Body.Read(pieces.toByteArray());
                }
            } finally {
                chunk.release();
            }
        }
    }

    /**
     * Reads and drops the body of a request answered without it (throttled, unauthorized, forbidden, no such route),
     * as API Gateway takes a whole request before it answers: Jetty would otherwise close the connection with the body
     * unread, and a client still sending it found its connection reset instead of reading the answer (an attack
     * session saw 11 of 2,377 throttled PATCHes of 357 KB get no answer at all). Nothing is kept, so nothing counts
     * against the body budget; a body over API Gateway's 10 MB, or still arriving at the deadline given, is left, and
     * Jetty closes the connection after the answer, as before.
     */
    private static void discardBody(Request request, long deadlineNanos) throws IOException {
        long declared = request.getLength();
        // Only a body of a declared length: a chunked one of one-byte chunks kept both cores busy for the 2 s (a
        // review measured it), for clients that need no credentials to be answered. And never after a client's
        // "Expect: 100-continue": reading would tell it to send what is refused (RFC 9110, section 10.1.1).
        if (declared <= 0 || declared > MAX_BODY_BYTES || request.getHeaders().contains(HttpHeader.EXPECT)) {
            return;
        }
        for (long dropped = 0; dropped <= MAX_BODY_BYTES; ) {
            Content.Chunk chunk = nextChunk(request, deadlineNanos);
            if (chunk == null) {
                return;
            }
            try {
                if (Content.Chunk.isFailure(chunk) || chunk.isLast()) {
                    return;
                }
                dropped += chunk.remaining();
            } finally {
                chunk.release();
            }
        }
    }

    private static void append(ByteBuffer data, ByteArrayOutputStream into) {
        if (data.hasArray()) {
            into.write(data.array(), data.arrayOffset() + data.position(), data.remaining());
            data.position(data.limit());
            return;
        }
        byte[] scratch = new byte[Math.min(data.remaining(), 8192)];
        while (data.hasRemaining()) {
            int length = Math.min(data.remaining(), scratch.length);
            data.get(scratch, 0, length);
            into.write(scratch, 0, length);
        }
    }

    /**
     * The next piece of the body as Jetty has it, waiting for one no later than the deadline; null when the deadline
     * came first. A blocking read cannot be given a deadline, so this waits on Jetty's demand callback instead.
     */
    private static Content.Chunk nextChunk(Request request, long deadlineNanos) throws IOException {
        while (true) {
            Content.Chunk chunk = request.read();
            if (chunk != null) {
                return chunk;
            }
            long left = deadlineNanos - System.nanoTime();
            if (left <= 0) {
                return null;
            }
            CountDownLatch available = new CountDownLatch(1);
            request.demand(available::countDown);
            try {
                if (!available.await(left, TimeUnit.NANOSECONDS)) {
                    return null;
                }
            } catch (InterruptedException stopping) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("the runner is stopping");
            }
        }
    }

    private static boolean causedByTimeout(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof TimeoutException) {
                return true;
            }
        }
        return false;
    }

    /**
     * True when every {@code %} starts an escape of two hex digits. API Gateway answers any other {@code %} with its
     * 400; passing it on would leave each function to guess (URLDecoder throws, some decoders keep it as it is).
     */
    static boolean wellFormedEscapes(String raw) {
        for (int i = raw.indexOf('%'); i >= 0; i = raw.indexOf('%', i + 1)) {
            if (i + 2 >= raw.length()
                    || Character.digit(raw.charAt(i + 1), 16) < 0
                    || Character.digit(raw.charAt(i + 2), 16) < 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * True when the body has a transfer coding other than chunked (gzip, deflate...): the HTTP server passes such a
     * body on as it arrived, so a function would read compressed bytes as the body and, for an import, use up its
     * Idempotency-Key on a body it cannot read. RFC 9112, section 6.1: a server answers a transfer coding it does not
     * understand with 501.
     */
    static boolean unknownTransferCoding(HttpFields headers) {
        for (String value : headers.getValuesList(HttpHeader.TRANSFER_ENCODING)) {
            for (String coding : value.split(",")) {
                String name = coding.strip();
                if (!name.isEmpty() && !name.equalsIgnoreCase("chunked")) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The request's headers by name as sent, repeated ones in order; the event lower-cases and joins them. */
    private static Map<String, List<String>> headers(HttpFields fields) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (HttpField field : fields) {
            headers.computeIfAbsent(field.getName(), name -> new ArrayList<>()).add(field.getValue());
        }
        return headers;
    }

    /** The tenant the verified token names, or "" for a route without an authorizer (its body budget is shared). */
    private String tenantOf(HttpRouteSpec route, JwtAuthorizer.Decision.Allowed allowed) {
        JwtAuthorizer authorizer = route.authorizer() == null ? null : authorizers.get(route.authorizer());
        return authorizer == null ? "" : allowed.claims().getOrDefault(authorizer.tenantClaim(), "");
    }

    private JwtAuthorizer.Decision authorize(HttpRouteSpec route, HttpFields headers) {
        if (route.authorizer() == null) {
            return new JwtAuthorizer.Decision.Allowed(Map.of(), List.of());
        }
        JwtAuthorizer authorizer = authorizers.get(route.authorizer());
        if (authorizer == null) {
            return new JwtAuthorizer.Decision.Unauthorized(
                    "authorizer " + route.authorizer() + " is not a JWT authorizer", "");
        }
        // API Gateway joins a header sent more than once with commas, for its authorizer as for the event: two tokens
        // are one value that is no token, never the first of them.
        List<String> tokens = headers.getValuesList(HttpHeader.AUTHORIZATION);
        return authorizer.check(tokens.isEmpty() ? null : String.join(",", tokens), route.scopes());
    }

    private static void write(
            Response response, Callback callback, HttpApiResponses.Response answer, String requestId) {
        response.setStatus(answer.status());
        HttpFields.Mutable headers = response.getHeaders();
        answer.headers().forEach((name, values) -> values.forEach(value -> headers.add(name, value)));
        headers.put("apigw-requestid", requestId);
        byte[] body = answer.body();
        // Jetty itself sends no body for HEAD, 204 and 304.
        if (answer.status() == 304) {
            // Committed by a last write, Jetty would state the bytes written, Content-Length: 0, which a 304 may send
            // only when the 200 would have no body either (RFC 9110, 8.6); committed first, it states none.
            response.write(false, null, Callback.from(() -> response.write(true, null, callback), callback::failed));
        } else if (body.length == 0) {
            response.write(true, null, callback);
        } else {
            headers.put(HttpHeader.CONTENT_LENGTH, body.length);
            response.write(true, ByteBuffer.wrap(body), callback);
        }
    }

    /**
     * The request line's bytes and its header values', as API Gateway's quota counts them. Jetty hands the target
     * decoded from UTF-8, so its bytes are counted again; it reads header values as ISO-8859-1, a byte a character.
     */
    private static long lineAndValueBytes(Request request) {
        HttpURI uri = request.getHttpURI();
        long bytes = request.getMethod().length()
                + 1
                + uri.getPath().getBytes(StandardCharsets.UTF_8).length
                + (uri.getQuery() == null ? 0 : 1 + uri.getQuery().getBytes(StandardCharsets.UTF_8).length)
                + 1
                + request.getConnectionMetaData().getProtocol().length();
        for (HttpField field : request.getHeaders()) {
            bytes += field.getValue() == null ? 0 : field.getValue().length();
        }
        return bytes;
    }

    /**
     * Jetty's own answers, to requests it refuses before they reach {@link #serve} (a malformed request line,
     * conflicting Content-Lengths, a control character in a header value, a head over 64 KB), written as API Gateway
     * writes its errors: {@code {"message":"Bad Request"}}, never an HTML page or an exception's name.
     */
    private static final class JsonErrors extends ErrorHandler {
        private final AccessLog log;

        JsonErrors(AccessLog log) {
            this.log = log;
        }

        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            int status = response.getStatus() >= 400 ? response.getStatus() : 500;
            byte[] body = message(status);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
            response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
            log.request("-", "(refused by the HTTP parser)", status, 0, null, null);
            response.write(true, ByteBuffer.wrap(body), callback);
            return true;
        }

        @Override
        public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
            fields.put(HttpHeader.CONTENT_TYPE, "application/json");
            return ByteBuffer.wrap(message(status));
        }

        private static byte[] message(int status) {
            String text = switch (status) {
                case 400 -> "Bad Request";
                case 413 -> "Request Entity Too Large";
                case 500 -> "Internal Server Error";
                default -> HttpStatus.getMessage(status);
            };
            return ("{\"message\":\"" + text + "\"}").getBytes(StandardCharsets.UTF_8);
        }
    }

    @Override
    public void close() {
        headerDeadline.stop();
        try {
            server.stop();
        } catch (Exception e) {
            log.note("the HTTP server did not stop cleanly: " + e);
        }
    }

    /** A reason that quotes a token's claims, or a path, cut for one console line (which {@code note} makes safe). */
    private static String cut(String reason) {
        return reason.length() > 200 ? reason.substring(0, 200) + "..." : reason;
    }
}
