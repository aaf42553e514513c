package dev.groundwork.local.lambda;

import dev.groundwork.local.template.FunctionSpec;
import java.util.LinkedHashMap;
import java.util.Map;

/** The environment a function sees, as Lambda builds it: the runtime's base, the template's, then Lambda's own. */
final class LambdaEnvironment {

    private LambdaEnvironment() {}

    /**
     * @param local what the runner adds to every function's environment (region, dummy credentials, endpoints of the
     *     local DynamoDB and SQS); the template's variables come first, these override them.
     */
    static Map<String, String> of(FunctionSpec spec, Map<String, String> local) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PATH", "/usr/local/bin:/usr/bin/:/bin:/opt/bin");
        env.put("LANG", "en_US.UTF-8");
        env.put("TZ", ":UTC");
        env.putAll(spec.environment());
        env.putAll(local);
        // Lambda's reserved variables, which a function cannot set:
        // https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html#configuration-envvars-runtime
        env.put("_HANDLER", spec.handler());
        env.put("AWS_EXECUTION_ENV", "AWS_Lambda_java21");
        env.put("AWS_LAMBDA_FUNCTION_NAME", spec.functionName());
        env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(spec.memoryMb()));
        env.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
        env.put("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand");
        env.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/" + spec.functionName());
        env.put("LAMBDA_TASK_ROOT", spec.codeUri().resolve("target/classes").toString());
        env.put("LAMBDA_RUNTIME_DIR", "/var/runtime");
        return Map.copyOf(env);
    }
}
