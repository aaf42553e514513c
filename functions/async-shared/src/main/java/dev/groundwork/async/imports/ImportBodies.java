package dev.groundwork.async.imports;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.groundwork.imports.domain.ImportInput;
import dev.groundwork.imports.domain.StartImport;
import dev.groundwork.items.shared.http.ApiJson;
import dev.groundwork.items.shared.http.Problem;
import dev.groundwork.items.shared.http.ProblemType;
import dev.groundwork.items.shared.http.Rejection;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads an import body into lines: a JSON array of item documents ({@code application/json}) or one document per line
 * ({@code application/x-ndjson}). JSON is read as strictly as the item routes read it (duplicate keys are errors,
 * numbers keep every digit). A line that is not a JSON object is a rejected line, not a failed request; a body that
 * is not an array at all, or has more than 10,000 lines, is refused whole.
 */
public final class ImportBodies {
    public static final String JSON = "application/json";
    public static final String NDJSON = "application/x-ndjson";
    public static final Set<String> MEDIA_TYPES = Set.of(JSON, NDJSON);
    /** A synchronous Lambda invocation carries at most 6 MB (Lambda quotas, "Invocation payload"). */
    public static final long MAX_BODY_BYTES = 6L * 1024 * 1024;

    private static final ObjectReader READER = ApiJson.strictReader();
    private static final ObjectReader ELEMENT_READER = READER.without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private ImportBodies() {
    }

    public static List<ImportInput> read(String mediaType, byte[] body) {
        return NDJSON.equals(mediaType) ? lines(body) : array(body);
    }

    private static List<ImportInput> array(byte[] body) {
        List<ImportInput> inputs = new ArrayList<>();
        try (JsonParser parser = READER.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_ARRAY) {
                throw new Rejection(Problem.invalid("", "the body must be a JSON array of items (or NDJSON, one item a line)"));
            }
            int line = 0;
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                line++;
                tooMany(line);
                // Each element is read off the open array: the tokens after it are the array's, not trailing ones.
                JsonNode element = ELEMENT_READER.readTree(parser);
                inputs.add(element.isObject()
                        ? new ImportInput.Document(line, object(element))
                        : new ImportInput.Unreadable(line, "must be a JSON object"));
            }
            if (parser.nextToken() != null) {
                throw new Rejection(Problem.of(ProblemType.MALFORMED_JSON, "The body has content after its array."));
            }
        } catch (IOException malformed) {
            throw new Rejection(Problem.of(ProblemType.MALFORMED_JSON, ApiJson.describe(malformed)));
        }
        if (inputs.isEmpty()) {
            throw new Rejection(Problem.invalid("", "the import has no items"));
        }
        return inputs;
    }

    private static List<ImportInput> lines(byte[] body) {
        List<ImportInput> inputs = new ArrayList<>();
        String[] lines = new String(body, StandardCharsets.UTF_8).split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String text = lines[i].strip();
            if (text.isEmpty()) {
                continue; // blank lines (a trailing newline above all) are no items
            }
            int line = i + 1;
            tooMany(inputs.size() + 1);
            try {
                JsonNode node = READER.readTree(text);
                inputs.add(node != null && node.isObject()
                        ? new ImportInput.Document(line, object(node))
                        : new ImportInput.Unreadable(line, "must be a JSON object"));
            } catch (JsonProcessingException malformed) {
                inputs.add(new ImportInput.Unreadable(line, "is not valid JSON"));
            }
        }
        if (inputs.isEmpty()) {
            throw new Rejection(Problem.invalid("", "the import has no items"));
        }
        return inputs;
    }

    private static void tooMany(int lines) {
        if (lines > StartImport.MAX_LINES) {
            throw new Rejection(Problem.of(ProblemType.IMPORT_TOO_LARGE,
                    "An import takes at most " + StartImport.MAX_LINES + " items; split the file."));
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(JsonNode node) {
        return (Map<String, Object>) ApiJson.plain(node);
    }
}
