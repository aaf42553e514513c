package dev.groundwork.platform.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TreeTraversingParser;
import java.io.IOException;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Map.Entry;

/**
 * JSON the functions write and read themselves (answers, queue messages, records), with Jackson's stream alone: no
 * {@code ObjectMapper}, whose construction alone loads about 300 classes of a cold start, and which each of these uses
 * only to walk values that this walks as well (docs/performance.md). Plain values are maps with text keys, lists,
 * text, numbers, flags and null; trees are databind's {@link JsonNode}s, built and walked without a mapper.
 */
public final class PlainJson {
    /** Numbers as written: a decimal keeps its digits and trailing zeros, as a mapper told so would keep them. */
    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

    private PlainJson() {}

    /**
     * A plain value as JSON text, written by the factory's generator (its features decide, for one, whether a
     * BigDecimal is written plain), as databind writes the same value ({@code PlainJsonTest}).
     *
     * @throws IllegalArgumentException for any other value: a caller that holds one has a bug
     */
    public static String write(JsonFactory factory, Object value) {
        StringWriter text = new StringWriter();
        try (JsonGenerator json = factory.createGenerator(text)) {
            write(json, value);
        } catch (IOException bug) {
            throw new IllegalStateException("a value could not be written as JSON", bug);
        }
        return text.toString();
    }

    private static void write(JsonGenerator json, Object value) throws IOException {
        switch (value) {
            case null -> json.writeNull();
            case String text -> json.writeString(text);
            case Boolean flag -> json.writeBoolean(flag);
            case BigDecimal number -> json.writeNumber(number);
            case Integer number -> json.writeNumber(number);
            case Long number -> json.writeNumber(number);
            case JsonNode tree -> write(json, tree);
            case Map<?, ?> object -> {
                json.writeStartObject();
                for (Entry<?, ?> member : object.entrySet()) {
                    if (!(member.getKey() instanceof String key)) {
                        throw new IllegalArgumentException("a JSON object's key must be text: " + member.getKey());
                    }
                    json.writeFieldName(key);
                    write(json, member.getValue());
                }
                json.writeEndObject();
            }
            case List<?> array -> {
                json.writeStartArray();
                for (Object element : array) {
                    write(json, element);
                }
                json.writeEndArray();
            }
            default -> throw new IllegalArgumentException("not a plain JSON value: " + value.getClass());
        }
    }

    private static void write(JsonGenerator json, JsonNode tree) throws IOException {
        switch (tree.getNodeType()) {
            case OBJECT -> {
                json.writeStartObject();
                for (Entry<String, JsonNode> member : tree.properties()) {
                    json.writeFieldName(member.getKey());
                    write(json, member.getValue());
                }
                json.writeEndObject();
            }
            case ARRAY -> {
                json.writeStartArray();
                for (JsonNode element : tree) {
                    write(json, element);
                }
                json.writeEndArray();
            }
            case STRING -> json.writeString(tree.textValue());
            case NUMBER -> {
                if (tree.isIntegralNumber()) {
                    json.writeNumber(tree.bigIntegerValue());
                } else {
                    json.writeNumber(tree.decimalValue());
                }
            }
            case BOOLEAN -> json.writeBoolean(tree.booleanValue());
            case NULL -> json.writeNull();
            default -> throw new IllegalArgumentException("not a JSON value: " + tree.getNodeType());
        }
    }

    /** An empty object to build a tree in. */
    public static ObjectNode object() {
        return NODES.objectNode();
    }

    /**
     * The first JSON value of the text as a tree, read by the factory's parser ({@link #readTree(JsonParser)}); null for
     * a text without one.
     */
    public static JsonNode readTree(JsonFactory factory, String text) throws IOException {
        try (JsonParser parser = factory.createParser(text)) {
            return readTree(parser);
        }
    }

    /**
     * The JSON value the parser is on (or, before any token, its first) as a tree: integers as int, long or BigInteger
     * by size, decimals exact. The parser is left on the value's last token.
     */
    public static JsonNode readTree(JsonParser parser) throws IOException {
        JsonToken token = parser.currentToken();
        if (token == null) {
            token = parser.nextToken();
        }
        if (token == null) {
            return null;
        }
        return switch (token) {
            case START_OBJECT -> {
                ObjectNode object = NODES.objectNode();
                for (String key = parser.nextFieldName(); key != null; key = parser.nextFieldName()) {
                    parser.nextToken();
                    object.set(key, readTree(parser));
                }
                yield object;
            }
            case START_ARRAY -> {
                ArrayNode array = NODES.arrayNode();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    array.add(readTree(parser));
                }
                yield array;
            }
            case VALUE_STRING -> NODES.textNode(parser.getText());
            case VALUE_NUMBER_INT ->
                switch (parser.getNumberType()) {
                    case INT -> NODES.numberNode(parser.getIntValue());
                    case LONG -> NODES.numberNode(parser.getLongValue());
                    default -> NODES.numberNode(parser.getBigIntegerValue());
                };
            case VALUE_NUMBER_FLOAT -> NODES.numberNode(decimal(parser));
            case VALUE_TRUE -> NODES.booleanNode(true);
            case VALUE_FALSE -> NODES.booleanNode(false);
            case VALUE_NULL -> NODES.nullNode();
            default -> throw new JsonParseException(parser, "unexpected " + token);
        };
    }

    /**
     * The number the parser is on, exactly; one whose exponent a BigDecimal cannot hold (such as {@code 1e9999999999})
     * is malformed text to the reader, as any other, where Jackson would throw an unchecked NumberFormatException past
     * a reader that catches what parsing throws (one such message would fail its whole batch).
     */
    private static BigDecimal decimal(JsonParser parser) throws IOException {
        try {
            return parser.getDecimalValue();
        } catch (NumberFormatException beyondBigDecimal) {
            throw new JsonParseException(parser, "a number beyond what a decimal holds");
        }
    }

    /** A tree's tokens, to read it as a parser would read its text. */
    public static JsonParser tokens(JsonNode tree) {
        return new TreeTraversingParser(tree);
    }
}
