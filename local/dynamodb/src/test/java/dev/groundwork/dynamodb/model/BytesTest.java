package dev.groundwork.dynamodb.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BytesTest {
    @Test
    void comparesByContentAndUnsignedOrder() {
        assertThat(Bytes.of(new byte[] {1, 2}))
                .isEqualTo(Bytes.fromBase64("AQI="))
                .hasSameHashCodeAs(Bytes.fromBase64("AQI="));
        assertThat(Bytes.of(new byte[] {(byte) 0x80}).compareTo(Bytes.of(new byte[] {0x7f})))
                .isPositive();
        assertThat(Bytes.of(new byte[] {1}).compareTo(Bytes.of(new byte[] {1, 0})))
                .isNegative();
    }

    @Test
    void findsPrefixesAndRuns() {
        Bytes bytes = Bytes.of(new byte[] {1, 2, 3, 4});
        assertThat(bytes.startsWith(Bytes.of(new byte[] {1, 2}))).isTrue();
        assertThat(bytes.startsWith(Bytes.of(new byte[] {2}))).isFalse();
        assertThat(bytes.contains(Bytes.of(new byte[] {3, 4}))).isTrue();
        assertThat(bytes.contains(Bytes.of(new byte[] {4, 5}))).isFalse();
        assertThat(bytes.contains(Bytes.of(new byte[0]))).isTrue();
    }

    @Test
    void isImmutable() {
        byte[] source = {1, 2};
        Bytes bytes = Bytes.of(source);
        source[0] = 9;
        bytes.toArray()[1] = 9;
        assertThat(bytes.toArray()).containsExactly(1, 2);
    }
}
