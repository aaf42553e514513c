package dev.groundwork.dynamodb.bench;

import dev.groundwork.dynamodb.EmbeddedDynamoDb;
import dev.groundwork.dynamodb.iam.AccessControl;
import dev.groundwork.dynamodb.iam.AccessRequest;
import dev.groundwork.dynamodb.iam.AssumeRoleRequest;
import dev.groundwork.dynamodb.iam.AssumedRole;
import dev.groundwork.dynamodb.iam.Caller;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * What IAM enforcement costs: the policy decision alone (ns per decision of the tenant policy), and a GetItem over raw
 * HTTP from one client against a server without access control and one with it, in turns, in this JVM. Run from the
 * repository's root:
 *
 * <pre>
 * ./mvnw -o -q -B -pl local/dynamodb -am test-compile dependency:build-classpath \
 *     -Dmdep.outputFile=/tmp/dynamodb-test.classpath -Dmdep.includeScope=test
 * java -cp local/dynamodb/target/test-classes:local/dynamodb/target/classes:$(cat /tmp/dynamodb-test.classpath) \
 *     dev.groundwork.dynamodb.bench.AccessControlCost
 * </pre>
 */
public final class AccessControlCost {
    static final String ROLE = "arn:aws:iam::000000000000:role/tenant-access";
    static final String TENANT_POLICY = """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["dynamodb:GetItem","dynamodb:PutItem",\
            "dynamodb:UpdateItem","dynamodb:DeleteItem","dynamodb:Query","dynamodb:ConditionCheckItem"],\
            "Resource":"arn:aws:dynamodb:*:*:table/items","Condition":{"ForAllValues:StringEquals":\
            {"dynamodb:LeadingKeys":["TENANT#${aws:PrincipalTag/tenant_id}"]},"Null":{"dynamodb:LeadingKeys":"false"}}}]}""";

    private AccessControlCost() {}

    public static void main(String[] args) throws Exception {
        AccessControl access =
                AccessControl.builder().role(ROLE, List.of(TENANT_POLICY)).build();
        Caller anyone = access.identify("AKIAANYONE0000000001", Instant.now());
        AssumedRole session = access.assumeRole(
                anyone,
                new AssumeRoleRequest(
                        ROLE, "tenant-a", 3600, List.of(new AssumeRoleRequest.Tag("tenant_id", "a")), List.of(), null),
                Instant.now());
        decisions(access.identify(session.accessKeyId(), Instant.now()));

        try (EmbeddedDynamoDb plain = EmbeddedDynamoDb.start();
                EmbeddedDynamoDb enforcing =
                        EmbeddedDynamoDb.builder().accessControl(access).start()) {
            HttpClient http =
                    HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            for (EmbeddedDynamoDb db : List.of(plain, enforcing)) {
                call(
                        http,
                        db,
                        "CreateTable",
                        "AKIAANYONE0000000001",
                        "{\"TableName\":\"items\",\"BillingMode\":\"PAY_PER_REQUEST\",\"AttributeDefinitions\":"
                                + "[{\"AttributeName\":\"pk\",\"AttributeType\":\"S\"}],"
                                + "\"KeySchema\":[{\"AttributeName\":\"pk\",\"KeyType\":\"HASH\"}]}");
                call(
                        http,
                        db,
                        "PutItem",
                        "AKIAANYONE0000000001",
                        "{\"TableName\":\"items\",\"Item\":{\"pk\":{\"S\":\"TENANT#a\"},\"v\":{\"S\":\"1\"}}}");
            }
            String get = "{\"TableName\":\"items\",\"Key\":{\"pk\":{\"S\":\"TENANT#a\"}}}";
            for (int round = 1; round <= 3; round++) {
                System.out.printf(
                        "round %d: GetItem, 1 client, raw HTTP: without access control %s; with the tenant policy %s%n",
                        round,
                        latencies(http, plain, get, "AKIAANYONE0000000001"),
                        latencies(http, enforcing, get, session.accessKeyId()));
            }
        }
    }

    private static void decisions(Caller caller) {
        AccessRequest own = new AccessRequest(
                "dynamodb:GetItem", "arn:aws:dynamodb:us-east-1:000000000000:table/items", List.of("TENANT#a"));
        int allowed = 0;
        for (int i = 0; i < 2_000_000; i++) if (caller.authorize(own).allowed()) allowed++;
        int rounds = 5_000_000;
        long start = System.nanoTime();
        for (int i = 0; i < rounds; i++) if (caller.authorize(own).allowed()) allowed++;
        long elapsed = System.nanoTime() - start;
        System.out.printf(
                "tenant policy decision (GetItem, own partition): %.0f ns each (%d allowed)%n",
                (double) elapsed / rounds, allowed);
    }

    private static String latencies(HttpClient http, EmbeddedDynamoDb db, String body, String key) throws Exception {
        for (int i = 0; i < 5_000; i++) call(http, db, "GetItem", key, body);
        int calls = 20_000;
        long[] nanos = new long[calls];
        long start = System.nanoTime();
        for (int i = 0; i < calls; i++) {
            long before = System.nanoTime();
            call(http, db, "GetItem", key, body);
            nanos[i] = System.nanoTime() - before;
        }
        long elapsed = System.nanoTime() - start;
        Arrays.sort(nanos);
        return String.format(
                "p50 %.1f µs, p99 %.1f µs, %,.0f/s",
                nanos[calls / 2] / 1000.0, nanos[calls * 99 / 100] / 1000.0, calls / (elapsed / 1e9));
    }

    private static void call(HttpClient http, EmbeddedDynamoDb db, String operation, String key, String body)
            throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create(db.endpoint().toString()))
                        .header("Content-Type", "application/x-amz-json-1.0")
                        .header("X-Amz-Target", "DynamoDB_20120810." + operation)
                        .header("X-Amz-Date", "20261206T090000Z")
                        .header(
                                "Authorization",
                                "AWS4-HMAC-SHA256 Credential=" + key + "/20261206/us-east-1/dynamodb/aws4_request, "
                                        + "SignedHeaders=host;x-amz-date;x-amz-target, Signature=00")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) throw new IllegalStateException(operation + ": " + response.body());
    }
}
