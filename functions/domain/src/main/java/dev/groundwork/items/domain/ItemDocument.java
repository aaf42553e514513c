package dev.groundwork.items.domain;

import dev.groundwork.kernel.FieldError;
import dev.groundwork.kernel.FieldErrors;
import dev.groundwork.kernel.FieldPath;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The JSON object a client writes for an item ({@code name}, {@code attributes}, {@code tags}), as plain Java values
 * (see {@link JsonValues}). Reading one checks every rule and reports every broken one at once, by field.
 */
public final class ItemDocument {
    /** DynamoDB's item limit is 400 KB; 350 KB leaves room for keys and bookkeeping attributes. */
    public static final long MAX_ITEM_BYTES = 350 * 1024;

    private static final Set<String> WRITABLE = Set.of("name", "attributes", "tags");
    private static final Set<String> READ_ONLY = Set.of("id", "version", "createdAt", "updatedAt");

    private ItemDocument() {}

    /** The outcome of reading a document: content, or why not. */
    public sealed interface Reading permits Valid, Invalid, TooLarge {}

    public record Valid(ItemContent content) implements Reading {}

    public record Invalid(List<FieldError> errors) implements Reading {
        public Invalid {
            errors = List.copyOf(errors);
        }
    }

    /** The content is well formed but would not fit in one stored item. */
    public record TooLarge(long bytes) implements Reading {}

    /** Reads a client's document: unknown and read-only fields, wrong types and broken limits are all reported. */
    public static Reading read(Map<String, Object> document) {
        FieldErrors errors = new FieldErrors();
        errors.addAll(foreignFields(document));
        String name = readName(document.get("name"), errors);
        // An absent field takes its default; a null one is a value of the wrong type (the contract's rule too). A
        // merge patch's null removes the field before the document is read, so it never arrives here.
        Map<String, Object> attributes = document.containsKey("attributes") && document.get("attributes") == null
                ? wrongType(errors, "attributes", "must be a JSON object", Map.of())
                : readAttributes(document.get("attributes"), errors);
        List<String> tags = document.containsKey("tags") && document.get("tags") == null
                ? wrongType(errors, "tags", "must be an array of strings", List.of())
                : readTags(document.get("tags"), errors);
        if (!errors.isEmpty()) {
            return new Invalid(errors.list());
        }
        ItemContent content = new ItemContent(name, attributes, tags);
        long bytes = storedSize(content);
        return bytes > MAX_ITEM_BYTES ? new TooLarge(bytes) : new Valid(content);
    }

    /** A reason for each field that a client may not write: read-only ones and ones an item does not have. */
    public static List<FieldError> foreignFields(Map<String, Object> document) {
        FieldErrors errors = new FieldErrors();
        for (String field : document.keySet()) {
            if (errors.full()) {
                break;
            }
            if (READ_ONLY.contains(field)) {
                errors.add(field, "is read-only");
            } else if (!WRITABLE.contains(field)) {
                errors.add(FieldPath.member(field), "is not a field of an item");
            }
        }
        return errors.list();
    }

    /** The document form of content, the target a JSON Merge Patch applies to. */
    public static Map<String, Object> of(ItemContent content) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("name", content.name());
        document.put("attributes", content.attributes());
        document.put("tags", content.tags());
        return document;
    }

    /** About how many bytes the content takes in a stored item (see {@link JsonValues#storedSize}). */
    public static long storedSize(ItemContent content) {
        return JsonValues.storedSize(of(content));
    }

    private static <T> T wrongType(FieldErrors errors, String field, String message, T instead) {
        errors.add(field, message);
        return instead;
    }

    private static String readName(Object value, FieldErrors errors) {
        if (value == null) {
            errors.add("name", "is required");
            return null;
        }
        if (!(value instanceof String name)) {
            errors.add("name", "must be a string");
            return null;
        }
        int length = name.codePointCount(0, name.length());
        if (length < 1 || length > ItemContent.MAX_NAME_LENGTH) {
            errors.add("name", "must have 1 to 200 characters");
            return null;
        }
        Optional<String> unstorable = StorableText.problem(name);
        if (unstorable.isPresent()) {
            errors.add("name", unstorable.get());
            return null;
        }
        if (name.isBlank()) {
            errors.add("name", "must not be blank");
            return null;
        }
        return name;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> readAttributes(Object value, FieldErrors errors) {
        if (value == null) {
            return Map.of();
        }
        if (!(value instanceof Map<?, ?> map)) {
            errors.add("attributes", "must be a JSON object");
            return Map.of();
        }
        if (map.size() > ItemContent.MAX_ATTRIBUTES) {
            errors.add("attributes", "must have at most 64 keys");
        }
        JsonValues.check("attributes", map, errors);
        return (Map<String, Object>) map;
    }

    private static List<String> readTags(Object value, FieldErrors errors) {
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            errors.add("tags", "must be an array of strings");
            return List.of();
        }
        if (list.size() > ItemContent.MAX_TAGS) {
            errors.add("tags", "must have at most 20 tags");
        }
        List<String> tags = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < list.size() && !errors.full(); i++) {
            String field = "tags[" + i + "]";
            if (!(list.get(i) instanceof String tag)) {
                errors.add(field, "must be a string");
                continue;
            }
            int length = tag.codePointCount(0, tag.length());
            Optional<String> unstorable = StorableText.problem(tag);
            if (length < 1 || length > ItemContent.MAX_TAG_LENGTH) {
                errors.add(field, "must have 1 to 64 characters");
            } else if (unstorable.isPresent()) {
                errors.add(field, unstorable.get());
            } else if (!seen.add(tag)) {
                errors.add(field, "repeats the tag '" + tag + "'");
            } else {
                tags.add(tag);
            }
        }
        return tags;
    }
}
