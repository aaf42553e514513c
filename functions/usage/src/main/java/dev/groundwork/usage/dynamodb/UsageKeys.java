package dev.groundwork.usage.dynamodb;

import dev.groundwork.kernel.TenantId;
import dev.groundwork.platform.dynamodb.TenantKeys;
import dev.groundwork.usage.domain.RunKey;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The usage table's key design: a tenant's counters live in its partition ({@link TenantKeys}),
 * one record per UTC day ({@code DAY#2026-11-25}, so a range of days is one query); the record that a run was counted
 * has a partition of its own ({@code RUN#<sha-256 of the run key>}), spreading those writes over the table and keeping
 * each record far below 1 KB, one write unit.
 */
final class UsageKeys {
    static final String PK = TenantKeys.PK;
    static final String SK = TenantKeys.SK;
    static final String DAY_PREFIX = "DAY#";
    private static final String RUN_PREFIX = "RUN#";

    private UsageKeys() {}

    static AttributeValue tenant(TenantId tenant) {
        return TenantKeys.partition(tenant);
    }

    static AttributeValue day(LocalDate day) {
        return AttributeValue.fromS(DAY_PREFIX + day);
    }

    static Map<String, AttributeValue> counters(TenantId tenant, LocalDate day) {
        return Map.of(PK, tenant(tenant), SK, day(day));
    }

    static Map<String, AttributeValue> run(RunKey run) {
        return Map.of(PK, AttributeValue.fromS(RUN_PREFIX + sha256(run.toString())), SK, AttributeValue.fromS("RUN"));
    }

    static LocalDate dayOf(Map<String, AttributeValue> record) {
        return LocalDate.parse(record.get(SK).s().substring(DAY_PREFIX.length()));
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException unavailable) {
            throw new IllegalStateException("SHA-256 is part of every Java platform", unavailable);
        }
    }
}
