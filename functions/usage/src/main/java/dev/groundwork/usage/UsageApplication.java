package dev.groundwork.usage;

import dev.groundwork.platform.config.AwsClients;
import dev.groundwork.platform.dynamodb.TableAccess;
import dev.groundwork.platform.http.HttpFunction;
import dev.groundwork.platform.observability.PowertoolsRequestMetrics;
import dev.groundwork.platform.tenancy.TenantCredentials;
import dev.groundwork.usage.domain.GetUsage;
import dev.groundwork.usage.dynamodb.DynamoDbUsageLedger;
import java.time.Clock;
import java.util.Map;

/** The wiring of the usage functions, done once per container. */
public final class UsageApplication {
    private UsageApplication() {}

    /** The usage route's collaborators. */
    public record Api(HttpFunction http, GetUsage getUsage) {}

    public static Api api(Map<String, String> env) {
        UsageConfig config = UsageConfig.fromEnvironment(env);
        TenantCredentials tenants = TenantCredentials.create(config.aws(), config.requireTenantRoleArn());
        DynamoDbUsageLedger ledger = new DynamoDbUsageLedger(
                AwsClients.dynamoDb(config.aws()),
                config.usageTableName(),
                TableAccess.asRequestTenant(tenants),
                Clock.systemUTC());
        return new Api(
                new HttpFunction(config.tenantClaim(), PowertoolsRequestMetrics.create(config.metrics()), tenants),
                new GetUsage(ledger));
    }
}
