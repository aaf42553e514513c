package dev.groundwork.dynamodb.expression;

import dev.groundwork.dynamodb.model.AttributeValue;
import dev.groundwork.dynamodb.model.DynamoDbException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The placeholders of one request: ExpressionAttributeNames ({@code #n -> name}) and ExpressionAttributeValues
 * ({@code :v -> value}). It records which ones the request's expressions use; after parsing all of them the server
 * calls {@link #checkAllUsed()}, which rejects unused placeholders as AWS does. One context serves one request on one
 * thread.
 *
 * <p>An absent map is passed as an empty one; AWS's "must not be empty" check of a present but empty map belongs to
 * the request reader, which sees the difference.
 */
public final class ExpressionContext {
    private static final Pattern NAME_KEY = Pattern.compile("#[0-9a-zA-Z_]+");
    private static final Pattern VALUE_KEY = Pattern.compile(":[0-9a-zA-Z_]+");

    private final Map<String, String> names;
    private final Map<String, AttributeValue> values;
    private final Set<String> usedNames = new LinkedHashSet<>();
    private final Set<String> usedValues = new LinkedHashSet<>();

    public ExpressionContext(Map<String, String> names, Map<String, AttributeValue> values) {
        checkNameKeys(names.keySet());
        checkValueKeys(values.keySet());
        this.names = Collections.unmodifiableMap(new LinkedHashMap<>(names));
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** AWS's refusal of an ExpressionAttributeNames key that is not {@code #} and word characters. */
    public static void checkNameKeys(Iterable<String> keys) {
        for (String key : keys) {
            if (!NAME_KEY.matcher(key).matches()) {
                throw DynamoDbException.validation(
                        "ExpressionAttributeNames contains invalid key: Syntax error; key: \"" + key + "\"");
            }
        }
    }

    /**
     * AWS's refusal of an ExpressionAttributeValues key that is not {@code :} and word characters; the request reader
     * checks the keys before it reads the values.
     */
    public static void checkValueKeys(Iterable<String> keys) {
        for (String key : keys) {
            if (!VALUE_KEY.matcher(key).matches()) {
                throw DynamoDbException.validation(
                        "ExpressionAttributeValues contains invalid key: Syntax error; key: \"" + key + "\"");
            }
        }
    }

    public static ExpressionContext empty() {
        return new ExpressionContext(Map.of(), Map.of());
    }

    /**
     * Rejects placeholders that no expression of the request used, names before values, as AWS does:
     * {@code Value provided in ExpressionAttributeNames unused in expressions: keys: {#a, #b}}.
     */
    public void checkAllUsed() {
        List<String> unusedNames =
                names.keySet().stream().filter(key -> !usedNames.contains(key)).toList();
        if (!unusedNames.isEmpty()) {
            throw DynamoDbException.validation(
                    "Value provided in ExpressionAttributeNames unused in expressions: keys: {"
                            + String.join(", ", unusedNames) + "}");
        }
        List<String> unusedValues = values.keySet().stream()
                .filter(key -> !usedValues.contains(key))
                .toList();
        if (!unusedValues.isEmpty()) {
            throw DynamoDbException.validation(
                    "Value provided in ExpressionAttributeValues unused in expressions: keys: {"
                            + String.join(", ", unusedValues) + "}");
        }
    }

    /** The attribute name a {@code #placeholder} stands for, marking it used. */
    Optional<String> name(String placeholder) {
        String name = names.get(placeholder);
        if (name != null) usedNames.add(placeholder);
        return Optional.ofNullable(name);
    }

    /** The value a {@code :placeholder} stands for, marking it used. */
    Optional<AttributeValue> value(String placeholder) {
        AttributeValue value = values.get(placeholder);
        if (value != null) usedValues.add(placeholder);
        return Optional.ofNullable(value);
    }
}
