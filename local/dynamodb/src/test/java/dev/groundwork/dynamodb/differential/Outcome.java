package dev.groundwork.dynamodb.differential;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;

/**
 * What one call came to, reduced to what the differential tests compare: the HTTP status, the AWS error code, and
 * the response's fields in a canonical text form (sets sorted, maps by name), so equal answers compare equal
 * however each server orders set members and map entries on the wire.
 */
record Outcome(int status, String errorCode, Map<String, String> fields) {

    static Outcome of(Supplier<Map<String, Object>> call) {
        try {
            Map<String, String> fields = new TreeMap<>();
            call.get().forEach((name, value) -> fields.put(name, canonical(value)));
            return new Outcome(200, "", fields);
        } catch (DynamoDbException e) {
            String code = e.awsErrorDetails() == null ? "" : e.awsErrorDetails().errorCode();
            return new Outcome(e.statusCode(), code, Map.of());
        }
    }

    static Map<String, Object> fields(Object... namesAndValues) {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            fields.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return fields;
    }

    @SuppressWarnings("unchecked")
    static String canonical(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof AttributeValue attribute) {
            return canonical(attribute);
        }
        if (value instanceof Map<?, ?> map) {
            StringBuilder text = new StringBuilder("{");
            new TreeMap<>((Map<String, Object>) map)
                    .forEach((k, v) ->
                            text.append(k).append('=').append(canonical(v)).append(','));
            return text.append('}').toString();
        }
        if (value instanceof List<?> list) {
            return list.stream().map(Outcome::canonical).toList().toString();
        }
        return String.valueOf(value);
    }

    private static String canonical(AttributeValue value) {
        return switch (value.type()) {
            case S -> "S:" + value.s();
            case N -> "N:" + value.n();
            case B ->
                "B:" + java.util.Base64.getEncoder().encodeToString(value.b().asByteArray());
            case BOOL -> "BOOL:" + value.bool();
            case NUL -> "NULL";
            case L -> "L:" + value.l().stream().map(Outcome::canonical).toList();
            case M -> "M:" + canonical(value.m());
            case SS -> "SS:" + value.ss().stream().sorted().toList();
            case NS ->
                "NS:"
                        + value.ns().stream()
                                .sorted(Comparator.comparing(java.math.BigDecimal::new))
                                .toList();
            case BS ->
                "BS:"
                        + value.bs().stream()
                                .map(b -> java.util.Base64.getEncoder().encodeToString(b.asByteArray()))
                                .sorted()
                                .toList();
            case UNKNOWN_TO_SDK_VERSION -> "UNKNOWN";
        };
    }
}
