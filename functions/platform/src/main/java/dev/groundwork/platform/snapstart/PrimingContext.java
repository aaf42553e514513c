package dev.groundwork.platform.snapstart;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
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

    private final String requestId = "snapstart-priming-" + UUID.randomUUID();

    @Override
    public String getAwsRequestId() {
        return requestId;
    }

    @Override
    public String getLogGroupName() {
        return "snapstart-priming";
    }

    @Override
    public String getLogStreamName() {
        return "snapstart-priming";
    }

    @Override
    public String getFunctionName() {
        return "snapstart-priming";
    }

    @Override
    public String getFunctionVersion() {
        return "snapstart-priming";
    }

    @Override
    public String getInvokedFunctionArn() {
        return "snapstart-priming";
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
        return 0;
    }

    @Override
    public LambdaLogger getLogger() {
        return SILENT;
    }
}
