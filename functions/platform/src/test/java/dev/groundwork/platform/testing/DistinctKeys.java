package dev.groundwork.platform.testing;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Long keys no two alike, as a tenant trying to fill a process's memory would send them: for the tests and the
 * benchmark of what a process keeps of the keys it reads (docs/security.md, "Keys a process keeps").
 */
public final class DistinctKeys {
    private DistinctKeys() {}

    /**
     * {@code count} keys of {@code length} ASCII characters (as many bytes), each {@code prefix}, its number and
     * padding: distinct from each other, and from every other call's when the prefixes differ.
     */
    public static List<String> of(String prefix, int count, int length) {
        return IntStream.range(0, count)
                .mapToObj(n -> prefix + "-" + n + "-")
                .map(start -> start + "k".repeat(length - start.length()))
                .toList();
    }

    /** The same keys as a JSON object's members, as a document holds them, each with the number 1. */
    public static Map<String, Object> asObject(String prefix, int count, int length) {
        Map<String, Object> object = new LinkedHashMap<>();
        of(prefix, count, length).forEach(key -> object.put(key, BigDecimal.ONE));
        return object;
    }
}
