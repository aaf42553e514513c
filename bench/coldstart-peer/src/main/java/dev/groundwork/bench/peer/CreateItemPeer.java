package dev.groundwork.bench.peer;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;

/** The least code for CreateItem's route: the tenant from the JWT claim, the body read, PutItem unless the key exists. */
public final class CreateItemPeer implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final DynamoDbClient dynamoDb = PeerClient.dynamoDb(System.getenv());
    private final PeerCredentials credentials;
    private final String table = System.getenv("TABLE_NAME");
    private final String claim = System.getenv().getOrDefault("TENANT_CLAIM", "tenant_id");

    private static final char[] CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();

    public CreateItemPeer() {
        this(PeerCredentials.FUNCTIONS_OWN);
    }

    CreateItemPeer(PeerCredentials credentials) {
        this.credentials = credentials;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        String tenant =
                event.getRequestContext().getAuthorizer().getJwt().getClaims().get(claim);
        JsonNode body;
        try {
            body = JSON.readTree(event.getBody());
        } catch (IOException e) {
            return APIGatewayV2HTTPResponse.builder().withStatusCode(400).build();
        }
        String id = ulid();
        String now = Instant.now().toString();
        dynamoDb.putItem(PutItemRequest.builder()
                .tableName(table)
                .item(Map.of(
                        "pk", AttributeValue.fromS("TENANT#" + tenant),
                        "sk", AttributeValue.fromS("ITEM#" + id),
                        "id", AttributeValue.fromS(id),
                        "name", AttributeValue.fromS(body.path("name").asText()),
                        // The record's whole layout (functions/items ItemRecords), so that the functions benched
                        // beside the peer can read what it wrote.
                        "attributes", AttributeValue.fromM(Map.of()),
                        "tags", AttributeValue.fromL(List.of()),
                        "version", AttributeValue.fromN("1"),
                        "createdAt", AttributeValue.fromS(now),
                        "updatedAt", AttributeValue.fromS(now)))
                .conditionExpression("attribute_not_exists(#pk)")
                .expressionAttributeNames(Map.of("#pk", "pk"))
                .overrideConfiguration(credentials.of(tenant))
                .build());
        try {
            return APIGatewayV2HTTPResponse.builder()
                    .withStatusCode(201)
                    .withHeaders(Map.of("Content-Type", "application/json", "Location", "/v1/items/" + id))
                    .withBody(JSON.writeValueAsString(
                            Map.of("id", id, "name", body.path("name").asText())))
                    .build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An id of the items' shape (a ULID: https://github.com/ulid/spec), so the functions benched beside can read it. */
    private static String ulid() {
        char[] id = new char[26];
        long time = System.currentTimeMillis();
        for (int i = 9; i >= 0; i--, time >>>= 5) {
            id[i] = CROCKFORD[(int) (time & 31)];
        }
        for (int i = 10; i < 26; i++) {
            id[i] = CROCKFORD[ThreadLocalRandom.current().nextInt(32)];
        }
        return new String(id);
    }
}
