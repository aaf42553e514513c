package dev.groundwork.dynamodb.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The wire codec of DynamoDB JSON ({@code {"S":"x"}}, {@code {"N":"1"}}, {@code {"B":"base64"}}, ...), with the
 * validation AWS applies and its messages. Shape errors (a number where a string belongs) are SerializationExceptions,
 * as the AWS front end reports them; value errors (an empty set, a bad number) are ValidationExceptions.
 */
public final class AttributeValues {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final Set<String> TYPES = Set.of("S", "N", "B", "BOOL", "NULL", "L", "M", "SS", "NS", "BS");
    private static final String INVALID = "One or more parameter values were invalid: ";
    private static final String MAP_TYPE =
            "java.util.Map<java.lang.String, com.amazonaws.dynamodb.v20120810.AttributeValue>";

    private AttributeValues() {}

    /**
     * Checks only the JSON types inside an attribute value, as DynamoDB's deserializer does before any validation: the
     * first wrong one is a SerializationException in DynamoDB's words, and nothing else is checked (an empty value, a
     * bad number or a duplicate set member are validation, for later). {@code member}: the value is a structure's member
     * (Expected's or AttributeUpdates' Value), where DynamoDB calls a scalar an "Unexpected field type", rather than
     * the value of a map or a list ("Unexpected value type in payload"), as dynalite's tests record it.
     */
    public static void checkTypes(JsonNode node, boolean member) {
        if (node.isNull()) return;
        if (node.isArray()) {
            throw DynamoDbException.serialization(
                    "Unrecognized collection type class com.amazonaws.dynamodb.v20120810.AttributeValue");
        }
        if (!node.isObject())
            throw DynamoDbException.serialization(
                    member ? "Unexpected field type" : "Unexpected value type in payload");
        for (var entry : node.properties()) {
            JsonNode typed = entry.getValue();
            if (typed.isNull()) continue;
            switch (entry.getKey()) {
                case "S", "N" -> string(typed);
                case "B" -> blob(typed);
                case "BOOL", "NULL" -> bool(typed);
                case "SS", "NS" -> list(typed, AttributeValues::string);
                case "BS" -> list(typed, AttributeValues::blob);
                case "L" ->
                    list(typed, element -> {
                        checkTypes(element, false);
                        return element;
                    });
                case "M" -> {
                    if (typed.isArray())
                        throw DynamoDbException.serialization("Unrecognized collection type " + MAP_TYPE);
                    if (!typed.isObject()) throw DynamoDbException.serialization("Unexpected field type");
                    typed.forEach(value -> checkTypes(value, false));
                }
                default -> {
                    // AWS ignores members it does not know.
                }
            }
        }
    }

    /** One attribute value; AWS ignores members it does not know and members that are null. */
    public static AttributeValue fromJson(JsonNode node) {
        return value(node, 1);
    }

    /** An item or a key: a JSON object of attribute name to attribute value. */
    public static Map<String, AttributeValue> itemFromJson(JsonNode node) {
        return item(node, 1);
    }

    /** Level 1 is an attribute of the item; see {@link Nesting}. */
    private static AttributeValue value(JsonNode node, int level) {
        Nesting.checkLevel(level);
        if (node.isArray()) {
            throw DynamoDbException.serialization(
                    "Unrecognized collection type class com.amazonaws.dynamodb.v20120810.AttributeValue");
        }
        if (!node.isObject()) throw DynamoDbException.serialization("Unexpected value type in payload");
        List<String> present = new ArrayList<>();
        node.properties().forEach(member -> {
            if (TYPES.contains(member.getKey()) && !member.getValue().isNull()) present.add(member.getKey());
        });
        if (present.isEmpty()) {
            throw DynamoDbException.validation(
                    "Supplied AttributeValue is empty, must contain exactly one of the supported datatypes");
        }
        AttributeValue first = null;
        for (String type : present) {
            AttributeValue value = typed(type, node.get(type), level);
            if (first == null) first = value;
        }
        if (present.size() > 1) {
            throw DynamoDbException.validation(
                    "Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported datatypes");
        }
        return first;
    }

    private static Map<String, AttributeValue> item(JsonNode node, int level) {
        if (node.isArray()) throw DynamoDbException.serialization("Unrecognized collection type " + MAP_TYPE);
        if (!node.isObject()) throw DynamoDbException.serialization("Unexpected field type");
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        node.properties().forEach(member -> {
            if (!member.getValue().isNull()) item.put(member.getKey(), value(member.getValue(), level));
        });
        return item;
    }

    public static JsonNode toJson(AttributeValue value) {
        ObjectNode node = JSON.objectNode();
        switch (value) {
            case AttributeValue.S s -> node.put("S", s.value());
            case AttributeValue.N n -> node.put("N", Numbers.format(n.value()));
            case AttributeValue.B b -> node.put("B", b.value().toBase64());
            case AttributeValue.Bool bool -> node.put("BOOL", bool.value());
            case AttributeValue.Null ignored -> node.put("NULL", true);
            case AttributeValue.L l -> {
                ArrayNode values = node.putArray("L");
                l.values().forEach(element -> values.add(toJson(element)));
            }
            case AttributeValue.M m -> node.set("M", itemToJson(m.values()));
            case AttributeValue.SS ss -> ss.values().forEach(node.putArray("SS")::add);
            case AttributeValue.NS ns -> {
                ArrayNode values = node.putArray("NS");
                ns.values().forEach(number -> values.add(Numbers.format(number)));
            }
            case AttributeValue.BS bs -> {
                ArrayNode values = node.putArray("BS");
                bs.values().forEach(bytes -> values.add(bytes.toBase64()));
            }
        }
        return node;
    }

    public static ObjectNode itemToJson(Map<String, AttributeValue> item) {
        ObjectNode node = JSON.objectNode();
        item.forEach((name, value) -> node.set(name, toJson(value)));
        return node;
    }

    /** DynamoDB's order of two scalars of one type; see {@link ScalarOrder#compare}. */
    public static int compare(AttributeValue a, AttributeValue b) {
        return ScalarOrder.compare(a, b);
    }

    /** See {@link ScalarOrder#compareUtf8}. */
    public static int compareUtf8(String a, String b) {
        return ScalarOrder.compareUtf8(a, b);
    }

    private static AttributeValue typed(String type, JsonNode node, int level) {
        return switch (type) {
            case "S" -> new AttributeValue.S(string(node));
            case "N" -> new AttributeValue.N(Numbers.parse(string(node)));
            case "B" -> new AttributeValue.B(blob(node));
            case "BOOL" -> AttributeValue.bool(bool(node));
            case "NULL" -> {
                if (!bool(node))
                    throw DynamoDbException.validation(
                            INVALID + "Null attribute value types must have the value of true");
                yield AttributeValue.nul();
            }
            case "SS" -> stringSet(node);
            case "NS" -> numberSet(node);
            case "BS" -> binarySet(node);
            case "L" -> new AttributeValue.L(list(node, element -> value(element, level + 1)));
            case "M" -> new AttributeValue.M(map(node, level + 1));
            default -> throw new IllegalStateException(type);
        };
    }

    private static AttributeValue stringSet(JsonNode node) {
        List<String> members = list(node, AttributeValues::string);
        if (members.isEmpty()) throw DynamoDbException.validation(INVALID + "An string set  may not be empty");
        Set<String> set = new LinkedHashSet<>(members);
        if (set.size() < members.size()) {
            // DynamoDB lists the members unquoted: "Input collection [a, a] contains duplicates." (dynalite's tests,
            // recorded in 2020; a live answer quoted in truora/minidyn#50, 2022).
            throw DynamoDbException.validation(INVALID + "Input collection "
                    + duplicateReport(members, ScalarOrder::compareUtf8) + " contains duplicates.");
        }
        return new AttributeValue.SS(set);
    }

    private static AttributeValue numberSet(JsonNode node) {
        List<String> members = list(node, AttributeValues::string);
        if (members.isEmpty()) throw DynamoDbException.validation(INVALID + "An number set  may not be empty");
        Set<BigDecimal> set = new LinkedHashSet<>();
        for (String member : members) set.add(Numbers.parse(member));
        if (set.size() < members.size())
            // Sic: no prefix and no full stop for a number set (a live answer quoted in ExtendDB/extenddb#100, 2026, as
            // dynalite's tests recorded it in 2020).
            throw DynamoDbException.validation("Input collection contains duplicates");
        return new AttributeValue.NS(set);
    }

    private static AttributeValue binarySet(JsonNode node) {
        List<Bytes> members = list(node, AttributeValues::blob);
        if (members.isEmpty()) throw DynamoDbException.validation(INVALID + "Binary sets should not be empty");
        Set<Bytes> set = new LinkedHashSet<>(members);
        if (set.size() < members.size()) {
            // Sic: no space before "of type" (dynalite's tests, recorded against DynamoDB).
            throw DynamoDbException.validation(INVALID + "Input collection "
                    + duplicateReport(members, Bytes::compareTo) + "of type BS contains duplicates.");
        }
        return new AttributeValue.BS(set);
    }

    /**
     * The members as AWS lists them when it finds a duplicate: those before the first repeat in sorted order, then the
     * repeat, then the rest as sent.
     */
    private static <T> List<T> duplicateReport(List<T> members, Comparator<T> order) {
        TreeSet<T> seen = new TreeSet<>(order);
        for (int i = 0; i < members.size(); i++) {
            if (!seen.add(members.get(i))) {
                List<T> report = new ArrayList<>(seen);
                report.addAll(members.subList(i, members.size()));
                return report;
            }
        }
        return members;
    }

    private static <T> List<T> list(JsonNode node, Function<JsonNode, T> element) {
        if (node.isObject())
            throw DynamoDbException.serialization("Start of structure or map found where not expected");
        if (!node.isArray()) throw DynamoDbException.serialization("Unexpected field type");
        List<T> values = new ArrayList<>(node.size());
        for (JsonNode member : node) {
            if (!member.isNull()) values.add(element.apply(member));
        }
        return values;
    }

    private static Map<String, AttributeValue> map(JsonNode node, int level) {
        if (node.isArray()) throw DynamoDbException.serialization("Unrecognized collection type " + MAP_TYPE);
        if (!node.isObject()) throw DynamoDbException.serialization("Unexpected field type");
        return item(node, level);
    }

    private static String string(JsonNode node) {
        if (node.isTextual()) return node.textValue();
        throw DynamoDbException.serialization(conversionError(node, "String", "class java.lang.String"));
    }

    /** AWS's JSON reader takes "true", "1" and "yes" (in any case) for true, and their opposites for false. */
    private static boolean bool(JsonNode node) {
        if (node.isBoolean()) return node.booleanValue();
        if (node.isTextual()) {
            switch (node.textValue().toUpperCase(Locale.ROOT)) {
                case "TRUE", "1", "YES" -> {
                    return true;
                }
                case "FALSE", "0", "NO" -> {
                    return false;
                }
                default -> throw DynamoDbException.serialization("Unexpected token received from parser");
            }
        }
        throw DynamoDbException.serialization(conversionError(node, "Boolean", "class java.lang.Boolean"));
    }

    private static Bytes blob(JsonNode node) {
        if (node.isBoolean() || node.isNumber()) {
            throw DynamoDbException.serialization("only base-64-encoded strings are convertible to bytes");
        }
        if (node.isArray())
            throw DynamoDbException.serialization("Unrecognized collection type class java.nio.ByteBuffer");
        if (!node.isTextual())
            throw DynamoDbException.serialization("Start of structure or map found where not expected");
        String text = node.textValue();
        if (text.length() % 4 != 0) {
            throw DynamoDbException.serialization(
                    "Base64 encoded length is expected a multiple of 4 bytes but found: " + text.length());
        }
        try {
            byte[] bytes = Base64.getDecoder().decode(text);
            if (Base64.getEncoder().encodeToString(bytes).equals(text)) return Bytes.of(bytes);
        } catch (IllegalArgumentException notBase64) {
            // reported below, as AWS does
        }
        // Sic: AWS's spelling.
        throw DynamoDbException.serialization("Invalid last non-pad Base64 character dectected");
    }

    private static String conversionError(JsonNode node, String target, String collectionClass) {
        if (node.isBoolean())
            return (node.booleanValue() ? "TRUE_VALUE" : "FALSE_VALUE") + " cannot be converted to " + target;
        if (node.isIntegralNumber()) return "NUMBER_VALUE cannot be converted to " + target;
        if (node.isNumber()) return "DECIMAL_VALUE cannot be converted to " + target;
        if (node.isArray()) return "Unrecognized collection type " + collectionClass;
        return "Start of structure or map found where not expected";
    }
}
