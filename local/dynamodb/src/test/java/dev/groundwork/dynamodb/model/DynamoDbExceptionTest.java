package dev.groundwork.dynamodb.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.groundwork.dynamodb.model.DynamoDbException.CancellationReason;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DynamoDbExceptionTest {
    @Test
    void answers400ForClientErrorsAnd5xxForServerErrors() {
        assertThat(DynamoDbException.validation("x").httpStatus()).isEqualTo(400);
        assertThat(DynamoDbException.conditionalCheckFailed(null).httpStatus()).isEqualTo(400);
        assertThat(DynamoDbException.provisionedThroughputExceeded().httpStatus())
                .isEqualTo(400);
        assertThat(DynamoDbException.internalServerError("boom").httpStatus()).isEqualTo(500);
        assertThat(DynamoDbException.serviceUnavailable().httpStatus()).isEqualTo(503);
    }

    @Test
    void carriesTheItemOfAFailedCondition() {
        Map<String, AttributeValue> item = Map.of("pk", AttributeValue.s("k"));
        DynamoDbException failed = DynamoDbException.conditionalCheckFailed(item);
        assertThat(failed.code()).isEqualTo("ConditionalCheckFailedException");
        assertThat(failed.getMessage()).isEqualTo("The conditional request failed");
        assertThat(failed.item()).contains(item);
        assertThat(DynamoDbException.conditionalCheckFailed(null).item()).isEmpty();
    }

    @Test
    void listsCancellationReasonsInRequestOrder() {
        DynamoDbException canceled = DynamoDbException.transactionCanceled(
                List.of(CancellationReason.NONE, CancellationReason.conditionalCheckFailed(null)));
        assertThat(canceled.code()).isEqualTo("TransactionCanceledException");
        assertThat(canceled.getMessage())
                .isEqualTo(
                        "Transaction cancelled, please refer cancellation reasons for specific reasons [None, ConditionalCheckFailed]");
        assertThat(canceled.cancellationReasons())
                .extracting(CancellationReason::code)
                .containsExactly("None", "ConditionalCheckFailed");
    }
}
