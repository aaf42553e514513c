package dev.groundwork.usage.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.groundwork.kernel.TenantId;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MeterUsageTest {
    private static final TenantId ACME = new TenantId("acme");
    private static final TenantId GLOBEX = new TenantId("globex");
    private static final Instant NOV_25 = Instant.parse("2026-11-25T23:59:59Z");

    /** A ledger in memory with the real one's rules: runs once, all or nothing, contention on demand. */
    private static final class InMemoryLedger implements UsageLedger {
        final Set<RunKey> counted = new HashSet<>();
        final Map<TenantId, Map<LocalDate, UsageCounters>> meters = new HashMap<>();
        final Queue<Boolean> contention = new LinkedList<>();
        final Set<TenantId> failing = new HashSet<>();
        boolean down;
        int transactions;

        @Override
        public Outcome count(TenantId tenant, Set<RunKey> runs, Map<LocalDate, UsageCounters> changes) {
            transactions++;
            if (failing.contains(tenant)) {
                throw new IllegalStateException("the store failed " + tenant.value() + "'s step");
            }
            if (down) {
                throw new Unavailable(new IllegalStateException("no answer"));
            }
            if (Boolean.TRUE.equals(contention.poll())) {
                return new Contended();
            }
            Set<RunKey> seen = new HashSet<>(runs);
            seen.retainAll(counted);
            if (!seen.isEmpty()) {
                return new AlreadyCounted(seen);
            }
            counted.addAll(runs);
            changes.forEach((day, change) ->
                    meters.computeIfAbsent(tenant, t -> new HashMap<>()).merge(day, change, UsageCounters::plus));
            return new Counted();
        }

        @Override
        public List<DailyUsage> days(TenantId tenant, LocalDate from, LocalDate to) {
            List<DailyUsage> days = new ArrayList<>();
            meters.getOrDefault(tenant, Map.of()).forEach((day, counters) -> days.add(new DailyUsage(day, counters)));
            return days;
        }
    }

    private final InMemoryLedger ledger = new InMemoryLedger();
    private final List<Integer> pauses = new ArrayList<>();
    private final MeterUsage meter = new MeterUsage(ledger, pauses::add);

    private static ChangeRun run(TenantId tenant, String... sequences) {
        List<ItemChange> changes = new ArrayList<>();
        for (String sequence : sequences) {
            changes.add(new ItemChange(sequence, ItemChange.Kind.CREATED, NOV_25, 0, 100));
        }
        return new ChangeRun(tenant, "stream-1", changes);
    }

    @Test
    void countsEveryOtherTenantWhenTheStoreFailsOneTenantsStep() {
        // given: the store fails globex's step, which comes between acme's and initech's
        TenantId initech = new TenantId("initech");
        ledger.failing.add(GLOBEX);
        Map<TenantId, RuntimeException> outages = new HashMap<>();

        List<MeterUsage.RunOutcome> outcomes = meter.meter(
                List.of(run(ACME, "1"), run(GLOBEX, "2"), run(initech, "3"), run(GLOBEX, "4")), outages::put);

        assertThat(outcomes)
                .containsExactly(
                        MeterUsage.RunOutcome.COUNTED,
                        MeterUsage.RunOutcome.FAILED,
                        MeterUsage.RunOutcome.COUNTED,
                        MeterUsage.RunOutcome.FAILED);
        assertThat(outages).containsOnlyKeys(GLOBEX);
        assertThat(ledger.meters).containsOnlyKeys(ACME, initech);
    }

    @Test
    void triesNoFurtherTenantWhenTheStoreIsDownForEveryone() {
        ledger.down = true;
        Map<TenantId, RuntimeException> outages = new HashMap<>();

        List<MeterUsage.RunOutcome> outcomes =
                meter.meter(List.of(run(ACME, "1"), run(GLOBEX, "2"), run(new TenantId("initech"), "3")), outages::put);

        assertThat(outcomes).containsOnly(MeterUsage.RunOutcome.FAILED);
        assertThat(ledger.transactions).isEqualTo(1);
        assertThat(outages)
                .hasSize(3)
                .allSatisfy((tenant, outage) -> assertThat(outage).isInstanceOf(UsageLedger.Unavailable.class));
    }

    @Test
    void countsEveryOtherTenantWhenOneTenantsRunCannotBeSummed() {
        // given: a hand-made message whose change lies beyond the last day a date can name
        ChangeRun beyondDates = new ChangeRun(
                GLOBEX, "stream-1", List.of(new ItemChange("2", ItemChange.Kind.CREATED, Instant.MAX, 0, 100)));

        List<MeterUsage.RunOutcome> outcomes = meter.meter(List.of(beyondDates, run(ACME, "1")));

        assertThat(outcomes).containsExactly(MeterUsage.RunOutcome.FAILED, MeterUsage.RunOutcome.COUNTED);
        assertThat(ledger.meters).containsOnlyKeys(ACME);
    }

    @Test
    void countsABatchWithOneTransactionPerTenant() {
        List<MeterUsage.RunOutcome> outcomes =
                meter.meter(List.of(run(ACME, "1", "2"), run(GLOBEX, "3"), run(ACME, "4")));

        assertThat(outcomes).containsOnly(MeterUsage.RunOutcome.COUNTED);
        assertThat(ledger.transactions).isEqualTo(2);
        assertThat(ledger.meters.get(ACME).get(LocalDate.parse("2026-11-25")))
                .isEqualTo(new UsageCounters(3, 0, 0, 3, 3, 300));
    }

    @Test
    void countsARedeliveredRunOnceAndTheRestOfItsBatch() {
        meter.meter(List.of(run(ACME, "1", "2")));

        List<MeterUsage.RunOutcome> outcomes = meter.meter(List.of(run(ACME, "1", "2"), run(ACME, "5")));

        assertThat(outcomes).containsExactly(MeterUsage.RunOutcome.ALREADY_COUNTED, MeterUsage.RunOutcome.COUNTED);
        assertThat(ledger.meters.get(ACME).get(LocalDate.parse("2026-11-25")).itemsCreated())
                .isEqualTo(3);
    }

    @Test
    void countsARunDeliveredTwiceInOneBatchOnce() {
        List<MeterUsage.RunOutcome> outcomes = meter.meter(List.of(run(ACME, "1"), run(ACME, "1")));

        assertThat(outcomes).containsExactly(MeterUsage.RunOutcome.COUNTED, MeterUsage.RunOutcome.ALREADY_COUNTED);
        assertThat(ledger.meters.get(ACME).get(LocalDate.parse("2026-11-25")).itemsCreated())
                .isEqualTo(1);
    }

    @Test
    void retriesAContendedTenantAndHandsItBackWhenContentionLasts() {
        ledger.contention.addAll(List.of(true, false));
        assertThat(meter.meter(List.of(run(ACME, "1")))).containsExactly(MeterUsage.RunOutcome.COUNTED);
        assertThat(pauses).containsExactly(2);

        ledger.contention.addAll(List.of(true, true, true, true));
        assertThat(meter.meter(List.of(run(GLOBEX, "2"), run(ACME, "3"))))
                .containsExactly(MeterUsage.RunOutcome.NOT_COUNTED, MeterUsage.RunOutcome.COUNTED);
        assertThat(ledger.meters).doesNotContainKey(GLOBEX);
    }

    @Test
    void sumsChangesPerUtcDayWithNetItemsAndBytes() {
        ChangeRun run = new ChangeRun(
                ACME,
                "stream-1",
                List.of(
                        new ItemChange("1", ItemChange.Kind.CREATED, Instant.parse("2026-11-25T23:59:59Z"), 0, 400),
                        new ItemChange("2", ItemChange.Kind.UPDATED, Instant.parse("2026-11-26T00:00:00Z"), 400, 250),
                        new ItemChange("3", ItemChange.Kind.DELETED, Instant.parse("2026-11-26T00:00:01Z"), 250, 0)));

        Map<LocalDate, UsageCounters> perDay = MeterUsage.sumPerDay(List.of(run));

        assertThat(perDay)
                .containsOnly(
                        Map.entry(LocalDate.parse("2026-11-25"), new UsageCounters(1, 0, 0, 1, 1, 400)),
                        Map.entry(LocalDate.parse("2026-11-26"), new UsageCounters(0, 1, 1, 2, -1, -400)));
    }

    @Test
    void namesARunByTenantSourceAndItsFirstAndLastSequenceNumbers() {
        assertThat(run(ACME, "10", "11", "19").key()).isEqualTo(new RunKey(ACME, "stream-1", "10", "19"));
    }
}
