package dev.groundwork.local.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LambdaEnvironmentTest {

    @Test
    void theRunnersVariablesOverrideTheTemplatesAndLambdasReservedOnesOverrideBoth() {
        Map<String, String> template =
                Map.of("TABLE_NAME", "items", "AWS_REGION", "eu-west-1", "AWS_LAMBDA_FUNCTION_NAME", "spoofed");
        Map<String, String> runner = Map.of("AWS_REGION", "us-east-1");

        Map<String, String> environment =
                LambdaEnvironment.of(FunctionSpecs.spec(Path.of("/app/slow"), "SlowHandler", template), runner);

        assertThat(environment)
                .containsEntry("TABLE_NAME", "items")
                .containsEntry("AWS_REGION", "us-east-1")
                .containsEntry("AWS_LAMBDA_FUNCTION_NAME", "groundwork-slow")
                .containsEntry("_HANDLER", "dev.groundwork.local.fixtures.SlowHandler::handleRequest")
                .containsEntry("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "512")
                .containsEntry(
                        "LAMBDA_TASK_ROOT", Path.of("/app/slow/target/classes").toString())
                .containsEntry("TZ", ":UTC");
    }
}
