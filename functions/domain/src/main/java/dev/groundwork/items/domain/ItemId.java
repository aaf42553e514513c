package dev.groundwork.items.domain;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An item's id: a ULID (https://github.com/ulid/spec), 26 Crockford base-32 characters, time-ordered by its first
 * ten characters and unguessable by its 80 random bits. Ordering ids as strings orders items by creation time.
 */
public record ItemId(String value) implements Comparable<ItemId> {
    private static final Pattern ULID = Pattern.compile("[0-7][0-9A-HJKMNP-TV-Z]{25}");

    public ItemId {
        if (value == null || !ULID.matcher(value).matches()) {
            throw new IllegalArgumentException("not a ULID");
        }
    }

    /** An id when the text is a ULID in canonical (upper-case) form, else empty. */
    public static Optional<ItemId> parse(String text) {
        return text != null && ULID.matcher(text).matches() ? Optional.of(new ItemId(text)) : Optional.empty();
    }

    @Override
    public int compareTo(ItemId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
