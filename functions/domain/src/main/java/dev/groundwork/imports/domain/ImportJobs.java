package dev.groundwork.imports.domain;

import dev.groundwork.kernel.TenantId;
import java.time.Instant;
import java.util.Optional;

/**
 * The import jobs of every tenant. Every method takes the tenant, so no job is reachable without naming its owner.
 * Progress is recorded per chunk, at most once each: a redelivered chunk changes no count.
 */
public interface ImportJobs {

    /**
     * Stores a new job and, when a request names it, which request started it: both or neither, so that a retry of
     * that request finds the job ({@link #startedBy}).
     */
    void create(TenantId tenant, ImportJob job, Optional<ImportRequestId> request);

    /**
     * The job a request started, if an earlier attempt of it got as far as storing one, and no later than the request's
     * Idempotency-Key answers retries (25 hours): after that the same key is a new request.
     */
    Optional<ImportJob> startedBy(TenantId tenant, ImportRequestId request, Instant now);

    Optional<ImportJob> find(TenantId tenant, ImportId id);

    /** Whether the chunk's items are already counted as written. */
    boolean isWritten(TenantId tenant, ImportId id, int chunk);

    /**
     * Counts the chunk's lines as written (or as failed), once: a chunk counted as written before changes nothing; one
     * counted as failed before moves its lines from failed to written.
     *
     * @return the job as it is after this call
     */
    ImportJob recordChunk(TenantId tenant, ImportId id, int chunk, int lines, boolean written, Instant now);

    /** Sets the final status, unless the job already has it. */
    void finish(TenantId tenant, ImportId id, ImportStatus status, Instant now);
}
