package dev.groundwork.platform.runtime;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The values of an event, read from Jackson's stream as the runtime's serializer binds them to the events library's
 * beans ({@code aws-lambda-java-serialization}'s settings): a scalar where text is expected is taken as its text, a
 * number or its text where a number is, {@code true}, {@code false}, their text or an integer where a flag is;
 * {@code null} is the field's default; an empty array (but for a number or a flag), or blank text where an object is expected,
 * reads as {@code null}; an array of one value reads as that value, and one value where an array is expected as an array of
 * it; anything else is refused. The codecs that use this ({@link ApiGatewayEventJson}, {@link QueueEventJson}) read
 * their event types without databind's bean introspection, which cost every cold start's first invoke about 0.1
 * CPU-seconds (docs/performance.md); {@code EventJsonTest} holds them to the runtime's serializer.
 */
final class EventValues {
    private EventValues() {}

    /** Reads the members of the object the parser is at, handing each to {@code member} by its lower-case name. */
    static void members(JsonParser event, Member member) throws IOException {
        // Names are matched without regard to case (SQS writes "eventSourceARN" for the bean's eventSourceArn).
        exactMembers(event, name -> member.read(name.toLowerCase(Locale.ROOT)));
    }

    /**
     * Reads the members of the object the parser is at, handing each to {@code member} by its name as written: for
     * the names the runtime matches case and all (a DynamoDB stream event's {@code Records}, {@code Keys}, {@code S}).
     */
    static void exactMembers(JsonParser event, Member member) throws IOException {
        while (event.nextToken() == JsonToken.FIELD_NAME) {
            String name = event.currentName();
            event.nextToken();
            member.read(name);
        }
    }

    /** What to do with one member's value, the parser at its first token. */
    @FunctionalInterface
    interface Member {
        void read(String lowerCaseName) throws IOException;
    }

    /** An object whose members {@code reader} reads, or {@code null}. */
    static <T> T object(JsonParser event, Supplier<T> made, ObjectReader<T> reader) throws IOException {
        return switch (event.currentToken()) {
            case VALUE_NULL -> null;
            case START_ARRAY ->
                unwrapped(event, one -> {
                    // As databind: an array's one value must be the object itself; [null] is no object.
                    if (one.currentToken() == JsonToken.VALUE_NULL) {
                        throw refused(one, "an object");
                    }
                    return object(one, made, reader);
                });
            case START_OBJECT -> {
                T value = made.get();
                reader.read(event, value);
                yield value;
            }
            case VALUE_STRING -> {
                if (blank(event.getText())) {
                    yield null;
                }
                throw refused(event, "an object");
            }
            default -> throw refused(event, "an object");
        };
    }

    @FunctionalInterface
    interface ObjectReader<T> {
        void read(JsonParser event, T into) throws IOException;
    }

    static String text(JsonParser event) throws IOException {
        JsonToken token = event.currentToken();
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        if (token == JsonToken.START_ARRAY) {
            return unwrapped(event, EventValues::text);
        }
        if (token.isScalarValue()) {
            return event.getText();
        }
        throw refused(event, "text");
    }

    /** A {@code long} field's value; {@code null} is the field's default, 0. */
    static long wholeNumber(JsonParser event) throws IOException {
        return switch (event.currentToken()) {
            case VALUE_NULL -> 0L;
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> event.getValueAsLong();
            case VALUE_STRING -> {
                String text = event.getText().trim();
                try {
                    // As databind: empty text, and the text "null", are the field's default.
                    yield text.isEmpty() || text.equals("null") ? 0L : Long.parseLong(text);
                } catch (NumberFormatException notWhole) {
                    throw refused(event, "a whole number");
                }
            }
            case START_ARRAY -> unwrappedScalar(event, EventValues::wholeNumber, "a whole number");
            default -> throw refused(event, "a whole number");
        };
    }

    /** A {@code boolean} field's value; {@code null} is the field's default, {@code false}. */
    static boolean flag(JsonParser event) throws IOException {
        return switch (event.currentToken()) {
            case VALUE_TRUE -> true;
            case VALUE_FALSE, VALUE_NULL -> false;
            // As databind: any integer but 0 (-0 included), however long, is true.
            case VALUE_NUMBER_INT -> event.getBigIntegerValue().signum() != 0;
            case VALUE_STRING -> {
                // As databind: three spellings of each, and empty text or the text "null" for the default.
                String text = event.getText().trim();
                if (text.equals("true") || text.equals("True") || text.equals("TRUE")) {
                    yield true;
                }
                if (text.equals("false")
                        || text.equals("False")
                        || text.equals("FALSE")
                        || text.isEmpty()
                        || text.equals("null")) {
                    yield false;
                }
                throw refused(event, "true or false");
            }
            case START_ARRAY -> unwrappedScalar(event, EventValues::flag, "true or false");
            default -> throw refused(event, "true or false");
        };
    }

    /** A {@code Long} field's value: as {@link #wholeNumber}, but {@code null}, empty text and an empty array are none. */
    static Long wholeNumberOrNull(JsonParser event) throws IOException {
        return switch (event.currentToken()) {
            case VALUE_NULL -> null;
            case VALUE_STRING -> blankOrNullText(event) ? null : wholeNumber(event);
            case START_ARRAY -> unwrapped(event, EventValues::wholeNumberOrNull);
            default -> wholeNumber(event);
        };
    }

    /** A {@code Boolean} field's value: as {@link #flag}, but {@code null}, empty text and an empty array are none. */
    static Boolean flagOrNull(JsonParser event) throws IOException {
        return switch (event.currentToken()) {
            case VALUE_NULL -> null;
            case VALUE_STRING -> blankOrNullText(event) ? null : flag(event);
            case START_ARRAY -> unwrapped(event, EventValues::flagOrNull);
            default -> flag(event);
        };
    }

    /**
     * Blank as databind reads it: no character above U+0020 (so a control character is blank, and U+3000 or U+2028,
     * which {@link String#isBlank} calls whitespace, are not).
     */
    static boolean blank(String text) {
        for (int at = 0; at < text.length(); at++) {
            if (text.charAt(at) > ' ') {
                return false;
            }
        }
        return true;
    }

    private static boolean blankOrNullText(JsonParser event) throws IOException {
        String text = event.getText().trim();
        return text.isEmpty() || text.equals("null");
    }

    static Map<String, String> textMap(JsonParser event) throws IOException {
        return map(event, EventValues::text);
    }

    static <V> Map<String, V> map(JsonParser event, Value<V> value) throws IOException {
        if (event.currentToken() == JsonToken.START_ARRAY) {
            // As databind: unlike an object's, a map's one value in an array may be null.
            return unwrapped(event, one -> map(one, value));
        }
        return object(event, LinkedHashMap::new, (json, into) -> {
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String key = json.currentName();
                json.nextToken();
                into.put(key, value.read(json));
            }
        });
    }

    /** A list of text, whose elements (unlike a text member's value) are never unwrapped from an array. */
    static List<String> textList(JsonParser event) throws IOException {
        return list(event, EventValues::textElement);
    }

    private static String textElement(JsonParser event) throws IOException {
        if (event.currentToken() == JsonToken.START_ARRAY) {
            throw refused(event, "text");
        }
        return text(event);
    }

    static <V> List<V> list(JsonParser event, Value<V> element) throws IOException {
        return switch (event.currentToken()) {
            case VALUE_NULL -> null;
            case START_ARRAY -> {
                List<V> list = new ArrayList<>();
                while (event.nextToken() != JsonToken.END_ARRAY) {
                    list.add(element.read(event));
                }
                yield list;
            }
            case VALUE_STRING -> {
                if (blank(event.getText())) {
                    yield null;
                }
                List<V> one = new ArrayList<>(1);
                one.add(element.read(event));
                yield one;
            }
            default -> {
                List<V> one = new ArrayList<>(1);
                one.add(element.read(event));
                yield one;
            }
        };
    }

    /** Binary as Jackson writes it, base64 text. */
    static ByteBuffer bytes(JsonParser event) throws IOException {
        return switch (event.currentToken()) {
            case VALUE_NULL -> null;
            case VALUE_STRING -> ByteBuffer.wrap(event.getBinaryValue());
            default -> throw refused(event, "base64 text");
        };
    }

    /** A value of any shape, as databind reads one into {@code Object}: maps, lists, text, numbers, flags. */
    static Object untyped(JsonParser event) throws IOException {
        return switch (event.currentToken()) {
            case START_OBJECT -> map(event, EventValues::untyped);
            case START_ARRAY -> list(event, EventValues::untyped);
            case VALUE_STRING -> event.getText();
            case VALUE_NUMBER_INT ->
                switch (event.getNumberType()) {
                    case INT -> event.getIntValue();
                    case LONG -> event.getLongValue();
                    default -> event.getBigIntegerValue();
                };
            case VALUE_NUMBER_FLOAT -> event.getDoubleValue();
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NULL -> null;
            default -> throw refused(event, "a value");
        };
    }

    /** The one value of the array the parser is at, for a primitive field: an empty array is no value of it. */
    private static <V> V unwrappedScalar(JsonParser event, Value<V> single, String expected) throws IOException {
        V one = unwrapped(event, single);
        if (one == null) {
            throw refused(event, expected + ", not an empty array");
        }
        return one;
    }

    /** The one value of the array the parser is at, or {@code null} for an empty one. */
    private static <V> V unwrapped(JsonParser event, Value<V> single) throws IOException {
        JsonToken first = event.nextToken();
        if (first == JsonToken.END_ARRAY) {
            return null;
        }
        if (first == JsonToken.START_ARRAY) {
            throw refused(event, "one value, not an array of arrays");
        }
        V value = single.read(event);
        if (event.nextToken() != JsonToken.END_ARRAY) {
            throw refused(event, "one value in the array");
        }
        return value;
    }

    @FunctionalInterface
    interface Value<V> {
        V read(JsonParser event) throws IOException;
    }

    /** Past the value the parser is at, whatever its shape (a member this does not read). */
    static void skip(JsonParser event) throws IOException {
        event.skipChildren();
    }

    static JsonParseException refused(JsonParser event, String expected) {
        return new JsonParseException(
                event,
                "expected " + expected + " at " + event.getParsingContext().pathAsPointer() + ", found "
                        + event.currentToken());
    }
}
