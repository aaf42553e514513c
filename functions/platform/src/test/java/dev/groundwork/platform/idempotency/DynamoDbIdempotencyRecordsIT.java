package dev.groundwork.platform.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import dev.groundwork.kernel.TenantId;
import dev.groundwork.platform.dynamodb.TableAccess;
import dev.groundwork.platform.testing.DynamoDbTarget;
import dev.groundwork.platform.testing.TestTable;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

@ParameterizedClass
@EnumSource(DynamoDbTarget.class)
class DynamoDbIdempotencyRecordsIT {
    private static final TenantId ACME = new TenantId("acme");
    private static final IdempotencyKey KEY = new IdempotencyKey("key-1");
    private static final Instant NOW = Instant.parse("2026-11-25T18:00:00Z");
    private static final StoredResponse CREATED = new StoredResponse(201, Map.of("Location", "/v1/items/1"), "{}");

    private final DynamoDbTarget target;
    private TestTable table;
    private DynamoDbIdempotencyRecords records;

    DynamoDbIdempotencyRecordsIT(DynamoDbTarget target) {
        this.target = target;
    }

    @BeforeEach
    void freshTable() {
        table = target.freshTable();
        records = new DynamoDbIdempotencyRecords(
                table.client(), table.name(), TableAccess.asFunction(), Duration.ofHours(25));
    }

    @Test
    void claimsAFreeKeyAndReportsItInProgressToTheNext() {
        assertThat(records.claim(ACME, KEY, "f1", NOW, NOW.plusSeconds(15)))
                .isInstanceOf(IdempotencyRecords.Claimed.class);

        var second = records.claim(ACME, KEY, "f1", NOW.plusSeconds(5), NOW.plusSeconds(20));

        assertThat(second).isInstanceOf(IdempotencyRecords.InProgress.class);
    }

    @Test
    void replaysTheStoredResponseOnceCompleted() {
        records.claim(ACME, KEY, "f1", NOW, NOW.plusSeconds(15));
        records.complete(ACME, KEY, "f1", CREATED, NOW.plusSeconds(1));

        assertThat(records.claim(ACME, KEY, "f1", NOW.plus(Duration.ofHours(24)), NOW.plus(Duration.ofHours(24))))
                .isEqualTo(new IdempotencyRecords.Completed(CREATED));
    }

    @Test
    void reportsAnotherBodyAsReuse() {
        records.claim(ACME, KEY, "f1", NOW, NOW.plusSeconds(15));

        assertThat(records.claim(ACME, KEY, "f2", NOW, NOW.plusSeconds(15)))
                .isInstanceOf(IdempotencyRecords.KeyReused.class);
    }

    @Test
    void letsARetryTakeOverAClaimWhoseLockRanOut() {
        records.claim(ACME, KEY, "f1", NOW, NOW.plusSeconds(15));

        assertThat(records.claim(ACME, KEY, "f1", NOW.plusSeconds(16), NOW.plusSeconds(31)))
                .isInstanceOf(IdempotencyRecords.Claimed.class);
    }

    @Test
    void treatsAnExpiredRecordAsFreeEvenBeforeTtlDeletesIt() {
        records.claim(ACME, KEY, "f1", NOW, NOW.plusSeconds(15));
        records.complete(ACME, KEY, "f1", CREATED, NOW);

        assertThat(records.claim(ACME, KEY, "f2", NOW.plus(Duration.ofHours(26)), NOW.plus(Duration.ofHours(26))))
                .isInstanceOf(IdempotencyRecords.Claimed.class);
    }

    @Test
    void freesTheKeyWhenReleased() {
        records.claim(ACME, KEY, "f1", NOW, NOW.plusSeconds(15));
        records.release(ACME, KEY, "f1");

        assertThat(records.claim(ACME, KEY, "f2", NOW, NOW.plusSeconds(15)))
                .isInstanceOf(IdempotencyRecords.Claimed.class);
    }

    @Test
    void keepsTenantsApart() {
        records.claim(ACME, KEY, "f1", NOW, NOW.plusSeconds(15));

        assertThat(records.claim(new TenantId("globex"), KEY, "f2", NOW, NOW.plusSeconds(15)))
                .isInstanceOf(IdempotencyRecords.Claimed.class);
    }
}
