package dev.groundwork.imports.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.groundwork.items.domain.ItemId;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ImportedItemIdsTest {
    private static final ImportId IMPORT = new ImportId("01JBZ3NDEKTSV4RRFFQ69G5FAV");
    private static final Instant AT = Instant.parse("2026-11-25T18:00:00Z");

    @Test
    void derivesTheSameIdForTheSameImportAndLine() {
        assertThat(ImportedItemIds.of(IMPORT, AT, 42)).isEqualTo(ImportedItemIds.of(IMPORT, AT, 42));
    }

    @Test
    void derivesDistinctValidUlidsForTenThousandLines() {
        Set<ItemId> ids = new HashSet<>();
        for (int line = 1; line <= 10_000; line++) {
            ids.add(ImportedItemIds.of(IMPORT, AT, line));
        }
        assertThat(ids).hasSize(10_000);
    }

    @Test
    void carriesTheImportsTimeSoImportedItemsSortWithTheirImport() {
        ItemId id = ImportedItemIds.of(IMPORT, AT, 1);
        ItemId later = ImportedItemIds.of(IMPORT, AT.plusMillis(1), 1);
        assertThat(id.value().substring(0, 10)).isNotEqualTo(later.value().substring(0, 10));
        assertThat(later).isGreaterThan(id);
    }

    @Test
    void differsBetweenImports() {
        assertThat(ImportedItemIds.of(new ImportId("01JBZ3NDEKTSV4RRFFQ69G5FAW"), AT, 1))
                .isNotEqualTo(ImportedItemIds.of(IMPORT, AT, 1));
    }
}
