package dev.groundwork.platform.observability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.groundwork.platform.http.ApiResponses;
import dev.groundwork.platform.http.HttpFunction;
import dev.groundwork.platform.tenancy.TenantScope;
import dev.groundwork.platform.testing.RecordingMetrics;
import dev.groundwork.platform.testing.Requests;
import dev.groundwork.platform.testing.TestContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/** The first hop: a request's correlation id is the current one while its route runs, and its answer names it. */
class HttpCorrelationTest {
    private final HttpFunction http = new HttpFunction("tenant_id", new RecordingMetrics(), TenantScope.IN_MEMORY);

    @AfterEach
    void clear() {
        MDC.clear();
    }

    @Test
    void runsTheRouteUnderTheClientsCorrelationIdAndAnswersWithIt() {
        // given
        var event = Requests.from("create-item/valid.json")
                .header("X-Correlation-Id", "client-42")
                .event();
        List<Optional<String>> seen = new ArrayList<>();

        // when
        var response = http.handle(event, new TestContext("create-item"), request -> {
            seen.add(Correlation.current());
            return ApiResponses.json(200, Map.of("ok", true), Map.of());
        });

        // then
        assertThat(seen).containsExactly(Optional.of("client-42"));
        assertThat(response.getHeaders()).containsEntry("X-Correlation-Id", "client-42");
    }

    @Test
    void answersWithTheGatewaysRequestIdWhenTheClientSentNone() {
        var event = Requests.from("create-item/valid.json")
                .withoutHeader("X-Correlation-Id")
                .event();

        var response = http.handle(
                event, new TestContext("create-item"), request -> ApiResponses.json(200, Map.of("ok", true), Map.of()));

        assertThat(response.getHeaders().get("X-Correlation-Id"))
                .isEqualTo(event.getRequestContext().getRequestId());
    }
}
