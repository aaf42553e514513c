package dev.groundwork.local.template;

/**
 * A route's throttle on its HTTP API stage: a token bucket of {@code burstLimit} tokens refilled at
 * {@code rateLimit} per second, from the API's {@code DefaultRouteSettings} or its {@code RouteSettings} entry for
 * the route. A limit the template leaves out is the account's (10,000 requests per second, a burst of 5,000).
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-throttling.html
 */
public record RouteThrottling(double rateLimit, int burstLimit) {

    /** The account-level limits of API Gateway in most Regions, for a limit the stage does not set. */
    public static final double ACCOUNT_RATE_LIMIT = 10_000;

    public static final int ACCOUNT_BURST_LIMIT = 5_000;

    public RouteThrottling {
        if (rateLimit < 0 || burstLimit < 0) {
            throw new IllegalArgumentException(
                    "throttling limits cannot be negative: " + rateLimit + ", " + burstLimit);
        }
    }
}
