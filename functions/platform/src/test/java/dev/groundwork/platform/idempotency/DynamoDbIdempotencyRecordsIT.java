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

    /** An answer whose compressed body would not fit in one record (DynamoDB's 400 KB): the key is kept without it. */
    @Test
    void keepsTheKeyWithoutAnAnswerTooLargeToKeep() {
        StoredResponse large = new StoredResponse(201, Map.of("Location", "/v1/items/1"), incompressible(500_000));
        records.claim(ACME, KEY, "f1", NOW, NOW.plusSeconds(15));

        records.complete(ACME, KEY, "f1", large, NOW.plusSeconds(1));

        assertThat(records.claim(ACME, KEY, "f1", NOW.plusSeconds(20), NOW.plusSeconds(35)))
                .isInstanceOf(IdempotencyRecords.CompletedUnkept.class);
        assertThat(records.claim(ACME, KEY, "f2", NOW.plusSeconds(20), NOW.plusSeconds(35)))
                .isInstanceOf(IdempotencyRecords.KeyReused.class);
    }

    @Test
    void keepsTheLargestAnswerThatFits() {
        String body = incompressible(DynamoDbIdempotencyRecords.MAX_KEPT_BODY_BYTES - 20_000);
        StoredResponse large = new StoredResponse(201, Map.of("Location", "/v1/items/1"), body);
        records.claim(ACME, KEY, "f1", NOW, NOW.plusSeconds(15));

        records.complete(ACME, KEY, "f1", large, NOW.plusSeconds(1));

        assertThat(records.claim(ACME, KEY, "f1", NOW.plusSeconds(20), NOW.plusSeconds(35)))
                .isEqualTo(new IdempotencyRecords.Completed(large));
    }

    /** Text that gzip cannot shrink below its length: random printable ASCII, 6.5 bits a character. */
    private static String incompressible(int compressedBytes) {
        java.util.Random random = new java.util.Random(7);
        StringBuilder text = new StringBuilder();
        while (text.length() < compressedBytes * 8 / 6.6) {
            text.append((char) (0x21 + random.nextInt(94)));
        }
        return text.toString();
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
