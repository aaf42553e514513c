package dev.groundwork.dynamodb.iam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** IAM's evaluation rules, one at a time, on a session with the tag tenant_id=a. */
class PolicyTest {
    static final String TABLE = "arn:aws:dynamodb:us-east-1:000000000000:table/items";

    static Caller session(Map<String, String> tags, String... policies) {
        List<Policy> parsed =
                java.util.Arrays.stream(policies).map(Policy::parse).toList();
        return Caller.session(
                "arn:aws:sts::000000000000:assumed-role/r/s",
                "arn:aws:iam::000000000000:role/r",
                "AROAEXAMPLE:s",
                "000000000000",
                parsed,
                null,
                tags,
                Instant.MAX);
    }

    static Decision decide(String policy, String action, List<String> leadingKeys) {
        return session(Map.of("tenant_id", "a"), policy).authorize(new AccessRequest(action, TABLE, leadingKeys));
    }

    static String allow(String condition) {
        return """
                {"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"dynamodb:GetItem","Resource":"*",\
                "Condition":%s}}""".formatted(condition);
    }

    @Test
    void deniesByDefault() {
        assertThat(decide("""
                        {"Statement":{"Effect":"Allow","Action":"dynamodb:PutItem","Resource":"*"}}""", "dynamodb:GetItem", List.of())).isEqualTo(Decision.NO_IDENTITY_POLICY_ALLOWS);
    }

    @Test
    void matchesActionsWithoutCaseAndWithWildcards() {
        String policy = """
                {"Statement":{"Effect":"Allow","Action":"DYNAMODB:get?tem","Resource":"*"}}""";

        assertThat(decide(policy, "dynamodb:GetItem", List.of())).isEqualTo(Decision.ALLOWED);
        assertThat(decide(policy, "dynamodb:GetItems", List.of())).isEqualTo(Decision.NO_IDENTITY_POLICY_ALLOWS);
    }

    @Test
    void notActionAllowsEverythingElse() {
        String policy = """
                {"Statement":{"Effect":"Allow","NotAction":"dynamodb:Scan","Resource":"*"}}""";

        assertThat(decide(policy, "dynamodb:GetItem", List.of())).isEqualTo(Decision.ALLOWED);
        assertThat(decide(policy, "dynamodb:Scan", List.of())).isEqualTo(Decision.NO_IDENTITY_POLICY_ALLOWS);
    }

    @Test
    void matchesResourcesWithCase() {
        String policy = """
                {"Statement":{"Effect":"Allow","Action":"*","Resource":"arn:aws:dynamodb:*:*:table/Items"}}""";

        assertThat(decide(policy, "dynamodb:GetItem", List.of())).isEqualTo(Decision.NO_IDENTITY_POLICY_ALLOWS);
    }

    @Test
    void anExplicitDenyWinsWhateverTheOrder() {
        String policy = """
                {"Statement":[{"Effect":"Deny","Action":"dynamodb:*","Resource":"*"},\
                {"Effect":"Allow","Action":"dynamodb:*","Resource":"*"}]}""";

        assertThat(decide(policy, "dynamodb:GetItem", List.of())).isEqualTo(Decision.EXPLICIT_DENY_IN_IDENTITY_POLICY);
    }

    @Test
    void forAllValuesHoldsForAnEmptySetAndTheNullGuardDoesNot() {
        String forAll = "{\"ForAllValues:StringEquals\":{\"dynamodb:LeadingKeys\":\"TENANT#a\"}}";
        String guarded = "{\"ForAllValues:StringEquals\":{\"dynamodb:LeadingKeys\":\"TENANT#a\"},"
                + "\"Null\":{\"dynamodb:LeadingKeys\":\"false\"}}";

        assertThat(decide(allow(forAll), "dynamodb:GetItem", List.of())).isEqualTo(Decision.ALLOWED);
        assertThat(decide(allow(guarded), "dynamodb:GetItem", List.of())).isEqualTo(Decision.NO_IDENTITY_POLICY_ALLOWS);
        assertThat(decide(allow(guarded), "dynamodb:GetItem", List.of("TENANT#a")))
                .isEqualTo(Decision.ALLOWED);
        assertThat(decide(allow(guarded), "dynamodb:GetItem", List.of("TENANT#a", "TENANT#b")))
                .isEqualTo(Decision.NO_IDENTITY_POLICY_ALLOWS);
    }

    @Test
    void forAnyValueNeedsOneMatchAndFailsForAnEmptySet() {
        String forAny = "{\"ForAnyValue:StringLike\":{\"dynamodb:LeadingKeys\":\"TENANT#a*\"}}";

        assertThat(decide(allow(forAny), "dynamodb:GetItem", List.of("X", "TENANT#ab")))
                .isEqualTo(Decision.ALLOWED);
        assertThat(decide(allow(forAny), "dynamodb:GetItem", List.of())).isEqualTo(Decision.NO_IDENTITY_POLICY_ALLOWS);
    }

    @Test
    void aPlainOperatorIsFalseForAnAbsentKeyAndANegatedOneTrue() {
        assertThat(decide(allow("{\"StringEquals\":{\"dynamodb:LeadingKeys\":\"x\"}}"), "dynamodb:GetItem", List.of()))
                .isEqualTo(Decision.NO_IDENTITY_POLICY_ALLOWS);
        assertThat(decide(
                        allow("{\"StringNotEquals\":{\"dynamodb:LeadingKeys\":\"x\"}}"), "dynamodb:GetItem", List.of()))
                .isEqualTo(Decision.ALLOWED);
        assertThat(decide(
                        allow("{\"StringEqualsIfExists\":{\"dynamodb:LeadingKeys\":\"x\"}}"),
                        "dynamodb:GetItem",
                        List.of()))
                .isEqualTo(Decision.ALLOWED);
    }

    @Test
    void aNegatedOperatorWithSeveralValuesWantsNoneOfThem() {
        String condition = "{\"StringNotEquals\":{\"dynamodb:LeadingKeys\":[\"x\",\"y\"]}}";

        assertThat(decide(allow(condition), "dynamodb:GetItem", List.of("y")))
                .isEqualTo(Decision.NO_IDENTITY_POLICY_ALLOWS);
        assertThat(decide(allow(condition), "dynamodb:GetItem", List.of("z"))).isEqualTo(Decision.ALLOWED);
    }

    @Test
    void principalTagsAreConditionKeysWithoutCase() {
        assertThat(decide(
                        allow("{\"StringEquals\":{\"aws:PrincipalTag/TENANT_ID\":\"a\"}}"),
                        "dynamodb:GetItem",
                        List.of()))
                .isEqualTo(Decision.ALLOWED);
    }

    @Test
    void anUnresolvedVariableGrantsNothingAndLiftsNoDeny() {
        String allowIt = allow("{\"StringEquals\":{\"dynamodb:LeadingKeys\":\"${aws:username}\"}}");
        String denyUnlessTagged = """
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"},\
                {"Effect":"Deny","Action":"*",\
                "Resource":"*","Condition":{"StringNotEquals":{"dynamodb:LeadingKeys":"${aws:PrincipalTag/team}"}}}]}""";

        assertThat(decide(allowIt, "dynamodb:GetItem", List.of(""))).isEqualTo(Decision.NO_IDENTITY_POLICY_ALLOWS);
        assertThat(decide(denyUnlessTagged, "dynamodb:GetItem", List.of("x")))
                .isEqualTo(Decision.EXPLICIT_DENY_IN_IDENTITY_POLICY);
    }

    @Test
    void aVariableMayHaveADefaultAndEscapes() {
        assertThat(decide(
                        allow("{\"StringEquals\":{\"dynamodb:LeadingKeys\":\"${aws:PrincipalTag/team, 'none'}\"}}"),
                        "dynamodb:GetItem",
                        List.of("none")))
                .isEqualTo(Decision.ALLOWED);
        assertThat(decide(
                        allow("{\"StringLike\":{\"dynamodb:LeadingKeys\":\"a${*}\"}}"),
                        "dynamodb:GetItem",
                        List.of("ab")))
                .isEqualTo(Decision.NO_IDENTITY_POLICY_ALLOWS);
    }

    @Test
    void readsVariablesAsTextInAPolicyWithoutTheCurrentVersion() {
        String old = """
                {"Statement":{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"StringEquals":\
                {"dynamodb:LeadingKeys":"${aws:PrincipalTag/tenant_id}"}}}}""";

        assertThat(decide(old, "dynamodb:GetItem", List.of("a"))).isEqualTo(Decision.NO_IDENTITY_POLICY_ALLOWS);
        assertThat(decide(old, "dynamodb:GetItem", List.of("${aws:PrincipalTag/tenant_id}")))
                .isEqualTo(Decision.ALLOWED);
    }

    @Test
    void refusesWhatItCannotDecide() {
        assertThatThrownBy(() -> Policy.parse(allow("{\"NumericLessThan\":{\"aws:MultiFactorAuthAge\":\"3600\"}}")))
                .hasMessageContaining("Unsupported condition operator NumericLessThan");
        assertThatThrownBy(() -> Policy.parse(allow("{\"ForAllValues:StringEquals\":{\"dynamodb:Attributes\":\"a\"}}")))
                .hasMessageContaining("dynamodb:Attributes is not modelled");
        assertThatThrownBy(() -> Policy.parse("{\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"*\"}}"))
                .hasMessageContaining("Resource");
        assertThatThrownBy(() -> Policy.parse("{\"Statement\":[}")).hasMessageContaining("not valid JSON");
    }

    @Test
    void aSessionPolicyNarrowsButCannotWiden() {
        Caller caller = Caller.session(
                "arn:aws:sts::000000000000:assumed-role/r/s",
                "arn:aws:iam::000000000000:role/r",
                "AROAEXAMPLE:s",
                "000000000000",
                List.of(Policy.parse(
                        "{\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"dynamodb:Get*\",\"Resource\":\"*\"}}")),
                Policy.parse("{\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}}"),
                Map.of(),
                Instant.MAX);

        assertThat(caller.authorize(AccessRequest.on("dynamodb:GetItem", TABLE)))
                .isEqualTo(Decision.ALLOWED);
        assertThat(caller.authorize(AccessRequest.on("dynamodb:PutItem", TABLE)))
                .isEqualTo(Decision.NO_IDENTITY_POLICY_ALLOWS);
    }
}
