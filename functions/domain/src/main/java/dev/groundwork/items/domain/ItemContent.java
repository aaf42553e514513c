package dev.groundwork.items.domain;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * What a client may set on an item: its name, free-form attributes and tags. Its compact constructor guards the
 * invariants; {@link ItemDocument#read} turns untrusted input into one and says every reason when it cannot.
 *
 * @param attributes a JSON object as plain Java values (see {@link JsonValues})
 */
public record ItemContent(String name, Map<String, Object> attributes, List<String> tags) {
    public static final int MAX_NAME_LENGTH = 200;
    public static final int MAX_ATTRIBUTES = 64;
    public static final int MAX_TAGS = 20;
    public static final int MAX_TAG_LENGTH = 64;

    public ItemContent {
        if (name == null || name.isEmpty() || name.codePointCount(0, name.length()) > MAX_NAME_LENGTH) {
            throw new IllegalArgumentException("name must have 1 to 200 characters");
        }
        if (attributes == null || attributes.size() > MAX_ATTRIBUTES) {
            throw new IllegalArgumentException("attributes must have at most 64 keys");
        }
        if (tags == null || tags.size() > MAX_TAGS || new LinkedHashSet<>(tags).size() != tags.size()) {
            throw new IllegalArgumentException("tags must be at most 20 distinct strings");
        }
        attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
        tags = List.copyOf(tags);
    }

    /** Whether the two would be stored alike: the same name and tags, and attributes the same as stored data. */
    public boolean storedAlikeAs(ItemContent other) {
        return name.equals(other.name)
                && tags.equals(other.tags)
                && JsonValues.sameValues(attributes, other.attributes);
    }
}
