package dev.groundwork.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class OpenApi30ViewTest {

    private static final Path DOCUMENT = Path.of("openapi.yaml");

    @Test
    void publishedDocumentIsValidOpenApi31() throws Exception {
        var result = new OpenAPIV3Parser().readContents(Files.readString(DOCUMENT), null, new ParseOptions());

        assertThat(result.getMessages()).isEmpty();
        assertThat(result.getOpenAPI().getOpenapi()).isEqualTo("3.1.0");
    }

    @Test
    void publishedDocumentTranslatesToValidOpenApi30() throws Exception {
        String translated = OpenApi30View.toOpenApi30(Files.readString(DOCUMENT));

        var result = new OpenAPIV3Parser().readContents(translated, null, new ParseOptions());
        assertThat(result.getMessages()).isEmpty();
        assertThat(result.getOpenAPI().getOpenapi()).isEqualTo("3.0.3");
    }

    @Test
    void nullableTypeBecomesTypeAndNullable() throws Exception {
        String translated = OpenApi30View.toOpenApi30("""
                openapi: 3.1.0
                info: {title: t, version: 1.0.0, summary: s, license: {name: MIT, identifier: MIT}}
                paths: {}
                components:
                  schemas:
                    Page:
                      type: object
                      properties:
                        type: {type: [string, 'null'], example: [a, null]}
                        next: {type: [integer, 'null']}
                        plain: {type: [boolean]}
                """);

        JsonNode tree = new YAMLMapper().readTree(translated);
        JsonNode properties = tree.at("/components/schemas/Page/properties");
        assertThat(properties.at("/type/type").asText()).isEqualTo("string");
        assertThat(properties.at("/type/nullable").asBoolean()).isTrue();
        assertThat(properties.at("/type/example").isArray()).isTrue();
        assertThat(properties.at("/next/type").asText()).isEqualTo("integer");
        assertThat(properties.at("/plain/type").asText()).isEqualTo("boolean");
        assertThat(properties.at("/plain").has("nullable")).isFalse();
        assertThat(tree.at("/info").has("summary")).isFalse();
        assertThat(tree.at("/info/license").has("identifier")).isFalse();
    }

    @Test
    void refusesWhatOnly31MeansAndNamesWhere() {
        assertThatThrownBy(() -> OpenApi30View.toOpenApi30("""
                openapi: 3.1.0
                info: {title: t, version: 1.0.0}
                paths: {}
                webhooks: {}
                components:
                  schemas:
                    A:
                      type: object
                      properties:
                        kind: {const: item}
                        both: {type: [string, integer]}
                        count: {type: integer, exclusiveMinimum: 0}
                        if: {type: string}
                """))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("/webhooks")
                .hasMessageContaining("/components/schemas/A/properties/kind/const")
                .hasMessageContaining("/components/schemas/A/properties/both/type")
                .hasMessageContaining("/components/schemas/A/properties/count/exclusiveMinimum")
                .hasMessageNotContaining("properties/if");
    }

    @Test
    void refusesA30Document() {
        assertThatThrownBy(() ->
                        OpenApi30View.toOpenApi30("openapi: 3.0.3\ninfo: {title: t, version: 1.0.0}\npaths: {}\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("3.1");
    }
}
