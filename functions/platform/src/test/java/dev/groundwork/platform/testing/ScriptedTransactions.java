package dev.groundwork.platform.testing;

import java.util.ArrayList;
import java.util.LinkedList;
import java.util.List;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * A DynamoDB client whose transactions answer as a test scripts them: answers no embedded table gives on demand (it
 * runs transactions one after another, so it never answers {@code TransactionConflict}, and never throttles).
 * Failures are thrown first, one a call, then the cancellations; {@code null} among these, or none left, is success.
 */
public final class ScriptedTransactions implements DynamoDbClient {
    public final LinkedList<TransactionCanceledException> answers = new LinkedList<>();
    public final LinkedList<RuntimeException> failures = new LinkedList<>();
    public final List<TransactWriteItemsRequest> sent = new ArrayList<>();

    /** A cancellation with one reason per action, in the request's order ({@code None} for an action that did not). */
    public static TransactionCanceledException cancelled(String... codes) {
        return TransactionCanceledException.builder()
                .message("Transaction cancelled")
                .cancellationReasons(List.of(codes).stream()
                        .map(code -> CancellationReason.builder().code(code).build())
                        .toList())
                .build();
    }

    @Override
    public TransactWriteItemsResponse transactWriteItems(TransactWriteItemsRequest request) {
        sent.add(request);
        if (!failures.isEmpty()) {
            throw failures.poll();
        }
        TransactionCanceledException answer = answers.isEmpty() ? null : answers.poll();
        if (answer != null) {
            throw answer;
        }
        return TransactWriteItemsResponse.builder().build();
    }

    @Override
    public String serviceName() {
        return SERVICE_NAME;
    }

    @Override
    public void close() {}
}
