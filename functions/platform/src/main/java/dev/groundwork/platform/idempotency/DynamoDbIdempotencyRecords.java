package dev.groundwork.platform.idempotency;

import dev.groundwork.kernel.TenantId;
import dev.groundwork.platform.dynamodb.TableAccess;
import dev.groundwork.platform.dynamodb.TenantKeys;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Idempotency records in the items table, in the tenant's partition ({@code IDEMPOTENCY#<key>}), so two tenants using
 * one key never share a record. A claim is one conditional put; {@code expiresAt} is the table's TTL attribute, and
 * reads check it too, since TTL deletes expired records only eventually.
 */
public final class DynamoDbIdempotencyRecords implements IdempotencyRecords {
    private static final String IDEMPOTENCY_PREFIX = "IDEMPOTENCY#";

    private static final String STATUS = "status";
    private static final String FINGERPRINT = "fingerprint";
    private static final String LOCKED_UNTIL = "lockedUntil";
    private static final String EXPIRES_AT = TenantKeys.EXPIRES_AT;
    private static final String RESPONSE_STATUS = "responseStatus";
    private static final String RESPONSE_HEADERS = "responseHeaders";
    private static final String RESPONSE_BODY = "responseBody";
    private static final String IN_PROGRESS = "IN_PROGRESS";
    private static final String COMPLETED = "COMPLETED";
    private static final String COMPLETED_UNKEPT = "COMPLETED_UNKEPT";

    /**
     * The most a kept response's compressed body takes: the record's other attributes (its key of at most 255
     * characters, the fingerprint, a few headers) take under 2 KB more, and DynamoDB refuses an item over 400 KB.
     */
    static final int MAX_KEPT_BODY_BYTES = 390_000;

    private final DynamoDbClient dynamoDb;
    private final String table;
    private final TableAccess access;
    private final Duration retention;

    /** @param retention how long a key answers retries: at least 24 hours, as the API promises */
    public DynamoDbIdempotencyRecords(DynamoDbClient dynamoDb, String table, TableAccess access, Duration retention) {
        this.dynamoDb = dynamoDb;
        this.table = table;
        this.access = access;
        this.retention = retention;
    }

    @Override
    public Claim claim(TenantId tenant, IdempotencyKey key, String fingerprint, Instant now, Instant lockedUntil) {
        Map<String, AttributeValue> record = new HashMap<>(key(tenant, key));
        record.put(STATUS, AttributeValue.fromS(IN_PROGRESS));
        record.put(FINGERPRINT, AttributeValue.fromS(fingerprint));
        record.put(LOCKED_UNTIL, number(lockedUntil.toEpochMilli()));
        record.put(EXPIRES_AT, number(now.plus(retention).getEpochSecond()));
        try {
            dynamoDb.putItem(put -> put.tableName(table)
                    .overrideConfiguration(access.override())
                    .item(record)
                    // Free, expired, or claimed by a request that ran out of time without finishing.
                    .conditionExpression("attribute_not_exists(#pk) OR #expiresAt < :nowSeconds"
                            + " OR (#status = :inProgress AND #lockedUntil < :nowMillis)")
                    .expressionAttributeNames(Map.of(
                            "#pk",
                            TenantKeys.PK,
                            "#expiresAt",
                            EXPIRES_AT,
                            "#status",
                            STATUS,
                            "#lockedUntil",
                            LOCKED_UNTIL))
                    .expressionAttributeValues(Map.of(
                            ":nowSeconds",
                            number(now.getEpochSecond()),
                            ":inProgress",
                            AttributeValue.fromS(IN_PROGRESS),
                            ":nowMillis",
                            number(now.toEpochMilli()))));
            return new Claimed();
        } catch (ConditionalCheckFailedException held) {
            return holder(tenant, key, fingerprint);
        }
    }

    private Claim holder(TenantId tenant, IdempotencyKey key, String fingerprint) {
        Map<String, AttributeValue> record = dynamoDb.getItem(get -> get.tableName(table)
                        .overrideConfiguration(access.override())
                        .key(key(tenant, key))
                        .consistentRead(true))
                .item();
        if (record == null || record.isEmpty()) {
            // Released between our put and this read: the holder failed; the client may retry at once.
            return new InProgress();
        }
        if (!fingerprint.equals(record.get(FINGERPRINT).s())) {
            return new KeyReused();
        }
        if (COMPLETED.equals(record.get(STATUS).s())) {
            return new Completed(response(record));
        }
        if (COMPLETED_UNKEPT.equals(record.get(STATUS).s())) {
            return new CompletedUnkept();
        }
        return new InProgress();
    }

    @Override
    public void complete(
            TenantId tenant, IdempotencyKey key, String fingerprint, StoredResponse response, Instant now) {
        Map<String, AttributeValue> headers = new HashMap<>();
        response.headers().forEach((name, value) -> headers.put(name, AttributeValue.fromS(value)));
        Map<String, AttributeValue> record = new HashMap<>(key(tenant, key));
        record.put(FINGERPRINT, AttributeValue.fromS(fingerprint));
        record.put(EXPIRES_AT, number(now.plus(retention).getEpochSecond()));
        SdkBytes body = gzip(response.body() == null ? "" : response.body());
        if (body.asByteArrayUnsafe().length <= MAX_KEPT_BODY_BYTES) {
            record.put(STATUS, AttributeValue.fromS(COMPLETED));
            record.put(RESPONSE_STATUS, number(response.status()));
            record.put(RESPONSE_HEADERS, AttributeValue.fromM(headers));
            record.put(RESPONSE_BODY, AttributeValue.fromB(body));
        } else {
            // The key still answers its retries, and still refuses another body, but from the work again.
            record.put(STATUS, AttributeValue.fromS(COMPLETED_UNKEPT));
        }
        try {
            dynamoDb.putItem(put -> put.tableName(table)
                    .overrideConfiguration(access.override())
                    .item(record)
                    .conditionExpression("#status = :inProgress AND #fingerprint = :fingerprint")
                    .expressionAttributeNames(Map.of("#status", STATUS, "#fingerprint", FINGERPRINT))
                    .expressionAttributeValues(Map.of(
                            ":inProgress",
                            AttributeValue.fromS(IN_PROGRESS),
                            ":fingerprint",
                            AttributeValue.fromS(fingerprint))));
        } catch (ConditionalCheckFailedException takenOver) {
            // Our claim outlived its lock and another request took the key over: its record stands.
        }
    }

    @Override
    public void release(TenantId tenant, IdempotencyKey key, String fingerprint) {
        try {
            dynamoDb.deleteItem(delete -> delete.tableName(table)
                    .overrideConfiguration(access.override())
                    .key(key(tenant, key))
                    .conditionExpression("#status = :inProgress AND #fingerprint = :fingerprint")
                    .expressionAttributeNames(Map.of("#status", STATUS, "#fingerprint", FINGERPRINT))
                    .expressionAttributeValues(Map.of(
                            ":inProgress",
                            AttributeValue.fromS(IN_PROGRESS),
                            ":fingerprint",
                            AttributeValue.fromS(fingerprint))));
        } catch (ConditionalCheckFailedException notOurs) {
            // Already completed or taken over: nothing of ours to release.
        }
    }

    private static StoredResponse response(Map<String, AttributeValue> record) {
        Map<String, String> headers = new HashMap<>();
        record.get(RESPONSE_HEADERS).m().forEach((name, value) -> headers.put(name, value.s()));
        AttributeValue stored = record.get(RESPONSE_BODY);
        String body = stored.s() != null ? stored.s() : gunzip(stored.b());
        return new StoredResponse(
                Integer.parseInt(record.get(RESPONSE_STATUS).n()), headers, body.isEmpty() ? null : body);
    }

    /**
     * A response is kept compressed: an item of up to 350 KB can answer with more JSON than that (numbers written in
     * another form, escapes), and a record over DynamoDB's 400 KB would fail after the work was done. JSON usually
     * compresses several times over, but not always: an item of 350 KB of control characters answers with 1 MB of
     * {@code \u0001} escapes that compress to 420 KB, which is not kept ({@link #MAX_KEPT_BODY_BYTES}). Records
     * written before as a string are still read.
     */
    private static SdkBytes gzip(String body) {
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(compressed)) {
            out.write(body.getBytes(StandardCharsets.UTF_8));
        } catch (IOException inMemory) {
            throw new UncheckedIOException(inMemory);
        }
        return SdkBytes.fromByteArray(compressed.toByteArray());
    }

    private static String gunzip(SdkBytes compressed) {
        try (GZIPInputStream in = new GZIPInputStream(compressed.asInputStream())) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException corrupt) {
            throw new UncheckedIOException("a stored response is not gzip", corrupt);
        }
    }

    private static AttributeValue number(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }

    private static Map<String, AttributeValue> key(TenantId tenant, IdempotencyKey key) {
        return TenantKeys.key(tenant, IDEMPOTENCY_PREFIX + key.value());
    }
}
