package dev.groundwork.items;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.groundwork.platform.testing.TestContext;
import java.util.Map;
import java.util.function.Function;

/** The item routes' handlers, wired from an environment as their constructors in Lambda would wire them. */
public record ItemFunctions(
        Function<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> create,
        Function<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> get,
        Function<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> list,
        Function<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> update,
        Function<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> delete) {

    public static ItemFunctions fromEnvironment(Map<String, String> env) {
        CreateItemHandler create = new CreateItemHandler(ItemsApplication.fromEnvironment(env));
        GetItemHandler get = new GetItemHandler(ItemsApplication.fromEnvironment(env));
        ListItemsHandler list = new ListItemsHandler(ItemsApplication.fromEnvironment(env));
        UpdateItemHandler update = new UpdateItemHandler(ItemsApplication.fromEnvironment(env));
        DeleteItemHandler delete = new DeleteItemHandler(ItemsApplication.fromEnvironment(env));
        return new ItemFunctions(
                event -> create.handleRequest(event, new TestContext("CreateItemFunction")),
                event -> get.handleRequest(event, new TestContext("GetItemFunction")),
                event -> list.handleRequest(event, new TestContext("ListItemsFunction")),
                event -> update.handleRequest(event, new TestContext("UpdateItemFunction")),
                event -> delete.handleRequest(event, new TestContext("DeleteItemFunction")));
    }
}
