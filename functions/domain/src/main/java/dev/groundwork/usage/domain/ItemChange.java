package dev.groundwork.usage.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * One write to one item of a tenant, as the table's stream saw it: what kind of change, when, and the item's stored
 * size before and after (0 where there was no item).
 *
 * @param sequenceNumber the stream record's sequence number, unique and ordered within its shard
 * @param occurredAt     when DynamoDB made the change; its UTC day is the day the change is counted on
 */
public record ItemChange(String sequenceNumber, Kind kind, Instant occurredAt, long bytesBefore, long bytesAfter) {
    public enum Kind {
        CREATED,
        UPDATED,
        DELETED
    }

    public ItemChange {
        if (sequenceNumber == null || sequenceNumber.isBlank() || kind == null || occurredAt == null) {
            throw new IllegalArgumentException("a change has a sequence number, a kind and a time");
        }
        if (bytesBefore < 0 || bytesAfter < 0) {
            throw new IllegalArgumentException("item sizes are not negative");
        }
        if (kind == Kind.CREATED && bytesBefore != 0 || kind == Kind.DELETED && bytesAfter != 0) {
            throw new IllegalArgumentException("a created item had no size before, a deleted one has none after");
        }
    }

    public LocalDate day() {
        return LocalDate.ofInstant(occurredAt, ZoneOffset.UTC);
    }
}
