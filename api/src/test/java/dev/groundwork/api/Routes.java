package dev.groundwork.api;

import dev.groundwork.template.CloudFormationYaml;
import java.io.StringReader;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/** The HTTP routes (method and path) that the SAM template wires and that the OpenAPI document describes. */
final class Routes {

    private static final Set<String> HTTP_METHODS =
            Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");

    private Routes() {}

    /**
     * Every {@code HttpApi} event of every function in a SAM template, as {@code "METHOD /path"}.
     *
     * @throws IllegalArgumentException when an event has no literal path or method, which would make
     *                                  the comparison meaningless
     */
    static SortedSet<String> ofTemplate(String templateYaml) {
        Map<String, Object> template = CloudFormationYaml.read(new StringReader(templateYaml));
        SortedSet<String> routes = new TreeSet<>();
        for (Map.Entry<String, Object> resource : map(template.get("Resources")).entrySet()) {
            Map<String, Object> definition = map(resource.getValue());
            if (!"AWS::Serverless::Function".equals(definition.get("Type"))) {
                continue;
            }
            Map<String, Object> events = map(map(definition.get("Properties")).get("Events"));
            for (Map.Entry<String, Object> event : events.entrySet()) {
                Map<String, Object> source = map(event.getValue());
                if (!"HttpApi".equals(source.get("Type"))) {
                    continue;
                }
                Map<String, Object> properties = map(source.get("Properties"));
                if (!(properties.get("Path") instanceof String path)
                        || !(properties.get("Method") instanceof String method)) {
                    throw new IllegalArgumentException(resource.getKey() + "." + event.getKey()
                            + ": an HttpApi event needs a literal Path and Method");
                }
                routes.add(method.toUpperCase(Locale.ROOT) + " " + path);
            }
        }
        return routes;
    }

    /** Every operation of an OpenAPI document, as {@code "METHOD /path"}. */
    static SortedSet<String> ofDocument(String openApiYaml) {
        Map<String, Object> document = CloudFormationYaml.read(new StringReader(openApiYaml));
        SortedSet<String> routes = new TreeSet<>();
        for (Map.Entry<String, Object> path : map(document.get("paths")).entrySet()) {
            for (String member : map(path.getValue()).keySet()) {
                if (HTTP_METHODS.contains(member)) {
                    routes.add(member.toUpperCase(Locale.ROOT) + " " + path.getKey());
                }
            }
        }
        return routes;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }
}
