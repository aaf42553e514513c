package dev.groundwork.kernel;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The tenant that owns data. It only ever comes from the verified token's tenant claim.
 * The character set keeps it safe inside a key ({@code TENANT#<id>}): no {@code #}, no spaces, no control characters.
 */
public record TenantId(String value) {
    private static final Pattern WELL_FORMED = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    public TenantId {
        if (value == null || !WELL_FORMED.matcher(value).matches()) {
            throw new IllegalArgumentException("not a well-formed tenant id");
        }
    }

    /** A tenant id when the text is well formed, else empty: a claim is untrusted input until checked. */
    public static Optional<TenantId> parse(String text) {
        return text != null && WELL_FORMED.matcher(text).matches() ? Optional.of(new TenantId(text)) : Optional.empty();
    }

    @Override
    public String toString() {
        return value;
    }
}
