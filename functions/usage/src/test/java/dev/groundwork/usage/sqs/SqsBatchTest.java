package dev.groundwork.usage.sqs;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import dev.groundwork.platform.sqs.BatchWork;
import dev.groundwork.platform.sqs.Received;
import dev.groundwork.platform.sqs.SqsBatch;
import dev.groundwork.platform.testing.TestContext;
import dev.groundwork.usage.domain.ChangeRun;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SqsBatchTest {
    private final SqsBatch<ChangeRun> batch = new SqsBatch<>(ChangeRunMessages::read, 5);

    private static SQSEvent sample(String name) {
        return EventLoader.loadSQSEvent("events/sqs/item-events/" + name);
    }

    private static List<String> failed(SQSBatchResponse response) {
        return response.getBatchItemFailures().stream()
                .map(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                .toList();
    }

    @Test
    void handsEveryReadableMessageToTheWorkAtOnce() {
        List<List<Received<ChangeRun>>> calls = new ArrayList<>();

        SQSBatchResponse response =
                batch.handle(sample("batch-of-3.json"), new TestContext("UsageMeterFunction"), received -> {
                    calls.add(received);
                    return List.of();
                });

        assertThat(failed(response)).isEmpty();
        assertThat(calls)
                .singleElement()
                .satisfies(received -> assertThat(received).hasSize(3));
        assertThat(calls.getFirst().getFirst().body().tenant().value()).isEqualTo("acme");
    }

    @Test
    void failsAnUnreadableMessageAloneAndTheOthersGoOn() {
        List<Received<ChangeRun>> handed = new ArrayList<>();

        SQSBatchResponse response = batch.handle(
                sample("poison-on-last-delivery.json"), new TestContext("UsageMeterFunction"), received -> {
                    handed.addAll(received);
                    return List.of();
                });

        assertThat(failed(response)).containsExactly("0f1e2d3c-0000-4000-8000-000000000009");
        assertThat(handed).hasSize(2);
    }

    @Test
    void failsAloneAMessageWhoseSizeIsNoWholeNumberOrBeyondWhatADecimalHolds() {
        SQSEvent event = sample("batch-of-3.json");
        String good = event.getRecords().getFirst().getBody();
        List<String> sizes = List.of("1e9999999999", "1E-2147483649", "1e19", "312.5", "\"312\"");
        List<SQSEvent.SQSMessage> messages = new ArrayList<>();
        messages.add(event.getRecords().getFirst());
        for (String size : sizes) {
            SQSEvent.SQSMessage odd = new SQSEvent.SQSMessage();
            odd.setMessageId("odd-" + size);
            odd.setBody(good.replaceFirst(
                    "\"bytesAfter\":\\s*\\d+", "\"bytesAfter\":" + java.util.regex.Matcher.quoteReplacement(size)));
            messages.add(odd);
        }
        event.setRecords(messages);
        List<Received<ChangeRun>> handed = new ArrayList<>();

        SQSBatchResponse response = batch.handle(event, new TestContext("UsageMeterFunction"), received -> {
            handed.addAll(received);
            return List.of();
        });

        assertThat(failed(response))
                .containsExactlyElementsOf(
                        sizes.stream().map(size -> "odd-" + size).toList());
        assertThat(handed)
                .singleElement()
                .satisfies(received -> assertThat(received.messageId())
                        .isEqualTo(event.getRecords().getFirst().getMessageId()));
    }

    @Test
    void reportsTheMessagesTheWorkSaysFailed() {
        SQSBatchResponse response = batch.handle(
                sample("batch-of-3.json"),
                new TestContext("UsageMeterFunction"),
                received -> List.of(new BatchWork.Failure(received.get(1).messageId(), "globex", "run", "contended")));

        assertThat(failed(response)).containsExactly("0f1e2d3c-0000-4000-8000-000000000002");
    }

    @Test
    void failsOnlyTheMessageWhoseHandlingThrowsWhenTakenOneByOne() {
        SQSBatchResponse response = batch.handle(
                sample("batch-of-3.json"),
                new TestContext("UsageMeterFunction"),
                SqsBatch.eachMessage(
                        message -> {
                            if (message.body().tenant().value().equals("globex")) {
                                throw new IllegalStateException("outage");
                            }
                        },
                        run -> new SqsBatch.Described(
                                run.tenant().value(), run.key().toString())));

        assertThat(failed(response)).containsExactly("0f1e2d3c-0000-4000-8000-000000000002");
    }

    @Test
    void readsTheReceiveCountLambdaPassesOn() {
        List<Integer> counts = new ArrayList<>();
        batch.handle(sample("poison-on-last-delivery.json"), new TestContext("UsageMeterFunction"), received -> {
            received.forEach(message -> counts.add(message.receiveCount()));
            return List.of();
        });
        assertThat(counts).containsExactly(1, 1);
    }
}
