package dev.groundwork.usage.domain;

import dev.groundwork.kernel.TenantId;

/** What makes a run of changes the same run on every delivery: tenant, shard, first and last sequence numbers. */
public record RunKey(TenantId tenant, String source, String firstSequenceNumber, String lastSequenceNumber) {
    @Override
    public String toString() {
        return tenant + "/" + source + "/" + firstSequenceNumber + "-" + lastSequenceNumber;
    }
}
