package dev.groundwork.items.shared.idempotency;

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

    public static Optional<IdempotencyKey> parse(String text) {
        String stripped = text.strip();
        // Structured-field strings arrive quoted ("abc"); the bare form is what most clients send.
        if (stripped.length() >= 2 && stripped.startsWith("\"") && stripped.endsWith("\"")) {
            stripped = stripped.substring(1, stripped.length() - 1);
        }
        return VISIBLE_ASCII.matcher(stripped).matches() ? Optional.of(new IdempotencyKey(stripped)) : Optional.empty();
    }
}
