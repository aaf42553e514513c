package dev.groundwork.dynamodb.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    void writesAStoredItemTextAsUtf8BetweenOtherFields() {
        // given
        ObjectNode answer = Json.object();
        answer.put("before", 1);
        answer.putRawValue("Item", new RawValue("{\"s\":{\"S\":\"é 😀 日本\"}}"));
        answer.put("after", "x");

        // when
        String written = new String(Json.toBytes(answer), StandardCharsets.UTF_8);

        // then
        assertThat(written).isEqualTo("{\"before\":1,\"Item\":{\"s\":{\"S\":\"é 😀 日本\"}},\"after\":\"x\"}");
    }

    @Test
    void writesAStoredItemTextHoldingAQuestionMark() {
        ObjectNode answer = Json.object();
        answer.putRawValue("Item", new RawValue("{\"s\":{\"S\":\"why? é\"}}"));

        assertThat(new String(Json.toBytes(answer), StandardCharsets.UTF_8))
                .isEqualTo("{\"Item\":{\"s\":{\"S\":\"why? é\"}}}");
    }

    @Test
    void refusesAStoredItemTextWithALoneSurrogateRatherThanAlteringIt() {
        ObjectNode answer = Json.object();
        answer.putRawValue("Item", new RawValue("{\"s\":{\"S\":\"a\ud800b\"}}"));

        assertThatThrownBy(() -> Json.toBytes(answer)).isInstanceOf(RuntimeException.class);
    }

    @Test
    void parseRefusesALoneSurrogateEscapeInAValueOrAName() {
        for (String json : new String[] {"{\"s\":\"a\\ud800\"}", "{\"a\\udc00\":1}", "[\"\\ude00\\ud83d\"]"}) {
            assertThatThrownBy(() -> Json.parse(json.getBytes(StandardCharsets.UTF_8)))
                    .as(json)
                    .isInstanceOf(Json.IllFormedTextException.class);
        }
    }

    @Test
    void parseKeepsSurrogatePairsAndNoncharacters() throws Exception {
        String json = "{\"\\ud83d\\ude00\":\"\\uffff \\ud83d\\ude00 \\ufdd0\"}";

        assertThat(Json.parse(json.getBytes(StandardCharsets.UTF_8)).get("😀").textValue())
                .isEqualTo("\uffff 😀 \ufdd0");
    }
}
