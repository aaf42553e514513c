package dev.groundwork.imports.domain;

import dev.groundwork.kernel.TenantId;
import java.time.Clock;

/**
 * Writes one chunk of an import, idempotently: a chunk already counted is skipped, and a chunk's items are written
 * all at once or not at all ({@link ImportedItems#write}), under ids derived from the import and the line, so no
 * delivery, after a crash or beside another, creates a second copy, overwrites a change made since or brings back an
 * item deleted since. Then the job's progress is counted once, and the job finishes with its last chunk.
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
     * @param lastAttempt whether the queue will not deliver this chunk again after a failure: then a failure to write
     *                    the chunk counts its lines as failed (and the job can finish) before it is rethrown
     */
    public Outcome write(ImportChunk chunk, boolean lastAttempt) {
        TenantId tenant = chunk.tenant();
        if (jobs.isWritten(tenant, chunk.importId(), chunk.number())) {
            return alreadyWritten(chunk);
        }
        ImportJob job = jobs.find(tenant, chunk.importId())
                .orElseThrow(() -> new IllegalStateException("import " + chunk.importId() + " chunk " + chunk.number()
                        + ": its job is not in the table (POST /v1/imports stores it before it sends a chunk);"
                        + " nothing written"));
        if (abandoned(job)) {
            // Its request failed before all chunks were sent and had no Idempotency-Key to finish it by: the client
            // was told nothing was imported, and may send it again, so its lines are not written.
            return Outcome.ABANDONED;
        }
        if (!couldBelongTo(chunk, job)) {
            if (jobs.isWritten(tenant, chunk.importId(), chunk.number())) {
                // Another delivery of it was counted between the two reads: its lines are in the job's count.
                return alreadyWritten(chunk);
            }
            // No request made it: counted, it would leave the job with more lines written than accepted, a record
            // that no read could answer. Refused whole, on every delivery, so it ends in the dead-letter queue.
            throw new IllegalStateException("import " + chunk.importId() + " chunk " + chunk.number() + " of "
                    + chunk.lines().size() + " lines is no chunk of its job (" + job.chunks() + " chunks, "
                    + (job.accepted() - job.written()) + " lines not written); nothing written");
        }
        boolean stored = false;
        try {
            // Written by an earlier delivery that stopped before counting it, or now (by this delivery, or by one
            // beside it, when write answers false): counted now either way, once.
            if (!items.isWritten(chunk)) {
                items.write(chunk, chunk.items());
            }
            stored = true;
            progress(chunk, true);
            return Outcome.WRITTEN;
        } catch (RuntimeException failure) {
            if (lastAttempt) {
                // The queue will not deliver it again: count it now if it is stored, as failed only if it is not.
                // Lines that may be stored are never counted as failed (a client told so would import them again):
                // not known, the chunk waits in the dead-letter queue, whose redrive counts it.
                switch (inStore(chunk, stored, failure)) {
                    case YES -> {
                        try {
                            progress(chunk, true);
                            return Outcome.WRITTEN;
                        } catch (RuntimeException stillUncounted) {
                            failure.addSuppressed(stillUncounted);
                        }
                    }
                    case NO -> {
                        try {
                            progress(chunk, false);
                        } catch (RuntimeException uncounted) {
                            failure.addSuppressed(uncounted);
                        }
                    }
                    case NOT_KNOWN -> {}
                }
            }
            throw failure;
        }
    }

    private enum InStore {
        YES,
        NO,
        NOT_KNOWN
    }

    /**
     * Whether the chunk is stored, after a failure: the store is asked, since a write whose answer was lost may have
     * gone through; while such a write may still be committing, a record not found says nothing.
     */
    private InStore inStore(ImportChunk chunk, boolean stored, RuntimeException failure) {
        if (stored) {
            return InStore.YES;
        }
        try {
            if (items.isWritten(chunk)) {
                return InStore.YES;
            }
        } catch (RuntimeException unknown) {
            failure.addSuppressed(unknown);
            return InStore.NOT_KNOWN;
        }
        return failure instanceof ImportedItems.OutcomeUnknown ? InStore.NOT_KNOWN : InStore.NO;
    }

    /** Counted; but if the delivery that counted it failed before finishing the job, this one finishes it. */
    private Outcome alreadyWritten(ImportChunk chunk) {
        jobs.find(chunk.tenant(), chunk.importId()).ifPresent(job -> finishIfCounted(chunk, job));
        return Outcome.ALREADY_WRITTEN;
    }

    /**
     * Whether the job could have sent the chunk: its number is one of the job's chunks, and its lines fit in what the
     * job has not written. (Lines counted failed are not subtracted: a redrive writes such a chunk after all.)
     */
    private static boolean couldBelongTo(ImportChunk chunk, ImportJob job) {
        return chunk.number() <= job.chunks() && job.written() + chunk.lines().size() <= job.accepted();
    }

    /**
     * Failed with no line failed: the request that started it gave up (StartImport), since the worker finishes a job
     * failed only when a chunk's lines failed. Lines a quick worker wrote before the request gave up do not make it
     * less abandoned: its other chunks are dropped all the same, or the client's new request would write them twice.
     */
    private static boolean abandoned(ImportJob job) {
        return job.status() == ImportStatus.FAILED && job.accepted() > 0 && job.failed() == 0;
    }

    private void progress(ImportChunk chunk, boolean written) {
        finishIfCounted(
                chunk,
                jobs.recordChunk(
                        chunk.tenant(),
                        chunk.importId(),
                        chunk.number(),
                        chunk.lines().size(),
                        written,
                        clock.instant()));
    }

    /**
     * Finishes the job once every accepted line is counted: succeeded, or failed when some lines failed (a redrive that
     * writes a chunk counted failed turns a failed job into a succeeded one). Finishing is idempotent, so a delivery
     * of a chunk counted before finishes what the delivery that counted it could not.
     */
    private void finishIfCounted(ImportChunk chunk, ImportJob job) {
        ImportStatus outcome = job.failed() == 0 ? ImportStatus.SUCCEEDED : ImportStatus.FAILED;
        if (job.written() + job.failed() == job.accepted() && job.status() != outcome) {
            jobs.finish(chunk.tenant(), chunk.importId(), outcome, clock.instant());
        }
    }
}
