package dev.groundwork.template;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How SAM applies a template's {@code Globals} section to a resource: maps merge key by key (the resource wins), lists
 * are concatenated, anything else the resource overrides; an intrinsic ({@code {Ref: x}}) is a value, never merged
 * into. See
 * https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-specification-template-anatomy-globals.html
 */
public final class SamGlobals {
    private SamGlobals() {}

    /** The resource's properties with the globals of its kind merged in. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> merge(Map<String, Object> globals, Map<String, Object> properties) {
        Map<String, Object> merged = new LinkedHashMap<>(globals);
        properties.forEach((key, value) -> {
            Object inherited = merged.get(key);
            if (inherited instanceof Map<?, ?> inheritedMap
                    && value instanceof Map<?, ?> valueMap
                    && !isIntrinsic(inheritedMap)
                    && !isIntrinsic(valueMap)) {
                merged.put(key, merge((Map<String, Object>) inheritedMap, (Map<String, Object>) valueMap));
            } else if (inherited instanceof List<?> inheritedList && value instanceof List<?> valueList) {
                List<Object> joined = new ArrayList<>(inheritedList);
                joined.addAll(valueList);
                merged.put(key, joined);
            } else {
                merged.put(key, value);
            }
        });
        return merged;
    }

    private static boolean isIntrinsic(Map<?, ?> map) {
        return map.size() == 1
                && CloudFormationYaml.intrinsicKeys()
                        .contains(String.valueOf(map.keySet().iterator().next()));
    }
}
