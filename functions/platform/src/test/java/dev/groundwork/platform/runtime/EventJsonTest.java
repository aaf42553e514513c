package dev.groundwork.platform.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import dev.groundwork.platform.testing.SampleEvents;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The functions' serializer reads every API Gateway and SQS event and writes every answer exactly as Lambda's Java
 * runtime would with its own serializer ({@code aws-lambda-java-serialization}, the library the runtime interface
 * client uses).
 */
class EventJsonTest {
    private static final PojoSerializer<APIGatewayV2HTTPEvent> RUNTIME_EVENTS =
            LambdaEventSerializers.serializerFor(APIGatewayV2HTTPEvent.class, EventJsonTest.class.getClassLoader());
    private static final PojoSerializer<APIGatewayV2HTTPResponse> RUNTIME_ANSWERS =
            LambdaEventSerializers.serializerFor(APIGatewayV2HTTPResponse.class, EventJsonTest.class.getClassLoader());

    private static final PojoSerializer<SQSEvent> RUNTIME_SQS_EVENTS =
            LambdaEventSerializers.serializerFor(SQSEvent.class, EventJsonTest.class.getClassLoader());
    private static final PojoSerializer<SQSBatchResponse> RUNTIME_SQS_ANSWERS =
            LambdaEventSerializers.serializerFor(SQSBatchResponse.class, EventJsonTest.class.getClassLoader());

    private final EventJson json = new EventJson();

    static Stream<Path> sampleEvents() {
        return SampleEvents.under("/events/http");
    }

    static Stream<Path> sampleQueueEvents() {
        return SampleEvents.under("/events/sqs");
    }

    /** Both refuse it, instead of reading U+FFFD where the byte was (a lenient decoder's way). */
    /** helper-92: a header name over Jackson's 50,000 characters failed the read, a 500 before the route ran. */
    @Test
    void readsAHeaderWhoseNameIsLongerThanJacksonsDefaultLimit() throws IOException {
        String name = "x".repeat(60_000);
        byte[] wire = ("{\"version\":\"2.0\",\"rawPath\":\"/v1/items\",\"headers\":{\"" + name + "\":\"v\"}}")
                .getBytes(StandardCharsets.UTF_8);

        APIGatewayV2HTTPEvent event = json.fromJson(new ByteArrayInputStream(wire), APIGatewayV2HTTPEvent.class);

        assertThat(event.getHeaders()).containsEntry(name, "v");
    }

    @Test
    void refusesAnEventWhoseBytesAreNotUtf8AsTheRuntimeDoes() {
        byte[] wire = "{\"rawPath\":\"/v1/x?\"}".getBytes(StandardCharsets.UTF_8);
        wire[17] = (byte) 0xC3; // the "?": a lead byte with no continuation

        assertThatThrownBy(() -> RUNTIME_EVENTS.fromJson(new ByteArrayInputStream(wire)))
                .isInstanceOf(Exception.class);
        assertThatThrownBy(() -> json.fromJson(new ByteArrayInputStream(wire), APIGatewayV2HTTPEvent.class))
                .isInstanceOf(java.io.UncheckedIOException.class)
                .hasCauseInstanceOf(java.nio.charset.CharacterCodingException.class)
                .hasMessageContaining("byte 0xC3 at offset 17 is not UTF-8");
    }

    @ParameterizedTest
    @MethodSource("sampleEvents")
    void readsEverySampleEventAsTheRuntimeDoes(Path sample) throws IOException {
        byte[] wire = Files.readAllBytes(sample);

        APIGatewayV2HTTPEvent ours = json.fromJson(new ByteArrayInputStream(wire), APIGatewayV2HTTPEvent.class);

        assertThat(ours).isEqualTo(RUNTIME_EVENTS.fromJson(new ByteArrayInputStream(wire)));
        assertThat(ours.getRequestContext().getAuthorizer().getJwt().getClaims())
                .isNotEmpty();
    }

    @ParameterizedTest
    @MethodSource("sampleQueueEvents")
    void readsEverySampleQueueEventAsTheRuntimeDoes(Path sample) throws IOException {
        byte[] wire = Files.readAllBytes(sample);

        SQSEvent ours = json.fromJson(new ByteArrayInputStream(wire), SQSEvent.class);

        assertThat(ours).isEqualTo(RUNTIME_SQS_EVENTS.fromJson(new ByteArrayInputStream(wire)));
        assertThat(ours.getRecords()).isNotEmpty().allSatisfy(message -> {
            assertThat(message.getEventSourceArn()).startsWith("arn:aws:sqs:");
            assertThat(message.getAttributes()).containsKey("ApproximateReceiveCount");
        });
    }

    @Property(tries = 300)
    void readsGeneratedQueueEventsAsTheRuntimeDoes(@ForAll("queueEvents") SQSEvent event) {
        assertReadAsTheRuntimeReadsIt(event, SQSEvent.class, RUNTIME_SQS_EVENTS);
    }

    @Property(tries = 100)
    void writesBatchAnswersAsTheRuntimeDoes(@ForAll("batchAnswers") SQSBatchResponse answer) {
        assertWrittenAsTheRuntimeWritesIt(answer, SQSBatchResponse.class, RUNTIME_SQS_ANSWERS);
    }

    @Property(tries = 300)
    void readsGeneratedEventsAsTheRuntimeDoes(@ForAll("events") APIGatewayV2HTTPEvent event) {
        assertReadAsTheRuntimeReadsIt(event, APIGatewayV2HTTPEvent.class, RUNTIME_EVENTS);
    }

    @Property(tries = 300)
    void writesAnswersAsTheRuntimeDoes(@ForAll("answers") APIGatewayV2HTTPResponse answer) {
        assertWrittenAsTheRuntimeWritesIt(answer, APIGatewayV2HTTPResponse.class, RUNTIME_ANSWERS);
    }

    /** The runtime writes the event; this reads it back as the runtime reads it, and as it was. */
    private <E> void assertReadAsTheRuntimeReadsIt(E event, Class<E> type, PojoSerializer<E> runtime) {
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        runtime.toJson(event, wire);

        E ours = json.fromJson(new ByteArrayInputStream(wire.toByteArray()), type);

        assertThat(ours)
                .isEqualTo(runtime.fromJson(new ByteArrayInputStream(wire.toByteArray())))
                .isEqualTo(event);
    }

    private <A> void assertWrittenAsTheRuntimeWritesIt(A answer, Class<A> type, PojoSerializer<A> runtime) {
        RuntimeSerializerOracle.assertWrittenAsTheRuntimeWritesIt(json, answer, type, runtime);
    }

    /**
     * An event with one value of another shape (a number for text, text for a flag, an array for an object...): read as
     * the runtime reads it, or refused where the runtime refuses it.
     */
    @Property(tries = 500)
    void readsAnEventWithAValueOfAnotherShapeAsTheRuntimeDoes(
            @ForAll("events") APIGatewayV2HTTPEvent event,
            @ForAll @IntRange(min = 0, max = 10_000) int where,
            @ForAll("otherShapes") String shape) {
        assertReadOrRefusedAsTheRuntimeDoes(event, where, shape, APIGatewayV2HTTPEvent.class, RUNTIME_EVENTS);
    }

    @Property(tries = 500)
    void readsAQueueEventWithAValueOfAnotherShapeAsTheRuntimeDoes(
            @ForAll("queueEvents") SQSEvent event,
            @ForAll @IntRange(min = 0, max = 10_000) int where,
            @ForAll("otherShapes") String shape) {
        assertReadOrRefusedAsTheRuntimeDoes(event, where, shape, SQSEvent.class, RUNTIME_SQS_EVENTS);
    }

    private <E> void assertReadOrRefusedAsTheRuntimeDoes(
            E event, int where, String shape, Class<E> type, PojoSerializer<E> runtime) {
        RuntimeSerializerOracle.assertReadOrRefusedAsTheRuntimeDoes(
                json, event, where, shape, type, runtime, RuntimeSerializerOracle.NOWHERE);
    }

    @Provide
    Arbitrary<String> otherShapes() {
        return RuntimeSerializerOracle.otherShapes();
    }

    @Test
    void writesAnAbsentAnswerAsTheRuntimeDoes() {
        ByteArrayOutputStream http = new ByteArrayOutputStream();
        json.toJson(null, http, APIGatewayV2HTTPResponse.class);
        ByteArrayOutputStream queue = new ByteArrayOutputStream();
        json.toJson(null, queue, SQSBatchResponse.class);
        ByteArrayOutputStream runtimes = new ByteArrayOutputStream();
        RUNTIME_ANSWERS.toJson(null, runtimes);
        ByteArrayOutputStream runtimesQueue = new ByteArrayOutputStream();
        RUNTIME_SQS_ANSWERS.toJson(null, runtimesQueue);

        assertThat(http.toString(StandardCharsets.UTF_8)).isEqualTo(runtimes.toString(StandardCharsets.UTF_8));
        assertThat(queue.toString(StandardCharsets.UTF_8))
                .isEqualTo(runtimesQueue.toString(StandardCharsets.UTF_8))
                .isEqualTo("null");
    }

    @Property(tries = 50)
    void readsWhatItWrites(@ForAll("events") APIGatewayV2HTTPEvent event) {
        assertThat(EventJson.asDelivered(event, APIGatewayV2HTTPEvent.class)).isEqualTo(event);
    }

    @Provide
    Arbitrary<APIGatewayV2HTTPEvent> events() {
        Arbitrary<String> text = Arbitraries.strings().ofMaxLength(40);
        Arbitrary<Map<String, String>> maps = Arbitraries.maps(
                        Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(12), text)
                .ofMaxSize(4)
                .injectNull(0.3);
        Arbitrary<APIGatewayV2HTTPEvent.RequestContext.IAM> iam = Combinators.combine(
                        text,
                        text,
                        Arbitraries.strings().ofMaxLength(8).list().ofMaxSize(2).injectNull(0.3))
                .as((accessKey, user, amr) -> APIGatewayV2HTTPEvent.RequestContext.IAM
                        .builder()
                        .withAccessKey(accessKey)
                        .withAccountId("123456789012")
                        .withCallerId(user)
                        .withUserArn("arn:aws:iam::123456789012:user/" + user)
                        .withUserId(user)
                        .withPrincipalOrgId(null)
                        .withCognitoIdentity(APIGatewayV2HTTPEvent.RequestContext.CognitoIdentity.builder()
                                .withAmr(amr)
                                .withIdentityId(user)
                                .withIdentityPoolId("pool")
                                .build())
                        .build())
                .injectNull(0.6);
        Arbitrary<APIGatewayV2HTTPEvent.RequestContext> context = Combinators.combine(
                        text,
                        maps,
                        Arbitraries.strings().withChars("GETPOSTPATCHDELETE").ofLength(4),
                        text,
                        lambdaContexts().injectNull(0.6),
                        iam,
                        Arbitraries.longs().between(0, Long.MAX_VALUE),
                        text.injectNull(0.3))
                .as((requestId, claims, method, path, lambda, caller, epoch, domain) ->
                        APIGatewayV2HTTPEvent.RequestContext.builder()
                                .withRequestId(requestId)
                                .withRouteKey(method + " " + path)
                                .withAccountId("123456789012")
                                .withApiId("abc123")
                                .withDomainName(domain)
                                .withDomainPrefix(domain)
                                .withStage("$default")
                                .withTime("25/Nov/2026:18:00:00 +0000")
                                .withTimeEpoch(epoch)
                                .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                                        .withMethod(method)
                                        .withPath(path)
                                        .withProtocol("HTTP/1.1")
                                        .withSourceIp("192.0.2.1")
                                        .withUserAgent("test")
                                        .build())
                                .withAuthorizer(APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder()
                                        .withJwt(APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT
                                                .builder()
                                                .withClaims(claims)
                                                .withScopes(claims == null ? null : List.copyOf(claims.keySet()))
                                                .build())
                                        .withLambda(lambda)
                                        .withIam(caller)
                                        .build())
                                .build());
        return Combinators.combine(
                        text.injectNull(0.2),
                        maps,
                        maps,
                        maps,
                        text.injectNull(0.3),
                        Arbitraries.of(true, false),
                        Arbitraries.strings()
                                .ofMaxLength(60)
                                .list()
                                .ofMaxSize(2)
                                .injectNull(0.5),
                        context)
                .as((rawQuery, headers, query, pathParameters, body, base64, cookies, requestContext) ->
                        APIGatewayV2HTTPEvent.builder()
                                .withVersion("2.0")
                                .withRouteKey(requestContext.getRouteKey())
                                .withRawPath(requestContext.getHttp().getPath())
                                .withRawQueryString(rawQuery)
                                .withCookies(cookies)
                                .withHeaders(headers)
                                .withQueryStringParameters(query)
                                .withPathParameters(pathParameters)
                                .withStageVariables(pathParameters == null ? null : Map.of("stage", "prod"))
                                .withBody(body)
                                .withIsBase64Encoded(base64)
                                .withRequestContext(requestContext)
                                .build());
    }

    /** A Lambda authorizer's context: values of every shape, as databind reads them into {@code Object}. */
    private static Arbitrary<Map<String, Object>> lambdaContexts() {
        Arbitrary<Object> scalar = Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(10).map(Object.class::cast),
                Arbitraries.integers().map(Object.class::cast),
                Arbitraries.longs().greaterOrEqual((long) Integer.MAX_VALUE + 1).map(Object.class::cast),
                Arbitraries.bigIntegers()
                        .between(
                                java.math.BigInteger.valueOf(Long.MAX_VALUE).add(java.math.BigInteger.ONE),
                                java.math.BigInteger.TEN.pow(30))
                        .map(Object.class::cast),
                Arbitraries.doubles().between(-1e6, 1e6).map(Object.class::cast),
                Arbitraries.of(Boolean.TRUE, Boolean.FALSE).map(Object.class::cast));
        Arbitrary<Object> nested = Arbitraries.oneOf(
                scalar,
                scalar.list().ofMaxSize(3).map(Object.class::cast),
                Arbitraries.maps(Arbitraries.strings().alpha().ofLength(3), scalar)
                        .ofMaxSize(2)
                        .map(Object.class::cast));
        return Arbitraries.maps(Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(8), nested)
                .ofMaxSize(4);
    }

    @Provide
    Arbitrary<SQSEvent> queueEvents() {
        Arbitrary<String> text = Arbitraries.strings().ofMaxLength(40);
        Arbitrary<SQSEvent.MessageAttribute> attribute = Combinators.combine(
                        Arbitraries.of("String", "Number", "Binary"),
                        text.injectNull(0.3),
                        Arbitraries.bytes().array(byte[].class).ofMaxSize(16).injectNull(0.5))
                .as((type, value, binary) -> {
                    SQSEvent.MessageAttribute made = new SQSEvent.MessageAttribute();
                    made.setDataType(type);
                    made.setStringValue(value);
                    made.setBinaryValue(binary == null ? null : ByteBuffer.wrap(binary));
                    if (value != null && value.length() % 3 == 0) {
                        made.setStringListValues(List.of(value, type));
                        made.setBinaryListValues(binary == null ? List.of() : List.of(ByteBuffer.wrap(binary)));
                    }
                    return made;
                });
        Arbitrary<SQSEvent.SQSMessage> message = Combinators.combine(
                        text,
                        text,
                        Arbitraries.maps(Arbitraries.of("ApproximateReceiveCount", "SentTimestamp", "SenderId"), text)
                                .ofMaxSize(3),
                        Arbitraries.maps(
                                        Arbitraries.strings()
                                                .alpha()
                                                .ofMinLength(1)
                                                .ofMaxLength(10),
                                        attribute)
                                .ofMaxSize(3),
                        text.injectNull(0.3))
                .as((id, body, attributes, messageAttributes, md5) -> {
                    SQSEvent.SQSMessage made = new SQSEvent.SQSMessage();
                    made.setMessageId(id);
                    made.setReceiptHandle("AQEB" + id);
                    made.setBody(body);
                    made.setAttributes(attributes);
                    made.setMessageAttributes(messageAttributes);
                    made.setMd5OfBody(md5);
                    made.setMd5OfMessageAttributes(md5);
                    made.setEventSource("aws:sqs");
                    made.setEventSourceArn("arn:aws:sqs:eu-west-1:123456789012:import-jobs");
                    made.setAwsRegion("eu-west-1");
                    return made;
                });
        return message.list().ofMaxSize(5).map(messages -> {
            SQSEvent event = new SQSEvent();
            event.setRecords(messages);
            return event;
        });
    }

    @Provide
    Arbitrary<SQSBatchResponse> batchAnswers() {
        return Arbitraries.strings()
                .ofMaxLength(40)
                .map(SQSBatchResponse.BatchItemFailure::new)
                .list()
                .ofMaxSize(5)
                .map(SQSBatchResponse::new);
    }

    @Provide
    Arbitrary<APIGatewayV2HTTPResponse> answers() {
        Arbitrary<Map<String, String>> headers = Arbitraries.maps(
                        Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(12),
                        Arbitraries.strings().ofMaxLength(30))
                .ofMaxSize(4)
                .injectNull(0.2);
        return Combinators.combine(
                        Arbitraries.integers().between(100, 599),
                        headers,
                        Arbitraries.strings().ofMaxLength(80).injectNull(0.2),
                        Arbitraries.of(true, false),
                        Arbitraries.strings()
                                .ofMaxLength(30)
                                .list()
                                .ofMaxSize(2)
                                .injectNull(0.6))
                .as((status, headerMap, body, base64, cookies) -> APIGatewayV2HTTPResponse.builder()
                        .withStatusCode(status)
                        .withHeaders(headerMap)
                        .withMultiValueHeaders(cookies == null ? null : Map.of("vary", cookies, "link", List.of()))
                        .withBody(body)
                        .withIsBase64Encoded(base64)
                        .withCookies(cookies)
                        .build());
    }
}
