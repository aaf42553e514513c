package dev.groundwork.local.template;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Evaluates CloudFormation intrinsic functions against local values: parameters (defaults or overrides), pseudo
 * parameters, conditions, mappings, and the local resources ({@code !Ref ItemsTable} is the local table's name,
 * {@code !GetAtt Queue.Arn} the local queue's ARN).
 * See https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference.html
 */
public final class IntrinsicResolver {

    /** Values of the template's resources as the local runner created them. */
    public interface ResourceValues {
        Object ref(String logicalId);

        Object getAtt(String logicalId, String attribute);
    }

    /** Stands for AWS::NoValue: the enclosing property is removed. */
    private static final Object NO_VALUE = new Object();

    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{(!?)([^}]*)}");

    private final Map<String, Object> parameters;
    private final Map<String, Object> pseudoParameters;
    private final Map<String, Object> conditions;
    private final Map<String, Object> mappings;
    private final ResourceValues resources;
    private final Map<String, Boolean> evaluatedConditions = new LinkedHashMap<>();

    public IntrinsicResolver(
            Map<String, Object> parameters,
            Map<String, Object> pseudoParameters,
            Map<String, Object> conditions,
            Map<String, Object> mappings,
            ResourceValues resources) {
        this.parameters = parameters;
        this.pseudoParameters = pseudoParameters;
        this.conditions = conditions;
        this.mappings = mappings;
        this.resources = resources;
    }

    /** A copy of {@code node} with every intrinsic function evaluated. */
    public Object resolve(Object node) {
        Object value = evaluate(node);
        return value == NO_VALUE ? null : value;
    }

    public String resolveString(Object node) {
        Object value = resolve(node);
        return value == null ? null : stringOf(value);
    }

    public boolean condition(String name) {
        Boolean known = evaluatedConditions.get(name);
        if (known != null) {
            return known;
        }
        Object definition = conditions.get(name);
        if (definition == null) {
            throw new TemplateException("unknown condition " + name);
        }
        boolean value = truth(definition);
        evaluatedConditions.put(name, value);
        return value;
    }

    @SuppressWarnings("unchecked")
    private Object evaluate(Object node) {
        if (node instanceof Map<?, ?> map) {
            if (map.size() == 1) {
                Map.Entry<?, ?> only = map.entrySet().iterator().next();
                String key = String.valueOf(only.getKey());
                if (key.equals("Ref")
                        || key.startsWith("Fn::")
                        || key.equals("Condition") && !(only.getValue() instanceof Map)) {
                    return function(key, only.getValue());
                }
            }
            Map<String, Object> copy = new LinkedHashMap<>();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                Object value = evaluate(entry.getValue());
                if (value != NO_VALUE) {
                    copy.put(String.valueOf(entry.getKey()), value);
                }
            }
            return copy;
        }
        if (node instanceof List<?> list) {
            List<Object> copy = new ArrayList<>();
            for (Object element : list) {
                Object value = evaluate(element);
                if (value != NO_VALUE) {
                    copy.add(value);
                }
            }
            return copy;
        }
        return node;
    }

    private Object function(String name, Object argument) {
        return switch (name) {
            case "Ref" -> ref(stringOf(evaluate(argument)));
            case "Condition" -> condition(stringOf(argument));
            case "Fn::GetAtt" -> getAtt(argument);
            case "Fn::Sub" -> sub(argument);
            case "Fn::Join" -> join(list(argument, name));
            case "Fn::Select" -> {
                List<?> arguments = list(argument, name);
                int index = Integer.parseInt(stringOf(evaluate(arguments.get(0))));
                yield list(evaluate(arguments.get(1)), name).get(index);
            }
            case "Fn::Split" -> {
                List<?> arguments = list(argument, name);
                String delimiter = stringOf(evaluate(arguments.get(0)));
                yield new ArrayList<Object>(
                        List.of(stringOf(evaluate(arguments.get(1))).split(Pattern.quote(delimiter), -1)));
            }
            case "Fn::If" -> {
                List<?> arguments = list(argument, name);
                yield evaluate(condition(stringOf(arguments.get(0))) ? arguments.get(1) : arguments.get(2));
            }
            case "Fn::Equals" -> {
                List<?> arguments = list(argument, name);
                yield stringOf(evaluate(arguments.get(0))).equals(stringOf(evaluate(arguments.get(1))));
            }
            case "Fn::Not" -> !truth(list(argument, name).get(0));
            case "Fn::And" -> list(argument, name).stream().allMatch(this::truth);
            case "Fn::Or" -> list(argument, name).stream().anyMatch(this::truth);
            case "Fn::FindInMap" -> findInMap(list(argument, name));
            case "Fn::Base64" ->
                Base64.getEncoder().encodeToString(stringOf(evaluate(argument)).getBytes(StandardCharsets.UTF_8));
            case "Fn::GetAZs" -> new ArrayList<Object>(List.of(pseudoParameters.get("AWS::Region") + "a"));
            case "Fn::Length" -> list(evaluate(argument), name).size();
            case "Fn::ImportValue" ->
                throw new TemplateException("Fn::ImportValue needs another stack; the local runner serves one");
            default -> throw new TemplateException(name + " is not supported by the local runner");
        };
    }

    private boolean truth(Object node) {
        Object value = evaluate(node);
        return Boolean.TRUE.equals(value) || "true".equals(String.valueOf(value));
    }

    private Object ref(String name) {
        if (name.equals("AWS::NoValue")) {
            return NO_VALUE;
        }
        if (pseudoParameters.containsKey(name)) {
            return pseudoParameters.get(name);
        }
        if (parameters.containsKey(name)) {
            return parameters.get(name);
        }
        Object value = resources.ref(name);
        if (value == null) {
            throw new TemplateException("!Ref " + name + ": no such parameter or resource");
        }
        return value;
    }

    private Object getAtt(Object argument) {
        List<?> parts = argument instanceof String text
                ? List.of(text.split("\\.", 2))
                : list(evaluate(argument), "Fn::GetAtt");
        String logicalId = stringOf(parts.get(0));
        String attribute = stringOf(parts.get(1));
        Object value = resources.getAtt(logicalId, attribute);
        if (value == null) {
            throw new TemplateException("!GetAtt " + logicalId + "." + attribute + ": not known to the local runner");
        }
        return value;
    }

    private Object sub(Object argument) {
        String text;
        Map<?, ?> variables = Map.of();
        if (argument instanceof List<?> list) {
            text = stringOf(list.get(0));
            variables = (Map<?, ?>) evaluate(list.get(1));
        } else {
            text = stringOf(argument);
        }
        Matcher matcher = SUB_VARIABLE.matcher(text);
        StringBuilder result = new StringBuilder();
        while (matcher.find()) {
            String variable = matcher.group(2);
            String replacement;
            if (!matcher.group(1).isEmpty()) {
                replacement = "${" + variable + "}"; // ${!Literal} stands for the literal ${Literal}
            } else if (variables.containsKey(variable)) {
                replacement = stringOf(variables.get(variable));
            } else if (variable.contains(".") && !variable.startsWith("AWS::")) {
                replacement = stringOf(getAtt(variable));
            } else {
                replacement = stringOf(ref(variable));
            }
            matcher.appendReplacement(result, Matcher.quoteReplacement(replacement));
        }
        matcher.appendTail(result);
        return result.toString();
    }

    private Object join(List<?> arguments) {
        String delimiter = stringOf(evaluate(arguments.get(0)));
        List<String> parts = new ArrayList<>();
        for (Object part : list(evaluate(arguments.get(1)), "Fn::Join")) {
            parts.add(stringOf(part));
        }
        return String.join(delimiter, parts);
    }

    private Object findInMap(List<?> arguments) {
        Map<?, ?> map = (Map<?, ?>) mappings.get(stringOf(evaluate(arguments.get(0))));
        Map<?, ?> level = map == null ? null : (Map<?, ?>) map.get(stringOf(evaluate(arguments.get(1))));
        Object value = level == null ? null : level.get(stringOf(evaluate(arguments.get(2))));
        if (value == null) {
            throw new TemplateException("Fn::FindInMap " + arguments + ": no such entry");
        }
        return evaluate(value);
    }

    private static List<?> list(Object value, String function) {
        if (value instanceof List<?> list) {
            return list;
        }
        throw new TemplateException(function + " expects a list, got " + value);
    }

    static String stringOf(Object value) {
        if (value instanceof List<?> list) {
            List<String> parts = new ArrayList<>();
            list.forEach(part -> parts.add(stringOf(part)));
            return String.join(",", parts);
        }
        return String.valueOf(value);
    }
}
