package dev.groundwork.dynamodb.iam;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One IAM policy document, read once and evaluated per request: its statements' {@code Effect}, {@code Action} or
 * {@code NotAction}, {@code Resource} or {@code NotResource} and {@code Condition}, with IAM's wildcards ({@code *},
 * {@code ?}) and policy variables ({@code ${aws:PrincipalTag/tenant_id}}). The rules are IAM's, from "Policy
 * evaluation logic" and "IAM JSON policy elements: Condition operators" in the IAM User Guide:
 * <ul>
 *   <li>actions match case-insensitively, resources and string conditions case-sensitively;
 *   <li>the operators of a Condition block, and the keys under an operator, must all hold; the values listed for one
 *       key are alternatives, except under a negated operator (StringNotEquals, StringNotLike), where none may match;
 *   <li>a key absent from the request makes a plain operator false and a negated one true; {@code ...IfExists} holds
 *       when the key is absent; {@code Null} tests presence;
 *   <li>{@code ForAllValues} holds when every value of the key matches, so also for an absent key (the reason a
 *       {@code Null} guard must come with it); {@code ForAnyValue} needs one match, so fails for an absent key.
 * </ul>
 *
 * <p>A policy variable that cannot be resolved (an absent tag, {@code ${aws:username}} for a role) fails closed: the
 * condition neither grants an Allow nor spares a request from a Deny, and a Resource that uses it matches nothing.
 * A substituted value is taken literally: a tag value of {@code *} matches only {@code *}, also under StringLike.
 */
final class Policy {
    /** The condition keys the embedded server puts into a DynamoDB request's context; see {@link #checkKey}. */
    static final String LEADING_KEYS = "dynamodb:leadingkeys";

    private final List<Statement> statements;

    private Policy(List<Statement> statements) {
        this.statements = statements;
    }

    enum Match {
        ALLOW,
        EXPLICIT_DENY,
        NONE
    }

    /** @throws IllegalArgumentException for a document that is not an identity policy this subset can decide */
    static Policy parse(String json) {
        if (!(PolicyJson.parse(json) instanceof Map<?, ?> document))
            throw new IllegalArgumentException("A policy is a JSON object");
        // Policy variables exist only in the 2012-10-17 policy language; in an older or missing Version, IAM reads
        // ${...} as plain text ("IAM policy elements: Variables and tags").
        boolean variables = "2012-10-17".equals(document.get("Version"));
        Object statement = document.get("Statement");
        if (statement == null) throw new IllegalArgumentException("A policy needs a Statement");
        List<Statement> statements = new ArrayList<>();
        for (Object each : statement instanceof List<?> list ? list : List.of(statement)) {
            if (!(each instanceof Map<?, ?> map)) throw new IllegalArgumentException("A Statement is a JSON object");
            statements.add(Statement.of(map, variables));
        }
        return new Policy(List.copyOf(statements));
    }

    /** Explicit deny wins over any allow; no matching statement is no decision (an implicit deny). */
    Match evaluate(AccessRequest request, RequestContext context) {
        boolean allowed = false;
        for (Statement statement : statements) {
            if (!statement.appliesTo(request, context)) continue;
            if (!statement.allow) return Match.EXPLICIT_DENY;
            allowed = true;
        }
        return allowed ? Match.ALLOW : Match.NONE;
    }

    /** The values of condition keys and policy variables for one request; key names in lower case. */
    interface RequestContext {
        /** The key's values; empty when the key is absent from the request context. */
        List<String> values(String key);
    }

    private record Statement(
            boolean allow,
            List<Pattern> actions,
            boolean notAction,
            List<Pattern> resources,
            boolean notResource,
            List<Condition> conditions) {

        static Statement of(Map<?, ?> json, boolean variables) {
            for (Object name : json.keySet()) {
                if (!List.of("Sid", "Effect", "Action", "NotAction", "Resource", "NotResource", "Condition")
                        .contains(name)) {
                    // Principal and NotPrincipal belong to resource and trust policies, not to identity policies.
                    throw new IllegalArgumentException("Unsupported policy element " + name);
                }
            }
            Object effect = json.get("Effect");
            if (!"Allow".equals(effect) && !"Deny".equals(effect))
                throw new IllegalArgumentException("Effect must be Allow or Deny, was " + effect);
            boolean notAction = json.containsKey("NotAction");
            if (notAction == json.containsKey("Action"))
                throw new IllegalArgumentException("A statement needs exactly one of Action and NotAction");
            boolean notResource = json.containsKey("NotResource");
            if (notResource == json.containsKey("Resource"))
                throw new IllegalArgumentException("A statement needs exactly one of Resource and NotResource");
            List<Pattern> actions = new ArrayList<>();
            for (String action : strings(json.get(notAction ? "NotAction" : "Action"), "Action")) {
                actions.add(Pattern.of(action.toLowerCase(Locale.ROOT), true, false));
            }
            List<Pattern> resources = new ArrayList<>();
            for (String resource : strings(json.get(notResource ? "NotResource" : "Resource"), "Resource")) {
                resources.add(Pattern.of(resource, true, variables));
            }
            List<Condition> conditions = new ArrayList<>();
            Object block = json.get("Condition");
            if (block != null) {
                if (!(block instanceof Map<?, ?> operators))
                    throw new IllegalArgumentException("Condition must be a JSON object");
                for (var operator : operators.entrySet()) {
                    if (!(operator.getValue() instanceof Map<?, ?> keys))
                        throw new IllegalArgumentException("Condition " + operator.getKey() + " must be a JSON object");
                    for (var key : keys.entrySet()) {
                        conditions.add(Condition.of(
                                variables,
                                (String) operator.getKey(),
                                (String) key.getKey(),
                                strings(key.getValue(), "Condition value")));
                    }
                }
            }
            return new Statement(
                    "Allow".equals(effect),
                    List.copyOf(actions),
                    notAction,
                    List.copyOf(resources),
                    notResource,
                    List.copyOf(conditions));
        }

        boolean appliesTo(AccessRequest request, RequestContext context) {
            String action = request.action().toLowerCase(Locale.ROOT);
            boolean actionListed = false;
            for (Pattern pattern : actions) actionListed |= pattern.matches(action, context);
            if (actionListed == notAction) return false;
            boolean resourceListed = false;
            for (Pattern pattern : resources) resourceListed |= pattern.matches(request.resource(), context);
            if (resourceListed == notResource) return false;
            for (Condition condition : conditions) {
                Truth truth = condition.evaluate(context);
                // An unresolved variable fails closed: it grants no Allow, and does not lift a Deny.
                if (truth == Truth.FALSE || (truth == Truth.UNRESOLVED && allow)) return false;
            }
            return true;
        }
    }

    private static List<String> strings(Object value, String element) {
        if (value == null) throw new IllegalArgumentException(element + " must not be null");
        List<?> list = value instanceof List<?> many ? many : List.of(value);
        if (list.isEmpty()) throw new IllegalArgumentException(element + " must not be empty");
        List<String> texts = new ArrayList<>();
        for (Object each : list) {
            // IAM reads a JSON boolean in a condition ("Null": {"key": false}) as its text.
            if (each instanceof String || each instanceof Boolean) texts.add(each.toString());
            else throw new IllegalArgumentException(element + " must be a string or a list of strings");
        }
        return texts;
    }

    enum Truth {
        TRUE,
        FALSE,
        UNRESOLVED;

        static Truth of(boolean value) {
            return value ? TRUE : FALSE;
        }
    }

    /** One operator applied to one key, e.g. {@code ForAllValues:StringEquals} on {@code dynamodb:LeadingKeys}. */
    private record Condition(
            Qualifier qualifier, Operator operator, boolean ifExists, String key, List<Pattern> values) {
        enum Qualifier {
            SINGLE,
            FOR_ALL_VALUES,
            FOR_ANY_VALUE
        }

        enum Operator {
            STRING_EQUALS(false, false, false),
            STRING_NOT_EQUALS(true, false, false),
            STRING_EQUALS_IGNORE_CASE(false, false, true),
            STRING_NOT_EQUALS_IGNORE_CASE(true, false, true),
            STRING_LIKE(false, true, false),
            STRING_NOT_LIKE(true, true, false),
            NULL(false, false, false);

            final boolean negated;
            final boolean wildcards;
            final boolean ignoreCase;

            Operator(boolean negated, boolean wildcards, boolean ignoreCase) {
                this.negated = negated;
                this.wildcards = wildcards;
                this.ignoreCase = ignoreCase;
            }
        }

        static Condition of(boolean variables, String operatorName, String key, List<String> values) {
            Qualifier qualifier = Qualifier.SINGLE;
            String name = operatorName;
            if (name.startsWith("ForAllValues:")) {
                qualifier = Qualifier.FOR_ALL_VALUES;
                name = name.substring("ForAllValues:".length());
            } else if (name.startsWith("ForAnyValue:")) {
                qualifier = Qualifier.FOR_ANY_VALUE;
                name = name.substring("ForAnyValue:".length());
            }
            boolean ifExists = name.endsWith("IfExists") && !name.equals("IfExists");
            if (ifExists) name = name.substring(0, name.length() - "IfExists".length());
            Operator operator = switch (name) {
                case "StringEquals" -> Operator.STRING_EQUALS;
                case "StringNotEquals" -> Operator.STRING_NOT_EQUALS;
                case "StringEqualsIgnoreCase" -> Operator.STRING_EQUALS_IGNORE_CASE;
                case "StringNotEqualsIgnoreCase" -> Operator.STRING_NOT_EQUALS_IGNORE_CASE;
                case "StringLike" -> Operator.STRING_LIKE;
                case "StringNotLike" -> Operator.STRING_NOT_LIKE;
                case "Null" -> Operator.NULL;
                default -> throw new IllegalArgumentException("Unsupported condition operator " + operatorName);
            };
            if (operator == Operator.NULL && (qualifier != Qualifier.SINGLE || ifExists))
                throw new IllegalArgumentException("Unsupported condition operator " + operatorName);
            if (operator.negated && qualifier != Qualifier.SINGLE)
                throw new IllegalArgumentException("Unsupported condition operator " + operatorName);
            String lowerKey = checkKey(key);
            List<Pattern> patterns = new ArrayList<>();
            for (String value : values) {
                if (operator == Operator.NULL && !value.equals("true") && !value.equals("false"))
                    throw new IllegalArgumentException("Null takes true or false, not " + value);
                patterns.add(Pattern.of(
                        operator.ignoreCase ? value.toLowerCase(Locale.ROOT) : value, operator.wildcards, variables));
            }
            return new Condition(qualifier, operator, ifExists, lowerKey, List.copyOf(patterns));
        }

        Truth evaluate(RequestContext context) {
            List<String> present = context.values(key);
            if (operator == Operator.NULL) {
                boolean absent = present.isEmpty();
                for (Pattern value : values) if (value.literal().equals("true") == absent) return Truth.TRUE;
                return Truth.FALSE;
            }
            List<Pattern> resolved = new ArrayList<>(values.size());
            for (Pattern value : values) {
                Pattern substituted = value.resolve(context);
                if (substituted == null) return Truth.UNRESOLVED;
                resolved.add(substituted);
            }
            return switch (qualifier) {
                case FOR_ALL_VALUES -> {
                    for (String each : present) if (!anyMatches(resolved, each)) yield Truth.FALSE;
                    yield Truth.TRUE;
                }
                case FOR_ANY_VALUE -> {
                    for (String each : present) if (anyMatches(resolved, each)) yield Truth.TRUE;
                    yield Truth.FALSE;
                }
                case SINGLE -> {
                    if (present.isEmpty()) yield Truth.of(ifExists || operator.negated);
                    boolean matched = false;
                    for (String each : present) matched |= anyMatches(resolved, each);
                    yield Truth.of(matched != operator.negated);
                }
            };
        }

        private boolean anyMatches(List<Pattern> patterns, String value) {
            String compared = operator.ignoreCase ? value.toLowerCase(Locale.ROOT) : value;
            for (Pattern pattern : patterns) if (pattern.matches(compared)) return true;
            return false;
        }
    }

    /**
     * Refuses the DynamoDB condition keys this server does not put into a request's context: a policy that relies on
     * {@code dynamodb:Attributes} would otherwise be decided as if the request named no attributes, which under
     * ForAllValues allows it. Global keys it does not model ({@code aws:SourceIp}) are absent, as keys a request does
     * not carry are on AWS.
     */
    private static String checkKey(String key) {
        String lower = key.toLowerCase(Locale.ROOT);
        if (lower.startsWith("dynamodb:") && !lower.equals(LEADING_KEYS))
            throw new IllegalArgumentException("Condition key " + key + " is not modelled by the embedded DynamoDB");
        return lower;
    }

    /**
     * A string from a policy: literal characters, IAM wildcards (when the element takes them) and policy variables
     * (in a 2012-10-17 policy), resolved per request. {@code ${*}}, {@code ${?}} and {@code ${$}} stand for the characters themselves.
     */
    private record Pattern(String literal, List<Part> parts, boolean hasVariables) {
        sealed interface Part {}

        record Text(char c) implements Part {}

        record AnyRun() implements Part {}

        record AnyChar() implements Part {}

        record Variable(String key, String fallback) implements Part {}

        static Pattern of(String text, boolean wildcards, boolean variables) {
            List<Part> parts = new ArrayList<>();
            boolean found = false;
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (variables && c == '$' && i + 1 < text.length() && text.charAt(i + 1) == '{') {
                    int end = text.indexOf('}', i + 2);
                    if (end < 0) throw new IllegalArgumentException("Unterminated policy variable in " + text);
                    String inside = text.substring(i + 2, end).strip();
                    i = end;
                    if (inside.equals("*") || inside.equals("?") || inside.equals("$")) {
                        parts.add(new Text(inside.charAt(0)));
                        continue;
                    }
                    String fallback = null;
                    int comma = inside.indexOf(',');
                    if (comma >= 0) {
                        String rest = inside.substring(comma + 1).strip();
                        if (rest.length() < 2 || rest.charAt(0) != '\'' || rest.charAt(rest.length() - 1) != '\'')
                            throw new IllegalArgumentException("Bad default value in policy variable " + inside);
                        fallback = rest.substring(1, rest.length() - 1);
                        inside = inside.substring(0, comma).strip();
                    }
                    parts.add(new Variable(inside.toLowerCase(Locale.ROOT), fallback));
                    found = true;
                } else if (wildcards && c == '*') {
                    parts.add(new AnyRun());
                } else if (wildcards && c == '?') {
                    parts.add(new AnyChar());
                } else {
                    parts.add(new Text(c));
                }
            }
            return new Pattern(text, List.copyOf(parts), found);
        }

        /** This pattern with its variables replaced by their values, taken literally; null if one has no value. */
        Pattern resolve(RequestContext context) {
            if (!hasVariables) return this;
            List<Part> resolved = new ArrayList<>(parts.size());
            for (Part part : parts) {
                if (!(part instanceof Variable variable)) {
                    resolved.add(part);
                    continue;
                }
                List<String> values = context.values(variable.key());
                String value;
                if (values.size() == 1) value = values.getFirst();
                else if (values.isEmpty() && variable.fallback() != null) value = variable.fallback();
                else return null;
                for (int i = 0; i < value.length(); i++) resolved.add(new Text(value.charAt(i)));
            }
            return new Pattern(literal, List.copyOf(resolved), false);
        }

        boolean matches(String value, RequestContext context) {
            Pattern resolved = resolve(context);
            return resolved != null && resolved.matches(value);
        }

        /** Glob matching with backtracking to the last {@code *}: linear for one star, as policies have. */
        boolean matches(String value) {
            int p = 0;
            int v = 0;
            int starAt = -1;
            int starValue = 0;
            while (v < value.length()) {
                if (p < parts.size()
                        && (parts.get(p) instanceof AnyChar
                                || parts.get(p) instanceof Text text && text.c() == value.charAt(v))) {
                    p++;
                    v++;
                } else if (p < parts.size() && parts.get(p) instanceof AnyRun) {
                    starAt = p++;
                    starValue = v;
                } else if (starAt >= 0) {
                    p = starAt + 1;
                    v = ++starValue;
                } else {
                    return false;
                }
            }
            while (p < parts.size() && parts.get(p) instanceof AnyRun) p++;
            return p == parts.size();
        }
    }
}
