package dev.groundwork.local.api;

import dev.groundwork.local.template.HttpRouteSpec;
import dev.groundwork.local.template.RouteThrottling;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The HTTP API stage's throttle: a token bucket per route, as API Gateway keeps one per route for the stage's
 * default route settings (so the API as a whole admits the rate times the number of routes). A request that finds
 * its route's bucket empty is refused before the authorizer runs, with API Gateway's 429.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-throttling.html
 */
public final class RouteThrottles {

    /** No throttle at all: {@code ./groundwork local --no-throttling}, benchmarks, the fuzzer, most tests. */
    public static final RouteThrottles NONE = new RouteThrottles(Map.of());

    private final Map<String, TokenBucket> buckets;

    private RouteThrottles(Map<String, TokenBucket> buckets) {
        this.buckets = buckets;
    }

    /** A bucket for each route the template throttles, full at the start, on the given nanosecond clock. */
    public static RouteThrottles of(List<HttpRouteSpec> routes, LongSupplier nanoTime) {
        Map<String, TokenBucket> buckets = new LinkedHashMap<>();
        for (HttpRouteSpec route : routes) {
            route.throttling().ifPresent(limits -> buckets.put(route.routeKey(), new TokenBucket(limits, nanoTime)));
        }
        return new RouteThrottles(Map.copyOf(buckets));
    }

    /** True when the route has room for one more request now (and takes it); always true for an unthrottled route. */
    public boolean admit(HttpRouteSpec route) {
        TokenBucket bucket = buckets.get(route.routeKey());
        return bucket == null || bucket.take();
    }

    /** {@code burstLimit} tokens, refilled continuously at {@code rateLimit} per second; one request takes one. */
    static final class TokenBucket {
        private final double capacity;
        private final double perNano;
        private final LongSupplier nanoTime;
        private double tokens;
        private long refilledAt;

        TokenBucket(RouteThrottling limits, LongSupplier nanoTime) {
            this.capacity = limits.burstLimit();
            this.perNano = limits.rateLimit() / 1e9;
            this.nanoTime = nanoTime;
            this.tokens = capacity;
            this.refilledAt = nanoTime.getAsLong();
        }

        synchronized boolean take() {
            long now = nanoTime.getAsLong();
            tokens = Math.min(capacity, tokens + (now - refilledAt) * perNano);
            refilledAt = now;
            if (tokens < 1) {
                return false;
            }
            tokens -= 1;
            return true;
        }
    }
}
