package dev.groundwork.usage.domain;

import dev.groundwork.kernel.TenantId;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where usage is counted and read. Counting is atomic: either every run is marked counted and every day's counters
 * change, or nothing changes. Expected outcomes are values; exceptions mean the store failed.
 */
public interface UsageLedger {

    /**
     * Marks each run as counted and adds each day's change, in one atomic step, unless a run was counted before.
     *
     * @param changes the sum of the runs' changes per UTC day
     */
    Outcome count(TenantId tenant, Set<RunKey> runs, Map<LocalDate, UsageCounters> changes);

    /** The tenant's days from {@code from} to {@code to} (inclusive) that have usage, in day order. */
    List<DailyUsage> days(TenantId tenant, LocalDate from, LocalDate to);

    /**
     * The store cannot count for any tenant now (it is unreachable, failing or throttling the account): the meter
     * stops trying the batch's other tenants, which would each wait out the same failure.
     */
    final class Unavailable extends RuntimeException {
        public Unavailable(Throwable cause) {
            super("the usage store is unavailable", cause);
        }
    }

    sealed interface Outcome permits Counted, AlreadyCounted, Contended {}

    /** Everything was counted. */
    record Counted() implements Outcome {}

    /** Nothing changed because these runs were counted before: count the others again without them. */
    record AlreadyCounted(Set<RunKey> runs) implements Outcome {
        public AlreadyCounted {
            runs = Set.copyOf(runs);
        }
    }

    /**
     * Nothing changed because a concurrent writer held the same records, or the store throttled the tenant's: try
     * again shortly.
     */
    record Contended() implements Outcome {}
}
