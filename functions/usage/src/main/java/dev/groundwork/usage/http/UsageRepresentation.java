package dev.groundwork.usage.http;

import dev.groundwork.usage.domain.DailyUsage;
import dev.groundwork.usage.domain.UsageCounters;
import dev.groundwork.usage.domain.UsageReport;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A usage report as the API shows it:
 * {@code {"from":"…","to":"…","days":[{"day":"…","itemsCreated":…}],"totals":{"itemsCreated":…}}}.
 */
public final class UsageRepresentation {
    private UsageRepresentation() {}

    public static Map<String, Object> of(UsageReport report) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("from", report.range().from().toString());
        body.put("to", report.range().to().toString());
        body.put("days", report.days().stream().map(UsageRepresentation::day).toList());
        body.put("totals", counters(report.totals()));
        return body;
    }

    private static Map<String, Object> day(DailyUsage day) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("day", day.day().toString());
        json.putAll(counters(day.counters()));
        return json;
    }

    private static Map<String, Object> counters(UsageCounters counters) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("itemsCreated", counters.itemsCreated());
        json.put("itemsUpdated", counters.itemsUpdated());
        json.put("itemsDeleted", counters.itemsDeleted());
        json.put("writeRequests", counters.writeRequests());
        json.put("itemsStored", counters.itemsStored());
        json.put("bytesStored", counters.bytesStored());
        return json;
    }
}
