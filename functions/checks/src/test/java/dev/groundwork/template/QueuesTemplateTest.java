package dev.groundwork.template;

import static dev.groundwork.template.Stack.REPOSITORY;
import static org.assertj.core.api.Assertions.assertThat;

import dev.groundwork.imports.ImportsConfig;
import dev.groundwork.usage.UsageMeterConsumer;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * template.yaml's queues and their consumers follow docs/async.md: every SQS event source reports batch item
 * failures (rule 9); every consumed queue hides a message for six times its consumer's timeout, dead-letters it after
 * 5 receives, and has an alarm on its dead-letter queue; the code's copies of maxReceiveCount are the queues'; the
 * relay retries whole batches of item records and sends what it cannot relay to its dead-letter queue.
 */
class QueuesTemplateTest {

    static Stream<StackFunction> sqsConsumers() {
        return REPOSITORY.functions().stream()
                .filter(function -> !function.sqsSources().isEmpty());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sqsConsumers")
    void everySqsEventSourceReportsBatchItemFailures(StackFunction function) {
        assertThat(function.sqsSources())
                .as("%s's SQS event sources", function)
                .allSatisfy(source -> assertThat(source.functionResponseTypes())
                        .as(
                                "%s's SQS event source %s must report batch item failures, or one bad message fails"
                                        + " its whole batch",
                                function, source.name())
                        .isEqualTo(List.of("ReportBatchItemFailures")));
    }

    /** helper-89: the import worker had none, so a flood of imports could take the account's concurrency. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("sqsConsumers")
    void everySqsEventSourceCapsItsConcurrency(StackFunction function) {
        assertThat(function.sqsSources())
                .as("%s's SQS event sources", function)
                .allSatisfy(source -> assertThat(
                                asMap(source.properties().get("ScalingConfig")).get("MaximumConcurrency"))
                        .as(
                                "%s's SQS event source %s must cap its concurrency (ScalingConfig.MaximumConcurrency),"
                                        + " or a backlog takes the account's concurrency from every route",
                                function, source.name())
                        .isNotNull());
    }

    private static Map<?, ?> asMap(Object value) {
        return value instanceof Map<?, ?> map ? map : Map.of();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sqsConsumers")
    void itsQueueHidesAMessageSixTimesItsTimeoutAndDeadLettersItAfterFiveReceivesUnderAnAlarm(StackFunction function) {
        assertThat(function.sqsSources()).as("%s's queues", function).allSatisfy(source -> {
            Stack.Queue queue = REPOSITORY.queue(source.queue());
            // https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-configure.html: at least six times the timeout.
            assertThat(queue.visibilityTimeout()).as(queue.logicalId()).isGreaterThanOrEqualTo(6 * function.timeout());
            assertThat(queue.maxReceiveCount()).as(queue.logicalId()).contains(5);
            assertThat(queue.deadLetterQueue())
                    .as("%s's dead-letter queue", queue.logicalId())
                    .isPresent();
            String deadLetterQueue = queue.deadLetterQueue().orElseThrow();
            assertThat(REPOSITORY.resource(deadLetterQueue).type()).isEqualTo(Stack.QUEUE);
            assertThat(REPOSITORY.alarms())
                    .as("an alarm on %s's depth", deadLetterQueue)
                    .anySatisfy(alarm -> {
                        assertThat(alarm.watched()).contains(deadLetterQueue);
                        assertThat(alarm.properties())
                                .containsEntry("MetricName", "ApproximateNumberOfMessagesVisible")
                                .containsEntry("Threshold", 0)
                                .containsEntry("ComparisonOperator", "GreaterThanThreshold");
                    });
        });
    }

    @Test
    void theCodesMaxReceiveCountsAreTheQueues() {
        assertThat(REPOSITORY.queue("ItemEventsQueue").maxReceiveCount())
                .contains(UsageMeterConsumer.ITEM_EVENTS_MAX_RECEIVE_COUNT);
        assertThat(REPOSITORY.function("ImportWorkerFunction").environment())
                .extractingByKey(ImportsConfig.IMPORT_JOBS_MAX_RECEIVE_COUNT)
                .asString()
                .isEqualTo(String.valueOf(
                        REPOSITORY.queue("ImportJobsQueue").maxReceiveCount().orElseThrow()));
    }

    @Test
    void theRelayRetriesWholeBatchesOfItemRecordsOnlyAndDeadLettersWhatFails() {
        StackFunction relay = REPOSITORY.function("ItemEventsRelayFunction");

        assertThat(relay.streamSources()).singleElement().satisfies(source -> {
            assertThat(source.table()).isEqualTo("ItemsTable");
            assertThat(source.properties())
                    .containsEntry("BisectBatchOnFunctionError", false)
                    .doesNotContainKey("FunctionResponseTypes");
            assertThat(source.properties().get("FilterCriteria").toString()).contains("ITEM#");
            assertThat(source.onFailureDestination()).contains("ItemChangesDeadLetterQueue");
        });
    }
}
