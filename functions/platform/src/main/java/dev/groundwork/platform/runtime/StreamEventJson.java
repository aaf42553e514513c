package dev.groundwork.platform.runtime;

import static dev.groundwork.platform.runtime.EventValues.bytes;
import static dev.groundwork.platform.runtime.EventValues.exactMembers;
import static dev.groundwork.platform.runtime.EventValues.flagOrNull;
import static dev.groundwork.platform.runtime.EventValues.list;
import static dev.groundwork.platform.runtime.EventValues.map;
import static dev.groundwork.platform.runtime.EventValues.object;
import static dev.groundwork.platform.runtime.EventValues.refused;
import static dev.groundwork.platform.runtime.EventValues.skip;
import static dev.groundwork.platform.runtime.EventValues.text;
import static dev.groundwork.platform.runtime.EventValues.textList;
import static dev.groundwork.platform.runtime.EventValues.wholeNumberOrNull;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.Identity;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamViewType;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Collection;
import java.util.Date;
import java.util.Map;

/**
 * A DynamoDB stream's event ({@code DynamodbEvent}) read and written with Jackson's stream, as Lambda's Java runtime
 * reads it with its serializer's mix-ins and date module ({@code aws-lambda-java-serialization}): the names Lambda
 * writes, matched case and all ({@code Records}, {@code Keys}, {@code NewImage}, {@code S}, {@code NULL}...), and
 * {@code ApproximateCreationDateTime} in seconds since the epoch. The relay's batches become usage meters, so a field
 * read differently would count differently: {@code StreamEventJsonTest} holds this to the runtime's serializer on the
 * sample events, on generated ones and on generated ones with one value of another shape.
 */
public final class StreamEventJson {
    /** Only ASCII, every other character a JSON escape: SQS refuses some characters and takes every escape. */
    private static final JsonFactory ASCII =
            JsonFactory.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();

    private StreamEventJson() {}

    /**
     * The event as text that holds only ASCII, so that SQS carries any text an item holds; the runtime reads it back
     * as it was.
     */
    public static String asciiText(DynamodbEvent event) {
        StringWriter text = new StringWriter();
        try (JsonGenerator json = ASCII.createGenerator(text)) {
            write(event, json);
        } catch (IOException inMemory) {
            throw new UncheckedIOException(inMemory);
        }
        return text.toString();
    }

    static DynamodbEvent read(JsonParser event) throws IOException {
        return object(
                event,
                DynamodbEvent::new,
                (json, into) -> exactMembers(json, name -> {
                    if (name.equals("Records")) {
                        into.setRecords(list(json, StreamEventJson::record));
                    } else {
                        skip(json);
                    }
                }));
    }

    private static DynamodbEvent.DynamodbStreamRecord record(JsonParser event) throws IOException {
        return object(
                event,
                DynamodbEvent.DynamodbStreamRecord::new,
                (json, into) -> exactMembers(json, name -> {
                    switch (name) {
                        case "eventID" -> into.setEventID(text(json));
                        // As text, not the enum's overload, which an operation Lambda adds would fail.
                        case "eventName" -> into.setEventName(text(json));
                        case "eventVersion" -> into.setEventVersion(text(json));
                        case "eventSource" -> into.setEventSource(text(json));
                        case "awsRegion" -> into.setAwsRegion(text(json));
                        case "eventSourceARN" -> into.setEventSourceARN(text(json));
                        case "dynamodb" -> into.setDynamodb(object(json, StreamRecord::new, StreamEventJson::change));
                        case "userIdentity" -> into.setUserIdentity(object(json, Identity::new, StreamEventJson::who));
                        default -> skip(json);
                    }
                }));
    }

    private static void change(JsonParser event, StreamRecord into) throws IOException {
        exactMembers(event, name -> {
            switch (name) {
                case "ApproximateCreationDateTime" -> into.setApproximateCreationDateTime(seconds(event));
                case "Keys" -> into.setKeys(image(event));
                case "NewImage" -> into.setNewImage(image(event));
                case "OldImage" -> into.setOldImage(image(event));
                case "SequenceNumber" -> into.setSequenceNumber(text(event));
                case "SizeBytes" -> into.setSizeBytes(wholeNumberOrNull(event));
                case "StreamViewType" -> into.setStreamViewType(viewType(event));
                default -> skip(event);
            }
        });
    }

    private static void who(JsonParser event, Identity into) throws IOException {
        exactMembers(event, name -> {
            switch (name) {
                case "principalId" -> into.setPrincipalId(text(event));
                case "type" -> into.setType(text(event));
                default -> skip(event);
            }
        });
    }

    private static Map<String, AttributeValue> image(JsonParser event) throws IOException {
        return map(event, StreamEventJson::attribute);
    }

    private static AttributeValue attribute(JsonParser event) throws IOException {
        return object(
                event,
                AttributeValue::new,
                (json, into) -> exactMembers(json, name -> {
                    switch (name) {
                        case "S" -> into.setS(text(json));
                        case "N" -> into.setN(text(json));
                        case "B" -> into.setB(bytes(json));
                        case "SS" -> into.setSS(textList(json));
                        case "NS" -> into.setNS(textList(json));
                        case "BS" -> into.setBS(list(json, EventValues::bytes));
                        case "M" -> into.setM(image(json));
                        case "L" -> into.setL(list(json, StreamEventJson::attribute));
                        case "NULL" -> into.setNULL(flagOrNull(json));
                        case "BOOL" -> into.setBOOL(flagOrNull(json));
                        default -> skip(json);
                    }
                }));
    }

    /**
     * Seconds since the epoch, a fraction allowed, with the runtime's arithmetic: seconds times 1000.0, cut to whole
     * milliseconds; zero, or text that is no number, is no time. The runtime's date reader does not step past an
     * object or an array, so it reads the members after one as the wrong record's: refused here instead.
     */
    private static Date seconds(JsonParser event) throws IOException {
        JsonToken token = event.currentToken();
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        if (token.isStructStart()) {
            throw refused(event, "seconds since the epoch");
        }
        double seconds = event.getValueAsDouble();
        return seconds == 0.0 ? null : new Date((long) (seconds * 1000.0));
    }

    /**
     * A {@link StreamViewType} as databind reads an enum for the runtime: its name, blanks around it allowed; or its
     * index, as a whole number or as text of digits without a leading zero; or an array of one of those. The events
     * library's setter keeps the type's text.
     */
    private static StreamViewType viewType(JsonParser event) throws IOException {
        StreamViewType[] types = StreamViewType.values();
        switch (event.currentToken()) {
            case VALUE_STRING -> {
                String name = event.getText().trim();
                for (StreamViewType type : types) {
                    if (type.name().equals(name)) {
                        return type;
                    }
                }
                if (asciiDigits(name) && !(name.startsWith("0") && name.length() > 1)) {
                    try {
                        int index = Integer.parseInt(name);
                        if (index < types.length) {
                            return types[index];
                        }
                    } catch (NumberFormatException notAnIndex) {
                        // refused below, as any other text that names no type
                    }
                }
            }
            case VALUE_NUMBER_INT -> {
                if (event.getNumberType() == JsonParser.NumberType.INT) {
                    int index = event.getIntValue();
                    if (index >= 0 && index < types.length) {
                        return types[index];
                    }
                }
            }
            case START_ARRAY -> {
                if (event.nextToken() != JsonToken.START_ARRAY && event.currentToken() != JsonToken.END_ARRAY) {
                    StreamViewType one = viewType(event);
                    if (event.nextToken() == JsonToken.END_ARRAY) {
                        return one;
                    }
                }
            }
            default -> {
                // refused below: no other shape names a type
            }
        }
        throw refused(event, "a stream view type");
    }

    /** Only '0' to '9', as databind reads an index from text: not the other scripts' digits {@code parseInt} takes. */
    private static boolean asciiDigits(String text) {
        return !text.isEmpty() && text.chars().allMatch(character -> character >= '0' && character <= '9');
    }

    /** The event as the runtime's serializer writes it: absent members, and absent entries of a map, left out. */
    static void write(DynamodbEvent batch, JsonGenerator json) throws IOException {
        if (batch == null) {
            json.writeNull();
            return;
        }
        json.writeStartObject();
        if (batch.getRecords() != null) {
            json.writeArrayFieldStart("Records");
            for (DynamodbEvent.DynamodbStreamRecord record : batch.getRecords()) {
                write(record, json);
            }
            json.writeEndArray();
        }
        json.writeEndObject();
    }

    private static void write(DynamodbEvent.DynamodbStreamRecord record, JsonGenerator json) throws IOException {
        if (record == null) {
            json.writeNull();
            return;
        }
        json.writeStartObject();
        textField("eventID", record.getEventID(), json);
        textField("eventVersion", record.getEventVersion(), json);
        textField("eventSource", record.getEventSource(), json);
        textField("awsRegion", record.getAwsRegion(), json);
        StreamRecord change = record.getDynamodb();
        if (change != null) {
            json.writeObjectFieldStart("dynamodb");
            Date created = change.getApproximateCreationDateTime();
            if (created != null) {
                json.writeNumberField("ApproximateCreationDateTime", created.getTime() / 1000.0);
            }
            imageField("Keys", change.getKeys(), json);
            imageField("NewImage", change.getNewImage(), json);
            imageField("OldImage", change.getOldImage(), json);
            textField("SequenceNumber", change.getSequenceNumber(), json);
            if (change.getSizeBytes() != null) {
                json.writeNumberField("SizeBytes", change.getSizeBytes());
            }
            textField("StreamViewType", change.getStreamViewType(), json);
            json.writeEndObject();
        }
        Identity who = record.getUserIdentity();
        if (who != null) {
            json.writeObjectFieldStart("userIdentity");
            textField("principalId", who.getPrincipalId(), json);
            textField("type", who.getType(), json);
            json.writeEndObject();
        }
        textField("eventSourceARN", record.getEventSourceARN(), json);
        textField("eventName", record.getEventName(), json);
        json.writeEndObject();
    }

    private static void textField(String name, String value, JsonGenerator json) throws IOException {
        if (value != null) {
            json.writeStringField(name, value);
        }
    }

    private static void imageField(String name, Map<String, AttributeValue> image, JsonGenerator json)
            throws IOException {
        if (image != null) {
            json.writeFieldName(name);
            image(image, json);
        }
    }

    private static void image(Map<String, AttributeValue> image, JsonGenerator json) throws IOException {
        json.writeStartObject();
        for (Map.Entry<String, AttributeValue> entry : image.entrySet()) {
            if (entry.getValue() != null) {
                json.writeFieldName(entry.getKey());
                write(entry.getValue(), json);
            }
        }
        json.writeEndObject();
    }

    private static void write(AttributeValue value, JsonGenerator json) throws IOException {
        if (value == null) {
            json.writeNull();
            return;
        }
        json.writeStartObject();
        textField("S", value.getS(), json);
        textField("N", value.getN(), json);
        if (value.getB() != null) {
            json.writeFieldName("B");
            binary(value.getB(), json);
        }
        imageField("M", value.getM(), json);
        if (value.getL() != null) {
            json.writeArrayFieldStart("L");
            for (AttributeValue element : value.getL()) {
                write(element, json);
            }
            json.writeEndArray();
        }
        textsField("SS", value.getSS(), json);
        textsField("NS", value.getNS(), json);
        if (value.getBS() != null) {
            json.writeArrayFieldStart("BS");
            for (ByteBuffer element : value.getBS()) {
                if (element == null) {
                    json.writeNull();
                } else {
                    binary(element, json);
                }
            }
            json.writeEndArray();
        }
        if (value.getNULL() != null) {
            json.writeBooleanField("NULL", value.getNULL());
        }
        if (value.getBOOL() != null) {
            json.writeBooleanField("BOOL", value.getBOOL());
        }
        json.writeEndObject();
    }

    private static void textsField(String name, Collection<String> values, JsonGenerator json) throws IOException {
        if (values != null) {
            json.writeArrayFieldStart(name);
            for (String value : values) {
                json.writeString(value);
            }
            json.writeEndArray();
        }
    }

    /** As databind writes a buffer: its remaining bytes, as base64 text, the buffer itself left as it was. */
    private static void binary(ByteBuffer bytes, JsonGenerator json) throws IOException {
        ByteBuffer remaining = bytes.duplicate();
        byte[] copy = new byte[remaining.remaining()];
        remaining.get(copy);
        json.writeBinary(copy);
    }
}
