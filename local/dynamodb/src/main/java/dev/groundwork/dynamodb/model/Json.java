package dev.groundwork.dynamodb.model;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.SegmentedStringWriter;
import com.fasterxml.jackson.core.util.BufferRecycler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.POJONode;
import com.fasterxml.jackson.databind.util.RawValue;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The server's JSON: Jackson's streaming parser and generator building and writing Jackson's tree nodes. It avoids
 * an {@code ObjectMapper}, whose construction is a large part of a cold start, and whose
 * per-call serializer lookups the server does not need: it only ever reads and writes trees.
 */
public final class Json {
    public static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /**
     * Keeps no member name beyond the document it reads. By default a factory keeps every name its parsers read in one
     * table for the whole process, and names chosen to land in one slot of it (their hash adds up 4-byte blocks, so
     * the same blocks in another order collide whatever the seed) fill that slot's overflow, after which every request
     * with a new name fails: one caller's item attributes would break every other caller's requests.
     */
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .disable(JsonFactory.Feature.CANONICALIZE_FIELD_NAMES)
            .build();

    private Json() {}

    public static ObjectNode object() {
        return NODES.objectNode();
    }

    /**
     * Parses one JSON document that came from outside (a request body, a journal line), refusing text that is not
     * well-formed Unicode: a body that is not UTF-8, or a string or member name holding a lone surrogate.
     *
     * <p>Both are valid JSON (RFC 8259 section 8.2 lets an escape name a lone surrogate) but DynamoDB stores
     * UTF-8 text, and neither has a UTF-8 form: a string holding one could be stored but never answered, journaled or
     * streamed again. Refused here, where every request is read, no operation has to think of it.
     * See https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/HowItWorks.NamingRulesDataTypes.html
     *
     * @throws IllFormedTextException when the body is not well-formed Unicode
     * @throws IOException when the text is not JSON (a {@link com.fasterxml.jackson.core.JsonProcessingException})
     */
    public static JsonNode parse(byte[] json) throws IOException {
        CharBuffer text = strictUtf8(json);
        try (JsonParser parser =
                FACTORY.createParser(text.array(), text.arrayOffset() + text.position(), text.remaining())) {
            JsonToken first = parser.nextToken();
            return first == null ? null : read(parser, first, true);
        } catch (JsonParseException e) {
            // The bytes were decoded strictly before (strictUtf8); Jackson's member name reader refuses escapes of lone
            // surrogates, IllFormedTextTest holds both. Its exception has no type of its own: it is known by its
            // message.
            String message = e.getOriginalMessage();
            if (e instanceof IllFormedTextException || message == null) throw e;
            if (message.contains("surrogate")) {
                throw new IllFormedTextException(
                        e.getProcessor(), "A member name is not well-formed Unicode: " + message);
            }
            throw e;
        }
    }

    /**
     * The text of the bytes, decoded strictly: a factory that keeps no names reads bytes through a decoder that would
     * put U+FFFD in place of a byte that is not UTF-8, so the JDK's decoder, which refuses every ill-formed sequence as
     * Jackson's own did, decodes them first.
     */
    private static CharBuffer strictUtf8(byte[] json) throws IllFormedTextException {
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(json));
        } catch (CharacterCodingException notUtf8) {
            throw new IllFormedTextException(null, "The request body is not valid UTF-8: " + notUtf8.getMessage());
        }
    }

    /** Text that is JSON but not well-formed Unicode; see {@link #parse(byte[])}. */
    public static final class IllFormedTextException extends JsonParseException {
        IllFormedTextException(JsonParser parser, String message) {
            super(parser, message);
        }
    }

    public static byte[] toBytes(JsonNode node) {
        // Room for a typical answer with a 1 KB item, so that it is not grown by copying twice.
        ByteArrayOutputStream out = new ByteArrayOutputStream(2048);
        try (JsonGenerator generator = FACTORY.createGenerator(out)) {
            write(generator, node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * The node as text, through Jackson's segmented writer (as {@code ObjectMapper.writeValueAsString} does): a
     * {@code StringWriter} grows by copying and locks on every write, which showed under PutItem load.
     */
    public static String write(JsonNode node) {
        BufferRecycler recycler = FACTORY._getBufferRecycler();
        try (SegmentedStringWriter out = new SegmentedStringWriter(recycler)) {
            try (JsonGenerator generator = FACTORY.createGenerator(out)) {
                write(generator, node);
            }
            return out.getAndClear();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            recycler.releaseToPool();
        }
    }

    /** Reads text this server wrote, from strings that {@link #parse(byte[])} checked. */
    public static JsonNode read(String text) {
        try (JsonParser parser = FACTORY.createParser(text)) {
            JsonToken first = parser.nextToken();
            return first == null ? null : read(parser, first, false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String itemText(Map<String, AttributeValue> item) {
        return write(AttributeValues.itemToJson(item));
    }

    public static Map<String, AttributeValue> itemFromText(String text) {
        return AttributeValues.itemFromJson(read(text));
    }

    private static JsonNode read(JsonParser parser, JsonToken token, boolean checkText) throws IOException {
        return switch (token) {
            case START_OBJECT -> {
                ObjectNode object = NODES.objectNode();
                for (JsonToken next = parser.nextToken(); next == JsonToken.FIELD_NAME; next = parser.nextToken()) {
                    String name = parser.currentName();
                    if (checkText) checkWellFormed(parser, name);
                    object.set(name, read(parser, parser.nextToken(), checkText));
                }
                yield object;
            }
            case START_ARRAY -> {
                ArrayNode array = NODES.arrayNode();
                for (JsonToken next = parser.nextToken(); next != JsonToken.END_ARRAY; next = parser.nextToken()) {
                    if (next == null) throw new JsonParseException(parser, "unexpected end of input in an array");
                    array.add(read(parser, next, checkText));
                }
                yield array;
            }
            case VALUE_STRING -> {
                String text = parser.getText();
                if (checkText) checkWellFormed(parser, text);
                yield NODES.textNode(text);
            }
            case VALUE_NUMBER_INT ->
                switch (parser.getNumberType()) {
                    case INT -> NODES.numberNode(parser.getIntValue());
                    case LONG -> NODES.numberNode(parser.getLongValue());
                    default -> NODES.numberNode(parser.getBigIntegerValue());
                };
            case VALUE_NUMBER_FLOAT -> NODES.numberNode(parser.getDoubleValue());
            case VALUE_TRUE -> NODES.booleanNode(true);
            case VALUE_FALSE -> NODES.booleanNode(false);
            case VALUE_NULL -> NODES.nullNode();
            default -> throw new JsonParseException(parser, "unexpected token " + token);
        };
    }

    /**
     * Refuses a lone surrogate: a high surrogate not followed by a low one, or a low one not preceded by a high one. The
     * UTF-8 decoder already refused encoded surrogates, so only a JSON escape (backslash, u, four hex digits) gets one
     * here: in a string value, since Jackson refuses one in a member name itself (checked again all the same).
     */
    private static void checkWellFormed(JsonParser parser, String text) throws IllFormedTextException {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!Character.isSurrogate(c)) continue;
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else {
                throw new IllFormedTextException(
                        parser,
                        String.format(
                                "A string is not well-formed Unicode: it holds the unpaired surrogate \\u%04X",
                                (int) c));
            }
        }
    }

    private static void write(JsonGenerator generator, JsonNode node) throws IOException {
        switch (node.getNodeType()) {
            case OBJECT -> {
                generator.writeStartObject();
                for (Map.Entry<String, JsonNode> field : node.properties()) {
                    generator.writeFieldName(field.getKey());
                    write(generator, field.getValue());
                }
                generator.writeEndObject();
            }
            case ARRAY -> {
                generator.writeStartArray();
                for (JsonNode element : node) write(generator, element);
                generator.writeEndArray();
            }
            case STRING -> generator.writeString(node.textValue());
            case NUMBER -> {
                switch (node.numberType()) {
                    case INT -> generator.writeNumber(node.intValue());
                    case LONG -> generator.writeNumber(node.longValue());
                    case BIG_INTEGER -> generator.writeNumber(node.bigIntegerValue());
                    case BIG_DECIMAL -> generator.writeNumber(node.decimalValue());
                    default -> generator.writeNumber(node.doubleValue());
                }
            }
            case BOOLEAN -> generator.writeBoolean(node.booleanValue());
            case NULL, MISSING -> generator.writeNull();
            case BINARY -> generator.writeBinary(node.binaryValue());
            case POJO -> {
                Object value = ((POJONode) node).getPojo();
                if (!(value instanceof RawValue raw)) throw new IllegalArgumentException("Cannot write " + value);
                String text = raw.rawValue().toString();
                if (generator.getOutputTarget() instanceof OutputStream stream) {
                    // A stored item's text, answered as it is: Jackson's writeRaw encodes it char by char, a seventh of
                    // the
                    // Java time of a GetItem under load; String.getBytes does it in bulk. The empty raw value writes
                    // the
                    // separator before it, flush puts everything before it on the stream.
                    generator.writeRawValue("");
                    byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
                    if (containsQuestionMark(utf8)) {
                        // getBytes turns a lone surrogate into '?', where Jackson refuses it: keep Jackson's answer
                        // then.
                        generator.writeRaw(text);
                    } else {
                        generator.flush();
                        stream.write(utf8);
                    }
                } else {
                    generator.writeRawValue(text);
                }
            }
        }
    }

    private static boolean containsQuestionMark(byte[] utf8) {
        for (byte b : utf8) {
            if (b == '?') return true;
        }
        return false;
    }
}
