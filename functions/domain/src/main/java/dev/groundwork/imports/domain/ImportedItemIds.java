package dev.groundwork.imports.domain;

import dev.groundwork.items.domain.ItemId;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;

/**
 * The id of the item a line of an import creates: a ULID whose time is the import's and whose 80 "random" bits are
 * the first 80 bits of SHA-256(import id, line number). Every delivery of a chunk names the same items, so a
 * redelivered chunk cannot create a second copy; the import id's own 80 random bits keep the ids unguessable.
 */
public final class ImportedItemIds {
    private static final char[] CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();

    private ImportedItemIds() {}

    public static ItemId of(ImportId importId, Instant importedAt, int line) {
        byte[] digest = sha256(importId.value() + "#" + line);
        char[] out = new char[26];
        long time = importedAt.toEpochMilli();
        for (int i = 9; i >= 0; i--) {
            out[i] = CROCKFORD[(int) (time & 31)];
            time >>>= 5;
        }
        // 16 characters of 5 bits from the digest's first 10 bytes, most significant first.
        for (int i = 0; i < 16; i++) {
            int bit = i * 5;
            int twoBytes = ((digest[bit / 8] & 0xFF) << 8) | (digest[bit / 8 + 1] & 0xFF);
            out[10 + i] = CROCKFORD[(twoBytes >>> (11 - bit % 8)) & 31];
        }
        return new ItemId(new String(out));
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException unavailable) {
            throw new IllegalStateException("SHA-256 is part of every Java platform", unavailable);
        }
    }
}
