package dev.groundwork.platform.observability;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import dev.groundwork.platform.testing.TestContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

class CorrelationTest {

    @AfterEach
    void clear() {
        MDC.clear();
    }

    private static APIGatewayV2HTTPEvent request(Map<String, String> headers, String gatewayRequestId) {
        return APIGatewayV2HTTPEvent.builder()
                .withHeaders(headers)
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withRequestId(gatewayRequestId)
                        .build())
                .build();
    }

    @Test
    void usesTheClientsCorrelationIdWhenWellFormed() {
        // given
        var event = request(Map.of("x-correlation-id", "checkout-7f3a.retry_2"), "gw-1");

        // when / then
        assertThat(Correlation.of(event, new TestContext("create-item"))).isEqualTo("checkout-7f3a.retry_2");
    }

    @Test
    void findsTheHeaderWhateverItsCase() {
        assertThat(Correlation.of(request(Map.of("X-Correlation-ID", "abc"), "gw-1"), new TestContext("create-item")))
                .isEqualTo("abc");
    }

    @Test
    void fallsBackToTheGatewaysRequestIdWhenTheClientsIdIsMalformed() {
        List<String> malformed = List.of("", "has space", "new\nline", "x".repeat(129), "{\"json\":1}", "päth", "a;b");
        for (String value : malformed) {
            assertThat(Correlation.of(
                            request(Map.of("x-correlation-id", value), "Q1xJ8hYgIAMEV3w="),
                            new TestContext("create-item")))
                    .as("client value %s", value)
                    .isEqualTo("Q1xJ8hYgIAMEV3w=");
        }
        assertThat(Correlation.of(
                        request(Map.of("x-correlation-id", "x".repeat(128)), "gw-1"), new TestContext("create-item")))
                .hasSize(128);
    }

    @Test
    void keepsTheWellFormedIdsOfAList() {
        assertThat(Correlation.wellFormedList("req-a,bad id,req-b,req-a")).contains("req-a,req-b");
        assertThat(Correlation.wellFormedList("bad id")).isEmpty();
        assertThat(Correlation.wellFormedList(null)).isEmpty();
    }

    @Test
    void usesTheGatewaysRequestIdWithoutAClientId() {
        assertThat(Correlation.of(request(null, "Q1xJ8hYgIAMEV3w"), new TestContext("create-item")))
                .isEqualTo("Q1xJ8hYgIAMEV3w");
    }

    @Test
    void usesTheLambdaRequestIdWithoutAGatewayRequestId() {
        var context = new TestContext("create-item");
        assertThat(Correlation.of(APIGatewayV2HTTPEvent.builder().build(), context))
                .isEqualTo(context.getAwsRequestId());
    }

    @Test
    void restoresThePreviousIdAfterWorkUnderAnother() {
        // given
        Correlation.set("batch");
        List<Optional<String>> seen = new ArrayList<>();

        // when
        Correlation.within(Optional.of("message-1"), () -> seen.add(Correlation.current()));
        Correlation.within(Optional.empty(), () -> seen.add(Correlation.current()));

        // then
        assertThat(seen).containsExactly(Optional.of("message-1"), Optional.of("batch"));
        assertThat(Correlation.current()).contains("batch");
    }
}
