package dev.groundwork.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Restates Groundwork's OpenAPI 3.1 document as the OpenAPI 3.0 document that means the same, for
 * the tools that read 3.0 best: swagger-request-validator, which applies OpenAPI 3.0 schemas with a
 * JSON Schema draft-4 engine, and openapi-diff, whose schema comparison knows 3.0's one {@code type}.
 *
 * <p>Fed a 3.1 document directly, both parse it but silently drop what 3.1 moved: a
 * {@code type: [string, "null"]} is read as no type at all, so a number where a string belongs
 * passes validation, and a change of that type goes unnoticed by the diff. The two versions differ little in what this API uses, so the document keeps to their
 * common ground and this class translates the one 3.1 idiom it needs, a nullable type. Anything
 * else that only 3.1 means is refused, loudly, rather than validated as if absent.
 *
 * @see <a href="https://www.openapis.org/blog/2021/02/16/migrating-from-openapi-3-0-to-3-1-0">Migrating from OpenAPI 3.0 to 3.1</a>
 */
record OpenApi30View(String text, String version) {

    /** JSON Schema 2019-09/2020-12 keywords that a draft-4 engine would ignore rather than apply. */
    private static final Set<String> UNTRANSLATABLE_KEYWORDS = Set.of(
            "const",
            "prefixItems",
            "$defs",
            "if",
            "then",
            "else",
            "dependentRequired",
            "dependentSchemas",
            "unevaluatedProperties",
            "unevaluatedItems",
            "contentMediaType",
            "contentEncoding",
            "contentSchema",
            "$schema",
            "$id",
            "$anchor",
            "$dynamicRef",
            "$dynamicAnchor",
            "patternProperties",
            "propertyNames",
            "minContains",
            "maxContains",
            "contains");

    /** Members whose values are data or prose, never schema keywords. */
    private static final Set<String> OPAQUE_MEMBERS = Set.of("example", "examples", "default", "enum", "description");

    /** Members whose values are maps from a user-chosen name to a schema or an object. */
    private static final Set<String> NAME_MAPS = Set.of(
            "properties",
            "schemas",
            "responses",
            "parameters",
            "headers",
            "paths",
            "content",
            "securitySchemes",
            "requestBodies",
            "links",
            "callbacks",
            "variables",
            "encoding",
            "mapping");

    private static final YAMLMapper YAML = new YAMLMapper();

    /** The 3.0 text of a 3.1 document. */
    static String toOpenApi30(String openApi31Document) {
        return of(openApi31Document).text();
    }

    /**
     * The 3.0 view of a 3.1 document, with the document's {@code info.version}.
     *
     * @throws IllegalArgumentException naming every construct that has no 3.0 equivalent
     */
    static OpenApi30View of(String openApi31Document) {
        JsonNode root;
        try {
            root = YAML.readTree(openApi31Document);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("The OpenAPI document is not valid YAML: " + e.getOriginalMessage(), e);
        }
        if (!(root instanceof ObjectNode document)
                || !document.path("openapi").asText().startsWith("3.1.")) {
            throw new IllegalArgumentException("Expected an OpenAPI 3.1 document (openapi: 3.1.x)");
        }
        List<String> untranslatable = new ArrayList<>();
        for (String member : List.of("webhooks", "jsonSchemaDialect")) {
            if (document.has(member)) {
                untranslatable.add("/" + member);
            }
        }
        if (document.path("components").has("pathItems")) {
            untranslatable.add("/components/pathItems");
        }

        document.put("openapi", "3.0.3");
        if (document.get("info") instanceof ObjectNode info) {
            info.remove("summary");
            if (info.get("license") instanceof ObjectNode license) {
                license.remove("identifier");
            }
        }
        translate(document, "", untranslatable);

        if (!untranslatable.isEmpty()) {
            throw new IllegalArgumentException("The OpenAPI document uses what the contract tools cannot apply "
                    + "(see docs/api-versioning.md, Tooling): " + String.join(", ", untranslatable));
        }
        try {
            return new OpenApi30View(
                    YAML.writeValueAsString(document),
                    document.path("info").path("version").asText());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write a YAML tree that was just read", e);
        }
    }

    private static void translate(JsonNode node, String pointer, List<String> untranslatable) {
        if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                translate(array.get(i), pointer + "/" + i, untranslatable);
            }
            return;
        }
        if (!(node instanceof ObjectNode object)) {
            return;
        }
        translateType(object, pointer, untranslatable);
        for (String bound : List.of("exclusiveMinimum", "exclusiveMaximum")) {
            if (object.has(bound) && object.get(bound).isNumber()) {
                untranslatable.add(pointer + "/" + bound + " (a 3.1 number; 3.0 wants minimum/maximum with a boolean)");
            }
        }
        if (object.has("examples") && object.get("examples").isArray()) {
            untranslatable.add(pointer + "/examples (a schema's examples list; use example)");
        }
        for (Map.Entry<String, JsonNode> member : object.properties()) {
            String name = member.getKey();
            String childPointer = pointer + "/" + name.replace("~", "~0").replace("/", "~1");
            if (OPAQUE_MEMBERS.contains(name)) {
                continue;
            }
            if (UNTRANSLATABLE_KEYWORDS.contains(name)) {
                untranslatable.add(childPointer);
                continue;
            }
            if (NAME_MAPS.contains(name) && member.getValue() instanceof ObjectNode map) {
                for (Map.Entry<String, JsonNode> entry : map.properties()) {
                    String key = entry.getKey().replace("~", "~0").replace("/", "~1");
                    translate(entry.getValue(), childPointer + "/" + key, untranslatable);
                }
            } else {
                translate(member.getValue(), childPointer, untranslatable);
            }
        }
    }

    /** {@code type: [X, "null"]} (3.1) is {@code type: X, nullable: true} (3.0). */
    private static void translateType(ObjectNode schema, String pointer, List<String> untranslatable) {
        if (!(schema.get("type") instanceof ArrayNode types)) {
            return;
        }
        List<String> named = new ArrayList<>();
        boolean nullable = false;
        for (JsonNode type : types) {
            if ("null".equals(type.asText())) {
                nullable = true;
            } else {
                named.add(type.asText());
            }
        }
        if (named.size() != 1) {
            untranslatable.add(pointer + "/type " + types + " (3.0 has one type per schema; use oneOf)");
            return;
        }
        schema.set("type", TextNode.valueOf(named.getFirst()));
        if (nullable) {
            schema.put("nullable", true);
        }
    }
}
