package dev.groundwork.imports.sqs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.groundwork.imports.domain.ImportChunk;
import dev.groundwork.imports.domain.ImportId;
import dev.groundwork.imports.domain.ImportLine;
import dev.groundwork.imports.domain.StartImport;
import dev.groundwork.items.domain.ItemContent;
import dev.groundwork.items.domain.JsonValues;
import dev.groundwork.kernel.TenantId;
import dev.groundwork.platform.sqs.Unreadable;
import dev.groundwork.platform.testing.DistinctKeys;
import dev.groundwork.platform.testing.RetainedHeap;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ImportChunkMessagesTest {
    private static final ImportId IMPORT = new ImportId("01JDX5Q0A8Z4M6TB3N7R9WV001");

    @Test
    void aChunkReadsBackAsItWasWritten() throws Unreadable {
        ImportChunk chunk = chunk(3, Map.of("colour", "blue", "size", new BigDecimal("1.1"), "é😀", List.of()));

        assertThat(ImportChunkMessages.read(ImportChunkMessages.write(chunk))).isEqualTo(chunk);
    }

    @Test
    void countsALineOfChineseOrEmojiByItsUtf8AsTheFileDid() throws Unreadable {
        String text = "汉字".repeat(5_000) + "😀".repeat(5_000); // 30,000 + 20,000 bytes of UTF-8
        ImportChunk chunk = chunk(1, Map.of("text", text));
        String message = ImportChunkMessages.write(chunk);

        assertThat(message).contains(text).doesNotContain("\\u");
        assertThat(ImportChunkMessages.encodedSize(chunk.lines().getFirst())).isBetween(50_000L, 50_200L);
        assertThat(ImportChunkMessages.read(message)).isEqualTo(chunk);
    }

    @Test
    void aMessageOfMoreLinesThanOneTransactionWritesIsUnreadableAndNamesItsChunk() {
        String ninetyNine = ImportChunkMessages.write(new ImportChunk(
                new TenantId("acme"),
                IMPORT,
                Instant.parse("2026-11-25T18:00:00Z"),
                4,
                java.util.stream.IntStream.rangeClosed(1, StartImport.MAX_LINES_PER_CHUNK)
                        .mapToObj(line -> new ImportLine(line, new ItemContent("n", Map.of(), List.of())))
                        .toList()));
        String hundred = ninetyNine.replace("\"lines\":[", "\"lines\":[{\"line\":100,\"item\":{\"name\":\"n\"}},");

        assertThatThrownBy(() -> ImportChunkMessages.read(hundred))
                .isInstanceOfSatisfying(
                        Unreadable.class,
                        unreadable -> assertThat(unreadable.getMessage())
                                .contains("1 to " + StartImport.MAX_LINES_PER_CHUNK + " lines"));
    }

    /**
     * The worker serves every tenant's imports in turn: the keys of one tenant's items stay with its chunk, not in the
     * worker's process (docs/security.md, "Keys a process keeps").
     */
    @Test
    void readingChunksOfThousandsOfDistinctKeysKeepsNoneOfThem() {
        List<String> messages = new ArrayList<>();
        for (int n = 1; n <= 25; n++) {
            // 25 × 236 = 5,900 keys, just under the ~6,000 a default Jackson factory keeps
            Map<String, Object> keys = DistinctKeys.asObject(String.valueOf(n), 236, JsonValues.MAX_KEY_BYTES);
            messages.add(ImportChunkMessages.write(chunk(n, Map.of("keys", keys))));
        }

        long kept = RetainedHeap.bytesKeptBy(() -> messages.forEach(message -> {
            try {
                ImportChunkMessages.read(message);
            } catch (Unreadable unreadable) {
                throw new AssertionError(unreadable);
            }
        }));

        // A default factory keeps 6.4 MB of these keys; this one, about 0.1.
        assertThat(kept).as("bytes kept after reading the chunks").isLessThan(2L << 20);
    }

    private static ImportChunk chunk(int number, Map<String, Object> attributes) {
        return new ImportChunk(
                new TenantId("acme"),
                IMPORT,
                Instant.parse("2026-12-06T12:00:00Z"),
                number,
                List.of(new ImportLine(1, new ItemContent("item " + number, attributes, List.of("t")))));
    }
}
