package dev.groundwork.platform.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.groundwork.kernel.TenantId;
import dev.groundwork.platform.config.AwsClients;
import dev.groundwork.platform.config.AwsSettings;
import dev.groundwork.platform.dynamodb.TableAccess;
import dev.groundwork.platform.dynamodb.TenantKeys;
import dev.groundwork.platform.testing.DynamoDbTarget;
import dev.groundwork.platform.testing.TestTable;
import dev.groundwork.platform.testing.TestTenantRole;
import dev.groundwork.testing.MutableClock;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * A request's DynamoDB calls made with its tenant's credentials, against the embedded DynamoDB's STS stand-in and its
 * IAM enforcement with the template's tenant-partition policy ({@link TestTenantRole}): what IAM lets through and what
 * it refuses whatever the code does (a planted cross-tenant read, a Scan, the function's own role), and how the
 * credentials are kept (once per tenant, refreshed before they expire, bounded, forgotten after a restore).
 */
class TenantCredentialsIT {
    private static final TenantId ACME = new TenantId("acme");
    private static final TenantId GLOBEX = new TenantId("globex");

    private final AtomicInteger assumeRoleCalls = new AtomicInteger();
    private final MutableClock clock = new MutableClock(Instant.now());
    private TestTable table;
    private DynamoDbClient dynamoDb;
    private StsClient sts;

    @BeforeEach
    void freshTable() {
        table = DynamoDbTarget.EMBEDDED.freshTable();
        AwsSettings function = AwsSettings.fromEnvironment(table.environment());
        dynamoDb = AwsClients.dynamoDb(function);
        sts = StsClient.builder()
                .endpointOverride(function.stsEndpoint().orElseThrow())
                .region(software.amazon.awssdk.regions.Region.of(function.region()))
                .credentialsProvider(AwsClients.credentialsProvider(function.credentials()))
                .httpClient(AwsClients.httpClient())
                .overrideConfiguration(o -> o.addExecutionInterceptor(new ExecutionInterceptor() {
                    @Override
                    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                        assumeRoleCalls.incrementAndGet();
                    }
                }))
                .build();
        // given: an item in each tenant's partition, written by the test's own (unrestricted) set-up key
        table.client().putItem(put -> put.tableName(table.name()).item(item(ACME, "ITEM#1")));
        table.client().putItem(put -> put.tableName(table.name()).item(item(GLOBEX, "ITEM#1")));
    }

    private TenantCredentials credentials(int maxTenants) {
        return new TenantCredentials(sts, TestTenantRole.ARN, clock, maxTenants);
    }

    @Test
    void readsAndWritesItsOwnTenantsPartition() {
        TenantCredentials tenants = credentials(10);
        TableAccess asTenant = TableAccess.asRequestTenant(tenants);

        Map<String, AttributeValue> read = tenants.actingFor(
                ACME,
                () -> dynamoDb.getItem(get -> get.tableName(table.name())
                                .overrideConfiguration(asTenant.override())
                                .key(TenantKeys.key(ACME, "ITEM#1")))
                        .item());
        tenants.actingFor(
                ACME,
                () -> dynamoDb.putItem(put -> put.tableName(table.name())
                        .overrideConfiguration(asTenant.override())
                        .item(item(ACME, "ITEM#2"))));

        assertThat(read).containsEntry("pk", AttributeValue.fromS("TENANT#acme"));
        assertThat(table.recordCount()).isEqualTo(3);
    }

    @Test
    void refusesAReadOfAnotherTenantsPartitionEvenWhenTheCodeAsksForIt() {
        TenantCredentials tenants = credentials(10);
        TableAccess asTenant = TableAccess.asRequestTenant(tenants);

        // when: a request of acme whose code (a planted bug) builds globex's key
        assertThatThrownBy(() -> tenants.actingFor(
                        ACME,
                        () -> dynamoDb.getItem(get -> get.tableName(table.name())
                                .overrideConfiguration(asTenant.override())
                                .key(TenantKeys.key(GLOBEX, "ITEM#1")))))
                // then: IAM refuses it, as DynamoDB words it
                .isInstanceOfSatisfying(
                        DynamoDbException.class,
                        refused -> assertThat(refused.awsErrorDetails().errorCode())
                                .isEqualTo("AccessDeniedException"));
        assertThatThrownBy(() -> tenants.actingFor(
                        ACME,
                        () -> dynamoDb.putItem(put -> put.tableName(table.name())
                                .overrideConfiguration(asTenant.override())
                                .item(item(GLOBEX, "ITEM#2")))))
                .isInstanceOfSatisfying(
                        DynamoDbException.class,
                        refused -> assertThat(refused.awsErrorDetails().errorCode())
                                .isEqualTo("AccessDeniedException"));
        assertThat(table.recordCount()).as("nothing written").isEqualTo(2);
    }

    @Test
    void refusesAScanWhichNamesNoPartition() {
        TenantCredentials tenants = credentials(10);
        TableAccess asTenant = TableAccess.asRequestTenant(tenants);

        assertThatThrownBy(() -> tenants.actingFor(
                        ACME,
                        () -> dynamoDb.scan(
                                scan -> scan.tableName(table.name()).overrideConfiguration(asTenant.override()))))
                .isInstanceOfSatisfying(
                        DynamoDbException.class,
                        refused -> assertThat(refused.awsErrorDetails().errorCode())
                                .isEqualTo("AccessDeniedException"));
    }

    @Test
    void refusesACallMadeWithTheFunctionsOwnRole() {
        assertThatThrownBy(() ->
                        dynamoDb.getItem(get -> get.tableName(table.name()).key(TenantKeys.key(ACME, "ITEM#1"))))
                .isInstanceOfSatisfying(
                        DynamoDbException.class,
                        refused -> assertThat(refused.awsErrorDetails().errorCode())
                                .isEqualTo("AccessDeniedException"));
    }

    @Test
    void refusesToActForNobody() {
        TenantCredentials tenants = credentials(10);

        assertThatThrownBy(tenants::resolveCredentials)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("outside a request");
    }

    @Test
    void assumesTheRoleOncePerTenantWhileItsCredentialsLast() {
        TenantCredentials tenants = credentials(10);

        for (int request = 0; request < 5; request++) {
            read(tenants, ACME);
            read(tenants, GLOBEX);
        }

        assertThat(assumeRoleCalls).hasValue(2);
        assertThat(tenants.tenantsHeld()).isEqualTo(2);
    }

    @Test
    void assumesTheRoleAgainBeforeTheCredentialsExpire() {
        TenantCredentials tenants = credentials(10);
        read(tenants, ACME);

        clock.advance(Duration.ofMinutes(9));
        read(tenants, ACME);
        assertThat(assumeRoleCalls).as("6 of the session's 15 minutes to go").hasValue(1);

        // The SDK's cache prefetches at a jittered time from 10 minutes on, and refreshes at the latest 1 minute before
        // expiry: at 14.5 minutes the next call has fresh credentials whatever the jitter drew.
        clock.advance(Duration.ofSeconds(330));
        read(tenants, ACME);
        assertThat(assumeRoleCalls).as("half a minute before expiry").hasValue(2);
    }

    @Test
    void keepsAtMostItsBoundOfTenantsDroppingTheLeastRecentlyServed() {
        TenantCredentials tenants = credentials(2);
        read(tenants, ACME);
        read(tenants, GLOBEX);
        read(tenants, ACME);

        read(tenants, new TenantId("initech")); // globex, the least recently served, is dropped
        assertThat(tenants.tenantsHeld()).isEqualTo(2);
        read(tenants, ACME);
        assertThat(assumeRoleCalls).as("acme was kept").hasValue(3);
        read(tenants, GLOBEX);
        assertThat(assumeRoleCalls).as("globex was dropped").hasValue(4);
    }

    @Test
    void forgetsEveryTenantAfterASnapStartRestore() {
        TenantCredentials tenants = credentials(10);
        read(tenants, ACME);

        // when: the environment is restored from a snapshot taken after that read
        tenants.forgetOnRestore.afterRestore(null);

        // then: the restored environment assumes the role afresh
        assertThat(tenants.tenantsHeld()).isZero();
        read(tenants, ACME);
        assertThat(assumeRoleCalls).hasValue(2);
    }

    @Test
    void forgetsOneTenantWhenAskedAsAPrimingDoes() {
        TenantCredentials tenants = credentials(10);
        read(tenants, ACME);
        read(tenants, GLOBEX);

        tenants.forget(ACME);

        assertThat(tenants.tenantsHeld()).isEqualTo(1);
    }

    @Test
    void answersAnOutageOfStsAsAnSdkClientFailureThatHttpFunctionMapsTo503() {
        StsClient unreachable = StsClient.builder()
                .endpointOverride(URI.create("http://127.0.0.1:9"))
                .region(software.amazon.awssdk.regions.Region.US_EAST_1)
                .credentialsProvider(AwsClients.credentialsProvider(
                        AwsSettings.fromEnvironment(table.environment()).credentials()))
                .httpClient(AwsClients.httpClient())
                .build();
        TenantCredentials tenants = new TenantCredentials(unreachable, TestTenantRole.ARN, clock, 10);

        assertThatThrownBy(() -> tenants.actingFor(ACME, (Supplier<Object>) tenants::resolveCredentials))
                .isInstanceOf(software.amazon.awssdk.core.exception.SdkClientException.class)
                .hasMessageContaining("the tenant's credentials could not be obtained");
    }

    @Test
    void answersARefusalOfTheRoleAsAMisconfigurationNotAsSomethingToRetry() {
        TenantCredentials tenants =
                new TenantCredentials(sts, "arn:aws:iam::000000000000:role/NoSuchTenantRole", clock, 10);

        assertThatThrownBy(() -> tenants.actingFor(ACME, (Supplier<Object>) tenants::resolveCredentials))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("STS refused the tenant role");
    }

    private void read(TenantCredentials tenants, TenantId tenant) {
        TableAccess asTenant = TableAccess.asRequestTenant(tenants);
        tenants.actingFor(
                tenant,
                () -> dynamoDb.getItem(get -> get.tableName(table.name())
                        .overrideConfiguration(asTenant.override())
                        .key(TenantKeys.key(tenant, "ITEM#1"))));
    }

    private static Map<String, AttributeValue> item(TenantId tenant, String sortKey) {
        return TenantKeys.key(tenant, sortKey);
    }
}
