package dev.groundwork.imports.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.groundwork.imports.domain.ImportId;
import dev.groundwork.imports.domain.ImportJob;
import dev.groundwork.imports.domain.RejectedLine;
import dev.groundwork.kernel.FieldError;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * A job lists its first rejected lines, at most {@value ImportJob#MAX_REPORTED_LINES} and at most
 * {@value ImportJob#MAX_REPORTED_BYTES} bytes of them as its record stores them, so that the record stays within
 * DynamoDB's 400 KB however long the reasons are, and lists as many as fit.
 */
class ReportedRejectedLinesTest {
    private static final ImportId ID = new ImportId("01JBZ3NDEKTSV4RRFFQ69G5FAV");
    private static final Instant NOW = Instant.parse("2026-12-07T09:00:00Z");

    @Test
    void listsTheFirst500LinesWhenTheirReasonsAreShort() {
        List<RejectedLine> rejected = IntStream.rangeClosed(1, 600)
                .mapToObj(number -> new RejectedLine(number, List.of(new FieldError("name", "must not be blank"))))
                .toList();

        ImportJob job = ImportJob.queued(ID, 10, rejected, 1, NOW);

        assertThat(job.rejected()).isEqualTo(600);
        assertThat(job.rejectedLines())
                .hasSize(500)
                .first()
                .extracting(RejectedLine::number)
                .isEqualTo(1);
    }

    @Test
    void listsEveryLineWhoseLongReasonsFitIn200KbAsStored() {
        // An attack session's import: 10 lines of 100 reasons, each naming a 190-character attribute key. As stored
        // they take about 26 KB a line, so 7 fit; counted at 3 bytes a character, only 2 were listed.
        String key = "k".repeat(190);
        List<RejectedLine> rejected = IntStream.rangeClosed(1, 10)
                .mapToObj(number -> new RejectedLine(
                        number,
                        IntStream.range(0, 100)
                                .mapToObj(i -> new FieldError(
                                        "attributes." + key + "[" + i + "]", "must be a number DynamoDB can store"))
                                .toList()))
                .toList();

        ImportJob job = ImportJob.queued(ID, 0, rejected, 0, NOW);

        assertThat(job.rejectedLines()).hasSize(7);
        assertThat(stored(job.rejectedLines())).isLessThanOrEqualTo(ImportJob.MAX_REPORTED_BYTES);
        assertThat(stored(rejected.subList(0, 8))).isGreaterThan(ImportJob.MAX_REPORTED_BYTES);
    }

    @Property(tries = 60)
    void theListAsStoredStaysWithinItsBoundAndEndsOnlyWhereTheNextLineWouldNotFit(
            @ForAll("rejectedLines") List<RejectedLine> rejected) {
        ImportJob job = ImportJob.queued(ID, 1, rejected, 1, NOW);
        List<RejectedLine> listed = job.rejectedLines();

        assertThat(rejected).startsWith(listed.toArray(RejectedLine[]::new));
        assertThat(stored(listed)).isLessThanOrEqualTo(ImportJob.MAX_REPORTED_BYTES);
        if (listed.size() < Math.min(rejected.size(), ImportJob.MAX_REPORTED_LINES)) {
            List<RejectedLine> withTheNext = new ArrayList<>(listed);
            withTheNext.add(rejected.get(listed.size()));
            // The count adds a comma after each line and each reason, which the stored list has one fewer of each.
            int commas = withTheNext.stream()
                    .mapToInt(line -> 1 + line.errors().size())
                    .sum();
            assertThat(stored(withTheNext) + commas).isGreaterThan(ImportJob.MAX_REPORTED_BYTES);
        }
    }

    @Provide
    Arbitrary<List<RejectedLine>> rejectedLines() {
        // Reasons of every kind of character: quotes, backslashes, control characters, accents, CJK, emoji (no lone
        // surrogate: one is counted as the 3 bytes it could become, more than it takes here).
        Arbitrary<String> text = Arbitraries.oneOf(
                        Arbitraries.strings().ofMaxLength(40),
                        Arbitraries.of(
                                        "\"",
                                        "\\",
                                        "\n",
                                        "\t",
                                        "\u0001",
                                        "\u001f",
                                        "\u00e9",
                                        "\u20ac",
                                        "\ud83d\ude00",
                                        "a")
                                .list()
                                .ofMaxSize(2000)
                                .map(characters -> String.join("", characters)),
                        Arbitraries.strings().alpha().ofMinLength(1000).ofMaxLength(5000))
                .filter(string -> string.codePoints().noneMatch(point -> point >= 0xD800 && point <= 0xDFFF));
        Arbitrary<FieldError> error = text.tuple2().map(pair -> new FieldError(pair.get1(), pair.get2()));
        return error.list()
                .ofMinSize(1)
                .ofMaxSize(8)
                .list()
                .ofMinSize(1)
                .ofMaxSize(150)
                .map(reasons -> IntStream.range(0, reasons.size())
                        .mapToObj(i -> new RejectedLine(i + 1, reasons.get(i)))
                        .toList());
    }

    private static int stored(List<RejectedLine> lines) {
        return DynamoDbImportJobs.rejectedLines(lines).getBytes(StandardCharsets.UTF_8).length;
    }
}
