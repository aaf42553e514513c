package dev.groundwork.platform.sqs;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.JsonNode;
import dev.groundwork.platform.json.PlainJson;
import java.io.IOException;
import java.util.Optional;

/** Turns a message body into the value a use case takes. */
@FunctionalInterface
public interface MessageReader<T> {
    T read(String body) throws Unreadable;

    /**
     * The body as a JSON object, the first step of every message reader, read with the factory's parser (without an
     * {@code ObjectMapper}: {@link PlainJson}); anything else is {@link Unreadable}.
     */
    static JsonNode jsonObject(JsonFactory json, String body) throws Unreadable {
        JsonNode message;
        try {
            message = PlainJson.readTree(json, body == null ? "" : body);
        } catch (IOException malformed) {
            throw new Unreadable("not JSON", Optional.empty(), Optional.empty());
        }
        if (message == null || !message.isObject()) {
            throw new Unreadable("not a JSON object", Optional.empty(), Optional.empty());
        }
        return message;
    }
}
