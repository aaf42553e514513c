package dev.groundwork.platform.sqs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import dev.groundwork.kernel.OutOfTime;
import dev.groundwork.platform.testing.LocalCloud;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

class SqsSenderTest {
    private final LocalCloud cloud = LocalCloud.get();
    private final LocalCloud.Queue queue = cloud.queue("sender", 30, 3);
    private final SqsSender sender = new SqsSender(cloud.sqs(), queue.url(), SqsSender.backoff());

    @Test
    void sendsEveryMessageTenACall() {
        sender.send(IntStream.range(0, 23)
                .mapToObj(i -> new SqsSender.Outgoing("{\"n\":" + i + "}", "acme"))
                .toList());

        assertThat(cloud.depth(queue.url())).isEqualTo(23);
    }

    /** A call started past the time to answer would end after the client stopped waiting (helper-91). */
    @Test
    void startsNoCallPastItsTimeToAnswerAndSaysHowManyWereSent() {
        SqsClient slow = new SqsClient() {
            @Override
            public SendMessageBatchResponse sendMessageBatch(SendMessageBatchRequest request) {
                try {
                    Thread.sleep(300);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                }
                return cloud.sqs().sendMessageBatch(request);
            }

            @Override
            public String serviceName() {
                return SERVICE_NAME;
            }

            @Override
            public void close() {}
        };
        List<SqsSender.Outgoing> fifty = IntStream.range(0, 50)
                .mapToObj(i -> new SqsSender.Outgoing("{\"n\":" + i + "}", "acme"))
                .toList();

        assertThatThrownBy(() -> new SqsSender(slow, queue.url(), SqsSender.backoff())
                        .send(fifty, Instant.now().plusMillis(450)))
                .isInstanceOf(OutOfTime.class)
                .hasMessageContaining("20 of 50 messages sent");

        assertThat(cloud.depth(queue.url())).isEqualTo(20);
    }

    @Test
    void groupsEachMessageByItsTenantSoThatSqsDeliversFairlyAmongTenants() {
        sender.send(List.of(
                new SqsSender.Outgoing("{\"n\":1}", "acme"),
                new SqsSender.Outgoing("{\"n\":2}", "globex"),
                new SqsSender.Outgoing("{\"n\":3}", "acme")));

        var received = cloud.sqs()
                .receiveMessage(receive -> receive.queueUrl(queue.url())
                        .maxNumberOfMessages(10)
                        .messageSystemAttributeNamesWithStrings("MessageGroupId"))
                .messages();
        assertThat(received)
                .extracting(
                        message -> message.body(),
                        message -> message.attributesAsStrings().get("MessageGroupId"))
                .containsExactlyInAnyOrder(
                        tuple("{\"n\":1}", "acme"), tuple("{\"n\":2}", "globex"), tuple("{\"n\":3}", "acme"));
    }

    @Test
    void aPrimingGoesAllTheWayToSqsAndSendsNothing() {
        sender.prime(new SqsSender.Outgoing("{\"priming\":true}", "snapstart-priming-0", Optional.of("priming")));
        sender.prime(new SqsSender.Outgoing("{\"priming\":true}", "snapstart-priming-0", Optional.empty()));

        assertThat(cloud.depth(queue.url())).isZero();
        sender.send(List.of(new SqsSender.Outgoing("{}", "acme")));
        assertThat(cloud.depth(queue.url()))
                .as("the sender still sends after a priming")
                .isEqualTo(1);
    }

    @Test
    void aPrimingSenderGoesThroughEveryCallOfABatchAndSendsNothing() {
        List<SqsSender.Outgoing> twelve = java.util.stream.IntStream.range(0, 12)
                .mapToObj(n -> new SqsSender.Outgoing("{\"n\":" + n + "}", "snapstart-priming-0"))
                .toList();

        sender.forPriming().send(twelve);

        assertThat(cloud.depth(queue.url())).isZero();
    }

    @Test
    void aPrimingMessageTooLargeToSendTwiceInOneBatchFailsThePrimingAndSendsNothing() {
        String large = "{\"name\":\"" + "x".repeat(40_000) + "\"}";

        assertThatThrownBy(() -> sender.prime(new SqsSender.Outgoing(large, "snapstart-priming-0")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("too large to send twice");
        assertThat(cloud.depth(queue.url())).isZero();
    }
}
