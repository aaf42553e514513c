package dev.groundwork.imports.domain;

import dev.groundwork.items.domain.ItemId;
import java.util.Optional;

/** An import job's id: a ULID, made like item ids (time-ordered, unguessable). */
public record ImportId(String value) {
    public ImportId {
        if (ItemId.parse(value).isEmpty()) {
            throw new IllegalArgumentException("not a ULID");
        }
    }

    public static ImportId of(ItemId ulid) {
        return new ImportId(ulid.value());
    }

    public static Optional<ImportId> parse(String text) {
        return ItemId.parse(text).map(ulid -> new ImportId(ulid.value()));
    }

    @Override
    public String toString() {
        return value;
    }
}
