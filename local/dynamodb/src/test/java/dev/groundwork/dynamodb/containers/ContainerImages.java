package dev.groundwork.dynamodb.containers;

/**
 * The images the container runs use, each overridable by a system property or an environment variable, so a
 * team can try a newer tag without editing the suite.
 */
final class ContainerImages {

    /** 4.14.0 (2026-02-26) is LocalStack's last tag that runs without an auth token. */
    static final String LOCALSTACK_DEFAULT = "localstack/localstack:4.14.0";

    static final String FLOCI_DEFAULT = "floci/floci:latest";

    private ContainerImages() {}

    static String localStack() {
        return chosen("groundwork.localstack.image", "GROUNDWORK_LOCALSTACK_IMAGE", LOCALSTACK_DEFAULT);
    }

    static String floci() {
        return chosen("groundwork.floci.image", "GROUNDWORK_FLOCI_IMAGE", FLOCI_DEFAULT);
    }

    private static String chosen(String property, String variable, String fallback) {
        String fromProperty = System.getProperty(property);
        if (fromProperty != null && !fromProperty.isBlank()) {
            return fromProperty;
        }
        String fromEnvironment = System.getenv(variable);
        return fromEnvironment != null && !fromEnvironment.isBlank() ? fromEnvironment : fallback;
    }
}
