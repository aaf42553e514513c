package dev.groundwork.template;

import static dev.groundwork.template.Stack.REPOSITORY;
import static dev.groundwork.template.Stack.list;
import static dev.groundwork.template.Stack.map;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What a team gets after {@code sam deploy} to watch the system (docs/observability.md): an operations topic with an
 * optional e-mail subscription, the API's error-rate and latency alarms, an alarm on every dead-letter queue, every
 * queue's age and every consumer's failures, and one dashboard that shows every route and every consumer.
 */
class ObservabilityTemplateTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void anEmailSubscribesToTheOperationsTopicOnlyWhenGiven() {
        assertThat(map(REPOSITORY.section("Parameters").get("AlarmEmail")).get("Default"))
                .isEqualTo("");
        assertThat(REPOSITORY.resourcesOfType("AWS::SNS::Subscription"))
                .singleElement()
                .satisfies(subscription -> {
                    assertThat(subscription.definition().get("Condition")).isEqualTo("HasAlarmEmail");
                    assertThat(subscription.properties().get("Protocol")).isEqualTo("email");
                });
        assertThat(REPOSITORY.section("Conditions")).containsKey("HasAlarmEmail");
    }

    @Test
    void everyAlarmNotifiesTheOperationsTopicWhenItFiresAndWhenItClears() {
        assertThat(REPOSITORY.alarms()).isNotEmpty().allSatisfy(alarm -> {
            assertThat(alarm.actions())
                    .as("%s's AlarmActions", alarm.logicalId())
                    .containsExactly(Map.of("Ref", "OperationsTopic"));
            assertThat(list(alarm.properties().get("OKActions")))
                    .as("%s's OKActions", alarm.logicalId())
                    .containsExactly(Map.of("Ref", "OperationsTopic"));
        });
    }

    @Test
    void theApiErrorRateAlarmFiresAboveFivePercentOverFiveMinutesWithAMinimumOfRequests() {
        Map<String, Object> alarm = REPOSITORY.resource("ApiErrorRateAlarm").properties();
        List<Object> metrics = list(alarm.get("Metrics"));
        Map<String, Object> expression = metrics.stream()
                .map(Stack::map)
                .filter(query -> Boolean.TRUE.equals(query.get("ReturnData")))
                .findFirst()
                .orElseThrow();

        assertThat((String) expression.get("Expression"))
                .contains("IF(requests >= 20")
                .contains("100 * FILL(errors, 0) / requests");
        assertThat(alarm.get("Threshold")).isEqualTo(5);
        assertThat(metrics.stream().map(Stack::map).filter(query -> query.containsKey("MetricStat")))
                .allSatisfy(query ->
                        assertThat(map(query.get("MetricStat")).get("Period")).isEqualTo(300))
                .extracting(
                        query -> map(map(query.get("MetricStat")).get("Metric")).get("MetricName"))
                .containsExactlyInAnyOrder("5xx", "Count");
        assertThat(REPOSITORY
                        .resource("ApiLatencyP99Alarm")
                        .properties()
                        .get("Metrics")
                        .toString())
                .contains("Stat=p99");
    }

    @Test
    void everyQueueAndEveryConsumerHasAnAlarm() {
        List<String> watched = REPOSITORY.alarms().stream()
                .flatMap(alarm -> alarm.watched().stream())
                .toList();

        assertThat(REPOSITORY.queues())
                .isNotEmpty()
                .allSatisfy(queue -> assertThat(watched)
                        .as("alarms watching " + queue.logicalId())
                        .contains(queue.logicalId()));
        REPOSITORY.functions().stream()
                .filter(StackFunction::isConsumer)
                .forEach(consumer -> assertThat(watched)
                        .as("alarms watching consumer " + consumer)
                        .contains(consumer.logicalId()));
    }

    @Test
    void everyMetricOfTheDashboardIsANamespaceANameDimensionPairsAndItsOptions() throws IOException {
        // CloudWatch refuses a dashboard body whose metric line has any other shape, and with it the whole deploy.
        JsonNode widgets = JSON.readTree(dashboardBody()).path("widgets");
        int metrics = 0;
        for (JsonNode widget : widgets) {
            for (JsonNode metric : widget.path("properties").path("metrics")) {
                String title = widget.path("properties").path("title").asText();
                List<JsonNode> parts = new ArrayList<>();
                metric.forEach(parts::add);
                assertThat(parts).as("a metric line of %s", title).isNotEmpty();
                List<JsonNode> names = parts.getLast().isObject() ? parts.subList(0, parts.size() - 1) : parts;
                if (names.isEmpty()) {
                    assertThat(parts.getLast().has("expression"))
                            .as("a line of options alone in %s is a math expression", title)
                            .isTrue();
                } else {
                    assertThat(names)
                            .as("%s: namespace, metric name, then dimension names and values", title)
                            .allMatch(JsonNode::isTextual)
                            .hasSizeGreaterThanOrEqualTo(2);
                    assertThat(names.size() % 2)
                            .as("%s: dimensions come in pairs: %s", title, metric)
                            .isZero();
                }
                metrics++;
            }
        }
        assertThat(metrics).isGreaterThan(50);
    }

    @Test
    void theApiLogsOneJsonLinePerRequestWithItsTenantAndTheRequestIdTheFunctionsLog() throws IOException {
        String format =
                (String) map(map(REPOSITORY.resource("HttpApi").properties().get("AccessLogSettings"))
                                .get("Format"))
                        .get("Fn::Sub");
        // As API Gateway writes it: each variable replaced by its value (the status a number, the rest strings), and
        // the tenant claim's name by the parameter's default.
        String line = format.replace("$context.status", "429")
                .replaceAll("\\$context\\.[A-Za-z.]+(\\$\\{TenantClaim})?", "x");
        JsonNode fields = JSON.readTree(line);

        assertThat(fields.isObject())
                .as("the access log format is one JSON object: %s", format)
                .isTrue();
        assertThat(fields.path("status").isNumber())
                .as("status is a number, so a filter can compare it")
                .isTrue();
        assertThat(format)
                .contains("\"request_id\":\"$context.requestId\"")
                .contains("\"route\":\"$context.routeKey\"")
                .contains("\"api_id\":\"$context.apiId\"")
                .contains("\"tenant_id\":\"$context.authorizer.claims.${TenantClaim}\"")
                .as("no value a client or its token's claims could fill with a quote")
                .doesNotContain("$context.path")
                .doesNotContain("$context.identity.userAgent")
                .doesNotContain("$context.authorizer.error");
    }

    @Test
    void theRequestsTheThrottleRefusesAreCountedFromTheAccessLogAndShownOnTheDashboard() throws IOException {
        Stack.Resource filter = REPOSITORY.resource("ApiTooManyRequestsMetricFilter");

        assertThat(filter.type()).isEqualTo("AWS::Logs::MetricFilter");
        assertThat(filter.properties())
                .containsEntry("LogGroupName", Map.of("Ref", "HttpApiAccessLogGroup"))
                .containsEntry("FilterPattern", "{ $.status = 429 }");
        Map<String, Object> metric =
                map(list(filter.properties().get("MetricTransformations")).getFirst());
        assertThat(metric)
                .containsEntry("MetricNamespace", "Groundwork")
                .containsEntry("MetricName", "ApiTooManyRequests")
                .containsEntry("Dimensions", List.of(Map.of("Key", "ApiId", "Value", "$.api_id")));
        assertThat(dashboardBody()).contains("[\"Groundwork\", \"ApiTooManyRequests\", \"ApiId\", \"${HttpApi}\", {");
    }

    private static String dashboardBody() {
        return (String)
                map(REPOSITORY.resource("GoldenSignalsDashboard").properties().get("DashboardBody"))
                        .get("Fn::Sub");
    }

    @Test
    void theDashboardShowsEveryFunctionAndEveryAlarm() throws IOException {
        String body = dashboardBody();
        JsonNode widgets = JSON.readTree(body).path("widgets");

        assertThat(widgets.size()).isGreaterThan(10);
        REPOSITORY
                .functions()
                .forEach(function -> assertThat(body)
                        .as(
                                "GoldenSignalsDashboard's DashboardBody names ${%s} in its per-route widgets (requests, 5xx, 4xx, p50, p99, errors)",
                                function)
                        .contains("${" + function.logicalId() + "}"));
        REPOSITORY
                .alarms()
                .forEach(alarm -> assertThat(body)
                        .as("the alarm widget lists " + alarm.logicalId())
                        .contains("${" + alarm.logicalId() + ".Arn}"));
    }
}
