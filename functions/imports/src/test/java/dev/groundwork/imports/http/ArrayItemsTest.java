package dev.groundwork.imports.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ArrayItemsTest {

    private static Optional<List<String>> items(String json) {
        byte[] text = json.getBytes(StandardCharsets.UTF_8);
        return ArrayItems.of(text)
                .map(ranges -> ranges.stream()
                        .map(range -> new String(Arrays.copyOfRange(text, range[0], range[1]), StandardCharsets.UTF_8)
                                .strip())
                        .toList());
    }

    @Test
    void findsEachItemByItsDelimitersWhateverItsStringsHold() {
        assertThat(items(" [ {\"a\":\"],}\\\"[\"} , [1,{\"b\":[]}] ,\"x\\\\\" , 7 ]\n"))
                .contains(List.of("{\"a\":\"],}\\\"[\"}", "[1,{\"b\":[]}]", "\"x\\\\\"", "7"));
    }

    @Test
    void findsNoItemsInAnEmptyArray() {
        assertThat(items("[ ]")).contains(List.of());
    }

    @Test
    void keepsABytesThatIsNotUtf8InItsItem() {
        byte[] text = "[{\"a\":\"?\"},{}]".getBytes(StandardCharsets.UTF_8);
        text[7] = (byte) 0xFF;

        assertThat(ArrayItems.of(text))
                .hasValueSatisfying(ranges -> assertThat(ranges)
                        .extracting(range -> range[0] + "-" + range[1])
                        .containsExactly("1-10", "11-13"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "{}", "[1,,2]", "[1,]", "[,1]", "[1", "[\"a]", "[1}", "[1] x", "[1]]", "x[1]"})
    void findsNoneInTextThatIsNotOneArrayOfDelimitedItems(String json) {
        assertThat(items(json)).isEmpty();
    }
}
