package dev.groundwork.local.fuzz;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * The operations of an OpenAPI document, as the fuzzer needs them: method, path template, parameters with their
 * (resolved) schemas and the request body's media types. Read with plain YAML and local {@code $ref}s followed, so
 * that what the fuzzer sends comes from the same {@code api/openapi.yaml} the answers are checked against.
 */
record ContractOperations(List<Operation> operations) {

    private static final Set<String> METHODS =
            Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");

    /** One parameter; {@code schema} is the resolved JSON Schema as YAML maps. */
    record Parameter(String name, String in, boolean required, Map<String, Object> schema) {

        Object keyword(String name) {
            return schema.get(name);
        }

        Integer integer(String name) {
            return schema.get(name) instanceof Number number ? number.intValue() : null;
        }
    }

    record Operation(
            String id,
            String method,
            String path,
            List<Parameter> parameters,
            List<String> mediaTypes,
            Map<String, Object> bodySchema) {

        List<Parameter> parameters(String in) {
            return parameters.stream()
                    .filter(parameter -> parameter.in().equals(in))
                    .toList();
        }

        boolean hasBody() {
            return !mediaTypes.isEmpty();
        }

        /** The path template as a regular expression over a raw path: a variable is one non-empty segment. */
        Pattern pathPattern() {
            return Pattern.compile("^" + path.replaceAll("\\{[^}/]+}", "[^/]+") + "$");
        }

        String summary() {
            return method + " " + path;
        }
    }

    static ContractOperations read(Path document) throws IOException {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(16 * 1024 * 1024);
        Map<String, Object> root = new Yaml(options).load(Files.readString(document));
        return new ContractOperations(operations(root));
    }

    @SuppressWarnings("unchecked")
    private static List<Operation> operations(Map<String, Object> root) {
        List<Operation> operations = new ArrayList<>();
        Map<String, Object> paths = (Map<String, Object>) root.get("paths");
        for (Map.Entry<String, Object> path : paths.entrySet()) {
            Map<String, Object> item = (Map<String, Object>) resolve(root, path.getValue());
            List<Object> shared = (List<Object>) item.getOrDefault("parameters", List.of());
            for (Map.Entry<String, Object> entry : item.entrySet()) {
                if (!METHODS.contains(entry.getKey())) {
                    continue;
                }
                Map<String, Object> operation = (Map<String, Object>) entry.getValue();
                Map<String, Parameter> parameters = new LinkedHashMap<>();
                List<Object> all = new ArrayList<>(shared);
                all.addAll((List<Object>) operation.getOrDefault("parameters", List.of()));
                for (Object declared : all) {
                    Map<String, Object> parameter = (Map<String, Object>) resolve(root, declared);
                    String in = (String) parameter.get("in");
                    String name = (String) parameter.get("name");
                    // An operation's parameter overrides the path item's of the same name and location (OpenAPI 3.1
                    // §4.8.9.1).
                    parameters.put(
                            in + ":" + name.toLowerCase(Locale.ROOT),
                            new Parameter(
                                    name, in, Boolean.TRUE.equals(parameter.get("required")), (Map<String, Object>)
                                            deepResolve(root, parameter.getOrDefault("schema", Map.of()))));
                }
                List<String> mediaTypes = new ArrayList<>();
                Map<String, Object> bodySchema = Map.of();
                if (operation.get("requestBody") != null) {
                    Map<String, Object> body = (Map<String, Object>) resolve(root, operation.get("requestBody"));
                    Map<String, Object> content = (Map<String, Object>) body.getOrDefault("content", Map.of());
                    mediaTypes.addAll(content.keySet());
                    if (!content.isEmpty()) {
                        Map<String, Object> first = (Map<String, Object>)
                                content.values().iterator().next();
                        bodySchema = (Map<String, Object>) deepResolve(root, first.getOrDefault("schema", Map.of()));
                    }
                }
                operations.add(new Operation(
                        (String) operation.get("operationId"),
                        entry.getKey().toUpperCase(Locale.ROOT),
                        path.getKey(),
                        List.copyOf(parameters.values()),
                        List.copyOf(mediaTypes),
                        bodySchema));
            }
        }
        return List.copyOf(operations);
    }

    /** Follows a local {@code $ref} ({@code #/components/...}), if the node is one. */
    @SuppressWarnings("unchecked")
    private static Object resolve(Map<String, Object> root, Object node) {
        while (node instanceof Map<?, ?> map && map.get("$ref") instanceof String reference) {
            if (!reference.startsWith("#/")) {
                throw new IllegalArgumentException("only local references are followed: " + reference);
            }
            Object target = root;
            for (String segment : reference.substring(2).split("/")) {
                target = ((Map<String, Object>) target)
                        .get(segment.replace("~1", "/").replace("~0", "~"));
            }
            node = target;
        }
        return node;
    }

    /** {@link #resolve} all the way down; the contract's schemas are not recursive. */
    @SuppressWarnings("unchecked")
    private static Object deepResolve(Map<String, Object> root, Object node) {
        Object resolved = resolve(root, node);
        if (resolved instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            ((Map<String, Object>) map).forEach((key, value) -> copy.put(key, deepResolve(root, value)));
            return copy;
        }
        if (resolved instanceof List<?> list) {
            return list.stream().map(value -> deepResolve(root, value)).toList();
        }
        return resolved;
    }

    /** The operation whose method and path template match, if any. */
    java.util.Optional<Operation> match(String method, String rawPath) {
        return operations.stream()
                .filter(operation -> operation.method().equals(method)
                        && operation.pathPattern().matcher(rawPath).matches())
                .findFirst();
    }

    /** Whether some operation of the contract has this path template (any method). */
    boolean routes(String rawPath) {
        return operations.stream()
                .anyMatch(operation -> operation.pathPattern().matcher(rawPath).matches());
    }
}
