package dev.groundwork.platform.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Reads response bodies, and writes JSON text into request bodies, in tests. */
public final class Json {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {}

    public static JsonNode parse(String body) {
        try {
            return MAPPER.readTree(body);
        } catch (IOException notJson) {
            throw new UncheckedIOException(notJson);
        }
    }

    /** The text as a JSON string, quoted and escaped: for bodies built around generated keys and values. */
    public static String text(String value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (IOException unwritable) {
            throw new UncheckedIOException(unwritable);
        }
    }

    /** The field that a problem's first error names ({@code errors[0].field}). */
    public static String firstErrorField(String problem) {
        return parse(problem).get("errors").get(0).get("field").asText();
    }

    /** What a problem's first error says of its field ({@code errors[0].message}). */
    public static String firstErrorMessage(String problem) {
        return parse(problem).get("errors").get(0).get("message").asText();
    }
}
