package dev.groundwork.imports.domain;

import dev.groundwork.items.domain.ItemContent;

/** An accepted line of an import: its number in the file (from 1) and the item it describes. */
public record ImportLine(int number, ItemContent content) {
    public ImportLine {
        if (number < 1 || content == null) {
            throw new IllegalArgumentException("lines count from 1 and carry content");
        }
    }
}
