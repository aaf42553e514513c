package dev.groundwork.template;

import static dev.groundwork.template.Stack.REPOSITORY;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each function's permissions are the least it needs: inline statements on resources named by reference, no write
 * for a function that only reads, and it may act on exactly the tables and queues its environment names; only the
 * relay and the import front function may send to a queue, each to its own.
 */
class PoliciesTemplateTest {

    /** The queues each function may send to; any other function may send to none. */
    private static final Map<String, Set<String>> SENDS = Map.of(
            "ItemEventsRelayFunction", Set.of("ItemEventsQueue", "ItemChangesDeadLetterQueue"),
            "CreateImportFunction", Set.of("ImportJobsQueue"));

    /** Every action each function's code calls, and no more: what the least privilege is, function by function. */
    private static final Map<String, Set<String>> ACTIONS = Map.ofEntries(
            Map.entry("CreateItemFunction", Set.of("dynamodb:PutItem", "dynamodb:GetItem", "dynamodb:DeleteItem")),
            Map.entry("GetItemFunction", Set.of("dynamodb:GetItem")),
            Map.entry("ListItemsFunction", Set.of("dynamodb:Query")),
            Map.entry("UpdateItemFunction", Set.of("dynamodb:GetItem", "dynamodb:PutItem")),
            Map.entry("DeleteItemFunction", Set.of("dynamodb:DeleteItem")),
            Map.entry("ItemEventsRelayFunction", Set.of("sqs:SendMessage")),
            // A transaction of a Put (the run's marker) and Updates (the meters): no ConditionCheck item in it.
            Map.entry("UsageMeterFunction", Set.of("dynamodb:PutItem", "dynamodb:UpdateItem")),
            Map.entry("GetUsageFunction", Set.of("dynamodb:Query")),
            Map.entry(
                    "CreateImportFunction",
                    Set.of(
                            "sqs:SendMessage",
                            "dynamodb:PutItem",
                            "dynamodb:GetItem",
                            "dynamodb:UpdateItem",
                            "dynamodb:DeleteItem")),
            Map.entry(
                    "ImportWorkerFunction",
                    Set.of(
                            "dynamodb:BatchWriteItem",
                            "dynamodb:BatchGetItem",
                            "dynamodb:GetItem",
                            "dynamodb:UpdateItem")),
            Map.entry("GetImportFunction", Set.of("dynamodb:GetItem")));

    @ParameterizedTest(name = "{0}")
    @MethodSource("functions")
    void isGrantedExactlyTheActionsItsCodeCalls(StackFunction function) {
        assertThat(function.policies())
                .flatExtracting(StackFunction.Statement::actions)
                .as("%s's actions", function)
                .containsExactlyInAnyOrderElementsOf(ACTIONS.get(function.logicalId()));
    }

    static Stream<StackFunction> functions() {
        return REPOSITORY.functions().stream();
    }

    static Stream<StackFunction> readers() {
        return REPOSITORY.functions().stream()
                .filter(function -> !function.routes().isEmpty()
                        && function.routes().stream()
                                .allMatch(route -> route.method().equals("GET")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("functions")
    void grantsOnlyInlineStatementsOnResourcesNamedByReference(StackFunction function) {
        assertThat(function.otherPolicies())
                .as("%s's managed policies or SAM policy templates, which grant more than a function uses", function)
                .isEmpty();
        assertThat(function.policies()).as("%s's statements", function).allSatisfy(statement -> {
            assertThat(statement.effect()).isEqualTo("Allow");
            assertThat(statement.actions()).noneMatch(action -> action.contains("*"));
            assertThat(statement.resources())
                    .isNotEmpty()
                    .allSatisfy(resource -> assertThat(Stack.referenced(resource))
                            .as("a resource named by !Ref or !GetAtt, not %s", resource)
                            .isPresent());
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("readers")
    void aFunctionThatOnlyReadsHasNoWriteAction(StackFunction function) {
        assertThat(function.policies())
                .flatExtracting(StackFunction.Statement::actions)
                .as("%s serves GET only", function)
                .allSatisfy(action ->
                        assertThat(action).doesNotContain("Put", "Update", "Delete", "Crud", "Write", "Send", "*"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("functions")
    void mayActOnExactlyTheTablesAndQueuesItsEnvironmentNames(StackFunction function) {
        Set<String> named = new TreeSet<>();
        function.environment()
                .values()
                .forEach(value -> Stack.referenced(value)
                        .filter(id -> REPOSITORY.resources().containsKey(id))
                        .filter(id -> Set.of(Stack.TABLE, Stack.QUEUE)
                                .contains(REPOSITORY.resource(id).type()))
                        .ifPresent(named::add));
        Set<String> granted = new TreeSet<>(function.policyResources("dynamodb:"));
        granted.addAll(function.policyResources("sqs:"));

        assertThat(granted).as("what %s's policies let it act on", function).isEqualTo(named);
        assertThat(function.policyResources("sqs:SendMessage"))
                .as("the queues %s may send to", function)
                .containsExactlyInAnyOrderElementsOf(SENDS.getOrDefault(function.logicalId(), Set.of()));
    }
}
