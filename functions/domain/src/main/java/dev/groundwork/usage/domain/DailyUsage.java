package dev.groundwork.usage.domain;

import java.time.LocalDate;

/** A tenant's counters for one UTC day. */
public record DailyUsage(LocalDate day, UsageCounters counters) {
    public DailyUsage {
        if (day == null || counters == null) {
            throw new IllegalArgumentException("a day's usage has a day and counters");
        }
    }
}
