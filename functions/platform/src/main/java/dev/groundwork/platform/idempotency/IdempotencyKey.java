package dev.groundwork.platform.idempotency;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A client's {@code Idempotency-Key} header value (draft-ietf-httpapi-idempotency-key-header): 1 to 255 visible
 * ASCII characters other than a quote, typically a UUID. It is only meaningful together with the tenant that sent it.
 */
public record IdempotencyKey(String value) {
    /** Visible ASCII but the quote, which only delimits a quoted key: see {@link #isSeveral}. */
    private static final Pattern VISIBLE_ASCII = Pattern.compile("[\\x21\\x23-\\x7E]{1,255}");

    public IdempotencyKey {
        if (value == null || !VISIBLE_ASCII.matcher(value).matches()) {
            throw new IllegalArgumentException("an idempotency key has 1 to 255 visible ASCII characters, no quote");
        }
    }

    /**
     * The key a header value names, or empty when it names none. Nothing is trimmed: HTTP has already dropped the
     * blanks around a field value (RFC 9110, section 5.5), so blanks or control characters left in it are the
     * client's, and two keys that differ only by them must not become one. A value that {@linkplain #isSeveral
     * can only be several keys} names none.
     */
    public static Optional<IdempotencyKey> parse(String text) {
        if (isSeveral(text)) {
            return Optional.empty();
        }
        String key = quoted(text) ? text.substring(1, text.length() - 1) : text;
        return VISIBLE_ASCII.matcher(key).matches() ? Optional.of(new IdempotencyKey(key)) : Optional.empty();
    }

    /**
     * Whether a header value is several {@code Idempotency-Key} headers joined: API Gateway's HTTP API (payload 2.0)
     * joins repeated headers with a comma, so {@code a} and {@code b} arrive as {@code a,b}, and {@code "a"} and
     * {@code "b"} as {@code "a","b"}. A key therefore holds a comma only when quoted (the draft's Structured Field
     * String, RFC 8941 section 3.3.3, in which a comma is plain text), and a quote only delimits a key: every join
     * then breaks one of these rules, so two keys never become one the client did not send.
     */
    public static boolean isSeveral(String text) {
        return quoted(text) ? text.substring(1, text.length() - 1).contains("\"") : text.contains(",");
    }

    /** Structured-field strings arrive quoted ("abc"); the bare form is what most clients send. */
    private static boolean quoted(String text) {
        return text.length() >= 2 && text.startsWith("\"") && text.endsWith("\"");
    }
}
