package dev.groundwork.platform.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.groundwork.kernel.TenantId;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Every tenant a token may name can be a session tag and a role session name, so no tenant fails at STS. */
class TenantCredentialsTest {
    /** STS's Tag Value: 0-256 of these (https://docs.aws.amazon.com/STS/latest/APIReference/API_Tag.html). */
    private static final Pattern TAG_VALUE = Pattern.compile("[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]{0,256}");

    /** STS's RoleSessionName: 2-64 of these (the AssumeRole API reference). */
    private static final Pattern SESSION_NAME = Pattern.compile("[\\w+=,.@-]{2,64}");

    @Test
    void everyCharacterATenantIdMayHoldIsValidInASessionTagAndASessionName() {
        List<String> accepted = new ArrayList<>();
        for (char c = 0; c < Character.MAX_VALUE; c++) {
            TenantId.parse("a" + c).ifPresent(tenant -> accepted.add(tenant.value()));
        }

        assertThat(accepted).hasSize(65).allSatisfy(tenant -> {
            assertThat(tenant).matches(TAG_VALUE);
            assertThat(TenantCredentials.sessionName(new TenantId(tenant))).matches(SESSION_NAME);
        });
    }

    @Test
    void everyTenantHasASessionNameOfItsOwnTheLongestToo() {
        TenantId longest = new TenantId("t".repeat(64));
        TenantId longestButOne = new TenantId("t".repeat(63) + "u");

        assertThat(longest.value()).matches(TAG_VALUE);
        assertThat(TenantCredentials.sessionName(longest)).matches(SESSION_NAME).isEqualTo(longest.value());
        assertThat(TenantCredentials.sessionName(longestButOne)).isNotEqualTo(TenantCredentials.sessionName(longest));
        assertThat(TenantCredentials.sessionName(new TenantId("a")))
                .matches(SESSION_NAME)
                .isNotEqualTo(TenantCredentials.sessionName(new TenantId("a.")))
                .isNotEqualTo(TenantCredentials.sessionName(new TenantId("a-")));
    }

    @Test
    void aClaimThatWouldBeAPolicyWildcardIsNoTenant() {
        // The tenant roles compare with StringEquals anyway; a token naming such a tenant gets a 403 (HttpFunction).
        assertThat(TenantId.parse("*")).isEmpty();
        assertThat(TenantId.parse("acme*")).isEmpty();
        assertThat(TenantId.parse("acme?")).isEmpty();
    }
}
