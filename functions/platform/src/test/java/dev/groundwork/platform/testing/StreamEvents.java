package dev.groundwork.platform.testing;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.Identity;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamViewType;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** Generated DynamoDB stream events, for the properties of what reads and writes them. */
public final class StreamEvents {
    private StreamEvents() {}

    /** Batches of up to five records. */
    public static Arbitrary<DynamodbEvent> batches() {
        return records().list().ofMaxSize(5).map(records -> {
            DynamodbEvent event = new DynamodbEvent();
            event.setRecords(records);
            return event;
        });
    }

    /**
     * Records as DynamoDB Streams delivers them, each field sometimes absent: images of every attribute type, nested
     * two levels, creation times in whole seconds (as the stream gives them, so that they survive the seconds both
     * ways).
     */
    public static Arbitrary<DynamodbEvent.DynamodbStreamRecord> records() {
        Arbitrary<Map<String, AttributeValue>> images = Arbitraries.maps(
                        Arbitraries.strings().ofMinLength(1).ofMaxLength(12), values(2))
                .ofMaxSize(5)
                .injectNull(0.3);
        Arbitrary<StreamRecord> stream = Combinators.combine(
                        images,
                        images,
                        images,
                        Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(21),
                        Arbitraries.longs().between(1, 400_000).injectNull(0.2),
                        Arbitraries.of(StreamViewType.class).injectNull(0.2),
                        // whole seconds, as DynamoDB Streams gives them: exactly representable both ways
                        Arbitraries.longs()
                                .between(1, 4_000_000_000L)
                                .map(seconds -> new Date(seconds * 1000))
                                .injectNull(0.2))
                .as((keys, newImage, oldImage, sequence, size, view, created) -> {
                    StreamRecord made = new StreamRecord()
                            .withKeys(keys)
                            .withNewImage(newImage)
                            .withOldImage(oldImage)
                            .withSequenceNumber(sequence)
                            .withSizeBytes(size)
                            .withApproximateCreationDateTime(created);
                    if (view != null) {
                        made.setStreamViewType(view);
                    }
                    return made;
                });
        Arbitrary<DynamodbEvent.DynamodbStreamRecord> record = Combinators.combine(
                        Arbitraries.strings().ofMaxLength(20).injectNull(0.1),
                        Arbitraries.of("INSERT", "MODIFY", "REMOVE").injectNull(0.1),
                        stream.injectNull(0.1),
                        Arbitraries.of("arn:aws:dynamodb:eu-west-1:123456789012:table/t/stream/2026")
                                .injectNull(0.1),
                        Arbitraries.of("dynamodb.amazonaws.com").injectNull(0.8))
                .as((id, name, dynamodb, arn, principal) -> {
                    DynamodbEvent.DynamodbStreamRecord made = new DynamodbEvent.DynamodbStreamRecord();
                    made.setEventID(id);
                    made.setEventName(name);
                    made.setEventVersion("1.1");
                    made.setEventSource("aws:dynamodb");
                    made.setAwsRegion("eu-west-1");
                    made.setDynamodb(dynamodb);
                    made.setEventSourceARN(arn);
                    if (principal != null) {
                        made.setUserIdentity(
                                new Identity().withPrincipalId(principal).withType("Service"));
                    }
                    return made;
                });
        return record;
    }

    /** Every type an attribute value can have, maps and lists nested {@code depth} levels more. */
    public static Arbitrary<AttributeValue> values(int depth) {
        Arbitrary<String> text = Arbitraries.strings().ofMaxLength(20);
        Arbitrary<String> number = Arbitraries.bigDecimals()
                .between(new BigDecimal("-1e20"), new BigDecimal("1e20"))
                .ofScale(3)
                .map(BigDecimal::toPlainString);
        Arbitrary<ByteBuffer> bytes =
                Arbitraries.bytes().array(byte[].class).ofMaxSize(12).map(ByteBuffer::wrap);
        List<Arbitrary<AttributeValue>> scalars = List.of(
                text.map(value -> new AttributeValue().withS(value)),
                number.map(value -> new AttributeValue().withN(value)),
                bytes.map(value -> new AttributeValue().withB(value)),
                text.list().ofMinSize(1).ofMaxSize(3).map(value -> new AttributeValue().withSS(value)),
                number.list().ofMinSize(1).ofMaxSize(3).map(value -> new AttributeValue().withNS(value)),
                bytes.list().ofMinSize(1).ofMaxSize(3).map(value -> new AttributeValue().withBS(value)),
                Arbitraries.just(new AttributeValue().withNULL(true)),
                Arbitraries.of(true, false).map(value -> new AttributeValue().withBOOL(value)));
        if (depth == 0) {
            return Arbitraries.oneOf(scalars);
        }
        Arbitrary<AttributeValue> inner = values(depth - 1);
        return Arbitraries.oneOf(Stream.concat(
                        scalars.stream(),
                        Stream.of(
                                Arbitraries.maps(
                                                Arbitraries.strings()
                                                        .ofMinLength(1)
                                                        .ofMaxLength(8),
                                                inner)
                                        .ofMaxSize(3)
                                        .map(value -> new AttributeValue().withM(value)),
                                inner.list().ofMaxSize(3).map(value -> new AttributeValue().withL(value))))
                .toList());
    }
}
