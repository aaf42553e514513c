package dev.groundwork.imports.sqs;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.JsonNode;
import dev.groundwork.imports.domain.ImportChunk;
import dev.groundwork.imports.domain.ImportId;
import dev.groundwork.imports.domain.ImportLine;
import dev.groundwork.items.domain.ItemContent;
import dev.groundwork.items.domain.ItemDocument;
import dev.groundwork.kernel.TenantId;
import dev.groundwork.platform.http.ApiJson;
import dev.groundwork.platform.json.PlainJson;
import dev.groundwork.platform.json.TenantKeyedJson;
import dev.groundwork.platform.sqs.MessageReader;
import dev.groundwork.platform.sqs.Unreadable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The import-jobs message: one chunk. Version 1:
 * <pre>{@code {"version":1,"tenant":"acme","importId":"…","importedAt":"…","chunk":3,
 *   "lines":[{"line":201,"item":{"name":"…","attributes":{…},"tags":[…]}}]}}</pre>
 */
public final class ImportChunkMessages {
    public static final int VERSION = 1;
    /**
     * Text is written as UTF-8, as it came: a line of Chinese or emoji takes in a chunk what it took in the file, where
     * escapes would have taken six bytes a character and twelve an emoji. SQS takes every character an item may hold:
     * it refuses control characters, which JSON escapes, and surrogates and U+FFFE/U+FFFF, which the items domain
     * refuses ("Amazon SQS message quotas"; {@code StorableText}). Chunks written with escapes before read the same.
     */
    private static final JsonFactory JSON =
            // A chunk's items hold their tenant's keys: the worker keeps none of them (TenantKeyedJson). A number
            // reaches ApiJson as it was written (PlainJson keeps a decimal's digits), which reads it into DynamoDB's
            // form as POST /v1/items does.
            TenantKeyedJson.factory().build();

    private ImportChunkMessages() {}

    public static String write(ImportChunk chunk) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("version", VERSION);
        message.put("tenant", chunk.tenant().value());
        message.put("importId", chunk.importId().value());
        message.put("importedAt", chunk.importedAt().toString());
        message.put("chunk", chunk.number());
        message.put(
                "lines", chunk.lines().stream().map(ImportChunkMessages::line).toList());
        return json(message);
    }

    /** The bytes a line takes in a message (UTF-8), which decides how lines are chunked. */
    public static long encodedSize(ImportLine line) {
        return json(line(line)).getBytes(java.nio.charset.StandardCharsets.UTF_8).length + 1;
    }

    private static Map<String, Object> line(ImportLine line) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("line", line.number());
        json.put("item", ItemDocument.of(line.content()));
        return json;
    }

    public static ImportChunk read(String body) throws Unreadable {
        JsonNode message = MessageReader.jsonObject(JSON, body);
        Optional<String> tenant = Optional.ofNullable(message.path("tenant").textValue());
        Optional<String> event = Optional.ofNullable(message.path("importId").textValue())
                .map(id -> "import " + id + " chunk " + message.path("chunk").asInt());
        try {
            if (message.path("version").asInt(-1) != VERSION) {
                throw new IllegalArgumentException("version is not " + VERSION);
            }
            List<ImportLine> lines = new ArrayList<>();
            for (JsonNode line : message.path("lines")) {
                lines.add(new ImportLine(line.path("line").asInt(0), content(line.path("item"))));
            }
            return new ImportChunk(
                    TenantId.parse(tenant.orElse(null)).orElseThrow(() -> new IllegalArgumentException("no tenant")),
                    ImportId.parse(message.path("importId").textValue())
                            .orElseThrow(() -> new IllegalArgumentException("no import id")),
                    Instant.parse(message.path("importedAt").asText()),
                    message.path("chunk").asInt(0),
                    lines);
        } catch (RuntimeException invalid) {
            throw new Unreadable("not an import chunk: " + invalid.getMessage(), tenant, event);
        }
    }

    @SuppressWarnings("unchecked")
    private static ItemContent content(JsonNode item) {
        Object document;
        try (var parser = PlainJson.tokens(item)) {
            document = ApiJson.readValue(parser);
        } catch (java.io.IOException | ClassCastException notADocument) {
            throw new IllegalArgumentException("an item that is not a JSON object");
        }
        if (!(document instanceof Map<?, ?>)) {
            throw new IllegalArgumentException("an item that is not a JSON object");
        }
        // The front function checked every line; checking again guards against a message from elsewhere.
        return switch (ItemDocument.read((Map<String, Object>) document)) {
            case ItemDocument.Valid valid -> valid.content();
            case ItemDocument.Invalid invalid ->
                throw new IllegalArgumentException("an invalid item: " + invalid.errors());
            case ItemDocument.TooLarge tooLarge -> throw new IllegalArgumentException("an item too large");
        };
    }

    private static String json(Object value) {
        return PlainJson.write(JSON, value);
    }
}
