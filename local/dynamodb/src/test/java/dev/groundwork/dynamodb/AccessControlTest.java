package dev.groundwork.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.groundwork.dynamodb.conformance.RawCalls;
import dev.groundwork.dynamodb.iam.AccessControl;
import dev.groundwork.testing.MutableClock;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeAction;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.AttributeValueUpdate;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.ComparisonOperator;
import software.amazon.awssdk.services.dynamodb.model.Condition;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.AssumeRoleResponse;
import software.amazon.awssdk.services.sts.model.Credentials;
import software.amazon.awssdk.services.sts.model.StsException;

/**
 * IAM enforcement and the STS stand-in, through the AWS SDK's own DynamoDbClient and StsClient: a session assumed with
 * a tenant tag may use its own partition of the items table and nothing else, denied as DynamoDB denies.
 */
class AccessControlTest {
    static final String TENANT_ACCESS = "arn:aws:iam::000000000000:role/tenant-access";
    static final String NO_NULL_GUARD = "arn:aws:iam::000000000000:role/no-null-guard";
    static final String ADMIN_KEY = "AKIAADMIN00000000001";
    static final String ADMIN_ARN = "arn:aws:iam::000000000000:role/admin";
    static final String ITEMS_ARN = "arn:aws:dynamodb:us-east-1:000000000000:table/items";

    /** The canonical tenant policy: own partition only, and the Null guard that keeps a Scan out. */
    static final String TENANT_POLICY = """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["dynamodb:GetItem","dynamodb:PutItem",\
            "dynamodb:UpdateItem","dynamodb:DeleteItem","dynamodb:Query","dynamodb:BatchGetItem",\
            "dynamodb:BatchWriteItem","dynamodb:ConditionCheckItem"],"Resource":["arn:aws:dynamodb:*:*:table/items",\
            "arn:aws:dynamodb:*:*:table/items/index/*"],"Condition":{"ForAllValues:StringEquals":\
            {"dynamodb:LeadingKeys":["TENANT#${aws:PrincipalTag/tenant_id}"]},"Null":{"dynamodb:LeadingKeys":"false"}}}]}""";

    static final String ADMIN_POLICY = """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"dynamodb:*","Resource":"*"}]}""";

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-06T09:00:00Z"));
    private EmbeddedDynamoDb db;

    @AfterEach
    void close() {
        if (db != null) db.close();
    }

    private EmbeddedDynamoDb start(AccessControl.Builder access) {
        db = EmbeddedDynamoDb.builder()
                .clock(clock)
                .accessControl(access.principal(ADMIN_KEY, ADMIN_ARN, List.of(ADMIN_POLICY))
                        .build())
                .start();
        DynamoDbClient admin = dynamo(AwsBasicCredentials.create(ADMIN_KEY, "secret"));
        admin.createTable(t -> t.tableName("items")
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(
                        a -> a.attributeName("pk").attributeType(ScalarAttributeType.S),
                        a -> a.attributeName("sk").attributeType(ScalarAttributeType.S),
                        a -> a.attributeName("owner").attributeType(ScalarAttributeType.S))
                .keySchema(
                        k -> k.attributeName("pk").keyType(KeyType.HASH),
                        k -> k.attributeName("sk").keyType(KeyType.RANGE))
                .globalSecondaryIndexes(g -> g.indexName("byOwner")
                        .keySchema(k -> k.attributeName("owner").keyType(KeyType.HASH))
                        .projection(p -> p.projectionType(ProjectionType.ALL))));
        return db;
    }

    private EmbeddedDynamoDb startWithTenantRoles() {
        return start(AccessControl.builder()
                .role(TENANT_ACCESS, List.of(TENANT_POLICY))
                .strict(true));
    }

    private DynamoDbClient dynamo(software.amazon.awssdk.auth.credentials.AwsCredentials credentials) {
        return DynamoDbClient.builder()
                .endpointOverride(db.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(credentials))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.retryStrategy(r -> r.maxAttempts(1)))
                .build();
    }

    private StsClient sts(String accessKeyId) {
        return StsClient.builder()
                .endpointOverride(db.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(
                        StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId, "secret")))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.retryStrategy(r -> r.maxAttempts(1)))
                .build();
    }

    private AssumeRoleResponse assume(String roleArn, String tenant) {
        return sts(ADMIN_KEY)
                .assumeRole(r -> r.roleArn(roleArn)
                        .roleSessionName("tenant-" + tenant)
                        .durationSeconds(900)
                        .tags(t -> t.key("tenant_id").value(tenant)));
    }

    private DynamoDbClient tenant(String tenant) {
        return asSession(assume(TENANT_ACCESS, tenant).credentials());
    }

    private DynamoDbClient asSession(Credentials credentials) {
        return dynamo(AwsSessionCredentials.create(
                credentials.accessKeyId(), credentials.secretAccessKey(), credentials.sessionToken()));
    }

    private DynamoDbClient admin() {
        return dynamo(AwsBasicCredentials.create(ADMIN_KEY, "secret"));
    }

    static Map<String, AttributeValue> key(String pk, String sk) {
        return Map.of("pk", AttributeValue.fromS(pk), "sk", AttributeValue.fromS(sk));
    }

    static String denial(String action, String resource) {
        return "User: arn:aws:sts::000000000000:assumed-role/tenant-access/tenant-a is not authorized to perform: "
                + action + " on resource: " + resource + " because no identity-based policy allows the " + action
                + " action";
    }

    private static void assertDenied(Runnable call, String message) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(DynamoDbException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(400);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException");
            assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(message);
        });
    }

    @Test
    void assumeRoleAnswersSessionCredentialsAsStsDoes() {
        startWithTenantRoles();

        AssumeRoleResponse assumed = assume(TENANT_ACCESS, "a");

        assertThat(assumed.credentials().accessKeyId()).startsWith("ASIA").hasSize(20);
        assertThat(assumed.credentials().secretAccessKey()).isNotBlank();
        assertThat(assumed.credentials().sessionToken()).isNotBlank();
        assertThat(assumed.credentials().expiration()).isEqualTo(Instant.parse("2026-12-06T09:15:00Z"));
        assertThat(assumed.assumedRoleUser().arn())
                .isEqualTo("arn:aws:sts::000000000000:assumed-role/tenant-access/tenant-a");
        assertThat(assumed.assumedRoleUser().assumedRoleId()).matches("AROA[A-Z2-7]{17}:tenant-a");
        assertThat(assumed.packedPolicySize()).isPositive();
        assertThat(assumed.responseMetadata().requestId()).isNotBlank();
    }

    @Test
    void getCallerIdentityNamesTheSessionAndThePrincipal() {
        startWithTenantRoles();
        Credentials session = assume(TENANT_ACCESS, "a").credentials();

        var asSession = sts(session.accessKeyId()).getCallerIdentity();
        var asAdmin = sts(ADMIN_KEY).getCallerIdentity();

        assertThat(asSession.arn()).isEqualTo("arn:aws:sts::000000000000:assumed-role/tenant-access/tenant-a");
        assertThat(asSession.userId()).endsWith(":tenant-a");
        assertThat(asSession.account()).isEqualTo("000000000000");
        assertThat(asAdmin.arn()).isEqualTo(ADMIN_ARN);
        assertThat(asAdmin.userId()).isEqualTo(ADMIN_KEY);
    }

    @Test
    void aTenantSessionReadsAndWritesItsOwnPartition() {
        startWithTenantRoles();
        DynamoDbClient tenantA = tenant("a");

        tenantA.putItem(p -> p.tableName("items")
                .item(Map.of(
                        "pk", AttributeValue.fromS("TENANT#a"),
                        "sk", AttributeValue.fromS("ITEM#1"),
                        "owner", AttributeValue.fromS("TENANT#a"))));
        tenantA.updateItem(u -> u.tableName("items")
                .key(key("TENANT#a", "ITEM#1"))
                .updateExpression("SET v = :v")
                .expressionAttributeValues(Map.of(":v", AttributeValue.fromN("2"))));

        assertThat(tenantA.getItem(g -> g.tableName("items").key(key("TENANT#a", "ITEM#1")))
                        .item())
                .containsEntry("v", AttributeValue.fromN("2"));
        assertThat(tenantA.query(q -> q.tableName("items")
                                .keyConditionExpression("pk = :pk")
                                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("TENANT#a"))))
                        .count())
                .isEqualTo(1);
        assertThat(tenantA.query(q -> q.tableName("items")
                                .indexName("byOwner")
                                .keyConditionExpression("#o = :o")
                                .expressionAttributeNames(Map.of("#o", "owner"))
                                .expressionAttributeValues(Map.of(":o", AttributeValue.fromS("TENANT#a"))))
                        .count())
                .isEqualTo(1);
        tenantA.deleteItem(d -> d.tableName("items").key(key("TENANT#a", "ITEM#1")));
        assertThat(admin().scan(s -> s.tableName("items")).count()).isZero();
    }

    @Test
    void aTenantSessionIsDeniedAnotherTenantsPartitionWithDynamoDbsMessage() {
        startWithTenantRoles();
        admin().putItem(p -> p.tableName("items").item(key("TENANT#b", "ITEM#1")));
        DynamoDbClient tenantA = tenant("a");

        assertDenied(
                () -> tenantA.getItem(g -> g.tableName("items").key(key("TENANT#b", "ITEM#1"))),
                denial("dynamodb:GetItem", ITEMS_ARN));
        assertDenied(
                () -> tenantA.query(q -> q.tableName("items")
                        .keyConditionExpression("pk = :pk")
                        .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("TENANT#b")))),
                denial("dynamodb:Query", ITEMS_ARN));
        assertDenied(
                () -> tenantA.query(q -> q.tableName("items")
                        .indexName("byOwner")
                        .keyConditionExpression("#o = :o")
                        .expressionAttributeNames(Map.of("#o", "owner"))
                        .expressionAttributeValues(Map.of(":o", AttributeValue.fromS("TENANT#b")))),
                denial("dynamodb:Query", ITEMS_ARN + "/index/byOwner"));
        assertDenied(
                () -> tenantA.deleteItem(d -> d.tableName("items").key(key("TENANT#b", "ITEM#1"))),
                denial("dynamodb:DeleteItem", ITEMS_ARN));
        assertDenied(
                () -> tenantA.updateItem(u -> u.tableName("items")
                        .key(key("TENANT#b", "ITEM#1"))
                        .updateExpression("SET v = :v")
                        .expressionAttributeValues(Map.of(":v", AttributeValue.fromN("2")))),
                denial("dynamodb:UpdateItem", ITEMS_ARN));
        assertThat(admin().getItem(g -> g.tableName("items").key(key("TENANT#b", "ITEM#1")))
                        .item())
                .isEqualTo(key("TENANT#b", "ITEM#1"));
    }

    @Test
    void legacyParametersAreDecidedAsTheirExpressionTwins() {
        startWithTenantRoles();
        admin().putItem(p -> p.tableName("items").item(key("TENANT#a", "ITEM#1")));
        admin().putItem(p -> p.tableName("items").item(key("TENANT#b", "ITEM#1")));
        DynamoDbClient tenantA = tenant("a");

        assertThat(tenantA.query(q -> q.tableName("items")
                                .keyConditions(Map.of(
                                        "pk",
                                        Condition.builder()
                                                .comparisonOperator(ComparisonOperator.EQ)
                                                .attributeValueList(AttributeValue.fromS("TENANT#a"))
                                                .build())))
                        .count())
                .isEqualTo(1);
        assertDenied(
                () -> tenantA.query(q -> q.tableName("items")
                        .keyConditions(Map.of(
                                "pk",
                                Condition.builder()
                                        .comparisonOperator(ComparisonOperator.EQ)
                                        .attributeValueList(AttributeValue.fromS("TENANT#b"))
                                        .build()))),
                denial("dynamodb:Query", ITEMS_ARN));
        assertDenied(
                () -> tenantA.updateItem(u -> u.tableName("items")
                        .key(key("TENANT#b", "ITEM#1"))
                        .attributeUpdates(Map.of(
                                "v",
                                AttributeValueUpdate.builder()
                                        .action(AttributeAction.PUT)
                                        .value(AttributeValue.fromN("2"))
                                        .build()))),
                denial("dynamodb:UpdateItem", ITEMS_ARN));
        assertThat(admin().getItem(g -> g.tableName("items").key(key("TENANT#b", "ITEM#1")))
                        .item())
                .isEqualTo(key("TENANT#b", "ITEM#1"));
    }

    @Test
    void aDeniedPutLeavesNothingBehind() {
        startWithTenantRoles();
        DynamoDbClient tenantA = tenant("a");

        assertDenied(
                () -> tenantA.putItem(p -> p.tableName("items").item(key("TENANT#b", "ITEM#1"))),
                denial("dynamodb:PutItem", ITEMS_ARN));

        assertThat(admin().scan(s -> s.tableName("items")).count()).isZero();
    }

    @Test
    void aScanIsDeniedBecauseTheNullGuardWantsAPartition() {
        startWithTenantRoles();

        assertDenied(() -> tenant("a").scan(s -> s.tableName("items")), denial("dynamodb:Scan", ITEMS_ARN));
    }

    @Test
    void withoutTheNullGuardAScanGetsThroughForAllValues() {
        // ForAllValues holds for a request with no partition key at all: a role allowed to Scan without the guard
        // reads every tenant's items, which is what the guard is for.
        start(AccessControl.builder()
                .role(NO_NULL_GUARD, List.of(unguarded(TENANT_POLICY)))
                .strict(true));
        admin().putItem(p -> p.tableName("items").item(key("TENANT#b", "ITEM#1")));
        DynamoDbClient unguarded = asSession(assume(NO_NULL_GUARD, "a").credentials());

        assertThat(unguarded.scan(s -> s.tableName("items")).count()).isEqualTo(1);
    }

    /** The tenant policy with Scan allowed, and optionally without its Null guard. */
    static String unguarded(String policy) {
        return withScan(policy).replace(",\"Null\":{\"dynamodb:LeadingKeys\":\"false\"}", "");
    }

    static String withScan(String policy) {
        return policy.replace("\"dynamodb:Query\",", "\"dynamodb:Query\",\"dynamodb:Scan\",");
    }

    @Test
    void theNullGuardStillDeniesAScanWhenTheActionIsAllowed() {
        start(AccessControl.builder()
                .role(TENANT_ACCESS, List.of(withScan(TENANT_POLICY)))
                .strict(true));

        assertDenied(() -> tenant("a").scan(s -> s.tableName("items")), denial("dynamodb:Scan", ITEMS_ARN));
    }

    @Test
    void aBatchWriteMixingPartitionsIsDeniedAndWritesNothing() {
        startWithTenantRoles();
        DynamoDbClient tenantA = tenant("a");

        assertDenied(
                () -> tenantA.batchWriteItem(b -> b.requestItems(Map.of(
                        "items",
                        List.of(
                                WriteRequest.builder()
                                        .putRequest(p -> p.item(key("TENANT#a", "ITEM#1")))
                                        .build(),
                                WriteRequest.builder()
                                        .putRequest(p -> p.item(key("TENANT#b", "ITEM#1")))
                                        .build())))),
                denial("dynamodb:BatchWriteItem", ITEMS_ARN));
        assertDenied(
                () -> tenantA.batchGetItem(b -> b.requestItems(Map.of(
                        "items",
                        software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes.builder()
                                .keys(key("TENANT#a", "ITEM#1"), key("TENANT#b", "ITEM#1"))
                                .build()))),
                denial("dynamodb:BatchGetItem", ITEMS_ARN));

        assertThat(admin().scan(s -> s.tableName("items")).count()).isZero();
    }

    @Test
    void aBatchWriteOfItsOwnPartitionSucceeds() {
        startWithTenantRoles();

        tenant("a")
                .batchWriteItem(b -> b.requestItems(Map.of(
                        "items",
                        List.of(
                                WriteRequest.builder()
                                        .putRequest(p -> p.item(key("TENANT#a", "ITEM#1")))
                                        .build(),
                                WriteRequest.builder()
                                        .putRequest(p -> p.item(key("TENANT#a", "ITEM#2")))
                                        .build()))));

        assertThat(admin().scan(s -> s.tableName("items")).count()).isEqualTo(2);
    }

    @Test
    void aTransactionTouchingAnotherPartitionIsDeniedAsItsOwnActionAndWritesNothing() {
        startWithTenantRoles();
        DynamoDbClient tenantA = tenant("a");

        assertDenied(
                () -> tenantA.transactWriteItems(t -> t.transactItems(
                        TransactWriteItem.builder()
                                .put(p -> p.tableName("items").item(key("TENANT#a", "ITEM#1")))
                                .build(),
                        TransactWriteItem.builder()
                                .conditionCheck(c -> c.tableName("items")
                                        .key(key("TENANT#b", "ITEM#1"))
                                        .conditionExpression("attribute_not_exists(pk)"))
                                .build())),
                denial("dynamodb:ConditionCheckItem", ITEMS_ARN));
        assertDenied(
                () -> tenantA.transactGetItems(t ->
                        t.transactItems(g -> g.get(x -> x.tableName("items").key(key("TENANT#b", "ITEM#1"))))),
                denial("dynamodb:GetItem", ITEMS_ARN));

        assertThat(admin().scan(s -> s.tableName("items")).count()).isZero();
    }

    @Test
    void tableOperationsAreDecidedOnTheTable() {
        startWithTenantRoles();

        assertDenied(
                () -> tenant("a").describeTable(d -> d.tableName("items")),
                denial("dynamodb:DescribeTable", ITEMS_ARN));
        assertDenied(
                () -> tenant("a").deleteTable(d -> d.tableName("items")), denial("dynamodb:DeleteTable", ITEMS_ARN));
        assertThat(admin().describeTable(d -> d.tableName("items")).table().tableArn())
                .isEqualTo(ITEMS_ARN);
    }

    @Test
    void aTableThatDoesNotExistIsDeniedRatherThanReported() {
        startWithTenantRoles();

        assertDenied(
                () -> tenant("a").getItem(g -> g.tableName("other").key(key("TENANT#a", "ITEM#1"))),
                denial("dynamodb:GetItem", "arn:aws:dynamodb:us-east-1:000000000000:table/other"));
    }

    @Test
    void anExpiredSessionGetsExpiredTokenException() {
        startWithTenantRoles();
        DynamoDbClient tenantA = tenant("a");
        tenantA.putItem(p -> p.tableName("items").item(key("TENANT#a", "ITEM#1")));

        clock.advance(Duration.ofSeconds(900));

        assertThatThrownBy(() -> tenantA.getItem(g -> g.tableName("items").key(key("TENANT#a", "ITEM#1"))))
                .isInstanceOfSatisfying(DynamoDbException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ExpiredTokenException");
                    assertThat(e.awsErrorDetails().errorMessage())
                            .isEqualTo("The security token included in the request is expired");
                });
    }

    @Test
    void strictModeRefusesKeysNobodyConfigured() {
        startWithTenantRoles();
        DynamoDbClient stranger = dynamo(AwsBasicCredentials.create("AKIASTRANGER00000001", "secret"));

        assertThatThrownBy(() -> stranger.listTables()).isInstanceOfSatisfying(DynamoDbException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(400);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("UnrecognizedClientException");
            assertThat(e.awsErrorDetails().errorMessage())
                    .isEqualTo("The security token included in the request is invalid.");
        });
        assertThatThrownBy(() -> sts("AKIASTRANGER00000001").getCallerIdentity())
                .isInstanceOfSatisfying(StsException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(403);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidClientTokenId");
                });
    }

    @Test
    void withoutStrictModeAKeyNobodyConfiguredMayDoAnythingAsBefore() {
        start(AccessControl.builder().role(TENANT_ACCESS, List.of(TENANT_POLICY)));
        DynamoDbClient stranger = dynamo(AwsBasicCredentials.create("x", "y"));

        stranger.putItem(p -> p.tableName("items").item(key("TENANT#b", "ITEM#1")));

        assertThat(stranger.scan(s -> s.tableName("items")).count()).isEqualTo(1);
    }

    @Test
    void anExplicitDenyWinsOverAnAllow() {
        start(AccessControl.builder()
                .role(TENANT_ACCESS, List.of(ADMIN_POLICY, """
                                {"Version":"2012-10-17","Statement":{"Effect":"Deny","Action":"dynamodb:Delete*",\
                                "Resource":"arn:aws:dynamodb:*:*:table/*"}}"""))
                .strict(true));
        DynamoDbClient tenantA = tenant("a");
        tenantA.putItem(p -> p.tableName("items").item(key("TENANT#b", "ITEM#1")));

        assertDenied(
                () -> tenantA.deleteItem(d -> d.tableName("items").key(key("TENANT#b", "ITEM#1"))),
                "User: arn:aws:sts::000000000000:assumed-role/tenant-access/tenant-a is not authorized to perform: "
                        + "dynamodb:DeleteItem on resource: " + ITEMS_ARN
                        + " with an explicit deny in an identity-based policy");
    }

    @Test
    void actionAndResourceWildcardsMatchAsIamMatchesThem() {
        start(AccessControl.builder().role(TENANT_ACCESS, List.of("""
                                {"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"DynamoDB:get*",\
                                "Resource":"arn:aws:dynamodb:us-east-?:*:table/it*"}}""")).strict(true));
        DynamoDbClient tenantA = tenant("a");

        assertThat(tenantA.getItem(g -> g.tableName("items").key(key("TENANT#b", "ITEM#1")))
                        .hasItem())
                .isFalse();
        assertDenied(
                () -> tenantA.putItem(p -> p.tableName("items").item(key("TENANT#a", "ITEM#1"))),
                denial("dynamodb:PutItem", ITEMS_ARN));
    }

    @Test
    void aSessionPolicyNarrowsTheRole() {
        startWithTenantRoles();
        Credentials readOnly = sts(ADMIN_KEY)
                .assumeRole(r -> r.roleArn(TENANT_ACCESS)
                        .roleSessionName("tenant-a")
                        .tags(t -> t.key("tenant_id").value("a"))
                        .policy("""
                                {"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"dynamodb:GetItem",\
                                "Resource":"*"}}"""))
                .credentials();
        DynamoDbClient tenantA = asSession(readOnly);

        tenantA.getItem(g -> g.tableName("items").key(key("TENANT#a", "ITEM#1")));
        assertDenied(
                () -> tenantA.putItem(p -> p.tableName("items").item(key("TENANT#a", "ITEM#1"))),
                "User: arn:aws:sts::000000000000:assumed-role/tenant-access/tenant-a is not authorized to perform: "
                        + "dynamodb:PutItem on resource: " + ITEMS_ARN
                        + " because no session policy allows the dynamodb:PutItem action");
    }

    @Test
    void aSessionWithoutTheTenantTagGetsNothing() {
        startWithTenantRoles();
        DynamoDbClient untagged = asSession(sts(ADMIN_KEY)
                .assumeRole(r -> r.roleArn(TENANT_ACCESS).roleSessionName("untagged"))
                .credentials());

        assertThatThrownBy(() -> untagged.getItem(g -> g.tableName("items").key(key("TENANT#", "ITEM#1"))))
                .isInstanceOfSatisfying(
                        DynamoDbException.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException"));
    }

    @Test
    void assumeRoleRefusesWhatStsRefuses() {
        startWithTenantRoles();
        StsClient sts = sts(ADMIN_KEY);

        assertStsError(
                () -> sts.assumeRole(
                        r -> r.roleArn("arn:aws:iam::000000000000:role/unknown").roleSessionName("s1")),
                403,
                "AccessDenied",
                "User: " + ADMIN_ARN + " is not authorized to perform: sts:AssumeRole on resource: "
                        + "arn:aws:iam::000000000000:role/unknown");
        assertStsError(
                () -> sts.assumeRole(
                        r -> r.roleArn(TENANT_ACCESS).roleSessionName("s1").durationSeconds(899)),
                400,
                "ValidationError",
                "1 validation error detected: Value '899' at 'durationSeconds' failed to satisfy constraint: "
                        + "Member must have value greater than or equal to 900");
        assertStsError(
                () -> sts.assumeRole(
                        r -> r.roleArn(TENANT_ACCESS).roleSessionName("a/b").durationSeconds(43201)),
                400,
                "ValidationError",
                "2 validation errors detected: Value 'a/b' at 'roleSessionName' failed to satisfy constraint: "
                        + "Member must satisfy regular expression pattern: [\\w+=,.@-]*; Value '43201' at "
                        + "'durationSeconds' failed to satisfy constraint: Member must have value less than or equal "
                        + "to 43200");
        assertStsError(
                () -> sts.assumeRole(r -> r.roleArn(TENANT_ACCESS)
                        .roleSessionName("s1")
                        .tags(t -> t.key("tenant_id").value("a;b"))),
                400,
                "ValidationError",
                "1 validation error detected: Value 'a;b' at 'tags.1.member.value' failed to satisfy constraint: "
                        + "Member must satisfy regular expression pattern: [\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*");
    }

    private static void assertStsError(Runnable call, int status, String code, String message) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(StsException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(status);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo(code);
            assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(message);
        });
    }

    @Test
    void aDenialIsOnTheWireAsDynamoDbSendsIt() {
        start(AccessControl.builder().principal(NOBODY_KEY, "arn:aws:iam::000000000000:user/nobody", List.of()));

        RawCalls.Answer answer = new RawCalls(db.endpoint())
                .send(
                        "POST",
                        "DynamoDB_20120810.GetItem",
                        "{\"TableName\":\"items\",\"Key\":{\"pk\":{\"S\":\"a\"},\"sk\":{\"S\":\"b\"}}}",
                        signedBy(NOBODY_KEY));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().toString())
                .isEqualTo("{\"__type\":\"com.amazon.coral.service#AccessDeniedException\",\"Message\":\"User: "
                        + "arn:aws:iam::000000000000:user/nobody is not authorized to perform: dynamodb:GetItem on "
                        + "resource: " + ITEMS_ARN + " because no identity-based policy allows the dynamodb:GetItem "
                        + "action\"}");
    }

    @Test
    void stsAnswersInStsXml() throws Exception {
        startWithTenantRoles();

        HttpResponse<String> identity = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(db.endpoint())
                                .header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
                                .header("Authorization", signedBy(ADMIN_KEY))
                                .header("X-Amz-Date", "20261206T090000Z")
                                .POST(HttpRequest.BodyPublishers.ofString(
                                        "Action=GetCallerIdentity&Version=2011-06-15"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());

        assertThat(identity.statusCode()).isEqualTo(200);
        assertThat(identity.headers().firstValue("Content-Type")).hasValue("text/xml");
        assertThat(identity.body()).matches("""
                        <GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
                          <GetCallerIdentityResult>
                            <Arn>arn:aws:iam::000000000000:role/admin</Arn>
                            <UserId>AKIAADMIN00000000001</UserId>
                            <Account>000000000000</Account>
                          </GetCallerIdentityResult>
                          <ResponseMetadata>
                            <RequestId>[0-9a-f-]{36}</RequestId>
                          </ResponseMetadata>
                        </GetCallerIdentityResponse>
                        """);
    }

    static final String NOBODY_KEY = "AKIANOBODY0000000001";

    static String signedBy(String accessKeyId) {
        return "AWS4-HMAC-SHA256 Credential=" + accessKeyId + "/20261206/us-east-1/dynamodb/aws4_request, "
                + "SignedHeaders=host;x-amz-date, Signature=00";
    }

    @Test
    void withoutAccessControlStsIsNotServed() {
        db = EmbeddedDynamoDb.start();

        assertThatThrownBy(() -> sts("x").getCallerIdentity()).isInstanceOf(AwsServiceException.class);
    }
}
