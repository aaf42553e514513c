package dev.groundwork.local.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.groundwork.local.template.HttpRouteSpec;
import dev.groundwork.local.template.RouteThrottling;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RouteThrottlesTest {

    private static final long SECOND = 1_000_000_000L;

    private final AtomicLong now = new AtomicLong(42 * SECOND);
    private final HttpRouteSpec limited = route("GET", "/v1/items", Optional.of(new RouteThrottling(2, 3)));
    private final HttpRouteSpec other = route("POST", "/v1/items", Optional.of(new RouteThrottling(2, 3)));
    private final HttpRouteSpec open = route("GET", "/v1/usage", Optional.empty());
    private final RouteThrottles throttles = RouteThrottles.of(List.of(limited, other, open), now::get);

    private static HttpRouteSpec route(String method, String path, Optional<RouteThrottling> throttling) {
        return new HttpRouteSpec(method, path, "Fn", "Jwt", List.of(), throttling);
    }

    private long admitted(HttpRouteSpec route, int requests) {
        return IntStream.range(0, requests).filter(i -> throttles.admit(route)).count();
    }

    @Test
    void admitsABurstThenRefusesUntilTheRateRefillsTheBucket() {
        assertThat(admitted(limited, 10)).as("the burst").isEqualTo(3);

        now.addAndGet(SECOND / 4);
        assertThat(admitted(limited, 10))
                .as("a quarter second at 2/s: not one whole token")
                .isZero();

        now.addAndGet(SECOND / 4);
        assertThat(admitted(limited, 10)).as("half a second at 2/s").isEqualTo(1);

        now.addAndGet(60 * SECOND);
        assertThat(admitted(limited, 10))
                .as("a long pause refills no more than the burst")
                .isEqualTo(3);
    }

    @Test
    void keepsABucketPerRouteAsTheStageDefaultsDo() {
        admitted(limited, 10);

        assertThat(admitted(other, 10)).isEqualTo(3);
    }

    @Test
    void neverRefusesARouteTheTemplateDoesNotThrottle() {
        assertThat(admitted(open, 1_000)).isEqualTo(1_000);
        assertThat(RouteThrottles.NONE.admit(limited)).isTrue();
    }

    @Test
    void aBurstOfZeroRefusesEverything() {
        HttpRouteSpec closed = route("DELETE", "/v1/items/{itemId}", Optional.of(new RouteThrottling(100, 0)));

        assertThat(RouteThrottles.of(List.of(closed), now::get).admit(closed)).isFalse();
    }
}
