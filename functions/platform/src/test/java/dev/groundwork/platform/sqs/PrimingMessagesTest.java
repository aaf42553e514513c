package dev.groundwork.platform.sqs;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.groundwork.kernel.TenantId;
import dev.groundwork.platform.runtime.EventJson;
import dev.groundwork.platform.testing.PropertiesSet;
import dev.groundwork.platform.testing.SampleEvents;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A priming's batch is read as a real one is: every property Lambda's SQS event source sets in a sample event is set by
 * the priming too, so the first batch after a SnapStart restore calls no setter the priming did not.
 */
class PrimingMessagesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<Path> sampleEvents() {
        return SampleEvents.under("/events/sqs");
    }

    @ParameterizedTest
    @MethodSource("sampleEvents")
    void setsEveryPropertyTheSampleEventSets(Path sample) throws IOException {
        SQSEvent priming = PrimingMessages.of(new TenantId("acme"), List.of("{}"));
        JsonNode primed = JSON.readTree(EventJson.asPosted(priming, SQSEvent.class));

        assertThat(PropertiesSet.of(primed, SQSEvent.class))
                .containsAll(PropertiesSet.of(JSON.readTree(sample.toFile()), SQSEvent.class))
                .contains("records.[].messageattributes.*.stringlistvalues");
    }
}
