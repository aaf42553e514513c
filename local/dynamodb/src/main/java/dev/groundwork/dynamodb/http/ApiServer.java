package dev.groundwork.dynamodb.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.groundwork.dynamodb.iam.AccessControl;
import dev.groundwork.dynamodb.iam.Caller;
import dev.groundwork.dynamodb.iam.RefusedCredentials;
import dev.groundwork.dynamodb.model.DynamoDbException;
import dev.groundwork.dynamodb.model.Json;
import dev.groundwork.dynamodb.protocol.Access;
import dev.groundwork.dynamodb.protocol.Dispatcher;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.channels.spi.SelectorProvider;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.zip.CRC32;

/**
 * The HTTP side of the server: AWS JSON 1.0 over HTTP/1.1 ({@link Http11Server}). Every answer carries
 * {@code x-amzn-RequestId} and the {@code x-amz-crc32} checksum the DynamoDB SDKs verify.
 *
 * <p>As DynamoDB does, it answers GET with 200 and a health line, any other method but POST with 404, a POST whose
 * body is not {@code application/x-amz-json-1.0} or {@code application/json} with 404, a CORS preflight (OPTIONS with
 * an Origin) with what it asks for and any request with an Origin with {@code Access-Control-Allow-Origin: *}, a POST without
 * an {@code Authorization} header (or one that is not SigV4's) with MissingAuthenticationTokenException, and one that
 * lacks Credential, Signature, SignedHeaders or a date header with IncompleteSignatureException. Signatures
 * themselves are never verified: a local server has no secret keys to verify them with, and any SDK's signing passes.
 *
 * <p>With an {@link AccessControl}, the access key in the Authorization's credential scope says who calls: each
 * request is decided by that caller's IAM policies ({@link Access}), and the same port serves the STS stand-in
 * ({@link StsEndpoint}) for form-encoded POSTs without an X-Amz-Target. Without one, neither costs anything: no
 * header is read beyond what it reads today.
 */
public final class ApiServer {
    private static final String CONTENT_TYPE = "application/x-amz-json-1.0";
    private static final String JSON_CONTENT_TYPE = "application/json";
    /** Never written to: the server only copies it out. */
    private static final byte[] EMPTY_OBJECT = {'{', '}'};

    private static final byte[] UNKNOWN_OPERATION_XML =
            "<UnknownOperationException/>\n".getBytes(StandardCharsets.US_ASCII);

    private static final char[] REQUEST_ID_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789".toCharArray();

    private final Dispatcher dispatcher;
    private final Supplier<DynamoDbException> faults;
    /** Given an operation whose call took effect, whether its answer is to be lost ({@code Faults#loseAnswers}). */
    private final Predicate<String> losesAnswerOf;

    private final String host;
    private final String region;
    /** Null when the server enforces no IAM policies. */
    private final AccessControl accessControl;

    private final Clock clock;
    private final boolean refusesBrowsers;
    private final StsEndpoint sts;
    private final byte[] healthy;
    private final Http11Server server = new Http11Server(this::answer);

    /** {@code faults} returns the error every request must fail with right now, or null. */
    public ApiServer(Dispatcher dispatcher, Supplier<DynamoDbException> faults, String host, String region) {
        this(dispatcher, faults, operation -> false, host, region, null, Clock.systemUTC(), false);
    }

    /**
     * A server that enforces {@code accessControl}'s policies and serves its STS stand-in, with sessions expiring by
     * {@code clock}; null enforces nothing. {@code refusesBrowsers}: every request with an {@code Origin} is refused
     * ({@code EmbeddedDynamoDb.Builder#refusingBrowsers}).
     */
    public ApiServer(
            Dispatcher dispatcher,
            Supplier<DynamoDbException> faults,
            Predicate<String> losesAnswerOf,
            String host,
            String region,
            AccessControl accessControl,
            Clock clock,
            boolean refusesBrowsers) {
        this.dispatcher = dispatcher;
        this.faults = faults;
        this.losesAnswerOf = losesAnswerOf;
        this.host = host;
        this.region = region;
        this.accessControl = accessControl;
        this.clock = clock;
        this.refusesBrowsers = refusesBrowsers;
        this.sts = accessControl == null ? null : new StsEndpoint(accessControl, clock);
        // DynamoDB's answer to GET /, trailing space included (recorded by dynalite).
        this.healthy = ("healthy: dynamodb." + region + ".amazonaws.com ").getBytes(StandardCharsets.US_ASCII);
    }

    public int start(int port) throws IOException {
        return server.start(host, port);
    }

    /**
     * Starts the one-time work of a cold JVM that stands between starting a server and its first answer, each part on a
     * daemon thread of its own, so that it overlaps with building the engine and binding the port:
     * <ul>
     *   <li>the first NIO channel or selector looks for a selector provider on the class path (ServiceLoader), opening
     *       every jar on it;
     *   <li>Jackson's parser and generator load and initialize.
     * </ul>
     * What it saves, and the command that measures the start, are in docs/embedded-dynamodb.md.
     */
    public static void preload() {
        Thread.ofPlatform().daemon().name("groundwork-dynamodb-preload-nio").start(new ColdStart(true));
        Thread.ofPlatform().daemon().name("groundwork-dynamodb-preload-json").start(new ColdStart(false));
    }

    /** One part of {@link #preload}: the selector provider or Jackson. */
    private static final class ColdStart implements Runnable {
        private final boolean nio;

        ColdStart(boolean nio) {
            this.nio = nio;
        }

        @Override
        public void run() {
            try {
                if (nio) {
                    SelectorProvider.provider();
                } else {
                    Json.toBytes(parse(
                            "{\"TableName\":\"-\",\"Limit\":1,\"Item\":{\"n\":{\"N\":\"1.5\"},\"b\":{\"BOOL\":true}}}"
                                    .getBytes(StandardCharsets.UTF_8)));
                }
            } catch (RuntimeException e) {
                log().log(Level.DEBUG, "preloading failed; the first request will pay for it", e);
            }
        }
    }

    /**
     * Runs the request path once (JSON parsing, dispatch, errors, serialization) without touching any data, so that the
     * first real request does not pay for loading and initializing those classes. Jackson's first parse alone costs a
     * few hundred milliseconds on a busy 2-core machine; done on a background thread at start, it overlaps with the
     * caller building its SDK client.
     */
    public void warmUp() {
        try {
            ObjectNode answer = dispatcher.dispatch(
                    "DynamoDB_20120810.ListTables", parse("{\"Limit\":1}".getBytes(StandardCharsets.UTF_8)));
            Json.toBytes(answer);
            try {
                dispatcher.dispatch(
                        "DynamoDB_20120810.DescribeTable",
                        parse("{\"TableName\":\"-\"}".getBytes(StandardCharsets.UTF_8)));
            } catch (DynamoDbException expected) {
                Json.toBytes(ErrorBody.of(expected));
            }
            new CRC32().update(new byte[1]);
            requestId();
        } catch (RuntimeException e) {
            log().log(Level.DEBUG, "warm-up failed; the first request will pay for it", e);
        }
    }

    public void stop() {
        server.stop();
    }

    private Http11Server.Response answer(RequestHeadParser head, byte[] requestBody) {
        String method = head.method();
        // DynamoDB answers a browser: any request with an Origin is allowed from everywhere, and a preflight is
        // answered with what it asks for (recorded by dynalite).
        boolean cors = head.origin() != null;
        if (cors && refusesBrowsers) {
            // No CORS headers: a browser neither sends the call a preflight asks for nor shows a page this answer.
            byte[] refused = Json.toBytes(ErrorBody.of(DynamoDbException.accessDenied(
                    "This server refuses requests from web pages (with an Origin header): its keys are not secrets")));
            return new Http11Server.Response(403, JSON_CONTENT_TYPE, refused, headers(refused, false));
        }
        if (cors && method.equals("OPTIONS")) return preflight(head);
        if (method.equals("GET")) return new Http11Server.Response(200, "text/plain", healthy, headers(healthy, cors));
        RequestHeadParser.BodyType bodyType = head.bodyType();
        if (sts != null && head.target() == null && bodyType == RequestHeadParser.BodyType.FORM)
            return sts.answer(head.authorization(), requestBody);
        if (!method.equals("POST")
                || (requestBody.length > 0
                        && bodyType != RequestHeadParser.BodyType.AMZ_JSON
                        && bodyType != RequestHeadParser.BodyType.JSON)) {
            // DynamoDB's answer to PUT, DELETE and the other methods, and to a body that is not JSON (recorded by
            // dynalite).
            return new Http11Server.Response(
                    404, "text/xml", UNKNOWN_OPERATION_XML, headers(UNKNOWN_OPERATION_XML, cors));
        }
        int status = 200;
        ObjectNode response;
        try {
            DynamoDbException fault = faults.get();
            if (fault != null) throw fault;
            JsonNode body = parse(requestBody);
            DynamoDbException refusal = authenticationFault(head.authorization(), head.dated());
            Access access = null;
            if (accessControl != null && refusal == null) {
                try {
                    access = access(head.authorization());
                } catch (DynamoDbException refused) {
                    refusal = refused;
                }
            }
            response = dispatcher.dispatch(head.target(), body, refusal, access);
            String target = head.target();
            if (target != null && losesAnswerOf.test(target.substring(target.indexOf('.') + 1))) {
                throw DynamoDbException.internalServerError("Internal server error");
            }
        } catch (DynamoDbException error) {
            status = error.httpStatus();
            response = ErrorBody.of(error);
        } catch (RuntimeException | StackOverflowError bug) {
            // A bug, answered as AWS answers its own; the connection, and the event loop serving it, go on.
            log().log(Level.ERROR, "request failed", bug);
            status = 500;
            response = ErrorBody.of(DynamoDbException.internalServerError("Internal server error"));
        }
        // Most writes answer {}, and setting up a JSON generator alone costs about 200 ns.
        byte[] body = response.isEmpty() ? EMPTY_OBJECT : Json.toBytes(response);
        // DynamoDB answers in application/x-amz-json-1.0 only when asked in it, in application/json otherwise (a
        // request with no body or content type included), as dynalite's connection tests record it.
        String contentType = bodyType == RequestHeadParser.BodyType.AMZ_JSON ? CONTENT_TYPE : JSON_CONTENT_TYPE;
        return new Http11Server.Response(status, contentType, body, headers(body, cors));
    }

    /**
     * A CORS preflight: 200 with no body, allowing the headers and the method it asks for, for 48 hours, as DynamoDB
     * answers one (recorded by dynalite).
     */
    private static Http11Server.Response preflight(RequestHeadParser head) {
        List<String> headers = new ArrayList<>(10);
        headers.addAll(List.of("x-amzn-RequestId", requestId(), "Access-Control-Allow-Origin", "*"));
        if (head.requestedHeaders() != null)
            headers.addAll(List.of("Access-Control-Allow-Headers", head.requestedHeaders()));
        if (head.requestedMethod() != null)
            headers.addAll(List.of("Access-Control-Allow-Methods", head.requestedMethod()));
        headers.addAll(List.of("Access-Control-Max-Age", "172800"));
        return new Http11Server.Response(200, null, new byte[0], headers.toArray(String[]::new));
    }

    /**
     * Null for a request whose Authorization has SigV4's shape, DynamoDB's refusal otherwise. The messages are
     * DynamoDB's, as dynalite records them: "Request is missing Authentication Token" for no header or one that does
     * not start with {@code AWS4-}; for an incomplete one, a sentence per missing part, then the header itself.
     */
    static DynamoDbException authenticationFault(String authorization, boolean dated) {
        if (authorization == null || !authorization.strip().startsWith("AWS4-")) {
            return new DynamoDbException(
                    DynamoDbException.MISSING_AUTHENTICATION_TOKEN, "Request is missing Authentication Token");
        }
        boolean credential = SigningScope.parameter(authorization, "Credential") != null;
        boolean signature = SigningScope.parameter(authorization, "Signature") != null;
        boolean signedHeaders = SigningScope.parameter(authorization, "SignedHeaders") != null;
        if (credential && signature && signedHeaders && dated) return null;
        StringBuilder message = new StringBuilder();
        if (!credential) message.append("Authorization header requires 'Credential' parameter. ");
        if (!signature) message.append("Authorization header requires 'Signature' parameter. ");
        if (!signedHeaders) message.append("Authorization header requires 'SignedHeaders' parameter. ");
        if (!dated)
            message.append("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. ");
        message.append("Authorization=").append(authorization);
        return new DynamoDbException(DynamoDbException.INCOMPLETE_SIGNATURE, message.toString());
    }

    /**
     * The caller behind a SigV4 Authorization, and the region it signed for (the server's own when the scope names
     * none).
     *
     * @throws DynamoDbException UnrecognizedClientException or ExpiredTokenException for a key the server will not act
     *     for
     */
    private Access access(String authorization) {
        SigningScope scope = SigningScope.of(authorization);
        if (scope == null) throw DynamoDbException.unrecognizedClient();
        try {
            Caller caller = accessControl.identify(scope.accessKeyId(), clock.instant());
            return new Access(caller, scope.region() == null ? region : scope.region());
        } catch (RefusedCredentials refused) {
            throw refused.reason() == RefusedCredentials.Reason.EXPIRED
                    ? DynamoDbException.expiredToken()
                    : DynamoDbException.unrecognizedClient();
        }
    }

    /**
     * x-amzn-RequestId, the x-amz-crc32 checksum of the body that the DynamoDB SDKs verify, and for a browser's request
     * ({@code cors}) Access-Control-Allow-Origin.
     */
    private static String[] headers(byte[] body, boolean cors) {
        CRC32 crc = new CRC32();
        crc.update(body);
        String requestId = requestId();
        String checksum = Long.toString(crc.getValue());
        if (cors) {
            return new String[] {
                "x-amzn-RequestId", requestId, "x-amz-crc32", checksum, "Access-Control-Allow-Origin", "*"
            };
        }
        return new String[] {"x-amzn-RequestId", requestId, "x-amz-crc32", checksum};
    }

    /** The request's JSON, or null when it has no body at all (the dispatcher refuses that once it knows the caller). */
    private static JsonNode parse(byte[] body) {
        if (body.length == 0) return null;
        try {
            JsonNode parsed = Json.parse(body);
            if (parsed == null)
                throw DynamoDbException.serialization("Start of structure or map found where not expected");
            return parsed;
        } catch (Json.IllFormedTextException e) {
            // A SerializationException, not a ValidationException: the body cannot be read into the request's strings
            // at
            // all, so no member is there to fail a constraint. AWS answers bodies it cannot decode as UTF-8 with a 400
            // com.amazon.coral.service#SerializationException (aws/aws-sdk-js#46, aws/aws-sdk-php#1536), as this server
            // answers any other unreadable body. AWS's wording for this case is not documented; the message is ours.
            throw DynamoDbException.serialization(e.getOriginalMessage());
        } catch (JsonProcessingException e) {
            // A body that is not JSON at all: DynamoDB's SerializationException then carries no text (dynalite's
            // connection tests, recorded against DynamoDB).
            throw DynamoDbException.serialization(null);
        } catch (IOException e) {
            throw DynamoDbException.serialization("Could not read the request body");
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
