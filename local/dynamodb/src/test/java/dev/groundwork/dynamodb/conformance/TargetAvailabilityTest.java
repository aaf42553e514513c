package dev.groundwork.dynamodb.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One case per target, so the test report names each target that could not run here (as a skipped test with the
 * reason) instead of leaving out its classes silently.
 */
class TargetAvailabilityTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.groundwork.dynamodb.conformance.Targets#all")
    void targetAnswersListTables(DynamoDbTarget target) {
        target.endpoint();

        assertThat(target.clients().dynamo().listTables().sdkHttpResponse().isSuccessful())
                .isTrue();
    }
}
