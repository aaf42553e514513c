package dev.groundwork.dynamodb.conformance;

import static dev.groundwork.dynamodb.conformance.AwsErrors.assertError;
import static dev.groundwork.dynamodb.conformance.AwsErrors.assertValidationError;
import static dev.groundwork.dynamodb.conformance.DynamoValues.item;
import static dev.groundwork.dynamodb.conformance.DynamoValues.s;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.groundwork.dynamodb.conformance.ScratchTables.Spec;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexUpdate;
import software.amazon.awssdk.services.dynamodb.model.IndexStatus;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.LimitExceededException;
import software.amazon.awssdk.services.dynamodb.model.ListTablesResponse;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughput;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;

/** CreateTable, DescribeTable, ListTables, DeleteTable, UpdateTable and the TTL settings calls. */
@ParameterizedClass(name = "{0}")
@MethodSource("dev.groundwork.dynamodb.conformance.Targets#all")
class TablesConformanceTest {

    private final DynamoDbTarget target;
    private final DynamoDbClient dynamo;
    private final ScratchTables tables;

    TablesConformanceTest(DynamoDbTarget target) {
        this.target = target;
        this.dynamo = target.clients().dynamo();
        this.tables = new ScratchTables(dynamo);
    }

    @BeforeParameterizedClassInvocation
    static void requireRunning(DynamoDbTarget target) {
        target.endpoint();
    }

    @Test
    void describesCreatedTableWithKeysAndBilling() {
        String table = tables.hashAndRange(ScalarAttributeType.N);

        TableDescription description =
                dynamo.describeTable(r -> r.tableName(table)).table();

        assertThat(description.tableName()).isEqualTo(table);
        assertThat(description.tableStatus()).isEqualTo(TableStatus.ACTIVE);
        assertThat(description.tableArn()).startsWith("arn:aws:dynamodb:").endsWith(":table/" + table);
        assertThat(description.keySchema())
                .containsExactly(
                        KeySchemaElement.builder()
                                .attributeName("pk")
                                .keyType(KeyType.HASH)
                                .build(),
                        KeySchemaElement.builder()
                                .attributeName("sk")
                                .keyType(KeyType.RANGE)
                                .build());
        assertThat(description.attributeDefinitions())
                .containsExactlyInAnyOrder(
                        AttributeDefinition.builder()
                                .attributeName("pk")
                                .attributeType(ScalarAttributeType.S)
                                .build(),
                        AttributeDefinition.builder()
                                .attributeName("sk")
                                .attributeType(ScalarAttributeType.N)
                                .build());
        assertThat(description.billingModeSummary().billingMode()).isEqualTo(BillingMode.PAY_PER_REQUEST);
        assertThat(description.itemCount()).isZero();
        assertThat(description.creationDateTime()).isNotNull();
    }

    @Test
    void describesProvisionedThroughputOfProvisionedTable() {
        String table = tables.create(Spec::provisioned);

        TableDescription description =
                dynamo.describeTable(r -> r.tableName(table)).table();

        assertThat(description.provisionedThroughput().readCapacityUnits()).isEqualTo(5L);
        assertThat(description.provisionedThroughput().writeCapacityUnits()).isEqualTo(5L);
    }

    @Test
    void datesTheLastIncreaseOfProvisionedThroughput() {
        String table = tables.create(Spec::provisioned);
        assertThat(dynamo.describeTable(r -> r.tableName(table))
                        .table()
                        .provisionedThroughput()
                        .lastIncreaseDateTime())
                .isNull();

        TableDescription updated = dynamo.updateTable(r -> r.tableName(table)
                        .provisionedThroughput(t -> t.readCapacityUnits(10L).writeCapacityUnits(5L)))
                .tableDescription();

        assertThat(updated.provisionedThroughput().lastIncreaseDateTime()).isNotNull();
        assertThat(updated.provisionedThroughput().lastDecreaseDateTime()).isNull();
    }

    @Test
    void rejectsCreatingTableThatExists() {
        String table = tables.hashOnly();

        assertError(ResourceInUseException.class, () -> dynamo.createTable(new Spec(table).request()));
    }

    @Test
    void answersResourceNotFoundForMissingTable() {
        assertError(
                ResourceNotFoundException.class, () -> dynamo.describeTable(r -> r.tableName("no-such-table-here")));
    }

    @Test
    void deletesTableAndForgetsIt() {
        String table = tables.hashOnly();

        TableDescription deleted = dynamo.deleteTable(r -> r.tableName(table)).tableDescription();

        assertThat(deleted.tableName()).isEqualTo(table);
        awaitGone(table);
        assertError(
                ResourceNotFoundException.class,
                () -> dynamo.getItem(r -> r.tableName(table).key(item("pk", s("a")))));
    }

    @Test
    void refusesToDeleteAProtectedTableUntilProtectionIsLifted() {
        assumeTrue(target.supports(Capability.DELETION_PROTECTION), "deletion protection");
        String table = tables.hashOnly();
        dynamo.updateTable(r -> r.tableName(table).deletionProtectionEnabled(true));
        tables.awaitActive(table);

        assertValidationError(
                () -> dynamo.deleteTable(r -> r.tableName(table)),
                "Resource cannot be deleted as it is currently protected against deletion");
        assertThat(dynamo.describeTable(r -> r.tableName(table)).table().deletionProtectionEnabled())
                .isTrue();

        dynamo.updateTable(r -> r.tableName(table).deletionProtectionEnabled(false));
        tables.awaitActive(table);
        dynamo.deleteTable(r -> r.tableName(table));
        awaitGone(table);
    }

    @Test
    void answersResourceNotFoundWhenDeletingMissingTable() {
        assertError(ResourceNotFoundException.class, () -> dynamo.deleteTable(r -> r.tableName("no-such-table-here")));
    }

    @Test
    void listsTablesInNameOrderAcrossPages() {
        List<String> created = List.of(tables.hashOnly(), tables.hashOnly(), tables.hashOnly());

        List<String> all = new ArrayList<>();
        String start = null;
        do {
            String from = start;
            ListTablesResponse page = dynamo.listTables(r -> r.limit(2).exclusiveStartTableName(from));
            assertThat(page.tableNames()).hasSizeLessThanOrEqualTo(2);
            all.addAll(page.tableNames());
            start = page.lastEvaluatedTableName();
        } while (start != null);

        assertThat(all).containsAll(created).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void rejectsKeyAttributeMissingFromAttributeDefinitions() {
        CreateTableRequest request = CreateTableRequest.builder()
                .tableName(ScratchTables.uniqueName("t"))
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(AttributeDefinition.builder()
                        .attributeName("pk")
                        .attributeType(ScalarAttributeType.S)
                        .build())
                .keySchema(KeySchemaElement.builder()
                        .attributeName("other")
                        .keyType(KeyType.HASH)
                        .build())
                .build();

        assertValidationError(() -> dynamo.createTable(request), "One or more parameter values were invalid");
    }

    @Test
    void rejectsAttributeDefinitionThatNoKeyUses() {
        CreateTableRequest request = CreateTableRequest.builder()
                .tableName(ScratchTables.uniqueName("t"))
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(
                        AttributeDefinition.builder()
                                .attributeName("pk")
                                .attributeType(ScalarAttributeType.S)
                                .build(),
                        AttributeDefinition.builder()
                                .attributeName("unused")
                                .attributeType(ScalarAttributeType.S)
                                .build())
                .keySchema(KeySchemaElement.builder()
                        .attributeName("pk")
                        .keyType(KeyType.HASH)
                        .build())
                .build();

        assertValidationError(
                () -> dynamo.createTable(request),
                "One or more parameter values were invalid",
                "Number of attributes in KeySchema does not exactly match number of attributes defined in AttributeDefinitions");
    }

    @Test
    void checksACreateTablesThroughputBeforeItsKeysAndItsKeysBeforeTheirTypes() {
        AttributeDefinition pk = AttributeDefinition.builder()
                .attributeName("pk")
                .attributeType(ScalarAttributeType.S)
                .build();
        KeySchemaElement undefinedHash = KeySchemaElement.builder()
                .attributeName("other")
                .keyType(KeyType.HASH)
                .build();
        KeySchemaElement pkAsRange = KeySchemaElement.builder()
                .attributeName("pk")
                .keyType(KeyType.RANGE)
                .build();
        CreateTableRequest base = CreateTableRequest.builder()
                .tableName(ScratchTables.uniqueName("t"))
                .attributeDefinitions(pk)
                .build();

        assertThat(assertValidationError(() -> dynamo.createTable(base.toBuilder()
                                .billingMode(BillingMode.PROVISIONED)
                                .keySchema(undefinedHash)
                                .build()))
                        .awsErrorDetails()
                        .errorMessage())
                .isEqualTo("One or more parameter values were invalid: ReadCapacityUnits and WriteCapacityUnits must"
                        + " both be specified when BillingMode is PROVISIONED");
        assertThat(assertValidationError(() -> dynamo.createTable(base.toBuilder()
                                .billingMode(BillingMode.PAY_PER_REQUEST)
                                .keySchema(undefinedHash, pkAsRange)
                                .build()))
                        .awsErrorDetails()
                        .errorMessage())
                .isEqualTo("Invalid KeySchema: Some index key attribute have no definition");
        assertThat(assertValidationError(() -> dynamo.createTable(base.toBuilder()
                                .billingMode(BillingMode.PAY_PER_REQUEST)
                                .keySchema(pkAsRange)
                                .build()))
                        .awsErrorDetails()
                        .errorMessage())
                .isEqualTo("Invalid KeySchema: The first KeySchemaElement is not a HASH key type");
    }

    @Test
    void checksAnUpdateTableBeforeLookingForItsTable() {
        String missing = ScratchTables.uniqueName("missing");

        assertThat(assertValidationError(() -> dynamo.updateTable(r -> r.tableName(missing)
                                .globalSecondaryIndexUpdates(
                                        u -> u.delete(d -> d.indexName("by-a")),
                                        u -> u.delete(d -> d.indexName("by-a")))))
                        .awsErrorDetails()
                        .errorMessage())
                .isEqualTo("One or more parameter values were invalid: Only one global secondary index update per"
                        + " index is allowed simultaneously. Index: by-a");
        assertThat(assertError(
                                ResourceNotFoundException.class,
                                () -> dynamo.updateTable(
                                        r -> r.tableName(missing).billingMode(BillingMode.PAY_PER_REQUEST)))
                        .awsErrorDetails()
                        .errorMessage())
                .isEqualTo("Requested resource not found: Table: " + missing + " not found");
    }

    @Test
    void requiresOnlyTheIndexNameOfAnIndexUpdate() {
        assumeFalse(
                target.deviatesBy(KnownDeviation.INDEX_UPDATE_REQUIRES_PROVISIONED_THROUGHPUT),
                "requires ProvisionedThroughput as well");

        assertThat(assertValidationError(() -> dynamo.updateTable(r -> r.tableName(ScratchTables.uniqueName("missing"))
                                .globalSecondaryIndexUpdates(u -> u.update(i -> {}))))
                        .awsErrorDetails()
                        .errorMessage())
                .isEqualTo("1 validation error detected: Value null at"
                        + " 'globalSecondaryIndexUpdates.1.member.update.indexName' failed to satisfy constraint:"
                        + " Member must not be null");
    }

    @Test
    void checksAnUpdateTablesIndexLimitsBeforeLookingForTheIndexes() {
        String table = tables.hashOnly();

        assertThat(assertError(
                                LimitExceededException.class,
                                () -> dynamo.updateTable(r -> r.tableName(table)
                                        .globalSecondaryIndexUpdates(IntStream.range(0, 6)
                                                .mapToObj(i -> GlobalSecondaryIndexUpdate.builder()
                                                        .delete(d -> d.indexName("no-such-index-" + i))
                                                        .build())
                                                .toList())))
                        .awsErrorDetails()
                        .errorMessage())
                .isEqualTo(
                        "Subscriber limit exceeded: Only 1 online index can be created or deleted simultaneously per table");
        assertThat(assertValidationError(() -> dynamo.updateTable(r -> r.tableName(table)
                                .globalSecondaryIndexUpdates(u -> u.update(i -> i.indexName("no-such-index")
                                        .provisionedThroughput(t -> t.readCapacityUnits(1_000_000_000_001L)
                                                .writeCapacityUnits(1L))))))
                        .awsErrorDetails()
                        .errorMessage())
                .isEqualTo("This operation cannot be performed with given input values. Please contact DynamoDB"
                        + " service team for more info: Action Blocked: IndexUpdate");
    }

    @Test
    void createsOrDeletesOneIndexPerUpdateTable() {
        assumeFalse(
                target.deviatesBy(KnownDeviation.SEVERAL_INDEX_CREATIONS_OR_DELETIONS_ACCEPTED),
                "refuses only more than five");
        String table = tables.hashOnly();

        assertError(
                LimitExceededException.class,
                () -> dynamo.updateTable(r -> r.tableName(table)
                        .globalSecondaryIndexUpdates(
                                u -> u.delete(d -> d.indexName("no-such-index-1")),
                                u -> u.delete(d -> d.indexName("no-such-index-2")))));
    }

    @Test
    void rejectsTableNameShorterThanThreeCharacters() {
        CreateTableRequest request = new Spec("ab").request();

        assertValidationError(
                () -> dynamo.createTable(request),
                "TableName must be at least 3 characters long and at most 255 characters long");
    }

    @Test
    void rejectsProvisionedTableWithoutThroughput() {
        CreateTableRequest request = new Spec(ScratchTables.uniqueName("t"))
                .request().toBuilder().billingMode(BillingMode.PROVISIONED).build();

        assertValidationError(
                () -> dynamo.createTable(request), "ReadCapacityUnits and WriteCapacityUnits must both be specified");
    }

    @Test
    void describesGlobalAndLocalIndexesWithTheirProjections() {
        String table = tables.create(spec -> spec.range("sk", ScalarAttributeType.S)
                .globalIndex(
                        "by-owner",
                        "owner",
                        ScalarAttributeType.S,
                        "created",
                        ScalarAttributeType.N,
                        Spec.include("title"))
                .localIndex("by-rank", "rank", ScalarAttributeType.N, Spec.keysOnly()));

        TableDescription description =
                dynamo.describeTable(r -> r.tableName(table)).table();

        GlobalSecondaryIndexDescription global =
                description.globalSecondaryIndexes().getFirst();
        assertThat(global.indexName()).isEqualTo("by-owner");
        assertThat(global.indexStatus()).isEqualTo(IndexStatus.ACTIVE);
        assertThat(global.projection().projectionType()).isEqualTo(ProjectionType.INCLUDE);
        assertThat(global.projection().nonKeyAttributes()).containsExactly("title");
        assertThat(global.indexArn()).endsWith(":table/" + table + "/index/by-owner");
        assertThat(description.localSecondaryIndexes().getFirst().indexName()).isEqualTo("by-rank");
        assertThat(description.localSecondaryIndexes().getFirst().projection().projectionType())
                .isEqualTo(ProjectionType.KEYS_ONLY);
    }

    @Test
    void rejectsLocalIndexOnTableWithoutRangeKey() {
        CreateTableRequest request = new Spec(ScratchTables.uniqueName("t"))
                .localIndex("by-rank", "rank", ScalarAttributeType.N, Spec.all())
                .request();

        assertValidationError(() -> dynamo.createTable(request), "One or more parameter values were invalid");
    }

    @Test
    void rejectsThroughputForAnIndexOfAnOnDemandTable() {
        CreateTableRequest valid = new Spec(ScratchTables.uniqueName("t"))
                .globalIndex("by-owner", "owner", ScalarAttributeType.S, null, null, Spec.all())
                .request();
        CreateTableRequest request = valid.toBuilder()
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .provisionedThroughput((ProvisionedThroughput) null)
                .globalSecondaryIndexes(valid.globalSecondaryIndexes().stream()
                        .map(index -> index.toBuilder()
                                .provisionedThroughput(
                                        t -> t.readCapacityUnits(1L).writeCapacityUnits(1L))
                                .build())
                        .toList())
                .build();

        assertValidationError(
                () -> dynamo.createTable(request),
                "One or more parameter values were invalid: ProvisionedThroughput should not be specified for index: "
                        + "by-owner when BillingMode is PAY_PER_REQUEST");
    }

    @Test
    void rejectsGlobalIndexKeyWithoutAttributeDefinition() {
        CreateTableRequest valid = new Spec(ScratchTables.uniqueName("t"))
                .globalIndex("by-owner", "owner", ScalarAttributeType.S, null, null, Spec.all())
                .request();
        CreateTableRequest request = valid.toBuilder()
                .attributeDefinitions(valid.attributeDefinitions().stream()
                        .filter(a -> !a.attributeName().equals("owner"))
                        .toList())
                .build();

        assertValidationError(() -> dynamo.createTable(request), "One or more parameter values were invalid");
    }

    @Test
    void givesLatestStreamArnWhenStreamIsEnabled() {
        assumeTrue(target.supports(Capability.STREAMS), "DynamoDB Streams");
        String table = tables.create(spec -> spec.stream(StreamViewType.NEW_AND_OLD_IMAGES));

        TableDescription description =
                dynamo.describeTable(r -> r.tableName(table)).table();

        assertThat(description.streamSpecification().streamEnabled()).isTrue();
        assertThat(description.streamSpecification().streamViewType()).isEqualTo(StreamViewType.NEW_AND_OLD_IMAGES);
        assertThat(description.latestStreamArn()).contains(":table/" + table + "/stream/");
        assertThat(description.latestStreamLabel()).isNotBlank();
    }

    @Test
    void enablesStreamOnExistingTable() {
        assumeTrue(target.supports(Capability.STREAMS), "DynamoDB Streams");
        String table = tables.hashOnly();
        assertThat(dynamo.describeTable(r -> r.tableName(table)).table().latestStreamArn())
                .isNull();

        dynamo.updateTable(r -> r.tableName(table)
                .streamSpecification(s -> s.streamEnabled(true).streamViewType(StreamViewType.KEYS_ONLY)));

        TableDescription description = tables.awaitActive(table);
        assertThat(description.latestStreamArn()).contains(":table/" + table + "/stream/");
        assertThat(description.streamSpecification().streamViewType()).isEqualTo(StreamViewType.KEYS_ONLY);
    }

    @Test
    void createsGlobalIndexOnExistingTableAndFillsIt() {
        assumeTrue(target.supports(Capability.ONLINE_INDEX_CREATION), "creating an index with UpdateTable");
        String table = tables.hashOnly();
        dynamo.putItem(r -> r.tableName(table).item(item("pk", s("a"), "owner", s("ann"))));
        dynamo.putItem(r -> r.tableName(table).item(item("pk", s("b"), "owner", s("bob"))));

        dynamo.updateTable(r -> r.tableName(table)
                .attributeDefinitions(AttributeDefinition.builder()
                        .attributeName("owner")
                        .attributeType(ScalarAttributeType.S)
                        .build())
                .globalSecondaryIndexUpdates(u -> u.create(c -> c.indexName("by-owner")
                        .keySchema(KeySchemaElement.builder()
                                .attributeName("owner")
                                .keyType(KeyType.HASH)
                                .build())
                        .projection(Spec.all()))));
        tables.awaitActive(table);

        var found = dynamo.query(r -> r.tableName(table)
                .indexName("by-owner")
                .keyConditionExpression("#o = :o")
                .expressionAttributeNames(java.util.Map.of("#o", "owner"))
                .expressionAttributeValues(java.util.Map.of(":o", s("bob"))));
        assertThat(found.items()).containsExactly(item("pk", s("b"), "owner", s("bob")));
    }

    @Test
    void tagsAndUntagsATable() {
        String table = tables.hashOnly();
        String arn = dynamo.describeTable(r -> r.tableName(table)).table().tableArn();

        dynamo.tagResource(r -> r.resourceArn(arn)
                .tags(t -> t.key("team").value("core"), t -> t.key("tier").value("test")));
        dynamo.untagResource(r -> r.resourceArn(arn).tagKeys("tier"));

        assertThat(dynamo.listTagsOfResource(r -> r.resourceArn(arn)).tags())
                .extracting(t -> t.key() + "=" + t.value())
                .containsExactly("team=core");
    }

    @Test
    void refusesATaggingCallWithoutAResourceArn() {
        assertValidationError(() -> dynamo.listTagsOfResource(r -> r.resourceArn(null)), "Invalid TableArn");
        assertValidationError(() -> dynamo.untagResource(r -> r.tagKeys("a")), "Invalid TableArn");
    }

    @Test
    void deniesATaggingCallOnWhatIsNotAResourceArn() {
        assertDenied(
                "TagResource",
                "abcd",
                () -> dynamo.tagResource(
                        r -> r.resourceArn("abcd").tags(t -> t.key("a").value("b"))));
        assertDenied(
                "UntagResource",
                "a:b:c:d:e:f",
                () -> dynamo.untagResource(r -> r.resourceArn("a:b:c:d:e:f").tagKeys("a")));
        assertDenied(
                "ListTagsOfResource",
                "a:b:c:d:e/f",
                () -> dynamo.listTagsOfResource(r -> r.resourceArn("a:b:c:d:e/f")));
        assertDenied("ListTagsOfResource", "*", () -> dynamo.listTagsOfResource(r -> r.resourceArn("")));
    }

    @Test
    void refusesAResourceArnThatNamesNoTable() {
        String shortName = tableArn("ab");

        assertThat(assertValidationError(() -> dynamo.tagResource(r -> r.resourceArn("a:b:c:d:e:f/g")
                                .tags(t -> t.key("a").value("b"))))
                        .awsErrorDetails()
                        .errorMessage())
                .isEqualTo("Invalid TableArn: Invalid ResourceArn provided as input a:b:c:d:e:f/g");
        assertThat(assertValidationError(() -> dynamo.listTagsOfResource(r -> r.resourceArn(shortName)))
                        .awsErrorDetails()
                        .errorMessage())
                .isEqualTo("Invalid TableArn: Invalid ResourceArn provided as input " + shortName);
    }

    @Test
    void asksForTheTagsBeforeTheTableArn() {
        assertThat(assertValidationError(() -> dynamo.tagResource(r -> r.resourceArn("a:b:c:d:e:f/g")))
                        .awsErrorDetails()
                        .errorMessage())
                .isEqualTo("1 validation error detected: Value null at 'tags' failed to satisfy constraint: "
                        + "Member must not be null");
    }

    @Test
    void refusesTaggingOrUntaggingNothing() {
        String arn = tableArn(ScratchTables.uniqueName("t"));

        assertThat(assertValidationError(
                                () -> dynamo.tagResource(r -> r.resourceArn(arn).tags(List.of())))
                        .awsErrorDetails()
                        .errorMessage())
                .isEqualTo("Atleast one Tag needs to be provided as Input.");
        assertThat(assertValidationError(() ->
                                dynamo.untagResource(r -> r.resourceArn(arn).tagKeys(List.of())))
                        .awsErrorDetails()
                        .errorMessage())
                .isEqualTo("Atleast one Tag Key needs to be provided as Input.");
    }

    @Test
    void answersNotFoundForTheArnOfAMissingTable() {
        String arn = tableArn(ScratchTables.uniqueName("t"));

        ResourceNotFoundException missing = assertError(
                ResourceNotFoundException.class,
                () -> dynamo.tagResource(
                        r -> r.resourceArn(arn).tags(t -> t.key("a").value("b"))));

        assertThat(missing.awsErrorDetails().errorMessage())
                .isEqualTo("Requested resource not found: ResourcArn: " + arn + " not found");
    }

    @Test
    void deniesTheArnOfATableInAnotherAccountAndRefusesOneInAnotherRegion() {
        assumeFalse(target.deviatesBy(KnownDeviation.TABLE_ARN_ACCOUNT_AND_REGION_IGNORED), "ARNs of other accounts");
        String table = tables.hashOnly();
        String arn = dynamo.describeTable(r -> r.tableName(table)).table().tableArn();
        String otherAccount = arn.replace(":000000000000:", ":123456789012:");
        String otherRegion = arn.replace(":us-east-1:", ":eu-west-1:");

        assertDenied(
                "ListTagsOfResource", otherAccount, () -> dynamo.listTagsOfResource(r -> r.resourceArn(otherAccount)));
        assertThat(assertValidationError(() -> dynamo.listTagsOfResource(r -> r.resourceArn(otherRegion)))
                        .awsErrorDetails()
                        .errorMessage())
                .isEqualTo("Invalid TableArn: Invalid ResourceArn provided as input " + otherRegion);
    }

    /** A table's ARN in the region and account the conformance targets use. */
    private static String tableArn(String name) {
        return "arn:aws:dynamodb:us-east-1:000000000000:table/" + name;
    }

    private static void assertDenied(String operation, String resource, ThrowingCallable call) {
        DynamoDbException denied = assertError(DynamoDbException.class, "AccessDeniedException", call);
        assertThat(denied.awsErrorDetails().errorMessage())
                .matches("User: arn:aws:iam::\\d+:.+ is not authorized to perform: dynamodb:" + operation
                        + " on resource: " + Pattern.quote(resource));
    }

    @Test
    void enablesTimeToLiveAndDescribesIt() {
        assumeTrue(target.supports(Capability.TIME_TO_LIVE), "UpdateTimeToLive");
        String table = tables.hashOnly();
        assertThat(dynamo.describeTimeToLive(r -> r.tableName(table))
                        .timeToLiveDescription()
                        .timeToLiveStatus())
                .isEqualTo(TimeToLiveStatus.DISABLED);

        var updated = dynamo.updateTimeToLive(r ->
                r.tableName(table).timeToLiveSpecification(t -> t.enabled(true).attributeName("expiresAt")));

        assertThat(updated.timeToLiveSpecification().enabled()).isTrue();
        assertThat(updated.timeToLiveSpecification().attributeName()).isEqualTo("expiresAt");
        var described = dynamo.describeTimeToLive(r -> r.tableName(table)).timeToLiveDescription();
        assertThat(described.timeToLiveStatus()).isIn(TimeToLiveStatus.ENABLED, TimeToLiveStatus.ENABLING);
        assertThat(described.attributeName()).isEqualTo("expiresAt");
    }

    @Test
    void rejectsEnablingTimeToLiveTwice() {
        assumeTrue(target.supports(Capability.TIME_TO_LIVE), "UpdateTimeToLive");
        String table = tables.hashOnly();
        dynamo.updateTimeToLive(r ->
                r.tableName(table).timeToLiveSpecification(t -> t.enabled(true).attributeName("expiresAt")));

        assertValidationError(
                () -> dynamo.updateTimeToLive(r -> r.tableName(table)
                        .timeToLiveSpecification(t -> t.enabled(true).attributeName("expiresAt"))),
                "TimeToLive is already enabled");
    }

    @Test
    void answersResourceNotFoundForTimeToLiveOfMissingTable() {
        assertError(
                ResourceNotFoundException.class,
                () -> dynamo.describeTimeToLive(r -> r.tableName("no-such-table-here")));
    }

    private void awaitGone(String table) {
        for (int attempt = 0; attempt < 500; attempt++) {
            if (!dynamo.listTables().tableNames().contains(table)) {
                return;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        throw new AssertionError("table " + table + " still listed after deletion");
    }
}
