package dev.groundwork.items;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.groundwork.platform.config.AwsSettings;
import java.net.URI;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ItemsConfigTest {
    private static final String KEY = Base64.getEncoder().encodeToString(new byte[48]);

    private static Map<String, String> lambdaEnvironment() {
        Map<String, String> env = new HashMap<>();
        env.put("TABLE_NAME", "groundwork-ItemsTable-1");
        env.put("AWS_REGION", "eu-west-1");
        env.put("AWS_ACCESS_KEY_ID", "AKIA");
        env.put("AWS_SECRET_ACCESS_KEY", "wJalrXUtnFEMI-K7MDENG");
        env.put("AWS_SESSION_TOKEN", "token");
        env.put("CURSOR_SIGNING_KEY", KEY);
        env.put("TENANT_ROLE_ARN", "arn:aws:iam::123456789012:role/groundwork-GetItemTenantRole-1");
        return env;
    }

    @Test
    void readsWhatLambdaAndTheTemplateProvide() {
        ItemsConfig config = ItemsConfig.fromEnvironment(lambdaEnvironment());

        assertThat(config.tableName()).isEqualTo("groundwork-ItemsTable-1");
        assertThat(config.tenantClaim()).isEqualTo("tenant_id");
        assertThat(config.tenantRoleArn()).isEqualTo("arn:aws:iam::123456789012:role/groundwork-GetItemTenantRole-1");
        assertThat(config.aws().region()).isEqualTo("eu-west-1");
        assertThat(config.aws().credentials())
                .isEqualTo(new AwsSettings.EnvironmentKeys("AKIA", "wJalrXUtnFEMI-K7MDENG", Optional.of("token")));
        assertThat(config.aws().dynamoDbEndpoint()).isEmpty();
        assertThat(config.cursorSigningKey()).hasSize(48);
        assertThat(config.metrics().namespace()).isEqualTo("Groundwork");
    }

    @Test
    void takesTheEndpointOverrideOfLocalRuns() {
        Map<String, String> env = lambdaEnvironment();
        env.put("DYNAMODB_ENDPOINT", "http://127.0.0.1:8000");

        assertThat(ItemsConfig.fromEnvironment(env).aws().dynamoDbEndpoint())
                .contains(URI.create("http://127.0.0.1:8000"));
    }

    @Test
    void refusesToStartWithoutItsTenantRole() {
        Map<String, String> env = lambdaEnvironment();
        env.remove("TENANT_ROLE_ARN");

        assertThatThrownBy(() -> ItemsConfig.fromEnvironment(env)).hasMessageContaining("TENANT_ROLE_ARN");
    }

    @Test
    void refusesToStartWithoutACursorKeyInAws() {
        Map<String, String> env = lambdaEnvironment();
        env.remove("CURSOR_SIGNING_KEY");

        assertThatThrownBy(() -> ItemsConfig.fromEnvironment(env)).hasMessageContaining("CURSOR_SIGNING_KEY");
    }

    @Test
    void readsThePreviousCursorKeyOnlyWhenAResolvedOneIsGiven() {
        Map<String, String> env = lambdaEnvironment();
        assertThat(ItemsConfig.fromEnvironment(env).previousCursorSigningKey()).isEmpty();

        env.put("CURSOR_SIGNING_KEY_PREVIOUS", "{{resolve:secretsmanager:arn:aws:secretsmanager:x:SecretString:::v1}}");
        assertThat(ItemsConfig.fromEnvironment(env).previousCursorSigningKey()).isEmpty();

        env.put("CURSOR_SIGNING_KEY_PREVIOUS", Base64.getEncoder().encodeToString(new byte[40]));
        assertThat(ItemsConfig.fromEnvironment(env).previousCursorSigningKey())
                .hasValueSatisfying(key -> assertThat(key).hasSize(40));
    }

    @Test
    void refusesAShortPreviousCursorKey() {
        Map<String, String> env = lambdaEnvironment();
        env.put("CURSOR_SIGNING_KEY_PREVIOUS", "short");

        assertThatThrownBy(() -> ItemsConfig.fromEnvironment(env)).hasMessageContaining("CURSOR_SIGNING_KEY_PREVIOUS");
    }

    @Test
    void refusesAShortCursorKey() {
        Map<String, String> env = lambdaEnvironment();
        env.put("CURSOR_SIGNING_KEY", "short");

        assertThatThrownBy(() -> ItemsConfig.fromEnvironment(env)).hasMessageContaining("32 bytes");
    }

    @Test
    void usesTheLocalKeyOnlyWhenRunningLocally() {
        Map<String, String> env = lambdaEnvironment();
        env.put("CURSOR_SIGNING_KEY", "{{resolve:secretsmanager:arn:aws:secretsmanager:x:SecretString}}");
        assertThatThrownBy(() -> ItemsConfig.fromEnvironment(env)).isInstanceOf(IllegalStateException.class);

        env.put("GROUNDWORK_LOCAL", "true");
        assertThat(ItemsConfig.fromEnvironment(env).cursorSigningKey()).hasSizeGreaterThanOrEqualTo(32);
    }

    @Test
    void namesTheMissingVariable() {
        Map<String, String> env = lambdaEnvironment();
        env.remove("TABLE_NAME");

        assertThatThrownBy(() -> ItemsConfig.fromEnvironment(env)).hasMessage("TABLE_NAME is not set");
    }

    @Test
    void neverPrintsTheSecrets() {
        ItemsConfig config = ItemsConfig.fromEnvironment(lambdaEnvironment());

        assertThat(config.toString()).doesNotContain("wJalrXUtnFEMI", KEY);
        assertThat(config.aws().toString()).doesNotContain("wJalrXUtnFEMI");
    }
}
