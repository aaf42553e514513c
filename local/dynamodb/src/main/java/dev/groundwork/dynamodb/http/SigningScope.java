package dev.groundwork.dynamodb.http;

/**
 * The access key id and region of a SigV4 Authorization header's credential scope:
 * {@code Credential=<access key id>/<date>/<region>/<service>/aws4_request}. The signature is not verified (the
 * server holds no secrets to verify it with); the key says who claims to call, and the region which ARNs they mean.
 */
record SigningScope(String accessKeyId, String region) {
    private static final String CREDENTIAL = "Credential=";

    /** The scope of {@code authorization}, or null when it names no credential. */
    static SigningScope of(String authorization) {
        if (authorization == null) return null;
        int start = authorization.indexOf(CREDENTIAL);
        if (start < 0) return null;
        start += CREDENTIAL.length();
        int end = start;
        while (end < authorization.length() && authorization.charAt(end) != ',' && authorization.charAt(end) != ' ')
            end++;
        String[] parts = authorization.substring(start, end).split("/", -1);
        if (parts[0].isEmpty()) return null;
        return new SigningScope(parts[0], parts.length >= 3 && !parts[2].isEmpty() ? parts[2] : null);
    }
}
