package dev.groundwork.template;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What a team gets after {@code sam deploy} to watch the system (docs/observability.md): an operations topic with an
 * optional e-mail subscription, the API's error-rate and latency alarms, an alarm on every dead-letter queue, every
 * queue's age and every consumer's failures, and one dashboard that shows every route and every consumer.
 */
class ObservabilityTemplateTest {
    private static final Path ROOT = Path.of("").toAbsolutePath().getParent().getParent();
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Map<String, Object> template = CloudFormationYaml.read(ROOT.resolve("template.yaml"));

    ObservabilityTemplateTest() throws IOException {}

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value == null ? Map.of() : (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object value) {
        return value == null ? List.of() : (List<Object>) value;
    }

    private Map<String, Map<String, Object>> resourcesOfType(String type) {
        Map<String, Map<String, Object>> found = new LinkedHashMap<>();
        map(template.get("Resources")).forEach((id, resource) -> {
            if (type.equals(map(resource).get("Type"))) {
                found.put(id, map(resource));
            }
        });
        return found;
    }

    private Map<String, Object> properties(String logicalId) {
        return map(map(map(template.get("Resources")).get(logicalId)).get("Properties"));
    }

    private Map<String, Map<String, Object>> alarms() {
        return resourcesOfType("AWS::CloudWatch::Alarm");
    }

    /** The logical ids an alarm watches: its dimensions' Refs and GetAtts, in metric-math queries or not. */
    private static List<String> watched(Map<String, Object> alarm) {
        List<Object> dimensions =
                new ArrayList<>(list(map(alarm.get("Properties")).get("Dimensions")));
        list(map(alarm.get("Properties")).get("Metrics"))
                .forEach(query -> dimensions.addAll(list(
                        map(map(map(query).get("MetricStat")).get("Metric")).get("Dimensions"))));
        List<String> ids = new ArrayList<>();
        for (Object dimension : dimensions) {
            if (!(map(dimension).get("Value") instanceof Map<?, ?>)) {
                continue;
            }
            Map<String, Object> intrinsic = map(map(dimension).get("Value"));
            if (intrinsic.containsKey("Ref")) {
                ids.add((String) intrinsic.get("Ref"));
            } else if (intrinsic.containsKey("Fn::GetAtt")) {
                Object target = intrinsic.get("Fn::GetAtt");
                ids.add(
                        target instanceof String text
                                ? text.split("\\.")[0]
                                : (String) list(target).getFirst());
            }
        }
        return ids;
    }

    @Test
    void anEmailSubscribesToTheOperationsTopicOnlyWhenGiven() {
        assertThat(map(map(template.get("Parameters")).get("AlarmEmail")).get("Default"))
                .isEqualTo("");
        Map<String, Map<String, Object>> subscriptions = resourcesOfType("AWS::SNS::Subscription");
        assertThat(subscriptions).hasSize(1);
        Map<String, Object> subscription = subscriptions.values().iterator().next();
        assertThat(subscription.get("Condition")).isEqualTo("HasAlarmEmail");
        assertThat(map(subscription.get("Properties")).get("Protocol")).isEqualTo("email");
        assertThat(map(template.get("Conditions"))).containsKey("HasAlarmEmail");
    }

    @Test
    void everyAlarmNotifiesTheOperationsTopic() {
        assertThat(alarms())
                .isNotEmpty()
                .allSatisfy((id, alarm) -> assertThat(
                                list(map(alarm.get("Properties")).get("AlarmActions")))
                        .as(id)
                        .containsExactly(Map.of("Ref", "OperationsTopic")));
    }

    @Test
    void theApiErrorRateAlarmFiresAboveFivePercentOverFiveMinutesWithAMinimumOfRequests() {
        Map<String, Object> alarm = properties("ApiErrorRateAlarm");
        List<Object> metrics = list(alarm.get("Metrics"));
        Map<String, Object> expression = metrics.stream()
                .map(ObservabilityTemplateTest::map)
                .filter(query -> Boolean.TRUE.equals(query.get("ReturnData")))
                .findFirst()
                .orElseThrow();

        assertThat((String) expression.get("Expression"))
                .contains("IF(requests >= 20")
                .contains("100 * FILL(errors, 0) / requests");
        assertThat(alarm.get("Threshold")).isEqualTo(5);
        assertThat(metrics.stream()
                        .map(ObservabilityTemplateTest::map)
                        .filter(query -> query.containsKey("MetricStat")))
                .allSatisfy(query ->
                        assertThat(map(query.get("MetricStat")).get("Period")).isEqualTo(300))
                .extracting(
                        query -> map(map(query.get("MetricStat")).get("Metric")).get("MetricName"))
                .containsExactlyInAnyOrder("5xx", "Count");
        assertThat(properties("ApiLatencyP99Alarm").get("Metrics").toString()).contains("Stat=p99");
    }

    @Test
    void everyDeadLetterQueueAndEveryQueueAndEveryConsumerHasAnAlarm() {
        List<String> watched = alarms().values().stream()
                .flatMap(alarm -> watched(alarm).stream())
                .toList();
        Map<String, Map<String, Object>> queues = resourcesOfType("AWS::SQS::Queue");
        assertThat(queues).isNotEmpty();
        assertThat(queues.keySet())
                .allSatisfy(queue ->
                        assertThat(watched).as("alarms watching " + queue).contains(queue));
        resourcesOfType("AWS::Serverless::Function").forEach((id, function) -> {
            boolean consumer = map(map(function.get("Properties")).get("Events")).values().stream()
                    .anyMatch(event ->
                            List.of("SQS", "DynamoDB").contains(map(event).get("Type")));
            if (consumer) {
                assertThat(watched).as("alarms watching consumer " + id).contains(id);
            }
        });
    }

    @Test
    void theDashboardShowsEveryRouteAndEveryConsumerAndEveryAlarm() throws IOException {
        Map<String, Object> dashboard = properties("GoldenSignalsDashboard");
        String body = (String) map(dashboard.get("DashboardBody")).get("Fn::Sub");
        JsonNode widgets = JSON.readTree(body).path("widgets");
        assertThat(widgets.size()).isGreaterThan(10);
        resourcesOfType("AWS::Serverless::Function")
                .keySet()
                .forEach(function ->
                        assertThat(body).as("the dashboard shows " + function).contains("${" + function + "}"));
        alarms().keySet()
                .forEach(alarm ->
                        assertThat(body).as("the alarm widget lists " + alarm).contains("${" + alarm + ".Arn}"));
    }
}
