package dev.groundwork.platform.idempotency;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A client's {@code Idempotency-Key} header value (draft-ietf-httpapi-idempotency-key-header): 1 to 255 visible
 * ASCII characters other than a quote, typically a UUID. It is only meaningful together with the tenant that sent it.
 */
public record IdempotencyKey(String value) {
    /** The most characters of a key, and of the header value that sends it, quoted or not. */
    public static final int MAX_LENGTH = 255;

    /** Visible ASCII but the quote, which only delimits a quoted key: see {@link #isSeveral}. */
    private static final Pattern VISIBLE_ASCII = Pattern.compile("[\\x21\\x23-\\x7E]{1," + MAX_LENGTH + "}");

    public IdempotencyKey {
        if (value == null || !VISIBLE_ASCII.matcher(value).matches()) {
            throw new IllegalArgumentException(
                    "an idempotency key has 1 to " + MAX_LENGTH + " visible ASCII characters, no quote");
        }
    }

    /**
     * The key a header value names, or empty when it names none. Nothing is trimmed: HTTP has already dropped the
     * blanks around a field value (RFC 9110, section 5.5), so blanks or control characters left in it are the
     * client's, and two keys that differ only by them must not become one. A value that {@linkplain #isSeveral
     * can only be several keys} names none.
     */
    public static Optional<IdempotencyKey> parse(String text) {
        // The contract bounds the header's value (api/openapi.yaml), so a quoted key, with its quotes and escapes,
        // takes at most as many characters as a bare one.
        if (text.length() > MAX_LENGTH || isSeveral(text)) {
            return Optional.empty();
        }
        Optional<String> key = quoted(text) ? unescaped(text.substring(1, text.length() - 1)) : Optional.of(text);
        return key.filter(chars -> VISIBLE_ASCII.matcher(chars).matches()).map(IdempotencyKey::new);
    }

    /**
     * A quoted key's characters, its escapes read as a Structured Field String's (RFC 8941, section 3.3.3): a
     * backslash escapes a backslash, so {@code "a\\b"} and the bare {@code a\b} are one key. An escaped quote would
     * put a quote in the key, which no key holds, and a backslash before anything else is not a string: empty.
     */
    private static Optional<String> unescaped(String inner) {
        StringBuilder key = new StringBuilder(inner.length());
        for (int i = 0; i < inner.length(); i++) {
            char c = inner.charAt(i);
            if (c == '\\') {
                if (i + 1 == inner.length() || inner.charAt(i + 1) != '\\') {
                    return Optional.empty();
                }
                i++;
            }
            key.append(c);
        }
        return Optional.of(key.toString());
    }

    /**
     * Whether a header value is several {@code Idempotency-Key} headers joined: API Gateway's HTTP API (payload 2.0)
     * joins repeated headers with a comma, so {@code a} and {@code b} arrive as {@code a,b}, and {@code "a"} and
     * {@code "b"} as {@code "a","b"}. A key therefore holds a comma only when quoted (the draft's Structured Field
     * String, RFC 8941 section 3.3.3, in which a comma is plain text), and a quote only delimits a key: every join
     * of well-formed keys then breaks one of these rules, so two keys never become one the client did not send. Two
     * malformed halves can: {@code "x} and {@code y"} (each refused alone) join into {@code "x,y"}, which is exactly
     * one quoted key and is read as such; no reading of the joined value can tell them apart.
     */
    public static boolean isSeveral(String text) {
        return quoted(text) ? hasBareQuote(text.substring(1, text.length() - 1)) : text.contains(",");
    }

    /** A quote that no backslash escapes: where one quoted key ends and, joined, the next begins. */
    private static boolean hasBareQuote(String inner) {
        for (int i = 0; i < inner.length(); i++) {
            char c = inner.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '"') {
                return true;
            }
        }
        return false;
    }

    /** Structured-field strings arrive quoted ("abc"); the bare form is what most clients send. */
    private static boolean quoted(String text) {
        return text.length() >= 2 && text.startsWith("\"") && text.endsWith("\"");
    }
}
