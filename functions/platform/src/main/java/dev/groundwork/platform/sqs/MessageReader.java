package dev.groundwork.platform.sqs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Optional;

/** Turns a message body into the value a use case takes. */
@FunctionalInterface
public interface MessageReader<T> {
    T read(String body) throws Unreadable;

    /** The body as a JSON object, the first step of every message reader; anything else is {@link Unreadable}. */
    static JsonNode jsonObject(ObjectMapper mapper, String body) throws Unreadable {
        JsonNode message;
        try {
            message = mapper.readTree(body == null ? "" : body);
        } catch (JsonProcessingException malformed) {
            throw new Unreadable("not JSON", Optional.empty(), Optional.empty());
        }
        if (message == null || !message.isObject()) {
            throw new Unreadable("not a JSON object", Optional.empty(), Optional.empty());
        }
        return message;
    }
}
