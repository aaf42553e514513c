package dev.groundwork.usage.sqs;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.groundwork.kernel.TenantId;
import dev.groundwork.platform.json.PlainJson;
import dev.groundwork.platform.sqs.MessageReader;
import dev.groundwork.platform.sqs.Unreadable;
import dev.groundwork.usage.domain.ChangeRun;
import dev.groundwork.usage.domain.ItemChange;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The item-events message: one run of one tenant's changes. Version 1:
 * <pre>{@code {"version":1,"tenant":"acme","source":"<stream arn>","changes":[
 *   {"sequenceNumber":"…","kind":"CREATED|UPDATED|DELETED","at":"2026-11-25T18:00:00Z","bytesBefore":0,"bytesAfter":312}]}}</pre>
 */
public final class ChangeRunMessages {
    public static final int VERSION = 1;
    private static final JsonFactory JSON = new JsonFactory();

    private ChangeRunMessages() {}

    public static String write(ChangeRun run) {
        ObjectNode message = PlainJson.object();
        message.put("version", VERSION);
        message.put("tenant", run.tenant().value());
        message.put("source", run.source());
        ArrayNode changes = message.putArray("changes");
        for (ItemChange change : run.changes()) {
            changes.addObject()
                    .put("sequenceNumber", change.sequenceNumber())
                    .put("kind", change.kind().name())
                    .put("at", change.occurredAt().toString())
                    .put("bytesBefore", change.bytesBefore())
                    .put("bytesAfter", change.bytesAfter());
        }
        return PlainJson.write(JSON, message);
    }

    public static ChangeRun read(String body) throws Unreadable {
        JsonNode message = MessageReader.jsonObject(JSON, body);
        Optional<String> tenant = text(message, "tenant");
        Optional<String> event = first(message);
        try {
            if (message.path("version").asInt(-1) != VERSION) {
                throw new IllegalArgumentException("version is not " + VERSION);
            }
            List<ItemChange> changes = new ArrayList<>();
            for (JsonNode change : message.path("changes")) {
                changes.add(new ItemChange(
                        required(change, "sequenceNumber"),
                        ItemChange.Kind.valueOf(required(change, "kind")),
                        Instant.parse(required(change, "at")),
                        size(change, "bytesBefore"),
                        size(change, "bytesAfter")));
            }
            return new ChangeRun(
                    TenantId.parse(tenant.orElse(null)).orElseThrow(() -> new IllegalArgumentException("no tenant")),
                    required(message, "source"),
                    changes);
        } catch (RuntimeException invalid) {
            throw new Unreadable("not a run of changes: " + invalid.getMessage(), tenant, event);
        }
    }

    /**
     * A size as the relay writes it, a whole number; anything else (text, a fraction, a number beyond a long) is no
     * size, which a change refuses: a meter never counts a size it had to guess.
     */
    private static long size(JsonNode change, String field) {
        JsonNode size = change.path(field);
        return size.isIntegralNumber() && size.canConvertToLong() ? size.longValue() : -1;
    }

    private static Optional<String> first(JsonNode message) {
        return text(message.path("changes").path(0), "sequenceNumber").map(sequence -> "sequenceNumber " + sequence);
    }

    private static String required(JsonNode node, String field) {
        return text(node, field).orElseThrow(() -> new IllegalArgumentException(field + " is missing"));
    }

    private static Optional<String> text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isTextual() ? Optional.of(value.textValue()) : Optional.empty();
    }
}
