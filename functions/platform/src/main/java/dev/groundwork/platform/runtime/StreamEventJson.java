package dev.groundwork.platform.runtime;

import com.amazonaws.services.lambda.runtime.CustomPojoSerializer;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Type;
import java.nio.ByteBuffer;
import java.util.Date;
import java.util.List;
import java.util.Map;

/**
 * {@link EventJson} for a function that reads a DynamoDB stream: {@code DynamodbEvent} as Lambda writes it, with the
 * names the events library's beans do not follow ({@code Records}, {@code Keys}, {@code NewImage}, {@code S},
 * {@code NULL}...) and {@code ApproximateCreationDateTime} in seconds since the epoch, as the runtime's own serializer
 * reads them with its mix-ins and date module ({@code aws-lambda-java-serialization}). So the stream relay, too,
 * reads its events with the Jackson it loads anyway, instead of the runtime's shaded copy (about 700 classes a cold
 * start), and its SnapStart priming reaches the reading of an event. {@code StreamEventJsonTest} holds it to the
 * runtime's serializer on the sample events and on generated ones.
 */
public final class StreamEventJson implements CustomPojoSerializer {
    private static final ObjectMapper MAPPER = EventJson.settings()
            // As the runtime reads DynamodbEvent: names as Lambda writes them, case and all, and no constructor taken
            // for a value (AttributeValue's of a String would read "pk":"x" as a string attribute, which the runtime
            // refuses). A hand-made replay that the runtime would read differently must not be metered.
            .disable(MapperFeature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
            .disable(MapperFeature.AUTO_DETECT_CREATORS)
            .addMixIn(DynamodbEvent.class, Batch.class)
            .addMixIn(DynamodbEvent.DynamodbStreamRecord.class, Change.class)
            .addMixIn(StreamRecord.class, Images.class)
            .addMixIn(AttributeValue.class, Value.class)
            .build();
    private static final EventJson JSON = new EventJson(MAPPER);
    private static final ObjectWriter ASCII =
            MAPPER.writerFor(DynamodbEvent.class).with(JsonWriteFeature.ESCAPE_NON_ASCII);

    /** Public and without arguments: the runtime's service loader builds it. */
    public StreamEventJson() {}

    @Override
    public <T> T fromJson(InputStream input, Type type) {
        return JSON.fromJson(input, type);
    }

    @Override
    public <T> T fromJson(String input, Type type) {
        return JSON.fromJson(input, type);
    }

    @Override
    public <T> void toJson(T value, OutputStream output, Type type) {
        JSON.toJson(value, output, type);
    }

    /** The event as the runtime hands it to the handler once read from the Runtime API, for a SnapStart priming. */
    public static <E> E asDelivered(E event, Class<E> type) {
        return JSON.delivered(event, type);
    }

    /**
     * The event as text that holds only ASCII, every other character written as a JSON escape, so that SQS carries
     * any text an item holds (SQS refuses some characters; it takes every escape). The runtime reads it back as it was.
     */
    public static String asciiText(DynamodbEvent event) {
        try {
            return ASCII.writeValueAsString(event);
        } catch (JsonProcessingException inMemory) {
            throw new UncheckedIOException(inMemory);
        }
    }

    private abstract static class Batch {
        @JsonProperty("Records")
        abstract List<DynamodbEvent.DynamodbStreamRecord> getRecords();
    }

    private abstract static class Change {
        /** The text of an operation Lambda may add, not the enum's overload, which a new one would fail. */
        @JsonProperty("eventName")
        abstract void setEventName(String eventName);
    }

    private abstract static class Images {
        @JsonProperty("Keys")
        abstract Map<String, AttributeValue> getKeys();

        @JsonProperty("NewImage")
        abstract Map<String, AttributeValue> getNewImage();

        @JsonProperty("OldImage")
        abstract Map<String, AttributeValue> getOldImage();

        @JsonProperty("SequenceNumber")
        abstract String getSequenceNumber();

        @JsonProperty("SizeBytes")
        abstract Long getSizeBytes();

        @JsonProperty("StreamViewType")
        abstract String getStreamViewType();

        @JsonProperty("ApproximateCreationDateTime")
        @JsonSerialize(using = EpochSeconds.Writer.class)
        @JsonDeserialize(using = EpochSeconds.Reader.class)
        abstract Date getApproximateCreationDateTime();
    }

    private abstract static class Value {
        @JsonProperty("S")
        abstract String getS();

        @JsonProperty("N")
        abstract String getN();

        @JsonProperty("B")
        abstract ByteBuffer getB();

        @JsonProperty("SS")
        abstract List<String> getSS();

        @JsonProperty("NS")
        abstract List<String> getNS();

        @JsonProperty("BS")
        abstract List<ByteBuffer> getBS();

        @JsonProperty("M")
        abstract Map<String, AttributeValue> getM();

        @JsonProperty("L")
        abstract List<AttributeValue> getL();

        /** The events library's bean also has {@code isNULL} and {@code isBOOL}, which name the same flags. */
        @JsonProperty("NULL")
        abstract Boolean getNULL();

        @JsonProperty("BOOL")
        abstract Boolean getBOOL();
    }

    /**
     * A stream record's time as DynamoDB Streams gives it, in seconds since the epoch (a fraction allowed), with the
     * runtime's arithmetic: seconds times 1000.0, cut to whole milliseconds; zero (or no number at all) is no time.
     */
    static final class EpochSeconds {
        private EpochSeconds() {}

        static final class Reader extends JsonDeserializer<Date> {
            @Override
            public Date deserialize(JsonParser parser, DeserializationContext context) throws IOException {
                double seconds = parser.getValueAsDouble();
                return seconds == 0.0 ? null : new Date((long) (seconds * 1000.0));
            }
        }

        static final class Writer extends JsonSerializer<Date> {
            @Override
            public void serialize(Date time, JsonGenerator json, SerializerProvider provider) throws IOException {
                json.writeNumber(time.getTime() / 1000.0);
            }
        }
    }
}
