package dev.groundwork.local.template;

import dev.groundwork.template.CloudFormationYaml;
import dev.groundwork.template.SamGlobals;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A SAM template as read from disk: its parameters, conditions, mappings, resources and Globals. Nothing here is
 * resolved; {@link LocalDeployment} resolves it against the local resources.
 */
public final class Template {

    static final Set<String> TABLE_TYPES = Set.of("AWS::DynamoDB::Table", "AWS::Serverless::SimpleTable");
    static final String QUEUE_TYPE = "AWS::SQS::Queue";
    static final String FUNCTION_TYPE = "AWS::Serverless::Function";
    static final String HTTP_API_TYPE = "AWS::Serverless::HttpApi";
    static final String PIPE_TYPE = "AWS::Pipes::Pipe";

    private final Path file;
    private final Map<String, Object> document;

    private Template(Path file, Map<String, Object> document) {
        this.file = file;
        this.document = document;
    }

    public static Template load(Path file) throws IOException {
        if (Files.isDirectory(file)) {
            throw new TemplateException(file + " is a directory, not a template");
        }
        try {
            return new Template(file.toAbsolutePath().normalize(), CloudFormationYaml.read(file));
        } catch (IllegalArgumentException unreadable) {
            throw new TemplateException(file + ": " + unreadable.getMessage());
        }
    }

    public Path file() {
        return file;
    }

    /** The folder that {@code CodeUri} paths are relative to. */
    public Path directory() {
        return file.getParent();
    }

    /** Each parameter's default value; a parameter without one maps to null. */
    public Map<String, Object> parameterDefaults() {
        Map<String, Object> defaults = new LinkedHashMap<>();
        section("Parameters")
                .forEach((name, definition) ->
                        defaults.put(name, definition instanceof Map<?, ?> map ? map.get("Default") : null));
        return defaults;
    }

    public Map<String, Object> conditions() {
        return section("Conditions");
    }

    public Map<String, Object> mappings() {
        return section("Mappings");
    }

    /** Logical id → resource (Type, Properties, Condition ...), in template order. */
    public Map<String, Map<String, Object>> resources() {
        Map<String, Map<String, Object>> resources = new LinkedHashMap<>();
        section("Resources").forEach((logicalId, resource) -> resources.put(logicalId, asMap(resource)));
        return resources;
    }

    public List<String> resourcesOfType(Set<String> types) {
        List<String> ids = new ArrayList<>();
        resources().forEach((logicalId, resource) -> {
            if (types.contains(String.valueOf(resource.get("Type")))) {
                ids.add(logicalId);
            }
        });
        return ids;
    }

    public String typeOf(String logicalId) {
        Map<String, Object> resource = resources().get(logicalId);
        return resource == null ? null : String.valueOf(resource.get("Type"));
    }

    public Map<String, Object> properties(String logicalId) {
        Map<String, Object> resource = resources().get(logicalId);
        if (resource == null) {
            throw new TemplateException("no resource " + logicalId);
        }
        return asMap(resource.get("Properties"));
    }

    /**
     * A serverless resource's properties with the template's Globals section merged in, as SAM does: maps merge key
     * by key (the resource wins), lists are concatenated, anything else the resource overrides.
     * See https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-specification-template-anatomy-globals.html
     */
    public Map<String, Object> propertiesWithGlobals(String logicalId, String globalsSection) {
        Map<String, Object> globals = asMap(section("Globals").get(globalsSection));
        return SamGlobals.merge(globals, properties(logicalId));
    }

    /** One part of the Globals section ({@code Function}, {@code HttpApi} ...), empty when absent. */
    public Map<String, Object> globals(String globalsSection) {
        return asMap(section("Globals").get(globalsSection));
    }

    private Map<String, Object> section(String name) {
        return asMap(document.get(name));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> asMap(Object value) {
        if (value == null) {
            return new LinkedHashMap<>();
        }
        if (value instanceof Map<?, ?> map) {
            return (Map<String, Object>) map;
        }
        throw new TemplateException("expected a mapping, got " + value);
    }
}
