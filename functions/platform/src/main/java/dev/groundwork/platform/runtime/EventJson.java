package dev.groundwork.platform.runtime;

import com.amazonaws.services.lambda.runtime.CustomPojoSerializer;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.groundwork.platform.json.TenantKeyedJson;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;

/**
 * How Lambda's Java runtime reads a function's event and writes its answer: with the Jackson every function loads
 * anyway, instead of the runtime's own shaded copy of Jackson and its event mix-ins. That copy costs every cold start
 * about 700 classes (counted with {@code ./groundwork bench coldstart --class-logs}) to read one event type, and lands
 * its first use after a SnapStart restore.
 *
 * <p>The runtime finds it through {@code META-INF/services/com.amazonaws.services.lambda.runtime.CustomPojoSerializer}
 * (https://docs.aws.amazon.com/lambda/latest/dg/java-custom-serialization.html), which every function registers, and
 * then uses it for every type of the function. The types a function's runtime reads and writes on every invoke go
 * through Jackson's stream: the HTTP functions' {@code APIGatewayV2HTTPEvent} and its response
 * ({@link ApiGatewayEventJson}), the queue consumers' {@code SQSEvent}, whose {@code Records} and
 * {@code eventSourceARN} the runtime matches without regard to case, as this does, and {@code SQSBatchResponse}
 * ({@link QueueEventJson}), and the stream relay's {@code DynamodbEvent}, whose names the runtime matches case and all,
 * with its date format ({@link StreamEventJson}). Databind's bean introspection of the events library's classes cost
 * every cold start's first invoke about 0.1 CPU-seconds (docs/performance.md). Any other type, and the HTTP event
 * when a priming or a test writes one, go through databind, built when first needed. {@code EventJsonTest} and
 * {@code StreamEventJsonTest} compare them with the runtime's serializer on the sample events, on generated ones and
 * on generated ones with a value of another shape; the template suite checks that every function registers this.
 *
 * <p>As the runtime's: fields the events library does not know are ignored (AWS adds fields to events), and absent
 * values are left out of an answer.
 */
public final class EventJson implements CustomPojoSerializer {
    /** A synchronous invocation's event is at most 6 MiB (Lambda's quotas). */
    private static final int MAX_EVENT_BYTES = 6 * 1024 * 1024;

    /** An event's keys are its senders' (headers, query parameters), so its parsers keep none ({@link TenantKeyedJson}). */
    private static final JsonFactory STREAM = TenantKeyedJson.factory()
            // The runtime owns the stream it hands over.
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
            // A header's name is a key here, and API Gateway's quota does not count names: Jackson's own 50,000
            // characters made a longer one a 500 before the route ran (helper-92). An event is at most Lambda's
            // 6 MiB, so no key is longer; none is kept.
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNameLength(MAX_EVENT_BYTES)
                    .build())
            .build();

    /** Public and without arguments: the runtime's service loader builds it. */
    public EventJson() {}

    /**
     * Built on first use only: a function whose runtime reads and writes only the streamed types never needs it. As
     * the runtime's serializer: names matched without regard to case, unknown members ignored, absent values left out.
     * An event's keys are its senders' (headers, query parameters), so its parsers keep none of them
     * ({@link TenantKeyedJson}).
     */
    private static final class Databind {
        static final ObjectMapper MAPPER = JsonMapper.builder(
                        TenantKeyedJson.factory().build())
                .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                // The runtime owns the streams it hands over.
                .disable(JsonParser.Feature.AUTO_CLOSE_SOURCE)
                .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
                .defaultPropertyInclusion(
                        JsonInclude.Value.construct(JsonInclude.Include.NON_NULL, JsonInclude.Include.NON_NULL))
                .build();
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T fromJson(InputStream input, Type type) {
        try {
            byte[] bytes = input.readAllBytes();
            if (type.equals(APIGatewayV2HTTPEvent.class)) {
                return (T) streamed(bytes, ApiGatewayEventJson::read);
            }
            if (type.equals(SQSEvent.class)) {
                return (T) streamed(bytes, QueueEventJson::read);
            }
            if (type.equals(DynamodbEvent.class)) {
                return (T) streamed(bytes, StreamEventJson::read);
            }
            ObjectMapper databind = Databind.MAPPER;
            try (JsonParser event = TenantKeyedJson.parser(databind.getFactory(), bytes)) {
                return databind.readValue(event, databind.constructType(type));
            }
        } catch (IOException unreadable) {
            throw new UncheckedIOException(unreadable);
        }
    }

    private static <E> E streamed(byte[] bytes, EventValues.Value<E> reader) throws IOException {
        try (JsonParser event = TenantKeyedJson.parser(STREAM, bytes)) {
            if (event.nextToken() == null) {
                throw new JsonParseException(event, "no event: the input is empty");
            }
            return reader.read(event);
        }
    }

    @Override
    public <T> T fromJson(String input, Type type) {
        return fromJson(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), type);
    }

    @Override
    public <T> void toJson(T value, OutputStream output, Type type) {
        try {
            if (value == null) {
                // What the runtime writes for an absent answer of any type, a handler's Void included.
                try (JsonGenerator answer = STREAM.createGenerator(output)) {
                    answer.writeNull();
                }
            } else if (type.equals(APIGatewayV2HTTPResponse.class)) {
                try (JsonGenerator answer = STREAM.createGenerator(output)) {
                    ApiGatewayEventJson.write((APIGatewayV2HTTPResponse) value, answer);
                }
            } else if (type.equals(SQSBatchResponse.class)) {
                try (JsonGenerator answer = STREAM.createGenerator(output)) {
                    QueueEventJson.write((SQSBatchResponse) value, answer);
                }
            } else if (type.equals(DynamodbEvent.class)) {
                try (JsonGenerator event = STREAM.createGenerator(output)) {
                    StreamEventJson.write((DynamodbEvent) value, event);
                }
            } else {
                ObjectMapper databind = Databind.MAPPER;
                databind.writerFor(databind.constructType(type)).writeValue(output, value);
            }
        } catch (IOException unwritable) {
            throw new UncheckedIOException(unwritable);
        }
    }

    /**
     * The event as the runtime hands it to the handler once read from the Runtime API, for a SnapStart priming: so
     * that reading an event is in the snapshot too.
     */
    public static <E> E asDelivered(E event, Class<E> type) {
        EventJson json = new EventJson();
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        json.toJson(event, wire, type);
        return json.fromJson(new ByteArrayInputStream(wire.toByteArray()), type);
    }

    /** The answer as the runtime posts it to the Runtime API, for a SnapStart priming. */
    public static <A> byte[] asPosted(A answer, Class<A> type) {
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        new EventJson().toJson(answer, wire, type);
        return wire.toByteArray();
    }
}
