package dev.groundwork.template;

import static dev.groundwork.template.Stack.REPOSITORY;
import static dev.groundwork.template.Stack.map;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.groundwork.platform.testing.TestTenantRole;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each function's permissions are the least it needs: inline statements on resources named by reference, no write
 * for a function that only reads, and it may act on exactly the tables and queues its environment names; only the
 * relay and the import front function may send to a queue, each to its own. A function that serves a route, and the
 * import worker, touch no table with their own roles: only as the request's (or the chunk's) tenant, through their
 * own tenant roles, whose every statement is confined to the tenant's partition and can never Scan (docs/security.md,
 * "Isolation below the code").
 */
class PoliciesTemplateTest {
    /** The condition every tenant-role statement carries, as docs/security.md shows it. */
    private static final Map<String, Object> TENANT_PARTITION_ONLY = Map.of(
            "ForAllValues:StringEquals",
            Map.of("dynamodb:LeadingKeys", List.of("TENANT#${aws:PrincipalTag/tenant_id}")),
            "Null",
            Map.of("dynamodb:LeadingKeys", "false"));

    /** The cross-tenant consumers, by design: they serve every tenant and keep their own roles' rights. */
    private static final Set<String> CROSS_TENANT = Set.of("ItemEventsRelayFunction", "UsageMeterFunction");

    /** The consumers that serve no route but write as one tenant at a time: each message's. */
    private static final Set<String> TENANT_SCOPED_CONSUMERS = Set.of("ImportWorkerFunction");

    /** The actions that put a record in a table. */
    private static final Set<String> ITEM_WRITES =
            Set.of("dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:BatchWriteItem");

    /** The relay's alias, by the logical id SAM gives it: the function's, "Alias", and the alias's name. */
    private static final String RELAY_ALIAS = "ItemEventsRelayFunctionAlias"
            + map(REPOSITORY.section("Globals").get("Function")).get("AutoPublishAlias");

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
            // A transaction of a Put (the run's marker) and Updates (the meters): no ConditionCheck item in it, and
            // its SnapStart priming sends the same transaction (docs/snapstart.md).
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
            Map.entry("ImportWorkerFunction", Set.of("dynamodb:PutItem", "dynamodb:GetItem", "dynamodb:UpdateItem")),
            Map.entry("GetImportFunction", Set.of("dynamodb:GetItem")));

    @ParameterizedTest(name = "{0}")
    @MethodSource("functions")
    void isGrantedExactlyTheActionsItsCodeCalls(StackFunction function) {
        assertThat(granted(function))
                .flatExtracting(StackFunction.Statement::actions)
                .as("%s's actions, as itself and as a tenant", function)
                .containsExactlyInAnyOrderElementsOf(ACTIONS.get(function.logicalId()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("functions")
    void aFunctionThatWritesTheItemsTableIsDeployedAfterTheRelayThatReadsItsStream(StackFunction function) {
        // The relay's alias, where the stream's events go, moves to the new version first, so no old relay meets a
        // record of a format it does not know (ItemRecords.FORMAT, docs/async.md "Records written before this rule").
        boolean writesItems = granted(function).stream()
                .filter(statement -> statement.resources().contains(Map.of("Fn::GetAtt", List.of("ItemsTable", "Arn"))))
                .flatMap(statement -> statement.actions().stream())
                .anyMatch(ITEM_WRITES::contains);
        Object dependsOn =
                REPOSITORY.resource(function.logicalId()).definition().get("DependsOn");

        assertThat(StackFunction.Statement.listOf(dependsOn).contains(RELAY_ALIAS))
                .as("%s depends on %s", function, RELAY_ALIAS)
                .isEqualTo(writesItems);
    }

    static Stream<StackFunction> functions() {
        return REPOSITORY.functions().stream();
    }

    /** The functions that touch tenant data only as one tenant: every route function, and the import worker. */
    static Stream<StackFunction> tenantScoped() {
        return REPOSITORY.functions().stream().filter(function -> !CROSS_TENANT.contains(function.logicalId()));
    }

    /** What a function may do: its own role's statements, and its tenant role's when it has one. */
    private static List<StackFunction.Statement> granted(StackFunction function) {
        List<StackFunction.Statement> statements = new ArrayList<>(function.policies());
        function.tenantRole().ifPresent(role -> statements.addAll(REPOSITORY.rolePolicyStatements(role)));
        return statements;
    }

    @Test
    void onlyTheConsumersServeNoRoute() {
        Set<String> consumers = new TreeSet<>(CROSS_TENANT);
        consumers.addAll(TENANT_SCOPED_CONSUMERS);
        assertThat(REPOSITORY.functions())
                .filteredOn(function -> function.routes().isEmpty())
                .extracting(StackFunction::logicalId)
                .containsExactlyInAnyOrderElementsOf(consumers);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tenantScoped")
    void aTenantScopedFunctionsOwnRoleTouchesNoTableAndMayOnlyAssumeItsTenantRole(StackFunction function) {
        assertThat(function.tenantRole()).as("%s's TENANT_ROLE_ARN", function).contains(function.tenantRoleId());
        assertThat(function.policies())
                .flatExtracting(StackFunction.Statement::actions)
                .as("what %s's own role may do", function)
                .noneMatch(action -> action.startsWith("dynamodb:"));
        assertThat(REPOSITORY.statementsAttachedTo(function.executionRoleId()))
                .as("what is granted to %s's role apart from it", function)
                .singleElement()
                .satisfies(statement -> {
                    assertThat(statement.actions()).containsExactlyInAnyOrder("sts:AssumeRole", "sts:TagSession");
                    assertThat(statement.resources())
                            .containsExactly(Map.of("Fn::GetAtt", List.of(function.tenantRoleId(), "Arn")));
                });
        assertThat(function.properties().get("Role"))
                .as("%s's role is the one SAM makes for it", function)
                .isNull();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tenantScoped")
    void itsTenantRoleReachesOnlyTheTenantsPartitionOfOneTable(StackFunction function) {
        List<StackFunction.Statement> statements = REPOSITORY.rolePolicyStatements(function.tenantRoleId());

        assertThat(statements).as("%s's tenant role", function).isNotEmpty().allSatisfy(statement -> {
            assertThat(statement.effect()).isEqualTo("Allow");
            assertThat(statement.actions()).allMatch(action -> action.startsWith("dynamodb:"));
            assertThat(statement.resources())
                    .singleElement()
                    .satisfies(resource -> assertThat(Stack.referenced(resource)
                                    .map(REPOSITORY::resource)
                                    .map(Stack.Resource::type))
                            .contains(Stack.TABLE));
            assertThat(statement.condition())
                    .as("LeadingKeys bound to the session's tenant, and the Null guard that refuses a Scan")
                    .isEqualTo(TENANT_PARTITION_ONLY);
        });
    }

    /**
     * The tests' embedded DynamoDB enforces a copy of the tenant roles ({@code TestTenantRole}, one role for any
     * table): its condition must be the template's, and it may grant no action the template's tenant roles do not.
     */
    @Test
    void theTestsTenantRoleIsTheTemplatesRule() throws Exception {
        JsonNode copy = new ObjectMapper().readTree(TestTenantRole.POLICY).get("Statement");
        Set<String> templateActions = new TreeSet<>();
        tenantScoped()
                .flatMap(function -> REPOSITORY.rolePolicyStatements(function.tenantRoleId()).stream())
                .forEach(statement -> templateActions.addAll(statement.actions()));

        assertThat(copy).hasSize(1);
        assertThat(new ObjectMapper().convertValue(copy.get(0).get("Condition"), Map.class))
                .isEqualTo(TENANT_PARTITION_ONLY);
        assertThat(copy.get(0).get("Effect").asText()).isEqualTo("Allow");
        assertThat(new ObjectMapper().convertValue(copy.get(0).get("Action"), List.class))
                .isSubsetOf(templateActions);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tenantScoped")
    void noTenantScopedFunctionCanScanOrUseAWildcard(StackFunction function) {
        assertThat(granted(function))
                .flatExtracting(StackFunction.Statement::actions)
                .as("what %s may do, as itself or as a tenant", function)
                .noneMatch(action -> action.contains("*") || action.equals("dynamodb:Scan"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tenantScoped")
    void itsTenantRoleIsAssumedOnlyByItsFunctionAndOnlyWithTheTenantTag(StackFunction function) {
        Map<String, Object> functionRole =
                Map.of("AWS", Map.of("Fn::GetAtt", List.of(function.executionRoleId(), "Arn")));
        List<StackFunction.Statement> trust = REPOSITORY.trustStatements(function.tenantRoleId());

        assertThat(trust).as("who may assume %s", function.tenantRoleId()).allSatisfy(statement -> {
            assertThat(statement.effect()).isEqualTo("Allow");
            assertThat(statement.principal()).isEqualTo(functionRole);
        });
        assertThat(trust)
                .flatExtracting(StackFunction.Statement::actions)
                .containsExactlyInAnyOrder("sts:AssumeRole", "sts:TagSession");
        // Every statement, AssumeRole's too: STS checks TagSession only when tags are passed, so a condition on
        // TagSession alone would let an untagged AssumeRole through.
        assertThat(trust)
                .extracting(StackFunction.Statement::condition)
                .as("a session must carry the tenant tag, and no other")
                .containsOnly(Map.of(
                        "Null",
                        Map.of("aws:RequestTag/tenant_id", "false"),
                        "ForAllValues:StringEquals",
                        Map.of("aws:TagKeys", List.of("tenant_id"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("functions")
    void onlyTheCrossTenantConsumersHaveNoTenantRole(StackFunction function) {
        assertThat(function.tenantRole().isPresent())
                .as("%s has a tenant role", function)
                .isEqualTo(!CROSS_TENANT.contains(function.logicalId()));
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
        assertThat(granted(function)).as("%s's statements", function).allSatisfy(statement -> {
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
        assertThat(granted(function))
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
        function.tenantRole()
                .ifPresent(role -> REPOSITORY.rolePolicyStatements(role).stream()
                        .flatMap(statement -> statement.resources().stream())
                        .flatMap(resource -> Stack.referenced(resource).stream())
                        .forEach(granted::add));

        assertThat(granted).as("what %s's policies let it act on", function).isEqualTo(named);
        assertThat(function.policyResources("sqs:SendMessage"))
                .as("the queues %s may send to", function)
                .containsExactlyInAnyOrderElementsOf(SENDS.getOrDefault(function.logicalId(), Set.of()));
    }
}
