package dev.groundwork.platform.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.groundwork.platform.runtime.EventJson;
import dev.groundwork.platform.testing.PropertiesSet;
import dev.groundwork.platform.testing.SampleEvents;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A priming's event is read as a real one is: every property API Gateway sets in a sample event is set by the priming
 * too, so the first event after a SnapStart restore calls no setter (and builds no reflective accessor) that the
 * priming did not.
 */
class PrimingRequestTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<Path> sampleEvents() {
        return SampleEvents.under("/events/http");
    }

    @ParameterizedTest
    @MethodSource("sampleEvents")
    void setsEveryPropertyTheSampleEventSets(Path sample) throws IOException {
        // The widest priming: a route with a body (a priming of a route without one sets none, as its requests do).
        PrimingRequest priming =
                PrimingRequest.of("POST /v1/items", "/v1/items").withBody("application/json", "{}");
        JsonNode primed = JSON.readTree(EventJson.asPosted(priming.event("tenant_id"), APIGatewayV2HTTPEvent.class));

        Set<String> setBySample = PropertiesSet.of(JSON.readTree(sample.toFile()), APIGatewayV2HTTPEvent.class);

        assertThat(PropertiesSet.of(primed, APIGatewayV2HTTPEvent.class)).containsAll(setBySample);
    }

    @ParameterizedTest
    @MethodSource("sampleEvents")
    void theSampleEventsNameEveryPropertyTheyCarry(Path sample) throws IOException {
        // The check above could not fail if the paths missed what a sample carries.
        assertThat(PropertiesSet.of(JSON.readTree(sample.toFile()), APIGatewayV2HTTPEvent.class))
                .contains("requestcontext.authorizer.jwt.claims", "requestcontext.http.method", "headers");
    }
}
