package dev.groundwork.usage.domain;

import dev.groundwork.kernel.TenantId;
import java.util.List;

/** Reads one tenant's usage over a range. No method takes another tenant: the caller's tenant is the only one. */
public final class GetUsage {
    private final UsageLedger ledger;

    public GetUsage(UsageLedger ledger) {
        this.ledger = ledger;
    }

    public UsageReport report(TenantId tenant, UsageRange range) {
        List<DailyUsage> days = ledger.days(tenant, range.from(), range.to());
        UsageCounters totals = days.stream().map(DailyUsage::counters).reduce(UsageCounters.ZERO, UsageCounters::plus);
        return new UsageReport(range, days, totals);
    }
}
