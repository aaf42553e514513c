package dev.groundwork.usage.domain;

import dev.groundwork.kernel.TenantId;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counts runs of item changes exactly once. A batch is aggregated per tenant: one atomic step per tenant marks all of
 * its runs counted and adds their sums per day, so the cost is per tenant and batch, not per change. A run counted
 * before is skipped (a redelivery); the rest of that tenant's runs are counted without it. Tenants are counted apart:
 * one whose step the store refuses or fails leaves its own runs uncounted, and the next tenant is counted still;
 * only a store that is down for everyone ({@link UsageLedger.Unavailable}) ends the batch's counting.
 */
public final class MeterUsage {
    /** Retries of a contended tenant before its runs are handed back for redelivery. */
    private static final int ATTEMPTS = 4;

    private final UsageLedger ledger;
    private final Pause pause;

    public MeterUsage(UsageLedger ledger, Pause pause) {
        this.ledger = ledger;
        this.pause = pause;
    }

    /** How the use case waits between attempts; injected so tests do not sleep. */
    @FunctionalInterface
    public interface Pause {
        void beforeAttempt(int attempt);
    }

    /** What happened to each run of a batch. */
    public enum RunOutcome {
        COUNTED,
        ALREADY_COUNTED,
        /** Contended past the retries: nothing of it changed. */
        NOT_COUNTED,
        /** Its tenant's step failed in the store ({@link Outages}): nothing of it is known to have changed. */
        FAILED
    }

    /** Told of each tenant whose runs could not be counted because the store failed (or a run could not be summed). */
    @FunctionalInterface
    public interface Outages {
        void tenantNotCounted(TenantId tenant, RuntimeException outage);
    }

    /** {@link #meter(List, Outages)}, the outages told only by the runs' outcomes. */
    public List<RunOutcome> meter(List<ChangeRun> runs) {
        return meter(runs, (tenant, outage) -> {});
    }

    /**
     * @return each run's outcome, by its position in {@code runs}; {@code NOT_COUNTED} and {@code FAILED} runs changed
     * nothing and are to be delivered again
     */
    public List<RunOutcome> meter(List<ChangeRun> runs, Outages outages) {
        List<RunOutcome> outcomes = new ArrayList<>(Collections.nCopies(runs.size(), RunOutcome.NOT_COUNTED));
        Map<TenantId, List<Integer>> byTenant = new LinkedHashMap<>();
        for (int i = 0; i < runs.size(); i++) {
            byTenant.computeIfAbsent(runs.get(i).tenant(), tenant -> new ArrayList<>())
                    .add(i);
        }
        UsageLedger.Unavailable unavailable = null;
        for (Map.Entry<TenantId, List<Integer>> tenantRuns : byTenant.entrySet()) {
            TenantId tenant = tenantRuns.getKey();
            List<Integer> positions = tenantRuns.getValue();
            RuntimeException outage = unavailable;
            if (outage == null) {
                try {
                    meterTenant(tenant, runs, positions, outcomes);
                    continue;
                } catch (UsageLedger.Unavailable down) {
                    // The store fails everyone: the tenants after this one are not tried, and return with it.
                    unavailable = down;
                    outage = down;
                } catch (RuntimeException failed) {
                    // This tenant's step alone failed; atomic, it changed nothing. Its runs return, the others go on.
                    outage = failed;
                }
            }
            positions.forEach(position -> outcomes.set(position, RunOutcome.FAILED));
            outages.tenantNotCounted(tenant, outage);
        }
        return outcomes;
    }

    private void meterTenant(
            TenantId tenant, List<ChangeRun> runs, List<Integer> positions, List<RunOutcome> outcomes) {
        // One batch may carry the same run twice (SQS delivers a message more than once): count it once.
        Map<RunKey, List<Integer>> pending = new LinkedHashMap<>();
        for (int position : positions) {
            pending.computeIfAbsent(runs.get(position).key(), key -> new ArrayList<>())
                    .add(position);
        }
        int contended = 0;
        while (!pending.isEmpty() && contended < ATTEMPTS) {
            Map<LocalDate, UsageCounters> changes = sumPerDay(pending.values().stream()
                    .map(samePositions -> runs.get(samePositions.getFirst()))
                    .toList());
            switch (ledger.count(tenant, new LinkedHashSet<>(pending.keySet()), changes)) {
                case UsageLedger.Counted counted -> {
                    pending.values().forEach(samePositions -> {
                        outcomes.set(samePositions.getFirst(), RunOutcome.COUNTED);
                        samePositions.stream().skip(1).forEach(copy -> outcomes.set(copy, RunOutcome.ALREADY_COUNTED));
                    });
                    pending.clear();
                }
                case UsageLedger.AlreadyCounted already -> {
                    // Each such answer removes at least one run, so this loop ends; a store that named none is a bug.
                    boolean progress = false;
                    for (RunKey key : already.runs()) {
                        List<Integer> samePositions = pending.remove(key);
                        if (samePositions != null) {
                            samePositions.forEach(position -> outcomes.set(position, RunOutcome.ALREADY_COUNTED));
                            progress = true;
                        }
                    }
                    if (!progress) {
                        throw new IllegalStateException("the ledger named no pending run as already counted");
                    }
                }
                case UsageLedger.Contended busy -> {
                    contended++;
                    if (contended < ATTEMPTS) {
                        pause.beforeAttempt(contended + 1);
                    }
                }
            }
        }
    }

    /** The runs' changes summed per UTC day. */
    public static Map<LocalDate, UsageCounters> sumPerDay(List<ChangeRun> runs) {
        Map<LocalDate, UsageCounters> perDay = new TreeMap<>();
        for (ChangeRun run : runs) {
            for (ItemChange change : run.changes()) {
                perDay.merge(change.day(), UsageCounters.of(change), UsageCounters::plus);
            }
        }
        perDay.values().removeIf(UsageCounters::isZero);
        return new HashMap<>(perDay);
    }
}
