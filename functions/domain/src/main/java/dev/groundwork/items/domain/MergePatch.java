package dev.groundwork.items.domain;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * JSON Merge Patch (RFC 7396, section 2) over plain Java JSON values: objects merge key by key, {@code null} removes
 * a key, anything else (arrays included) replaces the target's value.
 */
public final class MergePatch {
    private MergePatch() {}

    public static Object apply(Object target, Object patch) {
        if (!(patch instanceof Map<?, ?> patchObject)) {
            return patch;
        }
        Map<String, Object> result = new LinkedHashMap<>();
        if (target instanceof Map<?, ?> targetObject) {
            targetObject.forEach((key, value) -> result.put((String) key, value));
        }
        patchObject.forEach((key, value) -> {
            String name = (String) key;
            if (value == null) {
                result.remove(name);
            } else {
                result.put(name, apply(result.get(name), value));
            }
        });
        return result;
    }
}
