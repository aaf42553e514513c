package dev.groundwork.items.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.groundwork.kernel.FieldError;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ItemDocumentTest {

    private static Map<String, Object> document(Object... fields) {
        Map<String, Object> document = new LinkedHashMap<>();
        for (int i = 0; i < fields.length; i += 2) {
            document.put((String) fields[i], fields[i + 1]);
        }
        return document;
    }

    private static List<FieldError> errorsOf(Map<String, Object> document) {
        return ((ItemDocument.Invalid) ItemDocument.read(document)).errors();
    }

    @Test
    void readsAFullDocument() {
        var reading = ItemDocument.read(
                document("name", "Widget", "attributes", Map.of("a", BigDecimal.ONE), "tags", List.of("x", "y")));

        assertThat(reading).isInstanceOfSatisfying(ItemDocument.Valid.class, valid -> {
            assertThat(valid.content().name()).isEqualTo("Widget");
            assertThat(valid.content().tags()).containsExactly("x", "y");
        });
    }

    @Test
    void defaultsAttributesAndTagsToEmpty() {
        assertThat(ItemDocument.read(document("name", "Widget")))
                .isInstanceOfSatisfying(
                        ItemDocument.Valid.class,
                        valid -> assertThat(valid.content().attributes()).isEmpty());
    }

    @Test
    void requiresAName() {
        assertThat(errorsOf(document())).containsExactly(new FieldError("name", "is required"));
    }

    @Test
    void rejectsNameLongerThan200Characters() {
        assertThat(errorsOf(document("name", "n".repeat(201))))
                .containsExactly(new FieldError("name", "must have 1 to 200 characters"));
        assertThat(ItemDocument.read(document("name", "n".repeat(200)))).isInstanceOf(ItemDocument.Valid.class);
    }

    @Test
    void countsNameLengthInCharactersNotUtf16Units() {
        assertThat(ItemDocument.read(document("name", "😀".repeat(200)))).isInstanceOf(ItemDocument.Valid.class);
    }

    @Test
    void rejectsABlankName() {
        assertThat(errorsOf(document("name", "   ")))
                .extracting(FieldError::field)
                .containsExactly("name");
    }

    @Test
    void rejectsMoreThan64Attributes() {
        Map<String, Object> attributes = new HashMap<>();
        for (int i = 0; i < 65; i++) {
            attributes.put("k" + i, "v");
        }
        assertThat(errorsOf(document("name", "n", "attributes", attributes)))
                .containsExactly(new FieldError("attributes", "must have at most 64 keys"));
    }

    @Test
    void rejectsMoreThan20TagsAndRepeatedOrEmptyOnes() {
        List<String> tags = new ArrayList<>();
        for (int i = 0; i < 21; i++) {
            tags.add("t" + i);
        }
        assertThat(errorsOf(document("name", "n", "tags", tags)))
                .extracting(FieldError::field)
                .containsExactly("tags");
        assertThat(errorsOf(document("name", "n", "tags", List.of("a", "a", "", "t".repeat(65)))))
                .extracting(FieldError::field)
                .containsExactly("tags[1]", "tags[2]", "tags[3]");
    }

    @Test
    void rejectsNumbersDynamoDbCannotStore() {
        assertThat(errorsOf(document("name", "n", "attributes", Map.of("big", new BigDecimal("1E+126")))))
                .extracting(FieldError::field)
                .containsExactly("attributes.big");
        assertThat(errorsOf(document(
                        "name",
                        "n",
                        "attributes",
                        Map.of("precise", new BigDecimal("1.234567890123456789012345678901234567891")))))
                .extracting(FieldError::field)
                .containsExactly("attributes.precise");
    }

    @Test
    void rejectsDocumentsNestedDeeperThanDynamoDbAllows() {
        Object nested = "leaf";
        for (int i = 0; i < 40; i++) {
            nested = Map.of("n", nested);
        }
        assertThat(errorsOf(document("name", "n", "attributes", nested))
                        .getFirst()
                        .message())
                .contains("nests deeper than 32");
    }

    @Test
    void rejectsEmptyKeysAnywhere() {
        assertThat(errorsOf(document("name", "n", "attributes", Map.of("a", Map.of("", 1)))))
                .isNotEmpty();
    }

    @Test
    void namesUnknownAndReadOnlyFields() {
        assertThat(errorsOf(document("name", "n", "colour", "red", "createdAt", "x")))
                .containsExactly(
                        new FieldError("colour", "is not a field of an item"),
                        new FieldError("createdAt", "is read-only"));
    }

    @Test
    void countsNumbersByTheDigitsTheyComeBackInSoThatAnItemCannotGrowOnTheWayOut() {
        // 59,726 of 1e125: 358 KB as sent, 180 KB as DynamoDB stores it, 7.6 MB as it returns it
        List<BigDecimal> huge = java.util.Collections.nCopies(59_726, new BigDecimal("1e125"));

        assertThat(ItemDocument.read(document("name", "n", "attributes", Map.of("k", huge))))
                .isInstanceOfSatisfying(
                        ItemDocument.TooLarge.class,
                        tooLarge -> assertThat(tooLarge.bytes()).isGreaterThan(59_726L * 126));
        assertThat(ItemDocument.read(document("name", "n", "attributes", Map.of("k", huge.subList(0, 2_000)))))
                .isInstanceOf(ItemDocument.Valid.class);
    }

    @Test
    void saysTooLargeForContentOver350Kilobytes() {
        var reading = ItemDocument.read(document("name", "n", "attributes", Map.of("blob", "b".repeat(360 * 1024))));

        assertThat(reading)
                .isInstanceOfSatisfying(
                        ItemDocument.TooLarge.class,
                        tooLarge -> assertThat(tooLarge.bytes()).isGreaterThan(ItemDocument.MAX_ITEM_BYTES));
    }
}
