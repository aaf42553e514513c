package dev.groundwork.usage.domain;

/**
 * A tenant's usage over some time, or a change to it. {@code itemsStored} and {@code bytesStored} are net: they go down
 * with deletes and shrinking updates, so a day's value is the change over that day and their sum over all days the
 * tenant's current footprint.
 *
 * @param writeRequests every item write that changed the table (creates, updates and deletes)
 */
public record UsageCounters(
        long itemsCreated,
        long itemsUpdated,
        long itemsDeleted,
        long writeRequests,
        long itemsStored,
        long bytesStored) {
    public static final UsageCounters ZERO = new UsageCounters(0, 0, 0, 0, 0, 0);

    public static UsageCounters of(ItemChange change) {
        long bytes = change.bytesAfter() - change.bytesBefore();
        return switch (change.kind()) {
            case CREATED -> new UsageCounters(1, 0, 0, 1, 1, bytes);
            case UPDATED -> new UsageCounters(0, 1, 0, 1, 0, bytes);
            case DELETED -> new UsageCounters(0, 0, 1, 1, -1, bytes);
        };
    }

    public UsageCounters plus(UsageCounters other) {
        return new UsageCounters(
                itemsCreated + other.itemsCreated,
                itemsUpdated + other.itemsUpdated,
                itemsDeleted + other.itemsDeleted,
                writeRequests + other.writeRequests,
                itemsStored + other.itemsStored,
                bytesStored + other.bytesStored);
    }

    public boolean isZero() {
        return equals(ZERO);
    }
}
