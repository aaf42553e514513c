package dev.groundwork.usage.domain;

import dev.groundwork.kernel.TenantId;
import java.util.List;

/**
 * A run of one tenant's item changes from one shard of the table's stream, in stream order: the unit the relay sends
 * and the meter deduplicates. Its key, the source with the first and last sequence numbers, names the same run however
 * often it is delivered, so one dedupe record covers every change in it.
 *
 * @param source the stream the run came from (its ARN): Lambda hands a stream consumer one shard's records at a time,
 *               and sequence numbers are unique within a stream
 */
public record ChangeRun(TenantId tenant, String source, List<ItemChange> changes) {
    public ChangeRun {
        if (tenant == null || source == null || source.isBlank()) {
            throw new IllegalArgumentException("a run has a tenant and a source");
        }
        if (changes == null || changes.isEmpty()) {
            throw new IllegalArgumentException("a run has at least one change");
        }
        changes = List.copyOf(changes);
    }

    public String firstSequenceNumber() {
        return changes.getFirst().sequenceNumber();
    }

    public String lastSequenceNumber() {
        return changes.getLast().sequenceNumber();
    }

    public RunKey key() {
        return new RunKey(tenant, source, firstSequenceNumber(), lastSequenceNumber());
    }
}
