package dev.groundwork.usage;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.groundwork.platform.testing.TestContext;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/** The usage context's handlers (the stream relay, the meter, GET /v1/usage), wired from an environment. */
public record UsageFunctions(
        Consumer<DynamodbEvent> relay,
        Function<SQSEvent, SQSBatchResponse> meter,
        Function<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> get) {

    /**
     * @param consumers the cross-tenant consumers' environment
     * @param route     GET /v1/usage's, whose key may only assume the tenant role
     */
    public static UsageFunctions fromEnvironment(Map<String, String> consumers, Map<String, String> route) {
        ItemEventsRelayHandler relay = new ItemEventsRelayHandler(ItemEventsRelay.fromEnvironment(consumers));
        UsageMeterHandler meter = new UsageMeterHandler(UsageMeterConsumer.fromEnvironment(consumers));
        GetUsageHandler get = new GetUsageHandler(UsageApplication.api(route));
        return new UsageFunctions(
                event -> relay.handleRequest(event, new TestContext("ItemEventsRelayFunction")),
                event -> meter.handleRequest(event, new TestContext("UsageMeterFunction")),
                event -> get.handleRequest(event, new TestContext("GetUsageFunction")));
    }
}
