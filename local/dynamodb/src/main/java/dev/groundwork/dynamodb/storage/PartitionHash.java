package dev.groundwork.dynamodb.storage;

import dev.groundwork.dynamodb.model.AttributeValue;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Where DynamoDB places a partition key value in its hash space, which decides the order of a Scan and the items each
 * of its parallel segments holds: the MD5 digest of {@code "Outliers"} followed by the value's bytes (a string's UTF-8,
 * a binary's bytes, a number in DynamoDB's sortable base-100 encoding). This is dynalite's reproduction of DynamoDB's
 * placement (its {@code hashPrefix} and {@code numToBuffer}), which the parallel-scan cases recorded against DynamoDB
 * pass; the first 32 bits of the digest are the partition's token.
 */
final class PartitionHash {
    private static final byte[] SALT = "Outliers".getBytes(StandardCharsets.US_ASCII);
    /** A digest per thread: MessageDigest is not thread-safe, and looking one up costs more than hashing a key. */
    private static final ThreadLocal<MessageDigest> MD5 = ThreadLocal.withInitial(PartitionHash::md5);

    private PartitionHash() {}

    /** The first 32 bits of the value's digest, as an unsigned number shifted into int's signed order. */
    static int token(AttributeValue hash) {
        byte[] bytes = switch (hash) {
            case AttributeValue.S s -> s.value().getBytes(StandardCharsets.UTF_8);
            case AttributeValue.N n -> numberBytes(n.value());
            case AttributeValue.B b -> b.value().toArray();
            default -> throw new IllegalArgumentException("Not a key type: " + hash.typeName());
        };
        MessageDigest digest = MD5.get();
        digest.update(SALT);
        byte[] hashed = digest.digest(bytes);
        int unsigned = ((hashed[0] & 0xff) << 24)
                | ((hashed[1] & 0xff) << 16)
                | ((hashed[2] & 0xff) << 8)
                | (hashed[3] & 0xff);
        return unsigned ^ Integer.MIN_VALUE;
    }

    /**
     * A number as DynamoDB encodes it for ordering: a byte of sign and base-100 exponent, then the digits in pairs (each
     * plus one), negatives complemented and, when short, closed by 102.
     */
    static byte[] numberBytes(BigDecimal number) {
        if (number.signum() == 0) return new byte[] {(byte) 0x80};
        BigDecimal stripped = number.stripTrailingZeros();
        boolean negative = stripped.signum() < 0;
        String mantissa = stripped.unscaledValue().abs().toString();
        int exponent = stripped.precision() - stripped.scale();
        int appendZero = exponent % 2 != 0 ? 1 : 0;
        int length = (mantissa.length() + appendZero + 1) / 2;
        int[] bytes;
        if (length < 20 && negative) {
            bytes = new int[length + 2];
            bytes[length + 1] = 102;
        } else {
            bytes = new int[length + 1];
        }
        bytes[0] = Math.floorDiv(exponent + appendZero, 2) - 64;
        if (negative) bytes[0] = ~bytes[0];
        // Digits are paired from the decimal point: an odd exponent puts a zero before the first digit.
        int[] digits = new int[mantissa.length() + appendZero];
        for (int i = 0; i < mantissa.length(); i++) digits[i + appendZero] = mantissa.charAt(i) - '0';
        for (int i = 0; i < digits.length; i += 2) {
            int pair = digits[i] * 10 + (i + 1 < digits.length ? digits[i + 1] : 0);
            bytes[i / 2 + 1] = negative ? 101 - pair : pair + 1;
        }
        byte[] encoded = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) encoded[i] = (byte) bytes[i];
        return encoded;
    }

    private static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has MD5", e);
        }
    }
}
