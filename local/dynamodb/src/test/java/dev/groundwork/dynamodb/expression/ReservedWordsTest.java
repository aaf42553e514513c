package dev.groundwork.dynamodb.expression;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReservedWordsTest {
    @Test
    void holdsAwssWholeList() {
        assertThat(ReservedWords.count()).isEqualTo(573);
    }

    @Test
    void matchesWithoutRegardToCase() {
        assertThat(ReservedWords.contains("status")).isTrue();
        assertThat(ReservedWords.contains("TTL")).isTrue();
        assertThat(ReservedWords.contains("Zone")).isTrue();
        assertThat(ReservedWords.contains("tenantId")).isFalse();
        assertThat(ReservedWords.contains("pk")).isFalse();
    }
}
