package dev.groundwork.usage.stream;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * One stream record as the event Lambda hands the relay ({@code {"Records":[…]}}, field names as Lambda writes them),
 * so that a dead-lettered record is replayed by invoking the relay with the message's body as its event:
 * {@code aws lambda invoke}, {@code sam local invoke -e} or {@code ./groundwork invoke ItemEventsRelayFunction --event}.
 * Non-ASCII is escaped, so SQS carries any text an item holds.
 */
public final class StreamRecordJson {
    private static final JsonFactory JSON =
            JsonFactory.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();

    private StreamRecordJson() {}

    /**
     * Under SQS's message limit (256 KB with the message attributes, "Amazon SQS message quotas"), with room for
     * those; an item's two images can take 800 KB.
     */
    static final int MAX_MESSAGE_CHARS = 250 * 1024;

    /**
     * The record as an event, with its images when they fit one message; without them (its keys and sequence number
     * still say which change it was, for a replay from the stream within its 24 hours) when they do not.
     */
    public static String event(DynamodbEvent.DynamodbStreamRecord record) {
        String whole = event(record, true);
        return whole.length() <= MAX_MESSAGE_CHARS ? whole : event(record, false);
    }

    private static String event(DynamodbEvent.DynamodbStreamRecord record, boolean withImages) {
        StringWriter text = new StringWriter();
        try (JsonGenerator json = JSON.createGenerator(text)) {
            json.writeStartObject();
            json.writeArrayFieldStart("Records");
            json.writeStartObject();
            field(json, "eventID", record.getEventID());
            field(json, "eventName", record.getEventName());
            field(json, "eventVersion", record.getEventVersion());
            field(json, "eventSource", record.getEventSource());
            field(json, "awsRegion", record.getAwsRegion());
            field(json, "eventSourceARN", record.getEventSourceARN());
            StreamRecord stream = record.getDynamodb();
            if (stream != null) {
                json.writeObjectFieldStart("dynamodb");
                if (stream.getApproximateCreationDateTime() != null) {
                    json.writeNumberField(
                            "ApproximateCreationDateTime",
                            stream.getApproximateCreationDateTime().getTime() / 1000);
                }
                image(json, "Keys", stream.getKeys());
                if (withImages) {
                    image(json, "NewImage", stream.getNewImage());
                    image(json, "OldImage", stream.getOldImage());
                }
                field(json, "SequenceNumber", stream.getSequenceNumber());
                if (stream.getSizeBytes() != null) {
                    json.writeNumberField("SizeBytes", stream.getSizeBytes());
                }
                field(json, "StreamViewType", stream.getStreamViewType());
                json.writeEndObject();
            }
            json.writeEndObject();
            json.writeEndArray();
            json.writeEndObject();
        } catch (IOException inMemory) {
            throw new UncheckedIOException(inMemory);
        }
        return text.toString();
    }

    private static void field(JsonGenerator json, String name, String value) throws IOException {
        if (value != null) {
            json.writeStringField(name, value);
        }
    }

    private static void image(JsonGenerator json, String name, Map<String, AttributeValue> image) throws IOException {
        if (image != null) {
            json.writeFieldName(name);
            attributes(json, image);
        }
    }

    private static void attributes(JsonGenerator json, Map<String, AttributeValue> attributes) throws IOException {
        json.writeStartObject();
        for (Map.Entry<String, AttributeValue> attribute : attributes.entrySet()) {
            json.writeFieldName(attribute.getKey());
            value(json, attribute.getValue());
        }
        json.writeEndObject();
    }

    private static void value(JsonGenerator json, AttributeValue value) throws IOException {
        json.writeStartObject();
        if (value == null) {
            json.writeBooleanField("NULL", true);
        } else if (value.getS() != null) {
            json.writeStringField("S", value.getS());
        } else if (value.getN() != null) {
            json.writeStringField("N", value.getN());
        } else if (value.getB() != null) {
            json.writeStringField("B", base64(value.getB()));
        } else if (value.getBOOL() != null) {
            json.writeBooleanField("BOOL", value.getBOOL());
        } else if (value.getNULL() != null) {
            json.writeBooleanField("NULL", value.getNULL());
        } else if (value.getM() != null) {
            json.writeFieldName("M");
            attributes(json, value.getM());
        } else if (value.getL() != null) {
            json.writeArrayFieldStart("L");
            for (AttributeValue element : value.getL()) {
                value(json, element);
            }
            json.writeEndArray();
        } else if (value.getSS() != null) {
            strings(json, "SS", value.getSS());
        } else if (value.getNS() != null) {
            strings(json, "NS", value.getNS());
        } else if (value.getBS() != null) {
            strings(
                    json,
                    "BS",
                    value.getBS().stream().map(StreamRecordJson::base64).toList());
        }
        json.writeEndObject();
    }

    private static void strings(JsonGenerator json, String type, List<String> values) throws IOException {
        json.writeArrayFieldStart(type);
        for (String value : values) {
            json.writeString(value);
        }
        json.writeEndArray();
    }

    private static String base64(ByteBuffer bytes) {
        byte[] copy = new byte[bytes.remaining()];
        bytes.duplicate().get(copy);
        return Base64.getEncoder().encodeToString(copy);
    }
}
