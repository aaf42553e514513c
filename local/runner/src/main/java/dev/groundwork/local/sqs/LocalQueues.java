package dev.groundwork.local.sqs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.groundwork.local.aws.AwsJsonClient;
import dev.groundwork.local.template.QueueSpec;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;

/**
 * ElasticMQ in this JVM, serving the SQS API on a free port, with the template's queues: redrive policies (dead-letter
 * queue and maxReceiveCount), visibility timeouts, retention, delays, FIFO.
 */
public final class LocalQueues implements AutoCloseable {

    private final SQSRestServer server;
    private final URI endpoint;
    private final AwsJsonClient client;
    private final String region;
    private final String accountId;
    private final Map<String, String> urlsByName = new LinkedHashMap<>();

    private LocalQueues(SQSRestServer server, URI endpoint, String region, String accountId) {
        this.server = server;
        this.endpoint = endpoint;
        this.region = region;
        this.accountId = accountId;
        this.client = new AwsJsonClient(endpoint, "AmazonSQS", "sqs", region);
    }

    public static LocalQueues start(String region, String accountId) {
        SQSRestServer server = SQSRestServerBuilder.withDynamicPort()
                .withInterface("127.0.0.1")
                .withAWSRegion(region)
                .withAWSAccountId(accountId)
                .start();
        int port = server.waitUntilStarted().localAddress().getPort();
        return new LocalQueues(server, URI.create("http://localhost:" + port), region, accountId);
    }

    public URI endpoint() {
        return endpoint;
    }

    public AwsJsonClient client() {
        return client;
    }

    /** Creates the queues, dead-letter queues first; an existing queue with the same name is kept as it is. */
    public void create(Iterable<QueueSpec> queues) {
        for (QueueSpec queue : queues) {
            ObjectNode attributes = client.object();
            attributes.put(
                    "VisibilityTimeout", Long.toString(queue.visibilityTimeout().toSeconds()));
            attributes.put(
                    "MessageRetentionPeriod", Long.toString(queue.retention().toSeconds()));
            attributes.put("DelaySeconds", Long.toString(queue.delay().toSeconds()));
            if (queue.fifo()) {
                attributes.put("FifoQueue", "true");
                attributes.put("ContentBasedDeduplication", Boolean.toString(queue.contentBasedDeduplication()));
            }
            if (queue.deadLetterQueueName() != null) {
                ObjectNode redrive = client.object();
                redrive.put("deadLetterTargetArn", arn(queue.deadLetterQueueName()));
                redrive.put("maxReceiveCount", Integer.toString(queue.maxReceiveCount()));
                attributes.put("RedrivePolicy", redrive.toString());
            }
            ObjectNode request = client.object();
            request.put("QueueName", queue.queueName());
            request.set("Attributes", attributes);
            JsonNode answer = client.call("CreateQueue", request);
            urlsByName.put(queue.queueName(), answer.path("QueueUrl").asText());
        }
    }

    public String arn(String queueName) {
        return "arn:aws:sqs:" + region + ":" + accountId + ":" + queueName;
    }

    public String url(String queueName) {
        String url = urlsByName.get(queueName);
        if (url != null) {
            return url;
        }
        ObjectNode request = client.object();
        request.put("QueueName", queueName);
        return client.call("GetQueueUrl", request).path("QueueUrl").asText();
    }

    public Map<String, String> queueUrls() {
        return Map.copyOf(urlsByName);
    }

    /** Messages visible plus in flight, for the console and tests. */
    public long approximateDepth(String queueName) {
        ObjectNode request = client.object();
        request.put("QueueUrl", url(queueName));
        request.putArray("AttributeNames")
                .add("ApproximateNumberOfMessages")
                .add("ApproximateNumberOfMessagesNotVisible");
        JsonNode attributes = client.call("GetQueueAttributes", request).path("Attributes");
        return attributes.path("ApproximateNumberOfMessages").asLong()
                + attributes.path("ApproximateNumberOfMessagesNotVisible").asLong();
    }

    public void send(String queueName, String body) {
        ObjectNode request = client.object();
        request.put("QueueUrl", url(queueName));
        request.put("MessageBody", body);
        if (queueName.endsWith(".fifo")) {
            request.put("MessageGroupId", "default");
            request.put("MessageDeduplicationId", java.util.UUID.randomUUID().toString());
        }
        client.call("SendMessage", request);
    }

    @Override
    public void close() {
        server.stopAndWait();
    }
}
