package dev.groundwork.imports.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.groundwork.imports.domain.ImportInput;
import dev.groundwork.platform.http.Rejection;
import dev.groundwork.platform.testing.HostileJson;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

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
