package dev.groundwork.template;

import static dev.groundwork.template.Stack.REPOSITORY;
import static dev.groundwork.template.Stack.map;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each function writes to a log group of its own that the stack creates before it, keeps events for the
 * {@code LogRetentionInDays} parameter (30 days unless told) and goes with the stack: no log group Lambda creates on
 * its own, which would never expire and outlive the stack. The stateful resources say what becomes of them (cfn-lint
 * I3011).
 */
class LogsTemplateTest {
    private static final String LOG_GROUP = "AWS::Logs::LogGroup";
    private static final String ACCESS_LOG_GROUP = "HttpApiAccessLogGroup";

    static Stream<StackFunction> functions() {
        return REPOSITORY.functions().stream();
    }

    @Test
    void theRetentionIsAParameterOfThirtyDaysByDefault() {
        Map<String, Object> retention = map(REPOSITORY.section("Parameters").get("LogRetentionInDays"));

        assertThat(retention).containsEntry("Type", "Number");
        assertThat(String.valueOf(retention.get("Default"))).isEqualTo("30");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("functions")
    void writesToItsOwnLogGroupWithTheRetentionParameterDeletedWithTheStack(StackFunction function) {
        assertThat(function.logGroup())
                .as("%s's LoggingConfig.LogGroup, a !Ref to a log group", function)
                .isPresent();
        Stack.Resource group = REPOSITORY.resource(function.logGroup().orElseThrow());

        assertThat(group.type()).isEqualTo(LOG_GROUP);
        assertThat(group.properties())
                .as("%s's log group %s", function, group)
                .containsEntry("RetentionInDays", Map.of("Ref", "LogRetentionInDays"));
        assertThat(String.valueOf(group.properties().get("LogGroupName")))
                .as("%s's log group is named after the stack and the function", function)
                .contains("${AWS::StackName}")
                .contains(function.logicalId());
        assertThat(group.definition())
                .containsEntry("DeletionPolicy", "Delete")
                .containsEntry("UpdateReplacePolicy", "Delete");
        assertThat(functions().filter(other -> other.logGroup().equals(function.logGroup())))
                .as("functions writing to %s", group)
                .containsExactly(function);
    }

    @Test
    void everyLogGroupBelongsToAFunctionOrIsTheApisAccessLog() {
        List<String> used = Stream.concat(
                        functions().flatMap(function -> function.logGroup().stream()), Stream.of(ACCESS_LOG_GROUP))
                .toList();

        assertThat(REPOSITORY.resourcesOfType(LOG_GROUP))
                .extracting(Stack.Resource::logicalId)
                .containsExactlyInAnyOrderElementsOf(used);
    }

    @Test
    void theApiWritesItsAccessLogToAGroupOfItsOwnWithTheRetentionParameterDeletedWithTheStack() {
        assertThat(map(REPOSITORY.resource("HttpApi").properties().get("AccessLogSettings")))
                .containsEntry("DestinationArn", Map.of("Fn::GetAtt", List.of(ACCESS_LOG_GROUP, "Arn")));
        Stack.Resource group = REPOSITORY.resource(ACCESS_LOG_GROUP);

        assertThat(group.type()).isEqualTo(LOG_GROUP);
        assertThat(group.properties()).containsEntry("RetentionInDays", Map.of("Ref", "LogRetentionInDays"));
        assertThat(String.valueOf(group.properties().get("LogGroupName"))).contains("${AWS::StackName}");
        assertThat(group.definition())
                .containsEntry("DeletionPolicy", "Delete")
                .containsEntry("UpdateReplacePolicy", "Delete");
    }

    /** What each stateful resource becomes when the stack goes or replaces it, and why (comments in template.yaml). */
    private static final Map<String, String> KEPT = Map.of(
            "ItemsTable", "Retain",
            "UsageTable", "Retain",
            "ItemEventsDeadLetterQueue", "Retain",
            "ItemChangesDeadLetterQueue", "Retain",
            "ImportJobsDeadLetterQueue", "Retain",
            "ItemEventsQueue", "Delete",
            "ImportJobsQueue", "Delete",
            "CursorSigningSecret", "Delete");

    @Test
    void everyTableQueueAndSecretSaysWhatBecomesOfItOnDeletionAndReplacement() {
        List<Stack.Resource> stateful = Stream.of(Stack.TABLE, Stack.QUEUE, "AWS::SecretsManager::Secret")
                .flatMap(type -> REPOSITORY.resourcesOfType(type).stream())
                .toList();

        assertThat(stateful).extracting(Stack.Resource::logicalId).containsExactlyInAnyOrderElementsOf(KEPT.keySet());
        assertThat(stateful)
                .allSatisfy(resource -> assertThat(resource.definition())
                        .as("%s's DeletionPolicy and UpdateReplacePolicy", resource)
                        .containsEntry("DeletionPolicy", KEPT.get(resource.logicalId()))
                        .containsEntry("UpdateReplacePolicy", KEPT.get(resource.logicalId())));
    }
}
