package dev.groundwork.platform.snapstart;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import java.util.Map;
import java.util.UUID;

/**
 * The Lambda context a priming runs in: no invocation exists before the snapshot, so its request id says what it is
 * ({@code snapstart-priming-…}), and it has the init phase's time.
 */
public final class PrimingContext implements Context {
    private static final LambdaLogger SILENT = new LambdaLogger() {
        @Override
        public void log(String message) {}

        @Override
        public void log(byte[] message) {}
    };

    private static final String PRIMING = "snapstart-priming";

    private final String requestId = PRIMING + "-" + UUID.randomUUID();
    private final String logGroup;
    private final String logStream;
    private final String functionName;
    private final String functionVersion;
    private final int memoryMb;

    /** With the function's name, version, memory and log stream from Lambda's init environment. */
    public PrimingContext() {
        this(System.getenv());
    }

    PrimingContext(Map<String, String> environment) {
        this.logGroup = named(environment, "AWS_LAMBDA_LOG_GROUP_NAME");
        this.logStream = named(environment, "AWS_LAMBDA_LOG_STREAM_NAME");
        this.functionName = named(environment, "AWS_LAMBDA_FUNCTION_NAME");
        this.functionVersion = named(environment, "AWS_LAMBDA_FUNCTION_VERSION");
        String memory = environment.getOrDefault("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "");
        this.memoryMb = memory.matches("[0-9]{1,5}") ? Integer.parseInt(memory) : 0;
    }

    /** What Lambda's init environment says, or what this is when it says nothing (a test, say). */
    private static String named(Map<String, String> environment, String variable) {
        String value = environment.get(variable);
        return value == null || value.isBlank() ? PRIMING : value;
    }

    @Override
    public String getAwsRequestId() {
        return requestId;
    }

    @Override
    public String getLogGroupName() {
        return logGroup;
    }

    @Override
    public String getLogStreamName() {
        return logStream;
    }

    @Override
    public String getFunctionName() {
        return functionName;
    }

    @Override
    public String getFunctionVersion() {
        return functionVersion;
    }

    @Override
    public String getInvokedFunctionArn() {
        // Lambda's init environment has no ARN, and a priming is no invocation of one.
        return PRIMING;
    }

    @Override
    public CognitoIdentity getIdentity() {
        return null;
    }

    @Override
    public ClientContext getClientContext() {
        return null;
    }

    /** Lambda gives a SnapStart function's init, priming included, at least 130 s. */
    @Override
    public int getRemainingTimeInMillis() {
        return 60_000;
    }

    @Override
    public int getMemoryLimitInMB() {
        return memoryMb;
    }

    @Override
    public LambdaLogger getLogger() {
        return SILENT;
    }
}
