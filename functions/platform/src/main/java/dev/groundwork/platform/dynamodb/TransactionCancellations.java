package dev.groundwork.platform.dynamodb;

import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Why DynamoDB cancelled a transaction, read from its reasons: one per action, in the request's order, {@code None}
 * for an action that did not cause it
 * (https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_TransactWriteItems.html).
 */
public final class TransactionCancellations {
    /** Reasons that pass: the same transaction sent again may go through. */
    /** The reason of an action whose condition failed: the item as it is decides, and sending again changes nothing. */
    public static final String CONDITION_FAILED = "ConditionalCheckFailed";

    private static final Set<String> TRANSIENT =
            Set.of("TransactionConflict", "ThrottlingError", "ProvisionedThroughputExceeded");

    private TransactionCancellations() {}

    /** Each action's reason, in the request's order. */
    public static List<String> reasons(TransactionCanceledException cancelled) {
        return cancelled.cancellationReasons().stream()
                .map(CancellationReason::code)
                .toList();
    }

    /** Whether an action's reason is one that passes. */
    public static boolean passes(String reason) {
        return TRANSIENT.contains(reason);
    }

    /** Cancelled only by what passes (another transaction on one of its items, throttling), no condition among them. */
    public static boolean onlyTransient(TransactionCanceledException cancelled) {
        List<String> causes =
                reasons(cancelled).stream().filter(code -> !"None".equals(code)).toList();
        return !causes.isEmpty() && causes.stream().allMatch(TransactionCancellations::passes);
    }
}
