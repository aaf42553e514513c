package dev.groundwork.template;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads a CloudFormation/SAM template written in YAML. The short-form tags ({@code !Ref}, {@code !GetAtt},
 * {@code !Sub}, {@code !If} ...) become their long form ({@code {"Ref": ...}}, {@code {"Fn::GetAtt": [...]}}),
 * as CloudFormation itself does, so that what reads the template (the local runner, the template tests) meets one
 * representation only. The one reader of template.yaml in Groundwork.
 * See https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference.html
 */
public final class CloudFormationYaml {

    private static final List<String> FUNCTIONS = List.of(
            "Base64",
            "Cidr",
            "FindInMap",
            "GetAtt",
            "GetAZs",
            "ImportValue",
            "Join",
            "Select",
            "Split",
            "Sub",
            "Transform",
            "And",
            "Equals",
            "If",
            "Not",
            "Or",
            "Length",
            "ToJsonString");

    private CloudFormationYaml() {}

    public static Map<String, Object> read(Path file) throws IOException {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(reader);
        }
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> read(Reader reader) {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(10 * 1024 * 1024);
        Object document = new Yaml(new TagConstructor(options)).load(reader);
        if (!(document instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException("the template is not a YAML mapping");
        }
        return (Map<String, Object>) map;
    }

    private static final class TagConstructor extends SafeConstructor {
        TagConstructor(LoaderOptions options) {
            super(options);
            yamlConstructors.put(new Tag("!Ref"), new LongForm("Ref"));
            yamlConstructors.put(new Tag("!Condition"), new LongForm("Condition"));
            for (String function : FUNCTIONS) {
                yamlConstructors.put(new Tag("!" + function), new LongForm("Fn::" + function));
            }
        }

        private final class LongForm extends AbstractConstruct {
            private final String key;

            LongForm(String key) {
                this.key = key;
            }

            @Override
            public Object construct(Node node) {
                Object value = switch (node) {
                    case ScalarNode scalar -> {
                        String text = scalar.getValue();
                        // !GetAtt Resource.Attribute is the short form of ["Resource", "Attribute"]; the attribute may
                        // contain dots.
                        if (key.equals("Fn::GetAtt")) {
                            int dot = text.indexOf('.');
                            yield dot < 0 ? List.of(text) : List.of(text.substring(0, dot), text.substring(dot + 1));
                        }
                        yield text;
                    }
                    case SequenceNode sequence -> new ArrayList<>(constructSequence(sequence));
                    case MappingNode mapping -> new LinkedHashMap<>(constructMapping(mapping));
                    default -> throw new IllegalArgumentException("unexpected YAML node for " + key + ": " + node);
                };
                Map<String, Object> longForm = new LinkedHashMap<>();
                longForm.put(key, value);
                return longForm;
            }
        }
    }

    /** The long-form keys of every intrinsic this reader knows ({@code Ref}, {@code Fn::GetAtt} ...). */
    public static List<String> intrinsicKeys() {
        List<String> keys = new ArrayList<>(Arrays.asList("Ref", "Condition"));
        FUNCTIONS.forEach(function -> keys.add("Fn::" + function));
        return keys;
    }
}
