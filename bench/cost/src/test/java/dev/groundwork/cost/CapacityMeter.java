package dev.groundwork.cost;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageResponse;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;

/**
 * What the functions' own SDK clients cost, by route: a global interceptor (listed in
 * {@code software/amazon/awssdk/global/handlers/execution.interceptors} on the test classpath, so every client the SDK
 * builds in this JVM has it, the functions' included, with no hook in product code) that asks DynamoDB for
 * {@code ReturnConsumedCapacity=TOTAL} and adds up what it answers, and counts SQS requests as SQS bills them. Only
 * calls made inside {@link #during} are counted, so the test's own set-up and the stream poller standing in for
 * Lambda's event source (whose reads Lambda does not bill) are left out.
 */
public final class CapacityMeter implements ExecutionInterceptor {

    /** Where a call was made: on the route's request path, or in the work the request causes afterwards. */
    public enum Part {
        REQUEST,
        OFF_PATH
    }

    /** One route's part. */
    public record Key(String route, Part part) {}

    /** What one route's part added up to. */
    public static final class Tally {
        private double readUnits;
        private double writeUnits;
        private int failedConditionalWrites;
        private int sqsRequests;
        private final Map<String, Integer> operations = new TreeMap<>();
        private final Map<String, Integer> invocations = new TreeMap<>();

        public double readUnits() {
            return readUnits;
        }

        /** Includes one unit per failed conditional write (see {@link #failedConditionalWrites}). */
        public double writeUnits() {
            return writeUnits;
        }

        /**
         * DynamoDB bills a failed conditional write at least one unit (more for a larger existing item), but answers
         * with an error that carries no ConsumedCapacity: counted here at one unit each, an assumption for items under
         * 1 KB. https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Expressions.ConditionExpressions.html
         */
        public int failedConditionalWrites() {
            return failedConditionalWrites;
        }

        /** SQS requests as billed: each 64 KB chunk of a request's payload is one request. */
        public int sqsRequests() {
            return sqsRequests;
        }

        /** Calls by {@code Service.Operation}, whatever they consumed. */
        public Map<String, Integer> operations() {
            return operations;
        }

        /** Lambda invocations by function. */
        public Map<String, Integer> invocations() {
            return invocations;
        }
    }

    /** SQS bills "each 64 KB chunk of a payload" as one request. https://aws.amazon.com/sqs/pricing/ */
    private static final int SQS_CHUNK_BYTES = 64 * 1024;

    private static final List<String> READS = List.of("GetItem", "Query", "Scan", "BatchGetItem", "TransactGetItems");
    private static final Map<Key, Tally> TALLIES = new LinkedHashMap<>();
    private static Key current;

    /** Counts the SDK calls {@code work} makes, and one invocation of {@code function} if one is named. */
    public static synchronized <T> T during(String route, Part part, Optional<String> function, Supplier<T> work) {
        Key previous = current;
        current = new Key(route, part);
        function.ifPresent(name -> tally().invocations.merge(name, 1, Integer::sum));
        try {
            return work.get();
        } finally {
            current = previous;
        }
    }

    public static synchronized Map<Key, Tally> tallies() {
        return Map.copyOf(TALLIES);
    }

    public static synchronized Tally tally(String route, Part part) {
        return TALLIES.computeIfAbsent(new Key(route, part), key -> new Tally());
    }

    private static Tally tally() {
        return TALLIES.computeIfAbsent(current, key -> new Tally());
    }

    @Override
    public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
        synchronized (CapacityMeter.class) {
            if (current == null) {
                return context.request();
            }
        }
        ReturnConsumedCapacity total = ReturnConsumedCapacity.TOTAL;
        return switch (context.request()) {
            case GetItemRequest r
            when r.returnConsumedCapacity() == null ->
                r.toBuilder().returnConsumedCapacity(total).build();
            case PutItemRequest r
            when r.returnConsumedCapacity() == null ->
                r.toBuilder().returnConsumedCapacity(total).build();
            case UpdateItemRequest r
            when r.returnConsumedCapacity() == null ->
                r.toBuilder().returnConsumedCapacity(total).build();
            case DeleteItemRequest r
            when r.returnConsumedCapacity() == null ->
                r.toBuilder().returnConsumedCapacity(total).build();
            case QueryRequest r
            when r.returnConsumedCapacity() == null ->
                r.toBuilder().returnConsumedCapacity(total).build();
            case ScanRequest r
            when r.returnConsumedCapacity() == null ->
                r.toBuilder().returnConsumedCapacity(total).build();
            case BatchGetItemRequest r
            when r.returnConsumedCapacity() == null ->
                r.toBuilder().returnConsumedCapacity(total).build();
            case BatchWriteItemRequest r
            when r.returnConsumedCapacity() == null ->
                r.toBuilder().returnConsumedCapacity(total).build();
            case TransactGetItemsRequest r
            when r.returnConsumedCapacity() == null ->
                r.toBuilder().returnConsumedCapacity(total).build();
            case TransactWriteItemsRequest r
            when r.returnConsumedCapacity() == null ->
                r.toBuilder().returnConsumedCapacity(total).build();
            default -> context.request();
        };
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        synchronized (CapacityMeter.class) {
            if (current == null) {
                return;
            }
            String service = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME);
            String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
            Tally tally = tally();
            if (service.equalsIgnoreCase("DynamoDB")) {
                tally.operations.merge("DynamoDB." + operation, 1, Integer::sum);
                double units = capacity(context.response()).stream()
                        .mapToDouble(capacity -> capacity.capacityUnits() == null ? 0 : capacity.capacityUnits())
                        .sum();
                if (READS.contains(operation)) {
                    tally.readUnits += units;
                } else {
                    tally.writeUnits += units;
                }
            } else if (service.equalsIgnoreCase("SQS")) {
                long payload = payload(context.request(), context.response());
                if (context.response() instanceof ReceiveMessageResponse received
                        && received.messages().isEmpty()) {
                    return; // the poller's last, empty receive: Lambda's long polls of an idle queue are apart
                }
                tally.operations.merge("SQS." + operation, 1, Integer::sum);
                tally.sqsRequests += (int) Math.max(1, (payload + SQS_CHUNK_BYTES - 1) / SQS_CHUNK_BYTES);
            }
        }
    }

    @Override
    public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
        synchronized (CapacityMeter.class) {
            if (current == null) {
                return;
            }
            Throwable failure = context.exception();
            if (failure instanceof ConditionalCheckFailedException || failure instanceof TransactionCanceledException) {
                Tally tally = tally();
                String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
                tally.operations.merge("DynamoDB." + operation + " (condition failed)", 1, Integer::sum);
                tally.failedConditionalWrites++;
                tally.writeUnits += 1;
            }
        }
    }

    private static List<ConsumedCapacity> capacity(SdkResponse response) {
        return switch (response) {
            case GetItemResponse r -> single(r.consumedCapacity());
            case PutItemResponse r -> single(r.consumedCapacity());
            case UpdateItemResponse r -> single(r.consumedCapacity());
            case DeleteItemResponse r -> single(r.consumedCapacity());
            case QueryResponse r -> single(r.consumedCapacity());
            case ScanResponse r -> single(r.consumedCapacity());
            case BatchGetItemResponse r -> r.consumedCapacity();
            case BatchWriteItemResponse r -> r.consumedCapacity();
            case TransactGetItemsResponse r -> r.consumedCapacity();
            case TransactWriteItemsResponse r -> r.consumedCapacity();
            default -> List.of();
        };
    }

    private static List<ConsumedCapacity> single(ConsumedCapacity capacity) {
        return capacity == null ? List.of() : List.of(capacity);
    }

    /** The message bodies a request sends or a receive returns (attributes are small and left out). */
    private static long payload(SdkRequest request, SdkResponse response) {
        return switch (request) {
            case SendMessageRequest send -> bytes(send.messageBody());
            case SendMessageBatchRequest batch ->
                batch.entries().stream()
                        .mapToLong(entry -> bytes(entry.messageBody()))
                        .sum();
            default ->
                response instanceof ReceiveMessageResponse received
                        ? received.messages().stream()
                                .mapToLong(message -> bytes(message.body()))
                                .sum()
                        : 0;
        };
    }

    private static long bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }
}
