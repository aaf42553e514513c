package dev.groundwork.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.groundwork.testing.CollidingNames;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The runner reads documents that hold tenants' attribute names (the stream's GetRecords answers) with parsers that
 * keep no names, so names chosen to collide in Jackson's table cannot make it refuse the next tenant's documents.
 */
class LocalJsonTest {
    @Test
    void readsAnyDocumentAfterDocumentsOfCollidingNamesWhereADefaultMapperRefusesIt() throws Exception {
        List<String> documents = new ArrayList<>();
        List<String> names = CollidingNames.all();
        for (int document = 0; document < 10; document++) {
            documents.add(object(names.subList(document * 200, document * 200 + 200)));
        }
        String another = object(List.of("color", "size", "aa0001"));

        ObjectMapper runner = LocalJson.mapper();
        for (String document : documents) {
            runner.readTree(document.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        JsonNode read = runner.readTree(another.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(read.has("aa0001")).isTrue();

        ObjectMapper byDefault = new ObjectMapper();
        assertThatThrownBy(() -> {
                    for (String document : documents) {
                        byDefault.readTree(document.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                    }
                })
                .as("what the runner's stream poller met before")
                .hasMessageContaining("DoS");
    }

    private static String object(List<String> names) {
        StringBuilder json = new StringBuilder("{");
        for (String name : names) {
            json.append(json.length() > 1 ? "," : "").append('"').append(name).append("\":0");
        }
        return json.append('}').toString();
    }
}
