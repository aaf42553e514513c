package dev.groundwork.imports.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.groundwork.imports.domain.ImportInput;
import dev.groundwork.platform.http.Rejection;
import dev.groundwork.platform.testing.HostileJson;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** Any import body is read into lines or refused whole as a problem; never an exception, never a line lost. */
class ImportBodiesPropertiesTest {

    @Property(tries = 1_000)
    void anyNdjsonBodyGivesOneInputPerNonBlankLineNumberedAsInTheFile(@ForAll("ndjson") List<String> lines) {
        byte[] body = String.join("\n", lines).getBytes(StandardCharsets.UTF_8);
        long nonBlank = lines.stream().filter(line -> !line.isBlank()).count();
        // A byte order mark at the very start says how the whole file was saved: it is refused whole, naming it.
        boolean startsWithByteOrderMark = !lines.isEmpty() && lines.getFirst().startsWith("\uFEFF");

        try {
            List<ImportInput> inputs = ImportBodies.read(ImportBodies.NDJSON, body);

            assertThat(startsWithByteOrderMark).isFalse();
            assertThat(inputs).hasSize((int) nonBlank);
            inputs.forEach(input -> assertThat(lines.get(input.line() - 1)).isNotBlank());
        } catch (Rejection refused) {
            assertThat(nonBlank == 0 || startsWithByteOrderMark).isTrue();
            if (startsWithByteOrderMark) {
                assertThat(refused.problem().detail()).contains("byte order mark");
            }
        }
    }

    @Property(tries = 1_000)
    void anyBytesAreReadOrRefusedAsAProblem(@ForAll byte[] body, @ForAll boolean ndjson) {
        try {
            ImportBodies.read(ndjson ? ImportBodies.NDJSON : ImportBodies.JSON, body);
        } catch (Rejection refused) {
            assertThat(refused.problem().type().status()).isBetween(400, 499);
        }
    }

    @Property(tries = 500)
    void anyJsonArrayBodyIsReadOrRefusedAsAProblem(@ForAll("arrays") String body) {
        try {
            ImportBodies.read(ImportBodies.JSON, body.getBytes(StandardCharsets.UTF_8));
        } catch (Rejection refused) {
            assertThat(refused.problem().type().status()).isBetween(400, 499);
        }
    }

    /**
     * Items with faults of their own (keys given twice, keys of lone surrogates, a byte that is not UTF-8 in a string)
     * are each read as they would be alone, as NDJSON's lines are; the others are imported beside them, in order.
     */
    @Property(tries = 500)
    void anyJsonArrayOfItemsGivesEachItemAsItWouldBeReadAlone(@ForAll("faultyItems") List<byte[]> items) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes("[".getBytes(StandardCharsets.UTF_8));
        for (int i = 0; i < items.size(); i++) {
            body.writeBytes((i == 0 ? "" : ",\n ").getBytes(StandardCharsets.UTF_8));
            body.writeBytes(items.get(i));
        }
        body.writeBytes("]".getBytes(StandardCharsets.UTF_8));

        List<ImportInput> inputs = ImportBodies.read(ImportBodies.JSON, body.toByteArray());

        assertThat(inputs).extracting(ImportInput::line).isEqualTo(numbered(items.size()));
        for (ImportInput input : inputs) {
            assertThat(input).isEqualTo(readAlone(items.get(input.line() - 1), input.line()));
        }
    }

    /**
     * An array with an item's fault is still refused whole when it breaks JSON's rules anywhere else (what an attack
     * on an earlier split found imported in part): nothing of it is imported.
     */
    @Property(tries = 500)
    void anArrayWithAnItemsFaultAndABreakElsewhereIsRefusedWhole(
            @ForAll("faultyItems") List<byte[]> items,
            @ForAll @IntRange(max = 8) int faultAt,
            @ForAll("breaks") java.util.function.UnaryOperator<List<String>> breakIt) {
        List<String> texts = new ArrayList<>(items.stream()
                .map(item -> new String(item, StandardCharsets.ISO_8859_1))
                .toList());
        texts.add(Math.min(faultAt, texts.size()), "{\"name\":\"a\",\"name\":\"b\"}");
        byte[] body = String.join("", breakIt.apply(texts)).getBytes(StandardCharsets.ISO_8859_1);

        assertThatThrownBy(() -> ImportBodies.read(ImportBodies.JSON, body))
                .isInstanceOfSatisfying(
                        Rejection.class,
                        refused -> assertThat(refused.problem().type().status()).isEqualTo(400));
    }

    private static List<Integer> numbered(int items) {
        return IntStream.rangeClosed(1, items).boxed().toList();
    }

    private static ImportInput readAlone(byte[] item, int line) {
        ImportInput alone = ImportBodies.read(ImportBodies.NDJSON, item).getFirst();
        return switch (alone) {
            case ImportInput.Document document -> new ImportInput.Document(line, document.document());
            case ImportInput.Unreadable unreadable -> new ImportInput.Unreadable(line, unreadable.error());
        };
    }

    /** Item documents as bytes, some with a byte of a character made 0xFF: no UTF-8, inside a string. */
    @Provide
    Arbitrary<List<byte[]>> faultyItems() {
        return Combinators.combine(
                        HostileJson.itemDocument(), Arbitraries.integers().between(0, 3))
                .as((item, spoil) -> {
                    byte[] bytes = item.getBytes(StandardCharsets.UTF_8);
                    for (int i = 0; spoil == 0 && i < bytes.length; i++) {
                        if (bytes[i] < 0) {
                            bytes[i] = (byte) 0xFF;
                            break;
                        }
                    }
                    return bytes;
                })
                .list()
                .ofMinSize(1)
                .ofMaxSize(8);
    }

    /** A break of JSON's rules between or around items, each of which no reading of an item alone can mend. */
    @Provide
    Arbitrary<java.util.function.UnaryOperator<List<String>>> breaks() {
        return Combinators.combine(
                        Arbitraries.of(
                                "a missing comma",
                                "a doubled comma",
                                "a trailing comma",
                                "a stray quote",
                                "an unclosed array",
                                "content after the array",
                                "an unclosed item nested 5,000 deep",
                                "a closing brace for a bracket"),
                        Arbitraries.integers().between(0, 8))
                .as((kind, at) -> texts -> {
                    int i = at % texts.size();
                    List<String> items = new ArrayList<>(texts);
                    String open = "[", close = "]";
                    List<String> separators = new ArrayList<>(java.util.Collections.nCopies(items.size(), ","));
                    separators.set(items.size() - 1, "");
                    switch (kind) {
                        case "a missing comma" -> {
                            if (items.size() == 1) {
                                items.add("{}");
                                separators.add("");
                            }
                            separators.set(Math.min(i, items.size() - 2), " ");
                        }
                        case "a doubled comma" -> separators.set(i, ",,");
                        case "a trailing comma" -> separators.set(items.size() - 1, ",");
                        case "a stray quote" -> items.set(i, "\"" + items.get(i));
                        case "an unclosed array" -> close = "";
                        case "content after the array" -> close = "] {}";
                        case "an unclosed item nested 5,000 deep" ->
                            items.set(i, "[".repeat(5_000) + "]".repeat(4_999));
                        default -> close = "}";
                    }
                    List<String> parts = new ArrayList<>(List.of(open));
                    for (int j = 0; j < items.size(); j++) {
                        parts.add(items.get(j));
                        parts.add(separators.get(j));
                    }
                    parts.add(close);
                    return parts;
                });
    }

    @Provide
    Arbitrary<List<String>> ndjson() {
        return Arbitraries.frequencyOf(
                        net.jqwik.api.Tuple.of(8, HostileJson.itemDocument()),
                        net.jqwik.api.Tuple.of(
                                1, Arbitraries.of("", " ", "\r", "\t ", "[1]", "{", "null", "\"x\"", "\uFEFF{}")),
                        net.jqwik.api.Tuple.of(1, HostileJson.value(2)))
                .list()
                .ofMaxSize(12);
    }

    @Provide
    Arbitrary<String> arrays() {
        return HostileJson.itemDocument().list().ofMaxSize(8).map(items -> "[" + String.join(",", items) + "]");
    }
}
