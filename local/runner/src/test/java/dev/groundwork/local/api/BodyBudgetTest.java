package dev.groundwork.local.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BodyBudgetTest {
    private static final long MB = 1 << 20;

    @Test
    void oneTenantsBodiesHoldAtMostHalfTheBudgetSoAnotherTenantsBodyStillFits() {
        BodyBudget budget = new BodyBudget(32 * MB);
        BodyBudget.Lease first = budget.lease().forTenant("acme");
        BodyBudget.Lease second = budget.lease().forTenant("acme");
        BodyBudget.Lease third = budget.lease().forTenant("acme");

        assertThat(first.reserve(8 * MB)).isTrue();
        assertThat(second.reserve(8 * MB)).isTrue();
        assertThat(third.hasRoomFor(8 * MB)).isFalse();
        assertThat(third.reserve(1)).isFalse();

        BodyBudget.Lease other = budget.lease().forTenant("globex");
        assertThat(other.hasRoomFor(10 * MB)).isTrue();
        assertThat(other.reserve(10 * MB)).isTrue();
    }

    @Test
    void aTenantsOnlyBodyFitsWhateverItsSizeAsARequestAloneInFlightDoes() {
        BodyBudget budget = new BodyBudget(4 * MB);

        assertThat(budget.lease().forTenant("acme").reserve(3 * MB)).isTrue();
    }

    @Test
    void whatALeaseHeldIsGivenBackToItsTenantAndToTheWholeBudget() {
        BodyBudget budget = new BodyBudget(32 * MB);
        try (BodyBudget.Lease first = budget.lease().forTenant("acme");
                BodyBudget.Lease second = budget.lease().forTenant("acme")) {
            assertThat(first.reserve(16 * MB)).isTrue();
            assertThat(second.reserve(1)).isFalse();
            first.close();
            assertThat(second.reserve(16 * MB)).isTrue();
        }
        BodyBudget.Lease everything = budget.lease().forTenant("globex");
        assertThat(everything.reserve(16 * MB)).isTrue();
        assertThat(budget.lease().forTenant("initech").reserve(16 * MB)).isTrue();
    }

    @Test
    void requestsWithoutATenantShareOneHalf() {
        BodyBudget budget = new BodyBudget(32 * MB);

        assertThat(budget.lease().reserve(12 * MB)).isTrue();
        assertThat(budget.lease().reserve(12 * MB)).isFalse();
        assertThat(budget.lease().forTenant("acme").reserve(12 * MB)).isTrue();
    }
}
