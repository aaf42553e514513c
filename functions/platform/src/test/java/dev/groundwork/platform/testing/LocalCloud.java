package dev.groundwork.platform.testing;

import dev.groundwork.dynamodb.EmbeddedDynamoDb;
import dev.groundwork.platform.config.AwsClients;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Groundwork's embedded DynamoDB and an in-process ElasticMQ, started once per test JVM, with fresh tables and queues
 * made as template.yaml declares them (keys, stream with new and old images, redrive policies), and the environment
 * a function sees for them.
 */
public final class LocalCloud {
    private static LocalCloud shared;

    private final URI dynamoDbEndpoint;
    private final URI sqsEndpoint;
    private final DynamoDbClient dynamoDb;
    private final DynamoDbStreamsClient streams;
    private final SqsClient sqs;

    private LocalCloud() {
        // Lives as long as the test JVM; serves the STS stand-in and enforces the tenant role (TestTenantRole).
        this.dynamoDbEndpoint = EmbeddedDynamoDb.builder()
                .accessControl(TestTenantRole.accessControl())
                .start()
                .endpoint();
        SQSRestServer server = SQSRestServerBuilder.withInterface("127.0.0.1")
                .withDynamicPort()
                .start();
        int port = server.waitUntilStarted().localAddress().getPort();
        this.sqsEndpoint = URI.create("http://127.0.0.1:" + port);
        var credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));
        this.dynamoDb = DynamoDbClient.builder()
                .endpointOverride(dynamoDbEndpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(credentials)
                .httpClient(AwsClients.httpClient())
                .build();
        this.streams = DynamoDbStreamsClient.builder()
                .endpointOverride(dynamoDbEndpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(credentials)
                .httpClient(AwsClients.httpClient())
                .build();
        this.sqs = SqsClient.builder()
                .endpointOverride(sqsEndpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(credentials)
                .httpClient(AwsClients.httpClient())
                .build();
    }

    public static synchronized LocalCloud get() {
        if (shared == null) {
            shared = new LocalCloud();
        }
        return shared;
    }

    public DynamoDbClient dynamoDb() {
        return dynamoDb;
    }

    public DynamoDbStreamsClient streams() {
        return streams;
    }

    public SqsClient sqs() {
        return sqs;
    }

    /** A fresh table with the template's key schema ({@code pk}/{@code sk}); with a stream of new and old images. */
    public String table(String prefix, boolean stream) {
        String name = prefix + "-" + UUID.randomUUID();
        KeyedTables.create(dynamoDb, name, stream);
        return name;
    }

    /** A fresh queue and its dead-letter queue, with the template's redrive policy. */
    public Queue queue(String prefix, int visibilityTimeoutSeconds, int maxReceiveCount) {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String dlqUrl = sqs.createQueue(create -> create.queueName(prefix + "-dlq-" + suffix))
                .queueUrl();
        String dlqArn = sqs.getQueueAttributes(get -> get.queueUrl(dlqUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes()
                .get(QueueAttributeName.QUEUE_ARN);
        String url = sqs.createQueue(create -> create.queueName(prefix + "-" + suffix)
                        .attributes(Map.of(
                                QueueAttributeName.VISIBILITY_TIMEOUT,
                                Integer.toString(visibilityTimeoutSeconds),
                                QueueAttributeName.REDRIVE_POLICY,
                                "{\"deadLetterTargetArn\":\"" + dlqArn + "\",\"maxReceiveCount\":\"" + maxReceiveCount
                                        + "\"}")))
                .queueUrl();
        return new Queue(url, dlqUrl);
    }

    public record Queue(String url, String deadLetterUrl) {}

    /**
     * What Lambda and template.yaml give a route function: {@link #environment} with the route functions' own key
     * ({@link TestTenantRole#FUNCTION_ACCESS_KEY}), which may assume the tenant role and touch no table itself, so a
     * call made without the tenant's credentials is refused here as deployed.
     */
    public Map<String, String> routeEnvironment(Map<String, String> variables) {
        Map<String, String> env = environment(variables);
        env.put("AWS_ACCESS_KEY_ID", TestTenantRole.FUNCTION_ACCESS_KEY);
        return env;
    }

    /** What Lambda and template.yaml give a function, pointed at this JVM's DynamoDB and ElasticMQ. */
    public Map<String, String> environment(Map<String, String> variables) {
        Map<String, String> env = new HashMap<>(Map.ofEntries(
                Map.entry("TENANT_CLAIM", "tenant_id"),
                Map.entry("AWS_REGION", "us-east-1"),
                Map.entry("AWS_ACCESS_KEY_ID", "test"),
                Map.entry("AWS_SECRET_ACCESS_KEY", "test"),
                Map.entry("DYNAMODB_ENDPOINT", dynamoDbEndpoint.toString()),
                Map.entry("STS_ENDPOINT", dynamoDbEndpoint.toString()),
                Map.entry("TENANT_ROLE_ARN", TestTenantRole.ARN),
                Map.entry("SQS_ENDPOINT", sqsEndpoint.toString()),
                Map.entry("GROUNDWORK_LOCAL", "true"),
                Map.entry("POWERTOOLS_METRICS_NAMESPACE", "Groundwork")));
        env.putAll(variables);
        return env;
    }

    /** How many messages a queue holds, visible or in flight. */
    public int depth(String queueUrl) {
        Map<QueueAttributeName, String> attributes = sqs.getQueueAttributes(get -> get.queueUrl(queueUrl)
                        .attributeNames(
                                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
                .attributes();
        return Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                + Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
    }
}
