package dev.groundwork.dynamodb.storage;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CapacityTest {
    @Test
    void chargesOneWriteUnitPerStartedKilobyte() {
        assertThat(Capacity.writeUnits(0)).isEqualTo(1);
        assertThat(Capacity.writeUnits(1024)).isEqualTo(1);
        assertThat(Capacity.writeUnits(1025)).isEqualTo(2);
    }

    @Test
    void chargesHalfAReadUnitPerStartedFourKilobytesWhenEventuallyConsistent() {
        assertThat(Capacity.readUnits(100, false)).isEqualTo(0.5);
        assertThat(Capacity.readUnits(4097, false)).isEqualTo(1.0);
        assertThat(Capacity.readUnits(4097, true)).isEqualTo(2.0);
    }

    @Test
    void roundsAQueryPageOnceOverAllItemsRead() {
        assertThat(Capacity.readUnitsOfTotal(10 * 1000, true)).isEqualTo(3.0);
        assertThat(Capacity.readUnitsOfTotal(0, false)).isEqualTo(0.0);
    }
}
