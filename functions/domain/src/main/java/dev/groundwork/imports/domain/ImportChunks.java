package dev.groundwork.imports.domain;

import java.time.Instant;
import java.util.List;

/** Where chunks go to be written, later and elsewhere (the import-jobs queue). */
@FunctionalInterface
public interface ImportChunks {
    /**
     * Hands every chunk over, or throws: a chunk is never silently dropped. A call to the queue starts only until
     * {@code sendBy}; past it, the rest are not sent and {@link dev.groundwork.kernel.OutOfTime} is thrown.
     */
    void send(List<ImportChunk> chunks, Instant sendBy);
}
