package dev.groundwork.template;

import static dev.groundwork.template.Stack.ROOT;
import static dev.groundwork.template.Stack.map;
import static org.assertj.core.api.Assertions.assertThat;

import dev.groundwork.platform.http.ProblemType;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A client learns the problem types from the contract and the README: every type the API answers is named in both. */
class ProblemTypesDocumentedTest {

    @Test
    void theContractNamesEveryProblemTypeTheApiAnswers() throws IOException {
        Map<String, Object> schemas = map(
                map(CloudFormationYaml.read(ROOT.resolve("api/openapi.yaml")).get("components"))
                        .get("schemas"));
        String described =
                (String) map(map(map(schemas.get("Problem")).get("properties")).get("type"))
                        .get("description");

        assertThat(Arrays.stream(ProblemType.values()).map(ProblemType::slug))
                .allSatisfy(
                        slug -> assertThat(described.replaceAll("\\s+", " ")).containsPattern("[ ,]" + slug + "[,.]"));
    }

    @Test
    void theReadmeNamesEveryProblemTypeTheApiAnswers() throws IOException {
        String readme = Files.readString(ROOT.resolve("README.md"));

        assertThat(Arrays.stream(ProblemType.values()).map(ProblemType::slug))
                .allSatisfy(slug -> assertThat(readme).contains("`" + slug + "`"));
    }
}
