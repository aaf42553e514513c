package dev.groundwork.platform.idempotency;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A client's {@code Idempotency-Key} header value (draft-ietf-httpapi-idempotency-key-header): 1 to 255 visible
 * ASCII characters, typically a UUID. It is only meaningful together with the tenant that sent it.
 */
public record IdempotencyKey(String value) {
    private static final Pattern VISIBLE_ASCII = Pattern.compile("[\\x21-\\x7E]{1,255}");

    public IdempotencyKey {
        if (value == null || !VISIBLE_ASCII.matcher(value).matches()) {
            throw new IllegalArgumentException("an idempotency key has 1 to 255 visible ASCII characters");
        }
    }

    /**
     * The key a header value names, or empty when it names none. Nothing is trimmed: HTTP has already dropped the
     * blanks around a field value (RFC 9110, section 5.5), so blanks or control characters left in it are the
     * client's, and two keys that differ only by them must not become one.
     */
    public static Optional<IdempotencyKey> parse(String text) {
        String key = text;
        // Structured-field strings arrive quoted ("abc"); the bare form is what most clients send.
        if (key.length() >= 2 && key.startsWith("\"") && key.endsWith("\"")) {
            key = key.substring(1, key.length() - 1);
        }
        return VISIBLE_ASCII.matcher(key).matches() ? Optional.of(new IdempotencyKey(key)) : Optional.empty();
    }
}
