package dev.groundwork.usage;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import dev.groundwork.items.dynamodb.ItemRecords;
import dev.groundwork.platform.observability.ConsumerMetrics;
import dev.groundwork.platform.observability.Correlation;
import dev.groundwork.platform.retry.Backoff;
import dev.groundwork.platform.sqs.SqsBatch;
import dev.groundwork.platform.sqs.SqsSender;
import dev.groundwork.platform.testing.TestContext;
import dev.groundwork.usage.domain.ChangeRun;
import dev.groundwork.usage.sqs.ChangeRunMessages;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResultEntry;

/**
 * Each hop of a request's correlation id off the request path: the SQS messages a request sends carry it as an
 * attribute; a consumer's work on a message runs under it; the relay carries the id that the item's writer stored
 * in the item on to the meter's message. And each batch reports its metrics.
 */
class CorrelationHopsTest {
    private static final Instant NOW = Instant.parse("2025-11-25T18:00:07Z");

    /** Keeps what would have been sent; pins the request's shape, as a fake SQS client can. */
    private static final class RecordingSqs implements SqsClient {
        final List<SendMessageBatchRequestEntry> sent = new CopyOnWriteArrayList<>();

        @Override
        public SendMessageBatchResponse sendMessageBatch(SendMessageBatchRequest request) {
            sent.addAll(request.entries());
            return SendMessageBatchResponse.builder()
                    .successful(request.entries().stream()
                            .map(entry -> SendMessageBatchResultEntry.builder()
                                    .id(entry.id())
                                    .messageId("m-" + entry.id())
                                    .build())
                            .toList())
                    .build();
        }

        @Override
        public String serviceName() {
            return "sqs";
        }

        @Override
        public void close() {}
    }

    private static final class RecordingMetrics implements ConsumerMetrics {
        final List<Batch> batches = new ArrayList<>();
        long deduplicated;

        @Override
        public void batch(Context context, Batch batch) {
            batches.add(batch);
        }

        @Override
        public void deduplicated(Context context, long events) {
            deduplicated += events;
        }
    }

    @AfterEach
    void clear() {
        MDC.clear();
    }

    @Test
    void aMessageSentDuringARequestCarriesTheRequestsCorrelationId() {
        // given
        RecordingSqs sqs = new RecordingSqs();
        SqsSender sender = new SqsSender(sqs, "http://queue", Backoff.none());
        Correlation.set("req-create-import-1");

        // when
        sender.send(List.of(new SqsSender.Outgoing("{}", "acme"), new SqsSender.Outgoing("{}", "acme")));

        // then
        assertThat(sqs.sent).hasSize(2).allSatisfy(entry -> {
            assertThat(entry.messageAttributes().get("correlation_id").stringValue())
                    .isEqualTo("req-create-import-1");
            assertThat(entry.messageAttributes().get("tenant").stringValue()).isEqualTo("acme");
        });
    }

    @Test
    void aMessageSentOutsideAnyRequestHasNoCorrelationAttribute() {
        RecordingSqs sqs = new RecordingSqs();

        new SqsSender(sqs, "http://queue", Backoff.none()).send(List.of(new SqsSender.Outgoing("{}", "acme")));

        assertThat(sqs.sent.getFirst().messageAttributes()).containsOnlyKeys("tenant");
    }

    @Test
    void eachMessageIsHandledUnderTheCorrelationIdItCarriesAndTheBatchReportsItsMetrics() {
        // given
        SQSEvent event = EventLoader.loadSQSEvent("events/sqs/item-events/batch-of-3.json");
        event.getRecords().get(0).setMessageAttributes(attribute("req-a"));
        event.getRecords().get(1).setMessageAttributes(attribute("req-b"));
        event.getRecords().get(2).setMessageAttributes(attribute("not well formed!"));
        RecordingMetrics metrics = new RecordingMetrics();
        SqsBatch<ChangeRun> batch = new SqsBatch<>(
                ChangeRunMessages::read,
                5,
                metrics,
                Clock.fixed(Instant.ofEpochMilli(1764093600000L).plusSeconds(30), ZoneOffset.UTC));
        List<Optional<String>> seen = new ArrayList<>();
        List<String> batchLevel = new ArrayList<>();

        // when
        batch.handle(event, new TestContext("ImportWorkerFunction"), received -> {
            batchLevel.add(MDC.get("correlation_ids"));
            return SqsBatch.<ChangeRun>eachMessage(
                            message -> {
                                seen.add(Correlation.current());
                                if (message.body().tenant().value().equals("globex")) {
                                    throw new IllegalStateException("outage");
                                }
                            },
                            run -> new SqsBatch.Described(run.tenant().value(), "run"))
                    .process(received);
        });

        // then
        assertThat(seen).containsExactly(Optional.of("req-a"), Optional.of("req-b"), Optional.empty());
        assertThat(batchLevel).containsExactly("req-a,req-b");
        assertThat(metrics.batches).singleElement().satisfies(reported -> {
            assertThat(reported.size()).isEqualTo(3);
            assertThat(reported.failed()).isEqualTo(1);
            assertThat(reported.oldestAge()).contains(Duration.ofSeconds(30));
        });
    }

    @Test
    void theRelayCarriesTheIdOfTheRequestThatWroteEachItemToTheMetersMessage() {
        // given: the stream's new images carry the id their writer stored
        DynamodbEvent event = EventLoader.loadDynamoDbEvent(
                "events/dynamodb/items-stream/two-tenants-with-an-idempotency-record.json");
        List<String> ids = new ArrayList<>();
        for (DynamodbEvent.DynamodbStreamRecord record : event.getRecords()) {
            Map<String, AttributeValue> image = record.getDynamodb().getNewImage();
            if (image != null) {
                String id = "req-" + record.getDynamodb().getSequenceNumber();
                image.put(ItemRecords.LAST_REQUEST_ID, new AttributeValue().withS(id));
                ids.add(id);
            }
        }
        RecordingSqs sqs = new RecordingSqs();
        RecordingMetrics metrics = new RecordingMetrics();
        ItemEventsRelay relay = new ItemEventsRelay(
                new SqsSender(sqs, "http://queue", Backoff.none()),
                new SqsSender(sqs, "http://dead-letters", Backoff.none()),
                metrics,
                Clock.fixed(NOW, ZoneOffset.UTC));

        // when
        relay.relay(event, new TestContext("ItemEventsRelayFunction"));

        // then
        List<String> carried = sqs.sent.stream()
                .map(entry -> entry.messageAttributes().get("correlation_id"))
                .filter(java.util.Objects::nonNull)
                .flatMap(attribute -> List.of(attribute.stringValue().split(",")).stream())
                .toList();
        assertThat(carried).isNotEmpty().allSatisfy(id -> assertThat(ids).contains(id));
        assertThat(metrics.batches).singleElement().satisfies(reported -> {
            assertThat(reported.size()).isEqualTo(event.getRecords().size());
            assertThat(reported.failed()).isZero();
            assertThat(reported.oldestAge()).isPresent();
        });
    }

    private static Map<String, SQSEvent.MessageAttribute> attribute(String value) {
        SQSEvent.MessageAttribute attribute = new SQSEvent.MessageAttribute();
        attribute.setDataType("String");
        attribute.setStringValue(value);
        return Map.of("correlation_id", attribute);
    }
}
