package dev.groundwork.items.domain;

import dev.groundwork.kernel.TenantId;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Opaque page cursors: the position (the last item id of a page) followed by an HMAC-SHA256 tag over the tenant and
 * the position, in URL-safe base64. A cursor that was edited, truncated, signed with another key or presented by
 * another tenant fails the tag and reads as empty: it never selects anyone's data.
 *
 * <p>A key rotation keeps cursors in flight valid: cursors are signed with the current key and verified with the
 * current key or the previous one, so a cursor issued just before a rotation still pages on after it, while one
 * signed with any older key (or forged) fails as before. README, "Rotating the cursor key".
 */
public final class PageCursors {
    private static final byte FORMAT = 1;
    private static final int ID_LENGTH = 26;
    private static final int TAG_LENGTH = 16; // 128 bits of HMAC-SHA256, as RFC 2104 section 5 allows
    private static final int MIN_KEY_BYTES = 32;

    private final SecretKeySpec key;
    private final Optional<SecretKeySpec> previousKey;

    /** Cursors signed and verified with one key: before any rotation. */
    public PageCursors(byte[] key) {
        this(key, Optional.empty());
    }

    /**
     * @param key         signs new cursors and verifies them
     * @param previousKey the key before the last rotation, which still verifies the cursors it signed
     */
    public PageCursors(byte[] key, Optional<byte[]> previousKey) {
        this.key = spec(key);
        this.previousKey = previousKey.map(PageCursors::spec);
    }

    private static SecretKeySpec spec(byte[] key) {
        if (key.length < MIN_KEY_BYTES) {
            throw new IllegalArgumentException("a cursor key needs at least 32 bytes");
        }
        return new SecretKeySpec(key.clone(), "HmacSHA256");
    }

    public String encode(TenantId tenant, ItemId after) {
        byte[] position = after.value().getBytes(StandardCharsets.US_ASCII);
        ByteBuffer cursor = ByteBuffer.allocate(1 + ID_LENGTH + TAG_LENGTH);
        cursor.put(FORMAT).put(position).put(tag(key, tenant, position));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(cursor.array());
    }

    /** The position a cursor stands for, when it is intact and was issued to this tenant. */
    public Optional<ItemId> decode(TenantId tenant, String cursor) {
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(cursor);
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
        // Base64 leaves spare bits in the last character that decoders ignore: only the canonical spelling is ours.
        boolean canonical =
                Base64.getUrlEncoder().withoutPadding().encodeToString(bytes).equals(cursor);
        if (!canonical || bytes.length != 1 + ID_LENGTH + TAG_LENGTH || bytes[0] != FORMAT) {
            return Optional.empty();
        }
        byte[] position = Arrays.copyOfRange(bytes, 1, 1 + ID_LENGTH);
        byte[] tag = Arrays.copyOfRange(bytes, 1 + ID_LENGTH, bytes.length);
        boolean signedByCurrent = MessageDigest.isEqual(tag, tag(key, tenant, position));
        boolean signedByPrevious = previousKey
                .map(previous -> MessageDigest.isEqual(tag, tag(previous, tenant, position)))
                .orElse(false);
        if (!signedByCurrent && !signedByPrevious) {
            return Optional.empty();
        }
        return ItemId.parse(new String(position, StandardCharsets.US_ASCII));
    }

    private static byte[] tag(SecretKeySpec key, TenantId tenant, byte[] position) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            mac.update(tenant.value().getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0); // separates tenant from position: no two (tenant, position) pairs share an input
            mac.update(position);
            return Arrays.copyOf(mac.doFinal(), TAG_LENGTH);
        } catch (GeneralSecurityException unavailable) {
            throw new IllegalStateException("HmacSHA256 is part of every Java platform", unavailable);
        }
    }
}
