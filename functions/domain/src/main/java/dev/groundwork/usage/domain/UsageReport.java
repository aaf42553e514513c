package dev.groundwork.usage.domain;

import java.util.List;

/** A tenant's usage over a range: the days that had any, in order, and their sum. */
public record UsageReport(UsageRange range, List<DailyUsage> days, UsageCounters totals) {
    public UsageReport {
        days = List.copyOf(days);
    }
}
