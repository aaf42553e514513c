package dev.groundwork.imports.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.groundwork.imports.domain.ImportInput;
import dev.groundwork.imports.domain.StartImport;
import dev.groundwork.platform.http.ApiJson;
import dev.groundwork.platform.http.ApiRequest;
import dev.groundwork.platform.http.ApiResponses;
import dev.groundwork.platform.http.JsonArrayItems;
import dev.groundwork.platform.http.Problem;
import dev.groundwork.platform.http.ProblemType;
import dev.groundwork.platform.http.Rejection;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads an import body into lines: a JSON array of item documents ({@code application/json}) or one document per line
 * ({@code application/x-ndjson}). JSON is read as strictly as the item routes read it (duplicate keys are errors,
 * numbers keep every digit). A line that is not a JSON object is a rejected line, not a failed request; so is an
 * array item with a fault of its own (a key given twice, a key that is no text, a byte that is not UTF-8, a value past
 * the parser's limits). A body
 * that is not a well-formed array otherwise, or has more than 10,000 lines, is refused whole.
 */
public final class ImportBodies {
    public static final String JSON = ApiResponses.JSON;
    public static final String NDJSON = "application/x-ndjson";
    public static final Set<String> MEDIA_TYPES = Set.of(JSON, NDJSON);
    /**
     * The largest NDJSON body, 4 MiB. A synchronous Lambda invocation carries at most 6 MiB (6,291,456 bytes) of event
     * JSON (https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html), and API Gateway hands an NDJSON
     * body base64-encoded (it passes only text/*, JSON, XML and JavaScript as text): 4 * ceil(4,194,304 / 3) =
     * 5,592,408 bytes, plus at most 64 KiB of envelope (request line and headers are 10 KiB at most, repeated and
     * escaped in the event's fields and JWT claims), is 5,657,944 bytes, under the limit. README, "Limits".
     */
    public static final long MAX_NDJSON_BYTES = 4L * 1024 * 1024;
    /**
     * The largest JSON body, the most any JSON body can be ({@link ApiRequest#MAX_JSON_BODY_BYTES}); larger imports go
     * as NDJSON.
     */
    public static final long MAX_JSON_BYTES = ApiRequest.MAX_JSON_BODY_BYTES;

    /** The largest body of a media type that the deployed path can bring to the function whatever its bytes. */
    public static long maxBytes(String mediaType) {
        return NDJSON.equals(mediaType) ? MAX_NDJSON_BYTES : MAX_JSON_BYTES;
    }

    private ImportBodies() {}

    /**
     * @throws Rejection when the body is refused whole: not UTF-8 by its first bytes (a byte order mark, UTF-16 or
     *     UTF-32: every line would be unreadable, so it is named once instead), not an array, or too many lines
     */
    public static List<ImportInput> read(String mediaType, byte[] body) {
        ApiJson.requireUtf8(body);
        return NDJSON.equals(mediaType) ? lines(body) : array(body);
    }

    private static List<ImportInput> array(byte[] body) {
        List<ImportInput> inputs = new ArrayList<>();
        try (JsonParser parser = ApiJson.parser(body)) {
            if (parser.nextToken() != JsonToken.START_ARRAY) {
                throw new Rejection(
                        Problem.invalid("", "the body must be a JSON array of items (or NDJSON, one item a line)"));
            }
            int line = 0;
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                line++;
                tooMany(line);
                inputs.add(input(line, ApiJson.readValue(parser)));
            }
            if (parser.nextToken() != null) {
                throw new Rejection(Problem.of(ProblemType.MALFORMED_JSON, "The body has content after its array."));
            }
        } catch (IOException malformed) {
            // A key given twice, a key that is no text, a byte that is not UTF-8 or a value past the parser's limits
            // is one item's fault, for which an NDJSON line is rejected alone: the parser cannot go on past it, so
            // the items are found another way and each is read as a line, when the array is well-formed apart from
            // such faults. (The field is looked for, which may read the text again, only in what starts an array.)
            if (startsAnArray(body) && ApiJson.fieldError(malformed, body).isPresent()) {
                return itemByItem(body);
            }
            throw new Rejection(ApiJson.problem(malformed, body));
        }
        if (inputs.isEmpty()) {
            throw new Rejection(Problem.invalid("", "the import has no items"));
        }
        return inputs;
    }

    private static boolean startsAnArray(byte[] body) {
        for (byte b : body) {
            if (b != ' ' && b != '\t' && b != '\n' && b != '\r') {
                return b == '[';
            }
        }
        return false;
    }

    /** The array's items, each read alone as an NDJSON line is; refused whole when it is not well-formed otherwise. */
    private static List<ImportInput> itemByItem(byte[] body) {
        List<ImportInput> inputs = new ArrayList<>();
        try {
            JsonArrayItems.forEach(body, (from, to) -> {
                tooMany(inputs.size() + 1);
                inputs.add(line(inputs.size() + 1, Arrays.copyOfRange(body, from, to)));
            });
        } catch (IOException malformed) {
            throw new Rejection(ApiJson.problem(malformed, body));
        }
        return inputs;
    }

    private static List<ImportInput> lines(byte[] body) {
        List<ImportInput> inputs = new ArrayList<>();
        // Lines are split as bytes, never decoded leniently: a byte that is not UTF-8 rejects its line, where a
        // String decoder would have put U+FFFD in its place. A newline byte is never part of a longer UTF-8 sequence.
        int line = 0;
        for (int start = 0; start <= body.length; ) {
            int end = start;
            while (end < body.length && body[end] != '\n') {
                end++;
            }
            line++;
            if (!blank(body, start, end)) { // blank lines (a trailing newline above all) are no items
                tooMany(inputs.size() + 1);
                inputs.add(line(line, Arrays.copyOfRange(body, start, end)));
            }
            start = end + 1;
        }
        if (inputs.isEmpty()) {
            throw new Rejection(Problem.invalid("", "the import has no items"));
        }
        return inputs;
    }

    private static boolean blank(byte[] body, int start, int end) {
        for (int i = start; i < end; i++) {
            if (body[i] != ' ' && body[i] != '\t' && body[i] != '\r') {
                return false;
            }
        }
        return true;
    }

    private static void tooMany(int lines) {
        if (lines > StartImport.MAX_LINES) {
            throw new Rejection(Problem.of(
                    ProblemType.IMPORT_TOO_LARGE,
                    "An import takes at most " + StartImport.MAX_LINES + " items; split the file."));
        }
    }

    /** One NDJSON line: a JSON value and nothing after it; a line that is not is rejected, the others go on. */
    private static ImportInput line(int line, byte[] text) {
        try (JsonParser parser = ApiJson.parser(text)) {
            Object value = ApiJson.readValue(parser);
            if (parser.nextToken() != null) {
                return new ImportInput.Unreadable(line, "is not valid JSON: it has content after its value");
            }
            return input(line, value);
        } catch (ApiJson.NotUtf8 foreign) {
            return new ImportInput.Unreadable(line, foreignStart(text));
        } catch (IOException malformed) {
            return ApiJson.fieldError(malformed, text)
                    .map(error -> new ImportInput.Unreadable(line, error))
                    .orElseGet(() ->
                            new ImportInput.Unreadable(line, zeroByte(text).orElse("is not valid JSON")));
        }
    }

    /**
     * Why a later line of a body whose first bytes were UTF-8 is not UTF-8 JSON, by what its bytes show: a byte order
     * mark (UTF-8's is what files joined together leave), gzip's magic number, or a zero byte, which JSON never holds
     * raw, and a line too short to tell an encoding by; its first bytes alone never name one.
     */
    private static String foreignStart(byte[] text) {
        int b0 = text[0] & 0xFF;
        int b1 = text.length > 1 ? text[1] & 0xFF : -1;
        if (b0 == 0xEF) {
            return "is not valid JSON: it starts with a byte order mark (U+FEFF)";
        }
        if ((b0 == 0xFE && b1 == 0xFF) || (b0 == 0xFF && b1 == 0xFE)) {
            return "is not valid JSON: it starts with a UTF-16 or UTF-32 byte order mark; send UTF-8";
        }
        if (b0 == 0x1F && b1 == 0x8B) {
            return "is not valid JSON: it is gzip-compressed";
        }
        return zeroByte(text).orElse("is not valid JSON");
    }

    private static Optional<String> zeroByte(byte[] text) {
        for (int i = 0; i < text.length; i++) {
            if (text[i] == 0) {
                return Optional.of("is not valid JSON: it holds a zero byte at byte " + (i + 1));
            }
        }
        return Optional.empty();
    }

    @SuppressWarnings("unchecked")
    private static ImportInput input(int line, Object value) {
        return value instanceof Map<?, ?> object
                ? new ImportInput.Document(line, (Map<String, Object>) object)
                : new ImportInput.Unreadable(line, "must be a JSON object");
    }
}
