package dev.groundwork.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TenantIdTest {

    @ParameterizedTest
    @ValueSource(strings = {"acme", "Acme-Corp_2", "t.1", "a"})
    void acceptsWellFormedTenantIds(String text) {
        assertThat(TenantId.parse(text)).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " acme", "acme#ITEM#1", "acme/other", "-acme", "ä", "a b"})
    void refusesTenantIdsThatCouldBendAKey(String text) {
        assertThat(TenantId.parse(text)).isEmpty();
    }

    @org.junit.jupiter.api.Test
    void refusesTenantIdsLongerThan64Characters() {
        assertThat(TenantId.parse("a".repeat(65))).isEmpty();
        assertThat(TenantId.parse(null)).isEmpty();
    }
}
