package dev.groundwork.platform.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import dev.groundwork.kernel.FieldError;
import dev.groundwork.kernel.FieldErrors;
import dev.groundwork.kernel.FieldPath;
import dev.groundwork.platform.json.PlainJson;
import dev.groundwork.platform.json.TenantKeyedJson;
import java.io.CharConversionException;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * JSON in and out of the API. Bodies are read strictly (duplicate keys and trailing content are errors, numbers keep
 * every digit, text must be UTF-8) into plain Java values, the form the domain understands; the domain then says
 * which values the stores cannot hold.
 */
public final class ApiJson {
    /**
     * Twice as deep as DynamoDB stores (32 levels, which the domain checks), so that a value nested a little too deep
     * is refused by name; far deeper ones stop the parser before they cost a deep stack.
     */
    static final int MAX_NESTING = 64;

    /** Jackson's own limit, kept: it guards against numbers that cost quadratic time to read. */
    private static final int MAX_NUMBER_LENGTH = StreamReadConstraints.DEFAULT_MAX_NUM_LEN;

    private static final String LONG_NUMBER = "is a number longer than " + MAX_NUMBER_LENGTH + " characters";

    /** Which of the parser's limits a text reached, told by Jackson's words for it (its exception has no other). */
    private enum ParserLimit {
        NESTING,
        NUMBER_LENGTH,
        OTHER;

        static ParserLimit of(StreamConstraintsException limit) {
            String reason = String.valueOf(limit.getOriginalMessage());
            if (reason.startsWith("Document nesting depth")) {
                return NESTING;
            }
            return reason.startsWith("Number value length") ? NUMBER_LENGTH : OTHER;
        }
    }

    /**
     * Keys as long as a body: a caller bounds a body before reading it, and the domain refuses a key longer than the
     * stores take by naming it, which Jackson's own limit (50,000 characters) would not. The parsers keep no key
     * ({@link TenantKeyedJson}), so a long one costs only the request that sends it.
     *
     * <p>Jackson's stream alone, no databind: bodies are read token by token into plain values ({@link #readValue}) and
     * answers written the same way ({@link #write}), so a route's cold start never builds an {@code ObjectMapper}
     * (about 500 classes; docs/performance.md).
     */
    private static final JsonFactory STREAM = TenantKeyedJson.factory()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_NESTING)
                    .maxNameLength(Integer.MAX_VALUE)
                    .build())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            // A number is answered as DynamoDB returns it (number(String) below), whichever route answers.
            .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
            .build();

    /** JSON allows any exponent; BigDecimal's is an int. Stand-ins for numbers beyond it, far outside DynamoDB's range. */
    private static final BigDecimal BEYOND_LARGEST = new BigDecimal("1E+999999999");

    private static final BigDecimal BEYOND_SMALLEST = new BigDecimal("1E-999999999");

    /** What {@link #foreignEncoding} calls a UTF-8 text that starts with a byte order mark. */
    public static final String UTF8_WITH_BOM = "UTF-8 with a byte order mark";

    /** What {@link #foreignEncoding} calls a text that starts with gzip's magic number. */
    static final String GZIP = "gzip-compressed";

    private ApiJson() {}

    /**
     * The body as a JSON object of plain Java values.
     *
     * @throws Rejection when the body is not well-formed JSON, or is JSON but not an object
     */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> readObject(byte[] body) {
        requireUtf8(body);
        Object value;
        try (JsonParser parser = parser(body)) {
            if (parser.nextToken() == null) {
                throw new Rejection(Problem.of(ProblemType.MALFORMED_JSON, "The request body is empty."));
            }
            value = readValue(parser);
            if (parser.nextToken() != null) {
                throw new Rejection(
                        Problem.of(ProblemType.MALFORMED_JSON, "The body has content after its JSON value."));
            }
        } catch (IOException malformed) {
            throw new Rejection(problem(malformed, body));
        }
        if (!(value instanceof Map<?, ?>)) {
            throw new Rejection(Problem.invalid("", "the body must be a JSON object"));
        }
        return (Map<String, Object>) value;
    }

    /**
     * A parser with the API's strict rules, for bodies read some other way (an import's array or its lines).
     *
     * @throws NotUtf8 when the text is not UTF-8 by its first bytes ({@link #foreignEncoding}), which Jackson would
     *     otherwise detect and decode
     */
    public static JsonParser parser(byte[] body) throws IOException {
        Optional<String> foreign = foreignEncoding(body);
        if (foreign.isPresent()) {
            throw new NotUtf8(foreign.get());
        }
        return TenantKeyedJson.parser(STREAM, body);
    }

    /** A text in another encoding than UTF-8, which it names ({@link #foreignEncoding}). */
    public static final class NotUtf8 extends CharConversionException {
        private final String encoding;

        NotUtf8(String encoding) {
            super(encoding);
            this.encoding = encoding;
        }

        public String encoding() {
            return encoding;
        }
    }

    /**
     * @throws Rejection a {@code malformed-json} 400 that names the encoding, when the body is not UTF-8 by its first
     *     bytes ({@link #foreignEncoding}): a body is refused whole for it, before any of it is read
     */
    public static void requireUtf8(byte[] body) {
        foreignEncoding(body).ifPresent(encoding -> {
            throw new Rejection(Problem.of(ProblemType.MALFORMED_JSON, notUtf8(encoding)));
        });
    }

    /**
     * The encoding a JSON text's first bytes show when it is not plain UTF-8: a byte order mark (UTF-8's, UTF-16's or
     * UTF-32's), or the zero bytes UTF-16 and UTF-32 put around ASCII (RFC 4627, section 3), which UTF-8 JSON never
     * has outside a string, where it must be escaped. JSON over a network is UTF-8 without a byte order mark (RFC
     * 8259, section 8.1), and so is the contract.
     */
    public static Optional<String> foreignEncoding(byte[] text) {
        int b0 = text.length > 0 ? text[0] & 0xFF : -1;
        int b1 = text.length > 1 ? text[1] & 0xFF : -1;
        int b2 = text.length > 2 ? text[2] & 0xFF : -1;
        int b3 = text.length > 3 ? text[3] & 0xFF : -1;
        if (b0 == 0xEF && b1 == 0xBB && b2 == 0xBF) {
            return Optional.of(UTF8_WITH_BOM);
        }
        if ((b0 == 0 && b1 == 0 && b2 == 0xFE && b3 == 0xFF) || (b0 == 0xFF && b1 == 0xFE && b2 == 0 && b3 == 0)) {
            return Optional.of("UTF-32");
        }
        if ((b0 == 0xFE && b1 == 0xFF) || (b0 == 0xFF && b1 == 0xFE)) {
            return Optional.of("UTF-16");
        }
        if (b0 == 0x1F && b1 == 0x8B) {
            // gzip's magic number: a compressed body sent without its Content-Encoding, or with one a proxy dropped.
            return Optional.of(GZIP);
        }
        if ((b0 == 0 && b1 == 0) || (b0 > 0 && b1 == 0 && b2 == 0 && b3 == 0)) {
            return Optional.of("UTF-32");
        }
        // UTF-16 puts a zero byte beside each ASCII character: 00 xx 00 xx (big-endian) or xx 00 xx 00 (little-endian).
        // A zero elsewhere is no encoding, just a bad first character, which a line of an import is rejected for alone.
        if ((b0 == 0 && b1 > 0 && b2 <= 0) || (b0 > 0 && b1 == 0 && b2 != 0 && b3 <= 0)) {
            return Optional.of("UTF-16");
        }
        return Optional.empty();
    }

    private static String notUtf8(String encoding) {
        if (encoding.equals(GZIP)) {
            return "The body is " + GZIP
                    + ": send it uncompressed, as JSON in UTF-8 (compressed bodies are not taken).";
        }
        return "The body is " + encoding + ", not UTF-8: send JSON in UTF-8 without a byte order mark"
                + " (RFC 8259, section 8.1).";
    }

    /**
     * The value whose first token the parser is on, as plain Java values (maps, lists, strings, BigDecimal, booleans,
     * null; see the items domain's JsonValues). The parser is left on the value's last token.
     */
    public static Object readValue(JsonParser parser) throws IOException {
        JsonToken token = parser.currentToken();
        if (token == null) {
            token = parser.nextToken();
        }
        return switch (token) {
            case START_OBJECT -> {
                Map<String, Object> object = new LinkedHashMap<>();
                for (String key = parser.nextFieldName(); key != null; key = parser.nextFieldName()) {
                    parser.nextToken();
                    object.put(key, readValue(parser));
                }
                yield object;
            }
            case START_ARRAY -> {
                List<Object> array = new ArrayList<>();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    array.add(readValue(parser));
                }
                yield array;
            }
            case VALUE_STRING -> parser.getText();
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> number(parser.getText());
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NULL -> null;
            default -> throw new JsonParseException(parser, "unexpected " + token);
        };
    }

    /**
     * A JSON number's value, in DynamoDB's form: without trailing zeros ({@code 1.50} is {@code 1.5}, {@code 1e3} is
     * {@code 1000} once written plain), so that an item's answer to {@code POST} or {@code PATCH} has the bytes of its
     * answer to a later {@code GET}, which reads what DynamoDB returns, under the same strong {@code ETag} (RFC 9110
     * §8.8.1). Zero is one value however it is written ({@code -0.0e5}); a number whose exponent does not fit an int
     * (such as {@code 1e-2147483649}) becomes a stand-in of its sign that the domain refuses as out of range, instead
     * of an exception: no mantissa within the parser's 1,000 characters can bring it back in range.
     */
    static BigDecimal number(String text) {
        try {
            BigDecimal number = new BigDecimal(text);
            return number.signum() == 0 ? BigDecimal.ZERO : number.stripTrailingZeros();
        } catch (NumberFormatException | ArithmeticException exponentOverflow) {
            int exponent = Math.max(text.indexOf('e'), text.indexOf('E'));
            if (exponent < 0 || new BigDecimal(text.substring(0, exponent)).signum() == 0) {
                return BigDecimal.ZERO;
            }
            BigDecimal standIn = text.charAt(exponent + 1) == '-' ? BEYOND_SMALLEST : BEYOND_LARGEST;
            return text.startsWith("-") ? standIn.negate() : standIn;
        }
    }

    /**
     * What a client is told of a text the parser stopped at: a {@code validation-error} naming the field when the
     * parser stopped at one ({@link #fieldError}), a {@code malformed-json} that says where otherwise.
     */
    public static Problem problem(IOException malformed, byte[] text) {
        return fieldError(malformed, text)
                .map(error -> Problem.invalid(List.of(error)))
                .orElseGet(() -> Problem.of(ProblemType.MALFORMED_JSON, describe(malformed)));
    }

    /**
     * The field error of the field the parser stopped at, when it stopped at one: a key given twice or that is no text
     * ({@link #keyError}), a string value or key that holds a byte that is not UTF-8 ({@link #notUtf8Field}), or a
     * value past the parser's limits ({@link #limitField}).
     */
    public static Optional<FieldError> fieldError(IOException malformed, byte[] text) {
        return switch (malformed) {
            case TenantKeyedJson.NotUtf8Text notUtf8 -> notUtf8Field(text, notUtf8);
            case StreamConstraintsException ignored -> limitField(text);
            default -> keyError(malformed);
        };
    }

    /**
     * The field whose value is past one of the parser's limits: a number longer than 1,000 characters (Jackson's
     * guard against numbers that cost quadratic time to read; DynamoDB keeps 38 digits), or nesting past
     * {@link #MAX_NESTING} levels (the domain names a value past 32 levels when the parser can read it). Jackson's
     * error does not say where, so the text is read again up to it, with the parser at hand.
     */
    private static Optional<FieldError> limitField(byte[] text) {
        try (JsonParser parser = TenantKeyedJson.parser(STREAM, text)) {
            try {
                while (parser.nextToken() != null) {
                    // Up to the limit.
                }
                return Optional.empty();
            } catch (StreamConstraintsException limit) {
                ParserLimit reached = ParserLimit.of(limit);
                boolean tooDeep = reached == ParserLimit.NESTING;
                if (!tooDeep && reached != ParserLimit.NUMBER_LENGTH) {
                    return Optional.empty();
                }
                JsonStreamContext at = parser.getParsingContext();
                if (tooDeep && at.getEntryCount() == 0) {
                    // The parser is in the level it refused, which has no entry yet: the field is its holder's.
                    at = at.getParent();
                }
                if (at.inRoot()) {
                    // No field's: the text is that one value, or it follows the value (content after it).
                    return Optional.empty();
                }
                // Too deep: the domain's words for a value past DynamoDB's 32 levels, which this one is by far; a
                // client that cut it to the parser's 64 would be refused at 33 all the same.
                return Optional.of(errorAt(at, tooDeep ? "nests deeper than 32 levels" : LONG_NUMBER));
            }
        } catch (IOException other) {
            return Optional.empty();
        }
    }

    /**
     * The field whose string (value or key) holds the first byte that is not UTF-8. The bytes before it are UTF-8, so
     * they are read as JSON up to it: the parser runs out of text inside that string, in the context that names it. A
     * field error found before it comes first (a key given twice earlier in the text); a byte outside any string is
     * no field's, and the text as a whole is refused for it.
     */
    private static Optional<FieldError> notUtf8Field(byte[] text, TenantKeyedJson.NotUtf8Text notUtf8) {
        String message = "holds a byte that is not UTF-8 (" + notUtf8.value() + "); send text in UTF-8";
        try (JsonParser parser = TenantKeyedJson.parser(STREAM, Arrays.copyOf(text, notUtf8.offset()))) {
            while (parser.nextToken() != null) {
                // Read up to the byte; a string's text is scanned when the parser moves past it.
            }
            return Optional.empty();
        } catch (JsonEOFException cut) {
            JsonStreamContext at = cut.getProcessor() instanceof JsonParser parser ? parser.getParsingContext() : null;
            if (at == null || cut.getTokenBeingDecoded() == null) {
                return Optional.empty();
            }
            return switch (cut.getTokenBeingDecoded()) {
                case VALUE_STRING -> Optional.of(errorAt(at, message));
                case FIELD_NAME -> Optional.of(errorAt(at.getParent(), "has a key that " + message));
                default -> Optional.empty();
            };
        } catch (IOException before) {
            return keyError(before);
        }
    }

    /**
     * The field error of a key the parser stopped at, when that is why it stopped; a body is otherwise only "not valid
     * JSON near line…". Two kinds of key stop it:
     *
     * <ul>
     *   <li>A key given twice in one object ({@code {"name":"a","name":"b"}}): JSON leaves its meaning to the reader
     *       (RFC 8259, section 4: names SHOULD be unique), and readers disagree on which value wins, so the API takes
     *       neither. The error names the key ({@code attributes.colour}).
     *   <li>A key that holds an unpaired surrogate ({@code "k\\ud800"}). Jackson refuses it while reading it (every
     *       parser of 2.23, with no feature to let it through: it cannot represent the name), so the key itself is
     *       never seen; the error names the object that holds it ({@code attributes.a[0]}), as the domain names the
     *       object of an empty key, and says what is wrong with it, as it says of a surrogate in a value.
     * </ul>
     *
     * Jackson tells these apart only by its message, which a test pins.
     */
    public static Optional<FieldError> keyError(IOException malformed) {
        if (!(malformed instanceof JsonParseException refused)
                || refused.getOriginalMessage() == null
                || refused.getProcessor() == null) {
            return Optional.empty();
        }
        String reason = refused.getOriginalMessage();
        JsonStreamContext object = refused.getProcessor().getParsingContext();
        if (reason.startsWith("Duplicate field '") && object.inObject() && object.getCurrentName() != null) {
            // An empty key is named by the object that holds it, as the domain names it.
            return Optional.of(
                    object.getCurrentName().isEmpty()
                            ? errorAt(object.getParent(), "has the empty key more than once; each key may appear once")
                            : errorAt(object, "is given more than once in its object; each key may appear once"));
        }
        if (reason.contains("surrogate") && reason.contains("field name")) {
            return Optional.of(errorAt(
                    object.getParent(), "has a key that holds an unpaired UTF-16 surrogate, which is not a character"));
        }
        return Optional.empty();
    }

    /**
     * An error of the field the context is at, named as the domain names fields, and cut as every field error is. A
     * field below an empty key has no name of its own: the error is the domain's of the object that holds that key.
     */
    private static FieldError errorAt(JsonStreamContext at, String message) {
        List<JsonStreamContext> steps = new ArrayList<>();
        for (JsonStreamContext holder = at; holder != null && !holder.inRoot(); holder = holder.getParent()) {
            if (holder.inObject()
                    && holder.getCurrentName() != null
                    && holder.getCurrentName().isEmpty()) {
                steps.clear();
                message = "has an empty key";
            } else {
                steps.addFirst(holder);
            }
        }
        StringBuilder field = new StringBuilder();
        for (JsonStreamContext step : steps) {
            if (step.inArray()) {
                FieldPath.appendIndex(field, step.getCurrentIndex());
            } else if (step.getCurrentName() != null) { // an object not yet at a key names no step of its own
                FieldPath.appendMember(field, step.getCurrentName());
            }
        }
        FieldErrors error = new FieldErrors();
        error.add(field.toString(), message);
        return error.list().getFirst();
    }

    /** Where the JSON broke, without echoing the body: Jackson's messages quote the input. */
    public static String describe(IOException malformed) {
        if (malformed instanceof NotUtf8 foreign) {
            return notUtf8(foreign.encoding());
        }
        if (malformed instanceof TenantKeyedJson.NotUtf8Text notUtf8) {
            return "The body is not UTF-8: the byte at offset " + notUtf8.offset() + " (" + notUtf8.value()
                    + ") is not part of a UTF-8 character; send JSON in UTF-8 (RFC 8259, section 8.1).";
        }
        if (malformed instanceof StreamConstraintsException limit) {
            // No field's (limitField names one where there is): the body is that value, or it follows the value.
            return switch (ParserLimit.of(limit)) {
                case NESTING -> "The body nests deeper than " + MAX_NESTING + " levels.";
                case NUMBER_LENGTH -> "The body holds a number longer than " + MAX_NUMBER_LENGTH + " characters.";
                case OTHER -> "The body holds a value longer than the parser takes.";
            };
        }
        if (malformed instanceof JsonProcessingException processing && processing.getLocation() != null) {
            return "The body is not valid JSON near line "
                    + processing.getLocation().getLineNr() + ", column "
                    + processing.getLocation().getColumnNr() + ".";
        }
        return "The body is not valid JSON.";
    }

    /**
     * Plain values as JSON: maps with text keys, lists, text, numbers, flags and null, as {@link #readValue} reads
     * them and the representations build them; BigDecimals plain. Written as databind would write them
     * ({@code ApiJsonTest} holds the two alike).
     *
     * @throws IllegalArgumentException for any other value: a representation that holds one is a bug
     */
    public static String write(Object value) {
        return PlainJson.write(STREAM, value);
    }
}
