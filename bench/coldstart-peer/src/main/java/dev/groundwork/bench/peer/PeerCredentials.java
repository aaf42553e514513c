package dev.groundwork.bench.peer;

import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;

/** Whose credentials a peer's DynamoDB call carries. */
interface PeerCredentials {
    /** The function's own, as the peers without tenant roles call: nothing overridden. */
    PeerCredentials FUNCTIONS_OWN = new PeerCredentials() {
        @Override
        public AwsRequestOverrideConfiguration of(String tenant) {
            return null;
        }
    };

    /** The override a call made as {@code tenant} carries, or null for none. */
    AwsRequestOverrideConfiguration of(String tenant);
}
