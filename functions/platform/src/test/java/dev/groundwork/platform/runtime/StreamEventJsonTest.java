package dev.groundwork.platform.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
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
import java.util.function.BiPredicate;
import java.util.stream.Stream;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The functions' serializer reads every DynamoDB stream event exactly as Lambda's Java runtime would with its own
 * serializer ({@code aws-lambda-java-serialization}, with its mix-ins and date module), and writes it as the runtime
 * does: the relay's batches become usage meters, so a field read differently would count differently.
 */
class StreamEventJsonTest {
    private static final PojoSerializer<DynamodbEvent> RUNTIME =
            LambdaEventSerializers.serializerFor(DynamodbEvent.class, StreamEventJsonTest.class.getClassLoader());

    private final EventJson json = new EventJson();

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
                .isEqualTo(EventJson.asDelivered(event, DynamodbEvent.class))
                .isEqualTo(event);
    }

    @Property(tries = 100)
    void writesEventsAsTheRuntimeDoes(@ForAll("events") DynamodbEvent event) {
        RuntimeSerializerOracle.assertWrittenAsTheRuntimeWritesIt(json, event, DynamodbEvent.class, RUNTIME);
    }

    /**
     * A generated event with one value of another shape: read as the runtime reads it, or refused where it refuses it.
     * One exception, refused here where the runtime reads something: an object or an array as a record's creation
     * time, which the runtime's date reader does not step past, so that it reads the members after it as the
     * record's own, a change with its keys or images lost.
     */
    @Property(tries = 1000)
    void readsAnEventWithAValueOfAnotherShapeAsTheRuntimeDoes(
            @ForAll("events") DynamodbEvent event,
            @ForAll @IntRange(min = 0, max = 10_000) int where,
            @ForAll("otherShapes") String shape) {
        RuntimeSerializerOracle.assertReadOrRefusedAsTheRuntimeDoes(
                json, event, where, shape, DynamodbEvent.class, RUNTIME, A_CREATION_TIME_OF_ANOTHER_SHAPE);
    }

    private static final BiPredicate<JsonPointer, JsonNode> A_CREATION_TIME_OF_ANOTHER_SHAPE =
            (at, other) -> at.last() != null
                    && "ApproximateCreationDateTime".equals(at.last().getMatchingProperty())
                    && other.isContainerNode();

    /** Every value of every sample event, in every other shape, one at a time. */
    @ParameterizedTest
    @MethodSource("sampleEvents")
    void readsASampleEventWithAnyValueOfAnotherShapeAsTheRuntimeDoes(Path sample) throws IOException {
        assertAnyValueOfAnotherShapeReadAsTheRuntimeDoes(
                RUNTIME.fromJson(new ByteArrayInputStream(Files.readAllBytes(sample))));
    }

    /** The same for an event with a value of every member the runtime reads, so that each meets every shape. */
    @Test
    void readsAnEventOfEveryMemberWithAnyValueOfAnotherShapeAsTheRuntimeDoes() {
        String wire = """
                {"Records":[{"eventID":"1","eventName":"MODIFY","eventVersion":"1.1","eventSource":"aws:dynamodb",
                "awsRegion":"eu-west-1","eventSourceARN":"arn:aws:dynamodb:eu-west-1:123456789012:table/t/stream/1",
                "userIdentity":{"principalId":"dynamodb.amazonaws.com","type":"Service"},
                "dynamodb":{"ApproximateCreationDateTime":1764093600,"SequenceNumber":"7","SizeBytes":120,
                "StreamViewType":"NEW_AND_OLD_IMAGES","Keys":{"pk":{"S":"TENANT#acme"}},
                "NewImage":{"s":{"S":"x"},"n":{"N":"1.5"},"b":{"B":"YWJj"},"ss":{"SS":["a","b"]},"ns":{"NS":["1"]},
                "bs":{"BS":["YWJj"]},"m":{"M":{"k":{"NULL":true}}},"l":{"L":[{"BOOL":false},{"N":"2"}]},
                "null":{"NULL":true},"bool":{"BOOL":true}},"OldImage":{"s":{"S":"y"}}}}]}
                """;
        DynamodbEvent event = RUNTIME.fromJson(wire);
        assertThat(json.<DynamodbEvent>fromJson(wire, DynamodbEvent.class)).isEqualTo(event);

        assertAnyValueOfAnotherShapeReadAsTheRuntimeDoes(event);
    }

    private void assertAnyValueOfAnotherShapeReadAsTheRuntimeDoes(DynamodbEvent event) {
        int values = RuntimeSerializerOracle.valueCount(event, RUNTIME);

        for (int where = 0; where < values; where++) {
            for (String shape : RuntimeSerializerOracle.SHAPES) {
                RuntimeSerializerOracle.assertReadOrRefusedAsTheRuntimeDoes(
                        json, event, where, shape, DynamodbEvent.class, RUNTIME, A_CREATION_TIME_OF_ANOTHER_SHAPE);
            }
        }
    }

    @Test
    void writesTheRelaysAbsentAnswerAsTheRuntimeDoes() {
        ByteArrayOutputStream ours = new ByteArrayOutputStream();
        json.toJson(null, ours, Void.class);

        assertThat(ours.toString(StandardCharsets.UTF_8)).isEqualTo("null");
    }

    @Provide
    Arbitrary<String> otherShapes() {
        return RuntimeSerializerOracle.otherShapes();
    }

    @Provide
    Arbitrary<DynamodbEvent> events() {
        return StreamEvents.batches();
    }
}
