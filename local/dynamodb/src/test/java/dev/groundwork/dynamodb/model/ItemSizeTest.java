package dev.groundwork.dynamodb.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ItemSizeTest {
    @Test
    void countsNamesAndStringsInUtf8Bytes() {
        assertThat(ItemSize.of(Map.of("name", AttributeValue.s("abc")))).isEqualTo(7);
        assertThat(ItemSize.of(Map.of("é", AttributeValue.s("€\uD83D\uDE00")))).isEqualTo(2 + 3 + 4);
    }

    /** Long texts are measured in bulk when they are ASCII; every other kind must come to the same count as short ones. */
    @ParameterizedTest
    @CsvSource({
        "a, 1", // ASCII
        "é, 2", // Latin-1 beyond ASCII
        "€, 3", // beyond Latin-1
        "\uD83D\uDE00, 4", // a surrogate pair
        "\uD83D, 3", // a lone surrogate: counted as its three bytes, not as the '?' Java's encoder writes for it
        "?, 1",
    })
    void longTextsCountTheSameBytesPerCharacterAsShortOnes(String character, long bytes) {
        for (int repeat : new int[] {1, 63, 64, 1000}) {
            String ascii = "x".repeat(repeat);
            assertThat(ItemSize.of(AttributeValue.s(ascii + character)))
                    .as("%s after %d ASCII", character, repeat)
                    .isEqualTo(repeat + bytes);
            assertThat(ItemSize.of(AttributeValue.s(character + ascii)))
                    .as("%s before %d ASCII", character, repeat)
                    .isEqualTo(repeat + bytes);
        }
    }

    @Test
    void countsBinaryInBytes() {
        assertThat(ItemSize.of(Map.of("b", AttributeValue.b(new byte[10])))).isEqualTo(11);
    }

    @ParameterizedTest
    @CsvSource({
        "0, 1",
        "1, 2",
        "12, 2",
        "1.2, 3",
        "123, 3",
        "1234, 3",
        "-1, 3",
        "10, 2",
        "0.5, 2",
        "12345678901234567890123456789012345678, 20"
    })
    void sizesNumbersByTheirSignificantDigits(String number, long size) {
        assertThat(ItemSize.of(AttributeValue.n(number))).isEqualTo(size);
    }

    @Test
    void countsBooleansAndNullsAsOneByte() {
        assertThat(ItemSize.of(AttributeValue.bool(true))).isEqualTo(1);
        assertThat(ItemSize.of(AttributeValue.nul())).isEqualTo(1);
    }

    @Test
    void addsThreeBytesAndOnePerElementForDocuments() {
        assertThat(ItemSize.of(AttributeValue.l(AttributeValue.s("ab"), AttributeValue.bool(false))))
                .isEqualTo(3 + 3 + 2);
        Map<String, AttributeValue> inner = new LinkedHashMap<>();
        inner.put("k", AttributeValue.s("vv"));
        assertThat(ItemSize.of(new AttributeValue.M(inner))).isEqualTo(3 + 1 + 1 + 2);
    }

    @Test
    void sumsSetMembers() {
        assertThat(ItemSize.of(AttributeValue.ss("a", "bc"))).isEqualTo(3);
    }

    @Test
    void anItemOfFourHundredKilobytesIsAtTheLimit() {
        Map<String, AttributeValue> item = Map.of("p", AttributeValue.s("x".repeat(409_599)));
        assertThat(ItemSize.of(item)).isEqualTo(ItemSize.MAX_ITEM_BYTES);
    }
}
