package dev.groundwork.usage.stream;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import dev.groundwork.platform.runtime.EventJson;
import dev.groundwork.platform.testing.StreamEvents;
import java.util.Date;
import java.util.Map;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** A dead-lettered record is an event the relay can be invoked with again, as Lambda's runtime would read it. */
class StreamRecordJsonTest {
    private static final PojoSerializer<DynamodbEvent> RUNTIME =
            LambdaEventSerializers.serializerFor(DynamodbEvent.class, StreamRecordJsonTest.class.getClassLoader());

    @Property(tries = 200)
    void aRecordIsWrittenAsAnEventOfItselfInAscii(@ForAll("records") DynamodbEvent.DynamodbStreamRecord record) {
        String event = StreamRecordJson.event(record);

        assertThat(event.chars()).as(event).allMatch(character -> character < 0x80);
        assertThat(RUNTIME.fromJson(event).getRecords()).containsExactly(record);
        assertThat(new EventJson()
                        .<DynamodbEvent>fromJson(event, DynamodbEvent.class)
                        .getRecords())
                .as("read by the relay, replayed")
                .containsExactly(record);
    }

    @Test
    void aRecordTooLargeForOneMessageKeepsWhichChangeItWasAndDropsItsImages() {
        Map<String, AttributeValue> keys =
                Map.of("pk", new AttributeValue().withS("TENANT#acme"), "sk", new AttributeValue().withS("ITEM#01J"));
        // 150,000 characters that each take six as an escape: well past a message either way
        Map<String, AttributeValue> image = Map.of("name", new AttributeValue().withS("é".repeat(150_000)));
        DynamodbEvent.DynamodbStreamRecord record = new DynamodbEvent.DynamodbStreamRecord();
        record.setEventID("e1");
        record.setEventName("MODIFY");
        record.setEventSourceARN("arn:aws:dynamodb:eu-west-1:123456789012:table/t/stream/2026");
        record.setDynamodb(new StreamRecord()
                .withKeys(keys)
                .withNewImage(image)
                .withOldImage(image)
                .withSequenceNumber("100000000000000000001")
                .withSizeBytes(300_000L)
                .withApproximateCreationDateTime(new Date(1_764_093_600_000L)));

        String event = StreamRecordJson.event(record);

        assertThat(event.length()).isLessThanOrEqualTo(StreamRecordJson.MAX_MESSAGE_CHARS);
        DynamodbEvent.DynamodbStreamRecord read =
                RUNTIME.fromJson(event).getRecords().getFirst();
        assertThat(read.getEventID()).isEqualTo("e1");
        assertThat(read.getEventName()).isEqualTo("MODIFY");
        assertThat(read.getDynamodb().getKeys()).isEqualTo(keys);
        assertThat(read.getDynamodb().getSequenceNumber()).isEqualTo("100000000000000000001");
        assertThat(read.getDynamodb().getApproximateCreationDateTime()).isEqualTo(new Date(1_764_093_600_000L));
        assertThat(read.getDynamodb().getNewImage()).isNull();
        assertThat(read.getDynamodb().getOldImage()).isNull();
        assertThat(record.getDynamodb().getNewImage())
                .as("the record relayed is left whole")
                .isEqualTo(image);
    }

    @Provide
    Arbitrary<DynamodbEvent.DynamodbStreamRecord> records() {
        return StreamEvents.records();
    }
}
