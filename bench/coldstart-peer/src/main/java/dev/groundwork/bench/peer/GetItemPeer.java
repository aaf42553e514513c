package dev.groundwork.bench.peer;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;

/** The least code for GetItem's route: the tenant from the JWT claim, GetItem by pk/sk, the item as JSON or a 404. */
public final class GetItemPeer implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final DynamoDbClient dynamoDb;
    private final PeerCredentials credentials;
    private final String table = System.getenv("TABLE_NAME");
    private final String claim = System.getenv().getOrDefault("TENANT_CLAIM", "tenant_id");

    public GetItemPeer() {
        this(PeerClient.dynamoDb(System.getenv()), PeerCredentials.FUNCTIONS_OWN);
    }

    GetItemPeer(DynamoDbClient dynamoDb, PeerCredentials credentials) {
        this.dynamoDb = dynamoDb;
        this.credentials = credentials;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        String tenant =
                event.getRequestContext().getAuthorizer().getJwt().getClaims().get(claim);
        String id = event.getPathParameters().get("itemId");
        Map<String, AttributeValue> item = dynamoDb.getItem(GetItemRequest.builder()
                        .tableName(table)
                        .key(Map.of(
                                "pk", AttributeValue.fromS("TENANT#" + tenant),
                                "sk", AttributeValue.fromS("ITEM#" + id)))
                        .overrideConfiguration(credentials.of(tenant))
                        .build())
                .item();
        if (item == null || item.isEmpty()) {
            return APIGatewayV2HTTPResponse.builder().withStatusCode(404).build();
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", item.get("id").s());
        body.put("name", item.get("name").s());
        body.put("version", Long.parseLong(item.get("version").n()));
        body.put("createdAt", item.get("createdAt").s());
        body.put("updatedAt", item.get("updatedAt").s());
        try {
            return APIGatewayV2HTTPResponse.builder()
                    .withStatusCode(200)
                    .withHeaders(Map.of("Content-Type", "application/json"))
                    .withBody(JSON.writeValueAsString(body))
                    .build();
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
