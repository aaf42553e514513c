package dev.groundwork.platform.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import dev.groundwork.platform.testing.SampleEvents;
import dev.groundwork.platform.testing.StreamEvents;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Date;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The stream relay's serializer reads every DynamoDB stream event exactly as Lambda's Java runtime would with its own
 * serializer ({@code aws-lambda-java-serialization}, with its mix-ins and date module): the relay's batches become
 * usage meters, so a field read differently would count differently.
 */
class StreamEventJsonTest {
    private static final PojoSerializer<DynamodbEvent> RUNTIME =
            LambdaEventSerializers.serializerFor(DynamodbEvent.class, StreamEventJsonTest.class.getClassLoader());

    private final StreamEventJson json = new StreamEventJson();

    static Stream<Path> sampleEvents() {
        return SampleEvents.under("/events/dynamodb");
    }

    @ParameterizedTest
    @MethodSource("sampleEvents")
    void readsEverySampleEventAsTheRuntimeDoes(Path sample) throws IOException {
        byte[] wire = Files.readAllBytes(sample);

        DynamodbEvent ours = json.fromJson(new ByteArrayInputStream(wire), DynamodbEvent.class);

        assertThat(ours).isEqualTo(RUNTIME.fromJson(new ByteArrayInputStream(wire)));
        assertThat(ours.getRecords()).isNotEmpty().allSatisfy(record -> {
            assertThat(record.getEventSourceARN()).startsWith("arn:aws:dynamodb:");
            assertThat(record.getDynamodb().getKeys()).containsKeys("pk", "sk");
            assertThat(record.getDynamodb().getSequenceNumber()).isNotBlank();
            assertThat(record.getDynamodb().getApproximateCreationDateTime()).isNotNull();
        });
    }

    @Test
    void readsTheCreationTimeInSecondsAsTheRuntimeDoes() {
        for (String seconds : List.of("1764093600", "1764093600.5", "1.7640936001239E9", "0", "\"1764093600\"")) {
            String wire = "{\"Records\":[{\"eventName\":\"INSERT\",\"dynamodb\":{\"ApproximateCreationDateTime\":"
                    + seconds + ",\"SequenceNumber\":\"1\"}}]}";

            DynamodbEvent ours = json.fromJson(wire, DynamodbEvent.class);

            assertThat(ours).as(seconds).isEqualTo(RUNTIME.fromJson(wire));
        }
        DynamodbEvent withAFraction = json.fromJson(
                "{\"Records\":[{\"dynamodb\":{\"ApproximateCreationDateTime\":1764093600.25}}]}", DynamodbEvent.class);
        assertThat(withAFraction.getRecords().getFirst().getDynamodb().getApproximateCreationDateTime())
                .isEqualTo(new Date(1_764_093_600_250L));
    }

    @Test
    void readsWhatTheRuntimeWouldNotReadAsItWouldNot() {
        // Lambda writes these names only as they are: a hand-made replay that the runtime reads differently (names in
        // another case, an attribute that is a bare string) must not be relayed, and metered, differently.
        for (String wire : List.of(
                "{\"records\":[{\"eventName\":\"INSERT\",\"dynamodb\":{\"SequenceNumber\":\"1\"}}]}",
                "{\"Records\":[{\"dynamodb\":{\"keys\":{\"pk\":{\"S\":\"TENANT#acme\"}}}}]}",
                "{\"Records\":[{\"dynamodb\":{\"Keys\":{\"pk\":{\"s\":\"TENANT#acme\"}}}}]}")) {
            DynamodbEvent ours = json.fromJson(wire, DynamodbEvent.class);

            assertThat(ours).as(wire).isEqualTo(RUNTIME.fromJson(wire));
        }
        String bareString = "{\"Records\":[{\"dynamodb\":{\"Keys\":{\"pk\":\"TENANT#acme\"}}}]}";
        assertThatThrownBy(() -> RUNTIME.fromJson(bareString)).as("the runtime").isInstanceOf(RuntimeException.class);
        assertThatThrownBy(() -> json.<DynamodbEvent>fromJson(bareString, DynamodbEvent.class))
                .as("the relay's serializer")
                .isInstanceOf(RuntimeException.class);
    }

    @Property(tries = 300)
    void readsGeneratedEventsAsTheRuntimeDoes(@ForAll("events") DynamodbEvent event) {
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        RUNTIME.toJson(event, wire);

        DynamodbEvent ours = json.fromJson(new ByteArrayInputStream(wire.toByteArray()), DynamodbEvent.class);

        assertThat(ours)
                .as(wire.toString(StandardCharsets.UTF_8))
                .isEqualTo(RUNTIME.fromJson(new ByteArrayInputStream(wire.toByteArray())));
    }

    @Property(tries = 100)
    void writesWhatTheRuntimeReadsAsItWas(@ForAll("events") DynamodbEvent event) {
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        json.toJson(event, wire, DynamodbEvent.class);

        assertThat(RUNTIME.fromJson(new ByteArrayInputStream(wire.toByteArray())))
                .as(wire.toString(StandardCharsets.UTF_8))
                .isEqualTo(StreamEventJson.asDelivered(event, DynamodbEvent.class))
                .isEqualTo(event);
    }

    @Provide
    Arbitrary<DynamodbEvent> events() {
        return StreamEvents.batches();
    }
}
