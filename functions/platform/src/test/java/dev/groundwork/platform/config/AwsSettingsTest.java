package dev.groundwork.platform.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AwsSettingsTest {

    @Test
    void readsTheKeysLambdaHandsAFunctionWithoutSnapStart() {
        AwsSettings aws = AwsSettings.fromEnvironment(Map.of(
                "AWS_REGION", "eu-west-1",
                "AWS_ACCESS_KEY_ID", "AKIA",
                "AWS_SECRET_ACCESS_KEY", "secret",
                "AWS_SESSION_TOKEN", "session"));

        assertThat(aws.credentials())
                .isEqualTo(new AwsSettings.EnvironmentKeys("AKIA", "secret", Optional.of("session")));
    }

    @Test
    void readsTheContainerEndpointLambdaHandsASnapStartFunction() {
        AwsSettings aws = AwsSettings.fromEnvironment(Map.of(
                "AWS_REGION", "eu-west-1",
                "AWS_CONTAINER_CREDENTIALS_FULL_URI", "http://127.0.0.1:9001/2021-04-23/credentials",
                "AWS_CONTAINER_AUTHORIZATION_TOKEN", "token"));

        assertThat(aws.credentials())
                .isEqualTo(new AwsSettings.ContainerEndpoint(
                        URI.create("http://127.0.0.1:9001/2021-04-23/credentials"), Optional.of("token")));
    }

    @Test
    void namesBothWaysWhenLambdaHandsNoCredentials() {
        assertThatThrownBy(() -> AwsSettings.fromEnvironment(Map.of("AWS_REGION", "eu-west-1")))
                .hasMessage("neither AWS_ACCESS_KEY_ID nor AWS_CONTAINER_CREDENTIALS_FULL_URI is set");
    }

    @Test
    void neverPrintsASecretOrAToken() {
        AwsSettings keys = AwsSettings.fromEnvironment(Map.of(
                "AWS_REGION", "eu-west-1", "AWS_ACCESS_KEY_ID", "AKIA", "AWS_SECRET_ACCESS_KEY", "wJalrXUtnFEMI"));
        AwsSettings container = AwsSettings.fromEnvironment(Map.of(
                "AWS_REGION", "eu-west-1",
                "AWS_CONTAINER_CREDENTIALS_FULL_URI", "http://127.0.0.1:9001/credentials",
                "AWS_CONTAINER_AUTHORIZATION_TOKEN", "s3cr3t-token"));

        assertThat(keys.toString()).doesNotContain("wJalrXUtnFEMI");
        assertThat(container.toString()).doesNotContain("s3cr3t-token");
    }
}
