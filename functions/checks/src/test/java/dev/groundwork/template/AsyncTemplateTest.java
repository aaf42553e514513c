package dev.groundwork.template;

import static org.assertj.core.api.Assertions.assertThat;

import dev.groundwork.imports.ImportsConfig;
import dev.groundwork.usage.RelayConfig;
import dev.groundwork.usage.UsageConfig;
import dev.groundwork.usage.UsageMeterConsumer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * template.yaml's queues and their consumers follow the rules of docs/async.md: every SQS event source reports batch
 * item failures, every consumed queue has a dead-letter queue after 5 receives, a visibility timeout of at least six
 * times its consumer's timeout and an alarm on its dead-letter queue; the code's copies of maxReceiveCount agree with
 * the template; every variable a config requires is declared; the import front function may send to import-jobs only.
 */
class AsyncTemplateTest {
    private static final Map<String, Object> TEMPLATE = load();

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value == null ? Map.of() : (Map<String, Object>) value;
    }

    private static Map<String, Object> resources() {
        return map(TEMPLATE.get("Resources"));
    }

    private static Map<String, Object> properties(String logicalId) {
        return map(map(resources().get(logicalId)).get("Properties"));
    }

    /** Every event source of type SQS, by function. */
    private static List<Map.Entry<String, Map<String, Object>>> sqsSources() {
        List<Map.Entry<String, Map<String, Object>>> sources = new ArrayList<>();
        resources().forEach((id, resource) -> {
            if ("AWS::Serverless::Function".equals(map(resource).get("Type"))) {
                map(properties(id).get("Events")).values().forEach(event -> {
                    if ("SQS".equals(map(event).get("Type"))) {
                        sources.add(Map.entry(id, map(map(event).get("Properties"))));
                    }
                });
            }
        });
        return sources;
    }

    private static String queueOf(Map<String, Object> source) {
        return ((List<?>) map(source.get("Queue")).get("Fn::GetAtt")).getFirst().toString();
    }

    @Test
    void everySqsEventSourceReportsBatchItemFailures() {
        assertThat(sqsSources())
                .isNotEmpty()
                .allSatisfy(source -> assertThat(source.getValue().get("FunctionResponseTypes"))
                        .as(
                                "%s's SQS event source must report batch item failures, or one bad message fails its whole batch",
                                source.getKey())
                        .isEqualTo(List.of("ReportBatchItemFailures")));
    }

    @Test
    void everyConsumedQueueHidesAMessageSixTimesItsConsumersTimeoutAndDeadLettersAfterFiveReceives() {
        int globalTimeout =
                ((Number) map(map(TEMPLATE.get("Globals")).get("Function")).get("Timeout")).intValue();
        for (var source : sqsSources()) {
            String queue = queueOf(source.getValue());
            int timeout = ((Number) properties(source.getKey()).getOrDefault("Timeout", globalTimeout)).intValue();
            Map<String, Object> queueProperties = properties(queue);
            assertThat(((Number) queueProperties.get("VisibilityTimeout")).intValue())
                    .as(queue)
                    .isGreaterThanOrEqualTo(6 * timeout);
            Map<String, Object> redrive = map(queueProperties.get("RedrivePolicy"));
            assertThat(redrive.get("maxReceiveCount")).as(queue).isEqualTo(5);
            String deadLetterQueue = ((List<?>)
                            map(redrive.get("deadLetterTargetArn")).get("Fn::GetAtt"))
                    .getFirst()
                    .toString();
            assertThat(map(resources().get(deadLetterQueue)).get("Type")).isEqualTo("AWS::SQS::Queue");
            assertThat(alarmsOn(deadLetterQueue))
                    .as("an alarm on %s's depth", deadLetterQueue)
                    .isNotEmpty();
        }
    }

    private static List<String> alarmsOn(String queue) {
        List<String> alarms = new ArrayList<>();
        resources().forEach((id, resource) -> {
            if ("AWS::CloudWatch::Alarm".equals(map(resource).get("Type"))) {
                Map<String, Object> alarm = properties(id);
                boolean onQueue =
                        String.valueOf(alarm.get("Dimensions")).contains(queue); // metric-math alarms have none
                if (onQueue
                        && "ApproximateNumberOfMessagesVisible".equals(alarm.get("MetricName"))
                        && ((Number) alarm.get("Threshold")).intValue() == 0
                        && "GreaterThanThreshold".equals(alarm.get("ComparisonOperator"))) {
                    alarms.add(id);
                }
            }
        });
        return alarms;
    }

    @Test
    void theCodesMaxReceiveCountsAreTheQueues() {
        assertThat(map(properties("ItemEventsQueue").get("RedrivePolicy")).get("maxReceiveCount"))
                .isEqualTo(UsageMeterConsumer.ITEM_EVENTS_MAX_RECEIVE_COUNT);
        assertThat(environment("ImportWorkerFunction")
                        .get(ImportsConfig.IMPORT_JOBS_MAX_RECEIVE_COUNT)
                        .toString())
                .isEqualTo(map(properties("ImportJobsQueue").get("RedrivePolicy"))
                        .get("maxReceiveCount")
                        .toString());
    }

    @Test
    void declaresEveryVariableTheConfigsRequire() {
        assertThat(environment("ItemEventsRelayFunction"))
                .containsKeys(RelayConfig.TEMPLATE_VARIABLES.toArray(String[]::new));
        assertThat(environment("UsageMeterFunction"))
                .containsKeys(UsageConfig.TEMPLATE_VARIABLES.toArray(String[]::new));
        assertThat(environment("GetUsageFunction")).containsKeys(UsageConfig.TEMPLATE_VARIABLES.toArray(String[]::new));
        for (String function : List.of("CreateImportFunction", "ImportWorkerFunction", "GetImportFunction")) {
            assertThat(environment(function)).containsKeys(ImportsConfig.TEMPLATE_VARIABLES.toArray(String[]::new));
        }
        assertThat(environment("CreateImportFunction")).containsKey(ImportsConfig.IMPORT_JOBS_QUEUE_URL);
    }

    @Test
    void theImportFrontFunctionMaySendToImportJobsAndNothingElse() {
        List<Object> sqsResources = new ArrayList<>();
        for (Object policy : (List<?>) properties("CreateImportFunction").get("Policies")) {
            for (Object statement : (List<?>) map(policy).get("Statement")) {
                List<?> actions = (List<?>) map(statement).get("Action");
                if (actions.stream().anyMatch(action -> action.toString().startsWith("sqs:"))) {
                    assertThat(actions.stream().map(Object::toString).toList()).containsExactly("sqs:SendMessage");
                    sqsResources.add(map(statement).get("Resource"));
                }
            }
        }
        assertThat(sqsResources).containsExactly(Map.of("Fn::GetAtt", List.of("ImportJobsQueue", "Arn")));
    }

    @Test
    void theRelayRetriesWholeBatchesOfItemRecordsOnly() {
        Map<String, Object> source =
                map(map(map(properties("ItemEventsRelayFunction").get("Events")).get("ItemChanges"))
                        .get("Properties"));
        assertThat(source.get("BisectBatchOnFunctionError")).isEqualTo(false);
        assertThat(source).doesNotContainKey("FunctionResponseTypes");
        assertThat(source.get("FilterCriteria").toString()).contains("ITEM#");
    }

    @Test
    void routesTheUsageAndImportFunctionsThroughTheJwtProtectedHttpApi() {
        Map<String, String> routes = Map.of(
                "GetUsageFunction",
                "GET /v1/usage",
                "CreateImportFunction",
                "POST /v1/imports",
                "GetImportFunction",
                "GET /v1/imports/{importId}");
        routes.forEach((function, route) -> {
            List<String> served = new ArrayList<>();
            map(properties(function).get("Events")).values().forEach(event -> {
                assertThat(map(event).get("Type")).isEqualTo("HttpApi");
                Map<String, Object> api = map(map(event).get("Properties"));
                assertThat(api.get("ApiId")).isEqualTo(Map.of("Ref", "HttpApi"));
                served.add(api.get("Method") + " " + api.get("Path"));
            });
            assertThat(served).as(function).containsExactly(route);
        });
    }

    private static Map<String, Object> environment(String function) {
        Map<String, Object> variables = new HashMap<>(
                map(map(map(map(TEMPLATE.get("Globals")).get("Function")).get("Environment"))
                        .get("Variables")));
        variables.putAll(map(map(properties(function).get("Environment")).get("Variables")));
        return variables;
    }

    /** template.yaml with CloudFormation's short-form tags read as their long forms ({@code !Ref x} as {@code {Ref: x}}). */
    private static Map<String, Object> load() {
        Path template = Path.of(System.getProperty("user.dir"))
                .resolve("../../template.yaml")
                .normalize();
        try {
            return CloudFormationYaml.read(template);
        } catch (IOException unreadable) {
            throw new IllegalStateException("cannot read " + template, unreadable);
        }
    }
}
