package dev.groundwork.platform.idempotency;

import dev.groundwork.kernel.TenantId;
import java.time.Instant;

/**
 * The records of idempotent requests, per tenant and key. A record is claimed (in progress, locked until a deadline)
 * before the work runs, completed with the response after it, and released when the work failed, so that a retry
 * may run it again.
 */
public interface IdempotencyRecords {

    /**
     * Claims the key for a request whose body has this fingerprint, unless a live record holds it.
     *
     * @param lockedUntil after this instant an unfinished claim counts as abandoned and may be taken over
     */
    Claim claim(TenantId tenant, IdempotencyKey key, String fingerprint, Instant now, Instant lockedUntil);

    /**
     * Records the response of a claimed request; it answers retries until it expires. A response too large to keep is
     * recorded as given without it ({@link CompletedUnkept}).
     */
    void complete(TenantId tenant, IdempotencyKey key, String fingerprint, StoredResponse response, Instant now);

    /** Gives up a claim whose work failed. */
    void release(TenantId tenant, IdempotencyKey key, String fingerprint);

    sealed interface Claim permits Claimed, Completed, CompletedUnkept, InProgress, KeyReused {}

    /** This request holds the key: do the work. */
    record Claimed() implements Claim {}

    /** The same request was answered before: answer the same. */
    record Completed(StoredResponse response) implements Claim {}

    /**
     * The same request was answered before, with a response too large to keep: its work, which finds what it did by
     * the request's digest, answers again.
     */
    record CompletedUnkept() implements Claim {}

    /** The same request is running now. */
    record InProgress() implements Claim {}

    /** The key was used with another body. */
    record KeyReused() implements Claim {}
}
