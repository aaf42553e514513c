package dev.groundwork.items.shared.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON in and out of the API. Bodies are read strictly (duplicate keys and trailing content are errors, numbers keep
 * every digit) into plain Java values, the form the domain understands.
 */
public final class ApiJson {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private ApiJson() {
    }

    /**
     * The body as a JSON object of plain Java values.
     *
     * @throws Rejection when the body is not well-formed JSON, or is JSON but not an object
     */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> readObject(byte[] body) {
        JsonNode tree;
        try {
            tree = MAPPER.readTree(body);
        } catch (IOException malformed) {
            throw new Rejection(Problem.of(ProblemType.MALFORMED_JSON, describe(malformed)));
        }
        if (tree == null || tree.isMissingNode()) {
            throw new Rejection(Problem.of(ProblemType.MALFORMED_JSON, "The request body is empty."));
        }
        if (!tree.isObject()) {
            throw new Rejection(Problem.invalid("", "the body must be a JSON object"));
        }
        return (Map<String, Object>) plain(tree);
    }

    /**
     * A reader with the same strict rules as {@link #readObject}, for bodies read some other way (an import's array
     * element by element, or its lines).
     */
    public static ObjectReader strictReader() {
        return MAPPER.reader();
    }

    /** Where the JSON broke, without echoing the body: Jackson's messages quote the input. */
    public static String describe(IOException malformed) {
        if (malformed instanceof JsonProcessingException processing && processing.getLocation() != null) {
            return "The body is not valid JSON near line " + processing.getLocation().getLineNr()
                    + ", column " + processing.getLocation().getColumnNr() + ".";
        }
        return "The body is not valid JSON.";
    }

    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException bug) {
            throw new IllegalStateException("a response could not be written as JSON", bug);
        }
    }

    /** The plain Java values the domain reads (maps, lists, strings, BigDecimal, booleans, null); see the domain's JsonValues. */
    public static Object plain(JsonNode node) {
        return switch (node.getNodeType()) {
            case OBJECT -> {
                Map<String, Object> object = new LinkedHashMap<>();
                node.properties().forEach(field -> object.put(field.getKey(), plain(field.getValue())));
                yield object;
            }
            case ARRAY -> {
                List<Object> array = new ArrayList<>(node.size());
                node.forEach(element -> array.add(plain(element)));
                yield array;
            }
            case STRING -> node.textValue();
            case NUMBER -> node.isBigDecimal() ? node.decimalValue() : new BigDecimal(node.bigIntegerValue());
            case BOOLEAN -> node.booleanValue();
            default -> null;
        };
    }
}
