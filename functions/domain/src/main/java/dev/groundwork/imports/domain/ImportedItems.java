package dev.groundwork.imports.domain;

import dev.groundwork.items.domain.Item;
import java.util.List;

/** Where a chunk's items are written: all of them at once, or none. */
public interface ImportedItems {

    /** Whether the chunk's items were written, by this delivery or another (read strongly consistent). */
    boolean isWritten(ImportChunk chunk);

    /**
     * Writes every item of the chunk, and records that the chunk was written, in one atomic write: a store never holds
     * part of a chunk, so a delivery after a crash or beside another one cannot write an item twice, nor bring back
     * one the tenant deleted since.
     *
     * @return true when this call wrote the chunk; false when an earlier or a concurrent delivery did, and this one
     *     wrote nothing
     * @throws OutcomeUnknown when the chunk may have been written: the store was asked, and its answer was lost
     * @throws RuntimeException when nothing was written: retrying what the store could not take at once is the store's
     *     job
     */
    boolean write(ImportChunk chunk, List<Item> items);

    /** A write whose answer was lost (a timeout, a server error, one still in progress): it may have gone through. */
    final class OutcomeUnknown extends RuntimeException {
        public OutcomeUnknown(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
