package dev.groundwork.template;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * template.yaml as the template checks see it, read once by {@link CloudFormationYaml}: its functions with the
 * Globals merged in as SAM merges them, their event sources and policies, its queues and alarms, and the other
 * resources by logical id. Every template check asserts against this one model, so that how the template is read is
 * written once.
 *
 * @param document the template as read, short-form tags in their long form ({@code !Ref x} as {@code {Ref: x}})
 */
record Stack(
        Map<String, Object> document,
        Map<String, Resource> resources,
        List<StackFunction> functions,
        List<Queue> queues,
        List<Alarm> alarms) {

    /** The repository's root: the checks run in {@code functions/checks}. */
    static final Path ROOT = Path.of("").toAbsolutePath().getParent().getParent();

    /** The repository's template.yaml. */
    static final Stack REPOSITORY = read(ROOT.resolve("template.yaml"));

    static final String FUNCTION = "AWS::Serverless::Function";
    static final String QUEUE = "AWS::SQS::Queue";
    static final String ALARM = "AWS::CloudWatch::Alarm";
    static final String TABLE = "AWS::DynamoDB::Table";

    static Stack read(Path file) {
        Map<String, Object> document;
        try {
            document = CloudFormationYaml.read(file);
        } catch (IOException unreadable) {
            throw new UncheckedIOException("cannot read " + file, unreadable);
        }
        Map<String, Resource> resources = new LinkedHashMap<>();
        map(document.get("Resources"))
                .forEach((id, definition) -> resources.put(
                        id,
                        new Resource(
                                id,
                                String.valueOf(map(definition).get("Type")),
                                map(map(definition).get("Properties")),
                                map(definition))));
        Map<String, Object> globals = map(map(document.get("Globals")).get("Function"));
        List<StackFunction> functions = new ArrayList<>();
        List<Queue> queues = new ArrayList<>();
        List<Alarm> alarms = new ArrayList<>();
        resources.values().forEach(resource -> {
            switch (resource.type()) {
                case FUNCTION ->
                    functions.add(StackFunction.of(
                            resource.logicalId(),
                            SamGlobals.merge(globals, resource.properties()),
                            map(resource.definition().get("Metadata"))));
                case QUEUE -> queues.add(new Queue(resource.logicalId(), resource.properties()));
                case ALARM -> alarms.add(new Alarm(resource.logicalId(), resource.properties()));
                default -> {}
            }
        });
        return new Stack(document, resources, List.copyOf(functions), List.copyOf(queues), List.copyOf(alarms));
    }

    StackFunction function(String logicalId) {
        return functions.stream()
                .filter(function -> function.logicalId().equals(logicalId))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("template.yaml has no function " + logicalId));
    }

    Queue queue(String logicalId) {
        return queues.stream()
                .filter(queue -> queue.logicalId().equals(logicalId))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("template.yaml has no queue " + logicalId));
    }

    Resource resource(String logicalId) {
        Resource resource = resources.get(logicalId);
        if (resource == null) {
            throw new IllegalArgumentException("template.yaml has no resource " + logicalId);
        }
        return resource;
    }

    List<Resource> resourcesOfType(String type) {
        return resources.values().stream()
                .filter(resource -> resource.type().equals(type))
                .toList();
    }

    /** The statements of an {@code AWS::IAM::Role}'s inline policies (what the role may do). */
    List<StackFunction.Statement> rolePolicyStatements(String roleId) {
        return list(resource(roleId).properties().get("Policies")).stream()
                .flatMap(policy -> statements(map(policy).get("PolicyDocument")).stream())
                .toList();
    }

    /** The statements of an {@code AWS::IAM::Role}'s trust policy (who may assume it). */
    List<StackFunction.Statement> trustStatements(String roleId) {
        return statements(resource(roleId).properties().get("AssumeRolePolicyDocument"));
    }

    /**
     * The statements that {@code AWS::IAM::RolePolicy} and {@code AWS::IAM::Policy} resources attach to a role named
     * by {@code !Ref}: grants made apart from the role itself.
     */
    List<StackFunction.Statement> statementsAttachedTo(String roleId) {
        Map<String, Object> reference = Map.of("Ref", roleId);
        return resources.values().stream()
                .filter(resource -> (resource.type().equals("AWS::IAM::RolePolicy")
                                && reference.equals(resource.properties().get("RoleName")))
                        || (resource.type().equals("AWS::IAM::Policy")
                                && list(resource.properties().get("Roles")).contains(reference)))
                .flatMap(resource -> statements(resource.properties().get("PolicyDocument")).stream())
                .toList();
    }

    private static List<StackFunction.Statement> statements(Object document) {
        return StackFunction.Statement.listOf(map(document).get("Statement")).stream()
                .map(statement -> StackFunction.Statement.of(map(statement)))
                .toList();
    }

    /** A top-level section: {@code Parameters}, {@code Conditions} ... */
    Map<String, Object> section(String name) {
        return map(document.get(name));
    }

    /** A resource as written: its type, its properties, and the whole definition ({@code Condition}, {@code Metadata}). */
    record Resource(String logicalId, String type, Map<String, Object> properties, Map<String, Object> definition) {
        /** So that a parameterized check names the resource. */
        @Override
        public String toString() {
            return logicalId;
        }
    }

    record Queue(String logicalId, Map<String, Object> properties) {
        /** SQS's default when the template sets none. */
        private static final int DEFAULT_VISIBILITY_TIMEOUT = 30;

        int visibilityTimeout() {
            return properties.get("VisibilityTimeout") instanceof Number seconds
                    ? seconds.intValue()
                    : DEFAULT_VISIBILITY_TIMEOUT;
        }

        Optional<String> deadLetterQueue() {
            return Optional.ofNullable(map(properties.get("RedrivePolicy")).get("deadLetterTargetArn"))
                    .flatMap(Stack::referenced);
        }

        Optional<Integer> maxReceiveCount() {
            return Optional.ofNullable(map(properties.get("RedrivePolicy")).get("maxReceiveCount"))
                    .map(count -> Integer.valueOf(count.toString()));
        }
    }

    record Alarm(String logicalId, Map<String, Object> properties) {
        List<Object> actions() {
            return list(properties.get("AlarmActions"));
        }

        /** The logical ids the alarm watches: its dimensions' Refs and GetAtts, in metric-math queries or not. */
        List<String> watched() {
            List<Object> dimensions = new ArrayList<>(list(properties.get("Dimensions")));
            list(properties.get("Metrics"))
                    .forEach(query -> dimensions.addAll(list(
                            map(map(map(query).get("MetricStat")).get("Metric")).get("Dimensions"))));
            return dimensions.stream()
                    .flatMap(dimension -> referenced(map(dimension).get("Value")).stream())
                    .toList();
        }
    }

    /** The logical id that a {@code Ref} or a {@code Fn::GetAtt} names; empty for anything else. */
    static Optional<String> referenced(Object value) {
        if (!(value instanceof Map<?, ?> intrinsic) || intrinsic.size() != 1) {
            return Optional.empty();
        }
        if (intrinsic.get("Ref") instanceof String id) {
            return Optional.of(id);
        }
        Object target = intrinsic.get("Fn::GetAtt");
        if (target instanceof String text) {
            return Optional.of(text.split("\\.")[0]);
        }
        if (target instanceof List<?> parts && !parts.isEmpty()) {
            return Optional.of(parts.getFirst().toString());
        }
        return Optional.empty();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object value) {
        return value instanceof List<?> list ? (List<Object>) list : List.of();
    }
}
