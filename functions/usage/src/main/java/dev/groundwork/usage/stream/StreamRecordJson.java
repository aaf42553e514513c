package dev.groundwork.usage.stream;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import dev.groundwork.platform.runtime.StreamEventJson;
import java.util.List;

/**
 * One stream record as the event Lambda hands the relay ({@code {"Records":[…]}}, written as the relay's
 * serializer writes it, {@link StreamEventJson}), so that a dead-lettered record is replayed by invoking the relay with the
 * message's body as its event: {@code aws lambda invoke}, {@code sam local invoke -e} or
 * {@code ./groundwork invoke ItemEventsRelayFunction --event}.
 */
public final class StreamRecordJson {
    private StreamRecordJson() {}

    /**
     * Under SQS's message limit (256 KB with the message attributes, "Amazon SQS message quotas"), with room for
     * those; an item's two images can take 800 KB.
     */
    static final int MAX_MESSAGE_CHARS = 250 * 1024;

    /**
     * The record as an event, with its images when they fit one message; without them (its keys and sequence number
     * still say which change it was, for a replay from the stream within its 24 hours) when they do not.
     */
    public static String event(DynamodbEvent.DynamodbStreamRecord record) {
        String whole = StreamEventJson.asciiText(batchOf(record));
        if (whole.length() <= MAX_MESSAGE_CHARS || record.getDynamodb() == null) {
            return whole;
        }
        DynamodbEvent.DynamodbStreamRecord keysOnly = record.clone();
        keysOnly.setDynamodb(record.getDynamodb().clone().withNewImage(null).withOldImage(null));
        return StreamEventJson.asciiText(batchOf(keysOnly));
    }

    private static DynamodbEvent batchOf(DynamodbEvent.DynamodbStreamRecord record) {
        DynamodbEvent batch = new DynamodbEvent();
        batch.setRecords(List.of(record));
        return batch;
    }
}
