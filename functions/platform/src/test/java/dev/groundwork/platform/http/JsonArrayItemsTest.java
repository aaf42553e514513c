package dev.groundwork.platform.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonParseException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonArrayItemsTest {

    private static List<String> items(byte[] text) throws IOException {
        List<String> items = new ArrayList<>();
        JsonArrayItems.forEach(
                text,
                (from, to) -> items.add(new String(Arrays.copyOfRange(text, from, to), StandardCharsets.ISO_8859_1)));
        return items;
    }

    private static List<String> items(String json) throws IOException {
        return items(json.getBytes(StandardCharsets.UTF_8)).stream()
                .map(item -> new String(item.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8))
                .toList();
    }

    @Test
    void findsEachItemExactlyWhateverItsStringsHold() throws IOException {
        assertThat(items(" [ {\"a\":\"],}\\\"[\"} , [1,{\"b\":[]}] ,\"x\\\\\" , 7,-1.5e3\n,true,null ]\n"))
                .containsExactly("{\"a\":\"],}\\\"[\"}", "[1,{\"b\":[]}]", "\"x\\\\\"", "7", "-1.5e3", "true", "null");
    }

    @Test
    void findsNoItemsInAnEmptyArray() throws IOException {
        assertThat(items("[ ]")).isEmpty();
    }

    @Test
    void takesTheFaultsThatAreAnItemsOwnAndLeavesThemInTheirItem() throws IOException {
        byte[] text =
                "[{\"a\":\"?\",\"a\":1},{\"k\\ud800\":\"\\udc00\"},{\"é\":\"😀\"}]".getBytes(StandardCharsets.UTF_8);
        text[7] = (byte) 0xFF;

        assertThat(items(text))
                .containsExactly(
                        "{\"a\":\"\u00FF\",\"a\":1}",
                        "{\"k\\ud800\":\"\\udc00\"}",
                        new String("{\"é\":\"😀\"}".getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "{}",
                "[1,,2]",
                "[1,]",
                "[,1]",
                "[1",
                "[\"a]",
                "[1}",
                "[1] x",
                "[1]]",
                "x[1]",
                "[1 2]",
                "[{\"a\":1} {\"b\":2}]",
                "[\"a\" \"b\"]",
                "[\"a\\x\"]",
                "[\\ud800]",
                "[tru]",
                "[01]",
                "[NaN]",
                "[\"tab\there\"]"
            })
    void refusesTextThatIsNotOneWellFormedArray(String json) {
        assertThatThrownBy(() -> items(json)).isInstanceOf(IOException.class);
    }

    @Test
    void saysWhereTheTextBrokeInItsCharactersNotItsBytes() {
        assertThatThrownBy(() -> items("[{\"a\":1,\"a\":2},\n\"ééé😀\"x]"))
                .isInstanceOfSatisfying(JsonParseException.class, broken -> {
                    assertThat(broken.getLocation().getLineNr()).isEqualTo(2);
                    assertThat(broken.getLocation().getColumnNr())
                            .as("as the API's parser counts: é once, 😀 twice")
                            .isEqualTo(8);
                });
    }

    @Test
    void refusesAByteThatIsNotUtf8OutsideAnyString() {
        byte[] text = "[1, ?]".getBytes(StandardCharsets.UTF_8);
        text[4] = (byte) 0xE9;

        assertThatThrownBy(() -> items(text)).isInstanceOf(IOException.class);
    }

    @Test
    void findsItemsNestedOrNumbersLongerThanTheApiReadsForThemToBeRejectedAlone() throws IOException {
        String deep = "[".repeat(999) + "]".repeat(999);
        String longNumber = "1" + "0".repeat(5_000);

        assertThat(items("[" + deep + "," + longNumber + ",{}]")).containsExactly(deep, longNumber, "{}");
        assertThatThrownBy(() -> items("[" + "[".repeat(999) + ",{}]")).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> items("[" + "[".repeat(1_000) + "]".repeat(1_000) + "]"))
                .as("past 1,000 levels, where reading the structure would keep an object a level")
                .isInstanceOf(IOException.class);
    }

    @Test
    void keepsTheTextsLengthAndEveryAsciiByteButSurrogateEscapes() {
        byte[] text = "[\"\\\\ud800\",\"\\uD83D\\uDE00\",\"é\\u00e9\"]".getBytes(StandardCharsets.UTF_8);

        assertThat(new String(JsonArrayItems.structureOnly(text), StandardCharsets.US_ASCII))
                .as("an escaped backslash is no escape; a surrogate escape reads as an x")
                .isEqualTo("[\"\\\\ud800\",\"\\u0078\\u0078\",\"xx\\u00e9\"]");
    }
}
