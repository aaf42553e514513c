package dev.groundwork.imports.domain;

import dev.groundwork.items.domain.Item;
import dev.groundwork.kernel.TenantId;
import java.time.Instant;
import java.util.List;

/**
 * A part of an import, small enough for one queue message: the lines to write, and what derives their item ids
 * (the import's id and time), so every delivery of a chunk names the same items.
 *
 * @param number counts from 1 to the job's {@code chunks}
 * @param lines 1 to {@link StartImport#MAX_LINES_PER_CHUNK}: what one transaction writes
 */
public record ImportChunk(TenantId tenant, ImportId importId, Instant importedAt, int number, List<ImportLine> lines) {
    public ImportChunk {
        if (tenant == null
                || importId == null
                || importedAt == null
                || number < 1
                || lines == null
                || lines.isEmpty()
                || lines.size() > StartImport.MAX_LINES_PER_CHUNK) {
            throw new IllegalArgumentException("a chunk has a tenant, an import, a number from 1 and 1 to "
                    + StartImport.MAX_LINES_PER_CHUNK + " lines");
        }
        lines = List.copyOf(lines);
    }

    /** The items its lines make, under ids derived from the import and the line: the same at every delivery. */
    public List<Item> items() {
        return lines.stream()
                .map(line -> Item.created(
                        ImportedItemIds.of(importId, importedAt, line.number()), line.content(), importedAt))
                .toList();
    }
}
