package dev.groundwork.platform.testing;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The bean properties Jackson sets when it reads a JSON document into a type, named by their path
 * ({@code requestContext.authorizer.jwt.scopes}; {@code *} for a map's values, {@code []} for a list's elements).
 * Reading an event calls each such setter through reflection, and the first call of each builds a method accessor:
 * a SnapStart priming has to set every property a real event sets, or the first invoke after a restore pays for it.
 */
public final class PropertiesSet {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private PropertiesSet() {}

    /** As the functions' serializer reads it: property names matched without regard to case, unknown ones ignored. */
    public static Set<String> of(JsonNode document, Class<?> type) {
        Set<String> paths = new TreeSet<>();
        collect(document, MAPPER.constructType(type), "", paths);
        return paths;
    }

    private static void collect(JsonNode node, JavaType type, String path, Set<String> paths) {
        if (node == null || node.isNull()) {
            return;
        }
        if (type.isMapLikeType()) {
            node.properties().forEach(entry -> collect(entry.getValue(), type.getContentType(), path + "*.", paths));
        } else if (type.isCollectionLikeType() || type.isArrayType()) {
            node.forEach(element -> collect(element, type.getContentType(), path + "[].", paths));
        } else if (node.isObject()) {
            BeanDescription bean = MAPPER.getDeserializationConfig().introspect(type);
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                bean.findProperties().stream()
                        .filter(property -> property.getName().equalsIgnoreCase(field.getKey()))
                        .findFirst()
                        .ifPresent(property -> {
                            String name = path + property.getName().toLowerCase(Locale.ROOT);
                            paths.add(name);
                            collect(field.getValue(), typeOf(property), name + ".", paths);
                        });
            }
        }
    }

    private static JavaType typeOf(BeanPropertyDefinition property) {
        return property.hasSetter() ? property.getSetter().getParameterType(0) : property.getPrimaryType();
    }
}
