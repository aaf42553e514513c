package dev.groundwork.imports.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.groundwork.imports.domain.ImportChunk;
import dev.groundwork.imports.domain.ImportId;
import dev.groundwork.imports.domain.ImportInput;
import dev.groundwork.imports.domain.ImportLine;
import dev.groundwork.imports.sqs.ImportChunkMessages;
import dev.groundwork.items.domain.ItemContent;
import dev.groundwork.kernel.FieldError;
import dev.groundwork.kernel.TenantId;
import dev.groundwork.platform.http.Rejection;
import dev.groundwork.platform.sqs.Unreadable;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ImportBodiesTest {
    private static List<ImportInput> read(String mediaType, String body) {
        return ImportBodies.read(mediaType, body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsAJsonArrayWithLineNumbersFromOne() {
        List<ImportInput> inputs =
                read("application/json", "[{\"name\":\"a\"}, 7, {\"name\":\"b\",\"attributes\":{\"n\":1.5}}]");

        assertThat(inputs).extracting(ImportInput::line).containsExactly(1, 2, 3);
        assertThat(inputs.get(1)).isInstanceOf(ImportInput.Unreadable.class);
        assertThat(((ImportInput.Document) inputs.get(2)).document().get("attributes"))
                .isEqualTo(Map.of("n", new BigDecimal("1.5")));
    }

    @Test
    void readsNdjsonByPhysicalLineSkippingBlankOnesAndRejectingBrokenOnes() {
        List<ImportInput> inputs =
                read("application/x-ndjson", "{\"name\":\"a\"}\n\n{broken\n{\"name\":\"b\",\"name\":\"c\"}\n");

        assertThat(inputs).extracting(ImportInput::line).containsExactly(1, 3, 4);
        assertThat(inputs.get(1)).isInstanceOf(ImportInput.Unreadable.class);
        assertThat(inputs.get(2))
                .as("a duplicate key is an error naming it, as in POST /v1/items")
                .isEqualTo(new ImportInput.Unreadable(
                        4, new FieldError("name", "is given more than once in its object; each key may appear once")));
    }

    @Test
    void rejectsAnArrayItemThatGivesAKeyTwiceAloneAndReadsTheOthers() {
        List<ImportInput> inputs = read(
                "application/json",
                "[{\"name\":\"a\"}, {\"name\":\"b\",\"attributes\":{\"k\":\"],}\\\"\",\"k\":2}},\n {\"name\":\"c\"}, 7]");

        assertThat(inputs)
                .as("a duplicate key is the item's error, as it is a line's in NDJSON")
                .containsExactly(
                        new ImportInput.Document(1, Map.of("name", "a")),
                        new ImportInput.Unreadable(
                                2,
                                new FieldError(
                                        "attributes.k",
                                        "is given more than once in its object; each key may appear once")),
                        new ImportInput.Document(3, Map.of("name", "c")),
                        new ImportInput.Unreadable(4, "must be a JSON object"));
    }

    @Test
    void rejectsAnArrayItemWhoseKeyHoldsALoneSurrogateAlone() {
        List<ImportInput> inputs =
                read("application/json", "[{\"name\":\"a\",\"attributes\":{\"k\\ud800\":1}},{\"name\":\"b\"}]");

        assertThat(inputs)
                .containsExactly(
                        new ImportInput.Unreadable(
                                1,
                                new FieldError(
                                        "attributes",
                                        "has a key that holds an unpaired UTF-16 surrogate, which is not a character")),
                        new ImportInput.Document(2, Map.of("name", "b")));
    }

    /**
     * What an attack on an earlier split found imported in part: once an item's own fault stops the parser, the rest
     * of the array must still be well-formed JSON, or none of it is taken.
     */
    @Test
    void refusesAnArrayWithAnItemsFaultWholeWhenItIsNotWellFormedBesides() {
        String faulty = "{\"name\":\"a\",\"name\":\"b\"}";
        for (String broken : List.of(
                "[" + faulty + ", {\"name\":tru}]",
                "[" + faulty + ",, {\"name\":\"c\"}]",
                "[" + faulty + ", {\"name\":\"c\"}",
                "[" + faulty + "] x",
                "[" + faulty + ", \"{\"name\":\"c\"}]",
                "[" + faulty + " {\"name\":\"c\"}]",
                "[" + faulty + ", {\"name\":\"c\"},]",
                "[" + faulty + ", {\"name\":\"c\"} {\"name\":\"d\"}]",
                "[" + faulty + ", {\"name\":\"c\", \"attributes\":{\"a\":" + "[".repeat(5_000) + "}}]",
                "[" + faulty + ", {\"name\":\"c\"]}",
                "[" + faulty + ", {\"name\":\"c\\\"}]",
                "[" + faulty + ", {\"name\":\"c\\x\"}]")) {
            assertThatThrownBy(() -> read("application/json", broken))
                    .as(broken.length() > 200 ? broken.substring(0, 200) : broken)
                    .isInstanceOfSatisfying(
                            Rejection.class,
                            rejection -> assertThat(rejection.problem().type().status())
                                    .isEqualTo(400));
        }
    }

    @Test
    void rejectsAnArrayItemPastTheParsersLimitsAloneNamingTheField() {
        List<ImportInput> inputs = read(
                "application/json",
                "[{\"name\":\"a\",\"attributes\":{\"n\":1" + "0".repeat(1_000) + "}},\n"
                        + " {\"name\":\"b\",\"attributes\":{\"d\":" + "[".repeat(500) + "]".repeat(500) + "}},\n"
                        + " {\"name\":\"c\"}]");

        assertThat(inputs.get(0))
                .isEqualTo(new ImportInput.Unreadable(
                        1, new FieldError("attributes.n", "is a number longer than 1000 characters")));
        assertThat(inputs.get(1)).isInstanceOfSatisfying(ImportInput.Unreadable.class, deep -> {
            assertThat(deep.error().field()).as("cut, as every long field is").startsWith("attributes.d[0][0][0]");
            assertThat(deep.error().message()).isEqualTo("nests deeper than 32 levels");
        });
        assertThat(inputs.get(2)).isEqualTo(new ImportInput.Document(3, Map.of("name", "c")));
    }

    @Test
    void countsAnArraysItemsAgainstTheLimitWhenReadingThemOneByOne() {
        String body = "[{\"name\":\"a\",\"name\":\"b\"}" + ",1".repeat(10_000) + "]";

        assertThatThrownBy(() -> read("application/json", body))
                .isInstanceOfSatisfying(
                        Rejection.class,
                        rejection ->
                                assertThat(rejection.problem().type().status()).isEqualTo(413));
    }

    @Test
    void refusesABodyThatIsNoArrayOrIsEmpty() {
        assertThatThrownBy(() -> read("application/json", "{\"name\":\"a\"}")).isInstanceOf(Rejection.class);
        assertThatThrownBy(() -> read("application/json", "[]")).isInstanceOf(Rejection.class);
        assertThatThrownBy(() -> read("application/json", "[{\"name\":\"a\"}")).isInstanceOf(Rejection.class);
        assertThatThrownBy(() -> read("application/x-ndjson", "\n\n")).isInstanceOf(Rejection.class);
    }

    @Test
    void refusesABodyThatStartsWithAUtf8ByteOrderMarkWholeNamingIt() {
        for (String mediaType : List.of(ImportBodies.NDJSON, ImportBodies.JSON)) {
            String body = ImportBodies.NDJSON.equals(mediaType)
                    ? "{\"name\":\"a\"}\n{\"name\":\"b\"}\n"
                    : "[{\"name\":\"a\"}]";

            assertThatThrownBy(() -> read(mediaType, "\uFEFF" + body))
                    .isInstanceOfSatisfying(Rejection.class, refused -> {
                        assertThat(refused.problem().type().status()).isEqualTo(400);
                        assertThat(refused.problem().type().slug()).isEqualTo("malformed-json");
                        assertThat(refused.problem().detail()).contains("UTF-8 with a byte order mark");
                    });
        }
    }

    @Test
    void refusesAUtf16OrUtf32BodyWholeNamingItsEncoding() {
        String ndjson = "{\"name\":\"a\"}\n{\"name\":\"b\"}\n";
        for (String charset : List.of("UTF-16", "UTF-16LE", "UTF-16BE", "UTF-32LE", "UTF-32BE")) {
            byte[] body = ndjson.getBytes(java.nio.charset.Charset.forName(charset));
            String expected = charset.startsWith("UTF-32") ? "UTF-32" : "UTF-16";

            assertThatThrownBy(() -> ImportBodies.read(ImportBodies.NDJSON, body))
                    .as(charset)
                    .isInstanceOfSatisfying(Rejection.class, refused -> {
                        assertThat(refused.problem().type().status()).isEqualTo(400);
                        assertThat(refused.problem().detail()).contains("is " + expected + ", not UTF-8");
                    });
        }
    }

    @Test
    void refusesAGzippedBodyWholeSayingItIsCompressed() throws Exception {
        java.io.ByteArrayOutputStream compressed = new java.io.ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream gzip = new java.util.zip.GZIPOutputStream(compressed)) {
            gzip.write("{\"name\":\"a\"}\n".getBytes(StandardCharsets.UTF_8));
        }

        assertThatThrownBy(() -> ImportBodies.read(ImportBodies.NDJSON, compressed.toByteArray()))
                .isInstanceOfSatisfying(Rejection.class, refused -> {
                    assertThat(refused.problem().type().status()).isEqualTo(400);
                    assertThat(refused.problem().detail())
                            .contains("gzip-compressed")
                            .doesNotContain("UTF-16");
                });
    }

    @Test
    void rejectsAFirstLineThatStartsWithAZeroByteAloneAndReadsTheRest() {
        List<ImportInput> inputs = read(ImportBodies.NDJSON, "\u0000{\"name\":\"a\"}\n{\"name\":\"b\"}\n");

        assertThat(inputs.get(0)).isInstanceOf(ImportInput.Unreadable.class);
        assertThat(inputs.get(1)).isInstanceOf(ImportInput.Document.class);
    }

    @Test
    void namesAByteOrderMarkThatStartsALaterLine() {
        List<ImportInput> inputs = read(ImportBodies.NDJSON, "{\"name\":\"a\"}\n\uFEFF{\"name\":\"b\"}\n");

        assertThat(inputs.get(0)).isInstanceOf(ImportInput.Document.class);
        assertThat(inputs.get(1))
                .isEqualTo(
                        new ImportInput.Unreadable(2, "is not valid JSON: it starts with a byte order mark (U+FEFF)"));
    }

    @Test
    void namesWhatALaterLineStartsWithOrTheZeroByteItHolds() {
        // given: after a UTF-8 line, lines that start with UTF-16's byte order mark, UTF-32's, gzip's magic number, a
        // NUL-padded line, a short line with a zero byte that no encoding explains, and a lone NUL
        byte[] body = concat("{\"name\":\"a\"}\n".getBytes(StandardCharsets.UTF_8), new byte[] {
            (byte) 0xFF,
            (byte) 0xFE,
            '{',
            0,
            '}',
            0,
            '\n',
            (byte) 0xFF,
            (byte) 0xFE,
            0,
            0,
            '{',
            0,
            0,
            0,
            '\n',
            0x1F,
            (byte) 0x8B,
            8,
            0,
            '\n',
            0,
            0,
            0,
            0,
            0,
            0,
            0,
            0,
            '\n',
            '{',
            0,
            '}',
            '\n',
            0,
            '\n'
        });

        // when
        List<ImportInput> inputs = ImportBodies.read(ImportBodies.NDJSON, body);

        // then
        assertThat(inputs.get(0)).isInstanceOf(ImportInput.Document.class);
        assertThat(inputs.subList(1, inputs.size()))
                .containsExactly(
                        new ImportInput.Unreadable(
                                2, "is not valid JSON: it starts with a UTF-16 or UTF-32 byte order mark; send UTF-8"),
                        new ImportInput.Unreadable(
                                3, "is not valid JSON: it starts with a UTF-16 or UTF-32 byte order mark; send UTF-8"),
                        new ImportInput.Unreadable(4, "is not valid JSON: it is gzip-compressed"),
                        new ImportInput.Unreadable(5, "is not valid JSON: it holds a zero byte at byte 1"),
                        new ImportInput.Unreadable(6, "is not valid JSON: it holds a zero byte at byte 2"),
                        new ImportInput.Unreadable(7, "is not valid JSON: it holds a zero byte at byte 1"));
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] both = java.util.Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }

    @Test
    void namesTheObjectWhoseKeyHoldsALoneSurrogate() {
        List<ImportInput> inputs = read(ImportBodies.NDJSON, "{\"name\":\"a\",\"attributes\":{\"k\\ud800\":1}}\n");

        assertThat(inputs)
                .containsExactly(new ImportInput.Unreadable(
                        1,
                        new FieldError(
                                "attributes",
                                "has a key that holds an unpaired UTF-16 surrogate, which is not a character")));
    }

    /** The text's bytes with the first "?" made the byte 0xE9 (Latin-1's é), which is no UTF-8 there. */
    private static byte[] latin1At(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        bytes[text.indexOf('?')] = (byte) 0xE9;
        return bytes;
    }

    @Test
    void rejectsALineWithAByteThatIsNotUtf8NamingItsFieldAndReadsTheRest() {
        List<ImportInput> inputs = ImportBodies.read(
                ImportBodies.NDJSON,
                latin1At(
                        "{\"name\":\"a\"}\n{\"name\":\"b\",\"attributes\":{\"city\":\"Mont?limar\"}}\n{\"name\":\"c\"}\n"));

        assertThat(inputs.get(0)).isInstanceOf(ImportInput.Document.class);
        assertThat(inputs.get(1))
                .isEqualTo(new ImportInput.Unreadable(
                        2,
                        new FieldError(
                                "attributes.city", "holds a byte that is not UTF-8 (0xE9); send text in UTF-8")));
        assertThat(inputs.get(2)).isInstanceOf(ImportInput.Document.class);
    }

    @Test
    void rejectsAnArrayItemWithAByteThatIsNotUtf8AloneNamingItsField() {
        List<ImportInput> inputs = ImportBodies.read(
                ImportBodies.JSON, latin1At("[{\"name\":\"caf?\"},{\"name\":\"b\",\"tags\":[\"é\"]}]"));

        assertThat(inputs)
                .containsExactly(
                        new ImportInput.Unreadable(
                                1, new FieldError("name", "holds a byte that is not UTF-8 (0xE9); send text in UTF-8")),
                        new ImportInput.Document(2, Map.of("name", "b", "tags", List.of("é"))));
    }

    @Test
    void refusesABodyThatIsNoArrayWithAByteThatIsNotUtf8AsTheStrictReadingDoes() {
        assertThatThrownBy(() -> ImportBodies.read(ImportBodies.JSON, latin1At("\"caf?\"")))
                .isInstanceOfSatisfying(
                        Rejection.class,
                        rejection -> assertThat(rejection.problem().errors())
                                .extracting(FieldError::message)
                                .containsExactly("holds a byte that is not UTF-8 (0xE9); send text in UTF-8"));
    }

    @Test
    void refusesAnArrayWithAByteThatIsNotUtf8OutsideAnyStringWhole() {
        assertThatThrownBy(() -> ImportBodies.read(
                        ImportBodies.JSON, latin1At("[{\"name\":\"a\",\"name\":\"b\"}, ?{\"name\":\"c\"}]")))
                .isInstanceOf(Rejection.class);
    }

    @Test
    void writesAndReadsAChunkAsOneMessage() throws Unreadable {
        ImportChunk chunk = new ImportChunk(
                new TenantId("acme"),
                new ImportId("01JBZ3NDEKTSV4RRFFQ69G5FAV"),
                Instant.parse("2026-11-25T18:00:00Z"),
                3,
                List.of(new ImportLine(
                        201,
                        new ItemContent(
                                "a",
                                Map.of(
                                        "n", new BigDecimal("12.5"),
                                        // numbers as the API reads them: DynamoDB's form, 1.10 as 1.1, 100.0 as 1E+2
                                        "trailing", new BigDecimal("1.1"),
                                        "hundred", new BigDecimal("1E+2"),
                                        "deep", Map.of("x", List.of(true))),
                                List.of("t")))));

        assertThat(ImportChunkMessages.read(ImportChunkMessages.write(chunk))).isEqualTo(chunk);
    }
}
