package dev.groundwork.dynamodb.model;

/**
 * DynamoDB's limit on document depth: an attribute is level 1, the elements of a list or map one level deeper, and no
 * value may sit deeper than level 32.
 * See https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ServiceQuotas.html#limits-attributes-nested-depth
 */
public final class Nesting {
    public static final int MAX_LEVELS = 32;

    static final String TOO_DEEP =
            "Nesting Levels have exceeded supported limits: Attributes in the item have nested levels beyond supported limit";

    private Nesting() {}

    /** Rejects an attribute's value, with AWS's message, when it is nested more than 32 levels deep. */
    public static void check(AttributeValue attribute) {
        check(attribute, 1);
    }

    static void checkLevel(int level) {
        if (level > MAX_LEVELS) throw DynamoDbException.validation(TOO_DEEP);
    }

    private static void check(AttributeValue value, int level) {
        checkLevel(level);
        switch (value) {
            case AttributeValue.L list -> list.values().forEach(element -> check(element, level + 1));
            case AttributeValue.M map -> map.values().values().forEach(element -> check(element, level + 1));
            default -> {}
        }
    }
}
