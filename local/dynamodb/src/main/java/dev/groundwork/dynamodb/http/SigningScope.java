package dev.groundwork.dynamodb.http;

/**
 * The access key id and region of a SigV4 Authorization header's credential scope:
 * {@code Credential=<access key id>/<date>/<region>/<service>/aws4_request}. The signature is not verified (the
 * server holds no secrets to verify it with); the key says who claims to call, and the region which ARNs they mean.
 */
record SigningScope(String accessKeyId, String region) {

    /** The scope of {@code authorization}, or null when it names no credential. */
    static SigningScope of(String authorization) {
        String credential = parameter(authorization, "Credential");
        if (credential == null) return null;
        String[] parts = credential.split("/", -1);
        if (parts[0].isEmpty()) return null;
        return new SigningScope(parts[0], parts.length >= 3 && !parts[2].isEmpty() ? parts[2] : null);
    }

    /**
     * The value of a SigV4 Authorization header's parameter, or null when the header has none of that name with a
     * value. Parameters follow the algorithm, separated by commas or spaces: {@code AWS4-HMAC-SHA256
     * Credential=..., SignedHeaders=..., Signature=...}.
     */
    static String parameter(String authorization, String name) {
        if (authorization == null) return null;
        int at = authorization.indexOf(' ');
        while (at >= 0 && at < authorization.length()) {
            while (at < authorization.length() && (authorization.charAt(at) == ' ' || authorization.charAt(at) == ','))
                at++;
            int end = at;
            while (end < authorization.length() && authorization.charAt(end) != ' ' && authorization.charAt(end) != ',')
                end++;
            int equals = authorization.indexOf('=', at);
            if (equals > at && equals < end - 1 && equals - at == name.length() && authorization.startsWith(name, at)) {
                return authorization.substring(equals + 1, end);
            }
            at = end;
        }
        return null;
    }
}
