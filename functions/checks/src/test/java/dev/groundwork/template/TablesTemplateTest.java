package dev.groundwork.template;

import static dev.groundwork.template.Stack.REPOSITORY;
import static dev.groundwork.template.Stack.map;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The tables are what the repositories expect (docs/architecture.md, "The key design"): {@code pk}/{@code sk},
 * records that expire on {@code expiresAt}, on demand, recoverable and encrypted; the items table streams old and new
 * images to the relay.
 */
class TablesTemplateTest {

    static Stream<Stack.Resource> tables() {
        return REPOSITORY.resourcesOfType(Stack.TABLE).stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tables")
    void isTheTableTheRepositoriesExpect(Stack.Resource table) {
        Map<String, Object> properties = table.properties();

        assertThat(String.valueOf(properties.get("KeySchema")))
                .isEqualTo("[{AttributeName=pk, KeyType=HASH}, {AttributeName=sk, KeyType=RANGE}]");
        assertThat(properties)
                .containsEntry("BillingMode", "PAY_PER_REQUEST")
                .containsEntry("DeletionProtectionEnabled", true);
        assertThat(map(properties.get("PointInTimeRecoverySpecification")))
                .containsEntry("PointInTimeRecoveryEnabled", true);
        assertThat(map(properties.get("SSESpecification"))).containsEntry("SSEEnabled", true);
        assertThat(map(properties.get("TimeToLiveSpecification")))
                .containsEntry("AttributeName", "expiresAt")
                .containsEntry("Enabled", true);
    }

    @Test
    void theItemsTableStreamsOldAndNewImages() {
        assertThat(map(REPOSITORY.resource("ItemsTable").properties().get("StreamSpecification")))
                .containsEntry("StreamViewType", "NEW_AND_OLD_IMAGES");
    }
}
