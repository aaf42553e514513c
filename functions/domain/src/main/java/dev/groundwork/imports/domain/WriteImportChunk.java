package dev.groundwork.imports.domain;

import dev.groundwork.items.domain.Item;
import dev.groundwork.items.domain.ItemId;
import dev.groundwork.kernel.TenantId;
import java.time.Clock;
import java.util.List;
import java.util.Set;

/**
 * Writes one chunk of an import, idempotently: a chunk already counted is skipped, and of a chunk that was cut short
 * (the worker crashed half way) only the items not yet there are written, under ids derived from the import and the
 * line, so no delivery creates a second copy or overwrites a change made since. Then the job's progress is counted
 * once, and the job finishes with its last chunk.
 */
public final class WriteImportChunk {
    private final ImportJobs jobs;
    private final ImportedItems items;
    private final Clock clock;

    public WriteImportChunk(ImportJobs jobs, ImportedItems items, Clock clock) {
        this.jobs = jobs;
        this.items = items;
        this.clock = clock;
    }

    public enum Outcome {
        WRITTEN,
        ALREADY_WRITTEN,
        ABANDONED
    }

    /**
     * @param lastAttempt whether the queue will not deliver this chunk again after a failure: then a failure counts the
     *                    chunk's lines as failed (and the job can finish) before it is rethrown
     */
    public Outcome write(ImportChunk chunk, boolean lastAttempt) {
        TenantId tenant = chunk.tenant();
        if (jobs.isWritten(tenant, chunk.importId(), chunk.number())) {
            return Outcome.ALREADY_WRITTEN;
        }
        if (jobs.find(tenant, chunk.importId())
                .filter(WriteImportChunk::abandoned)
                .isPresent()) {
            // Its request failed before all chunks were sent and had no Idempotency-Key to finish it by: the client
            // was told nothing was imported, and may send it again, so its lines are not written.
            return Outcome.ABANDONED;
        }
        try {
            List<Item> all = chunk.lines().stream()
                    .map(line -> Item.created(
                            ImportedItemIds.of(chunk.importId(), chunk.importedAt(), line.number()),
                            line.content(),
                            chunk.importedAt()))
                    .toList();
            Set<ItemId> existing =
                    items.existing(tenant, all.stream().map(Item::id).toList());
            List<Item> missing =
                    all.stream().filter(item -> !existing.contains(item.id())).toList();
            if (!missing.isEmpty()) {
                items.writeAll(tenant, missing);
            }
            progress(chunk, true);
            return Outcome.WRITTEN;
        } catch (RuntimeException failure) {
            if (lastAttempt) {
                progress(chunk, false);
            }
            throw failure;
        }
    }

    /** Failed before any line was written or failed: the request that started it gave up (StartImport). */
    private static boolean abandoned(ImportJob job) {
        return job.status() == ImportStatus.FAILED && job.accepted() > 0 && job.written() == 0 && job.failed() == 0;
    }

    private void progress(ImportChunk chunk, boolean written) {
        ImportJob job = jobs.recordChunk(
                chunk.tenant(), chunk.importId(), chunk.number(), chunk.lines().size(), written, clock.instant());
        if (job.written() + job.failed() == job.accepted()) {
            jobs.finish(
                    chunk.tenant(),
                    chunk.importId(),
                    job.failed() == 0 ? ImportStatus.SUCCEEDED : ImportStatus.FAILED,
                    clock.instant());
        }
    }
}
