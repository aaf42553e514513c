package dev.groundwork.imports.domain;

import java.util.List;

/** Where chunks go to be written, later and elsewhere (the import-jobs queue). */
@FunctionalInterface
public interface ImportChunks {
    /** Hands every chunk over, or throws: a chunk is never silently dropped. */
    void send(List<ImportChunk> chunks);
}
