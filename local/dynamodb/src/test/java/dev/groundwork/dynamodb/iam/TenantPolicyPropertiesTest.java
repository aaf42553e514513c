package dev.groundwork.dynamodb.iam;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The tenant policy's promise, for any tenant id and any partition: a session reaches its own partition and no other. */
class TenantPolicyPropertiesTest {
    static final String TENANT_POLICY = """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["dynamodb:GetItem","dynamodb:Query"],\
            "Resource":"arn:aws:dynamodb:*:*:table/items","Condition":{"ForAllValues:StringEquals":\
            {"dynamodb:LeadingKeys":["TENANT#${aws:PrincipalTag/tenant_id}"]},"Null":{"dynamodb:LeadingKeys":"false"}}}]}""";

    static final String LIKE_POLICY = TENANT_POLICY.replace("ForAllValues:StringEquals", "ForAllValues:StringLike");

    static final String TABLE = "arn:aws:dynamodb:us-east-1:000000000000:table/items";

    /** Tag values as STS accepts them, wildcards of IAM's included (both are legal in a tag value). */
    @Provide
    Arbitrary<String> tenantIds() {
        return Arbitraries.strings()
                .withChars("ab1_.:/=+-@*? ")
                .withCharRange('a', 'e')
                .ofMinLength(0)
                .ofMaxLength(12);
    }

    @Provide
    Arbitrary<String> partitions() {
        return Arbitraries.oneOf(
                tenantIds().map(id -> "TENANT#" + id),
                Arbitraries.strings().ofMaxLength(20),
                Arbitraries.of("TENANT#", "TENANT#*", "TENANT#?", "*", "tenant#a"));
    }

    static Decision decide(String policy, String tenantId, List<String> partitions) {
        return PolicyTest.session(Map.of("tenant_id", tenantId), policy)
                .authorize(new AccessRequest("dynamodb:GetItem", TABLE, partitions));
    }

    @Property(tries = 500)
    void allowsExactlyItsOwnPartition(@ForAll("tenantIds") String tenantId, @ForAll("partitions") String partition) {
        boolean own = partition.equals("TENANT#" + tenantId);

        assertThat(decide(TENANT_POLICY, tenantId, List.of(partition)).allowed())
                .isEqualTo(own);
    }

    @Property(tries = 300)
    void aTagsWildcardsAreLiteralEvenUnderStringLike(
            @ForAll("tenantIds") String tenantId, @ForAll("partitions") String partition) {
        boolean own = partition.equals("TENANT#" + tenantId);

        assertThat(decide(LIKE_POLICY, tenantId, List.of(partition)).allowed()).isEqualTo(own);
    }

    @Property(tries = 300)
    void aBatchIsAllowedOnlyWhenEveryPartitionIsItsOwn(
            @ForAll("tenantIds") String tenantId,
            @ForAll("partitions") String first,
            @ForAll("partitions") String second) {
        String own = "TENANT#" + tenantId;
        boolean allOwn = first.equals(own) && second.equals(own);

        assertThat(decide(TENANT_POLICY, tenantId, List.of(first, second)).allowed())
                .isEqualTo(allOwn);
    }

    @Property(tries = 100)
    void noPartitionAtAllIsNeverAllowed(@ForAll("tenantIds") String tenantId) {
        assertThat(decide(TENANT_POLICY, tenantId, List.of())).isEqualTo(Decision.NO_IDENTITY_POLICY_ALLOWS);
    }
}
