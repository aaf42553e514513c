package dev.groundwork.local.dashboard;

import dev.groundwork.local.console.Console;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The metrics the functions print, kept for the local dashboard: every EMF line a function writes to its console is
 * read, as CloudWatch reads it from the function's log group, and kept for {@link #RETENTION}. A request document
 * ({@code Requests}, {@code Latency}, {@code Responses4xx}…) counts for its function's route; a batch document
 * ({@code BatchSize}, {@code EventsFailed}, {@code OldestEventAge}, {@code BatchLatency}) for its consumer.
 */
public final class LocalMetrics implements Consumer<Console.FunctionLine> {

    static final Duration RETENTION = Duration.ofMinutes(15);
    /** At most this many documents a function are kept, whatever the traffic: a bench run must not fill the heap. */
    private static final int MAX_SAMPLES_PER_FUNCTION = 50_000;

    /** What the dashboard shows a function as: its routes, or the sources it consumes. */
    public record Watched(String function, Kind kind, String label) {}

    public enum Kind {
        ROUTE,
        CONSUMER
    }

    private record Sample(Instant at, EmfDocument document) {}

    private final Map<String, Watched> watched;
    private final Map<String, Deque<Sample>> samples = new LinkedHashMap<>();
    private final Clock clock;

    public LocalMetrics(List<Watched> watched, Clock clock) {
        Map<String, Watched> byFunction = new LinkedHashMap<>();
        watched.forEach(each -> byFunction.put(each.function(), each));
        this.watched = byFunction;
        this.clock = clock;
    }

    @Override
    public void accept(Console.FunctionLine line) {
        if (!watched.containsKey(line.function()) || line.json() == null) {
            return;
        }
        EmfDocument.read(line.json()).ifPresent(document -> record(line.function(), document));
    }

    void record(String function, EmfDocument document) {
        Instant now = clock.instant();
        synchronized (samples) {
            Deque<Sample> kept = samples.computeIfAbsent(function, name -> new ArrayDeque<>());
            kept.addLast(new Sample(now, document));
            while (kept.size() > MAX_SAMPLES_PER_FUNCTION
                    || (!kept.isEmpty() && kept.peekFirst().at().isBefore(now.minus(RETENTION)))) {
                kept.removeFirst();
            }
        }
    }

    /** Every watched function's numbers over the last {@code window}, in the template's order. */
    public Snapshot snapshot(Duration window, Duration bucket) {
        Instant now = clock.instant();
        Instant from = now.minus(window);
        int buckets = (int) Math.max(1, window.toMillis() / bucket.toMillis());
        List<RouteView> routes = new ArrayList<>();
        List<ConsumerView> consumers = new ArrayList<>();
        for (Watched each : watched.values()) {
            List<Sample> recent;
            synchronized (samples) {
                recent = samples.getOrDefault(each.function(), new ArrayDeque<>()).stream()
                        .filter(sample -> !sample.at().isBefore(from))
                        .toList();
            }
            long[] timeline = new long[buckets];
            if (each.kind() == Kind.ROUTE) {
                List<Sample> requests = recent.stream()
                        .filter(sample -> sample.document().has("Latency")
                                || sample.document().has("Requests"))
                        .toList();
                double[] latencies = requests.stream()
                        .filter(sample -> sample.document().has("Latency"))
                        .mapToDouble(sample -> sample.document().value("Latency"))
                        .sorted()
                        .toArray();
                long errors4xx = requests.stream()
                        .filter(sample -> sample.document().has("Responses4xx"))
                        .count();
                long errors5xx = requests.stream()
                        .filter(sample -> sample.document().has("Responses5xx"))
                        .count();
                Map<String, Long> problems = new TreeMap<>();
                recent.stream()
                        .filter(sample -> sample.document().has("Problems"))
                        .forEach(sample -> problems.merge(
                                sample.document().dimensions().getOrDefault("ProblemType", "unknown"), 1L, Long::sum));
                requests.forEach(sample -> timeline[bucketOf(sample.at(), from, bucket, buckets)]++);
                routes.add(new RouteView(
                        each.function(),
                        each.label(),
                        requests.size(),
                        perMinute(requests.size(), window),
                        errors4xx,
                        errors5xx,
                        percentile(latencies, 50),
                        percentile(latencies, 95),
                        percentile(latencies, 99),
                        problems,
                        Arrays.stream(timeline).boxed().toList()));
            } else {
                List<Sample> batches = recent.stream()
                        .filter(sample -> sample.document().has("BatchSize"))
                        .toList();
                long events = Math.round(batches.stream()
                        .mapToDouble(sample -> sample.document().value("BatchSize"))
                        .sum());
                long failed = Math.round(batches.stream()
                        .mapToDouble(sample -> sample.document().value("EventsFailed"))
                        .sum());
                long deduplicated = Math.round(recent.stream()
                        .mapToDouble(sample -> sample.document().value("EventsDeduplicated"))
                        .sum());
                double oldest = batches.stream()
                        .filter(sample -> sample.document().has("OldestEventAge"))
                        .mapToDouble(sample -> sample.document().value("OldestEventAge"))
                        .max()
                        .orElse(0);
                double[] latencies = batches.stream()
                        .mapToDouble(sample -> sample.document().value("BatchLatency"))
                        .sorted()
                        .toArray();
                batches.forEach(sample -> timeline[bucketOf(sample.at(), from, bucket, buckets)] +=
                        Math.round(sample.document().value("BatchSize")));
                consumers.add(new ConsumerView(
                        each.function(),
                        each.label(),
                        batches.size(),
                        events,
                        perMinute(events, window),
                        failed,
                        deduplicated,
                        oldest,
                        percentile(latencies, 50),
                        percentile(latencies, 95),
                        percentile(latencies, 99),
                        Arrays.stream(timeline).boxed().toList()));
            }
        }
        return new Snapshot(now.toString(), window.toSeconds(), bucket.toSeconds(), routes, consumers);
    }

    private static int bucketOf(Instant at, Instant from, Duration bucket, int buckets) {
        int index = (int) (Duration.between(from, at).toMillis() / bucket.toMillis());
        return Math.min(buckets - 1, Math.max(0, index));
    }

    private static double perMinute(long count, Duration window) {
        return count * 60_000.0 / window.toMillis();
    }

    /** The nearest-rank percentile of sorted values (0 when there are none). */
    static double percentile(double[] sorted, int percent) {
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
        return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
    }

    /** What {@code /_local/metrics} answers. */
    public record Snapshot(
            String at, long windowSeconds, long bucketSeconds, List<RouteView> routes, List<ConsumerView> consumers) {}

    public record RouteView(
            String function,
            String label,
            long requests,
            double perMinute,
            long errors4xx,
            long errors5xx,
            double p50,
            double p95,
            double p99,
            Map<String, Long> problems,
            List<Long> timeline) {}

    public record ConsumerView(
            String function,
            String label,
            long batches,
            long events,
            double perMinute,
            long failed,
            long deduplicated,
            double oldestEventAgeMs,
            double p50,
            double p95,
            double p99,
            List<Long> timeline) {}
}
