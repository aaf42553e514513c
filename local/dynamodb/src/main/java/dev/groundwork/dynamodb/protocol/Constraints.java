package dev.groundwork.dynamodb.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import dev.groundwork.dynamodb.model.DynamoDbException;
import java.util.ArrayList;
import java.util.List;

/**
 * An operation's member constraints, checked as DynamoDB checks them before it looks at any table: first every
 * member's JSON type (a SerializationException, from {@link Request}'s typed accessors), then every constraint, each
 * violation collected in the order of the members in DynamoDB's model of the operation, and all of them answered in
 * one ValidationException: "2 validation errors detected: Value null at 'tableName' failed to satisfy constraint:
 * Member must not be null; Value 'ALL' at 'returnConsumedCapacity' failed to satisfy constraint: ...". The members'
 * order, the constraints and their wording are dynalite's validation tables, which were recorded against DynamoDB;
 * DynamoDB lists at most 10.
 */
final class Constraints {
    private static final String NAME_PATTERN = "[a-zA-Z0-9_.-]+";
    private static final int MAX_LISTED = 10;

    /** One member of the operation and what DynamoDB demands of it. */
    interface Member {
        /** Reads the member through its typed accessor, which refuses the wrong JSON type. */
        void read(Request request);

        void check(Request request, List<String> violations);
    }

    private final Member[] members;

    private Constraints(Member... members) {
        this.members = members;
    }

    static Constraints of(Member... members) {
        return new Constraints(members);
    }

    /** Throws DynamoDB's SerializationException or ValidationException for the request, if it has one. */
    void check(Request request) {
        for (Member member : members) member.read(request);
        List<String> violations = new ArrayList<>(0);
        for (Member member : members) member.check(request, violations);
        if (violations.isEmpty()) return;
        List<String> listed = violations.subList(0, Math.min(MAX_LISTED, violations.size()));
        throw DynamoDbException.validation(listed.size() + " validation error" + (listed.size() > 1 ? "s" : "")
                + " detected: " + String.join("; ", listed));
    }

    /** A table or index name: required or not, {@code [a-zA-Z0-9_.-]+} of 3 to 255 characters. */
    static Member name(String field, boolean required) {
        return new Member() {
            @Override
            public void read(Request request) {
                request.optionalString(field);
            }

            @Override
            public void check(Request request, List<String> violations) {
                String value = request.optionalString(field);
                String member = Request.member(field);
                if (value == null) {
                    if (required) violations.add(violation("null", member, "Member must not be null"));
                    return;
                }
                if (!isName(value))
                    violations.add(violation(
                            quoted(value), member, "Member must satisfy regular expression pattern: " + NAME_PATTERN));
                if (value.length() < 3)
                    violations.add(
                            violation(quoted(value), member, "Member must have length greater than or equal to 3"));
                if (value.length() > 255)
                    violations.add(
                            violation(quoted(value), member, "Member must have length less than or equal to 255"));
            }
        };
    }

    /** A string member that must be one of {@code allowed}, listed in DynamoDB's order. */
    static Member oneOf(String field, String... allowed) {
        return new Member() {
            @Override
            public void read(Request request) {
                request.optionalString(field);
            }

            @Override
            public void check(Request request, List<String> violations) {
                String value = request.optionalString(field);
                if (value == null) return;
                for (String candidate : allowed) {
                    if (candidate.equals(value)) return;
                }
                violations.add(violation(
                        quoted(value),
                        Request.member(field),
                        "Member must satisfy enum value set: [" + String.join(", ", allowed) + "]"));
            }
        };
    }

    /** A map member (an item, a key, RequestItems) that must be present, and hold at least {@code minSize} entries. */
    static Member map(String field, String valueType, boolean required, int minSize) {
        return new Member() {
            @Override
            public void read(Request request) {
                request.map(field, valueType);
            }

            @Override
            public void check(Request request, List<String> violations) {
                JsonNode value = request.map(field, valueType);
                String member = Request.member(field);
                if (value == null) {
                    if (required) violations.add(violation("null", member, "Member must not be null"));
                    return;
                }
                if (value.size() < minSize)
                    violations.add(violation(
                            quoted(value.isEmpty() ? "{}" : value.toString()),
                            member,
                            "Member must have length greater than or equal to " + minSize));
            }
        };
    }

    /** An integer member of at least {@code min}. */
    static Member atLeast(String field, int min) {
        return between(field, min, Integer.MAX_VALUE);
    }

    /** An integer member from {@code min} to {@code max}. */
    static Member between(String field, int min, int max) {
        return new Member() {
            @Override
            public void read(Request request) {
                request.optionalInt(field);
            }

            @Override
            public void check(Request request, List<String> violations) {
                Integer value = request.optionalInt(field);
                if (value != null && value < min)
                    violations.add(violation(
                            quoted(value.toString()),
                            Request.member(field),
                            "Member must have value greater than or equal to " + min));
                if (value != null && value > max)
                    violations.add(violation(
                            quoted(value.toString()),
                            Request.member(field),
                            "Member must have value less than or equal to " + max));
            }
        };
    }

    /** A member whose only constraint is its JSON type: a string. */
    static Member string(String field) {
        return new Member() {
            @Override
            public void read(Request request) {
                request.optionalString(field);
            }

            @Override
            public void check(Request request, List<String> violations) {}
        };
    }

    /** A member whose only constraint is its JSON type: a boolean. */
    static Member bool(String field) {
        return new Member() {
            @Override
            public void read(Request request) {
                request.bool(field, false);
            }

            @Override
            public void check(Request request, List<String> violations) {}
        };
    }

    /** {@code [a-zA-Z0-9_.-]+}, without a regular expression: this runs on every request. */
    private static boolean isName(String value) {
        if (value.isEmpty()) return false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean allowed = (c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9')
                    || c == '_'
                    || c == '.'
                    || c == '-';
            if (!allowed) return false;
        }
        return true;
    }

    static String quoted(String value) {
        return "'" + value + "'";
    }

    static String violation(String value, String member, String constraint) {
        return "Value " + value + " at '" + member + "' failed to satisfy constraint: " + constraint;
    }
}
