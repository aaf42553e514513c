package dev.groundwork.items;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.groundwork.items.dynamodb.DynamoDbItems;
import dev.groundwork.items.testing.TestItems;
import dev.groundwork.kernel.TenantId;
import dev.groundwork.platform.dynamodb.TableAccess;
import dev.groundwork.platform.testing.Contract;
import dev.groundwork.platform.testing.DynamoDbTarget;
import dev.groundwork.platform.testing.Json;
import dev.groundwork.platform.testing.Requests;
import dev.groundwork.platform.testing.TestContext;
import dev.groundwork.platform.testing.TestTable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

@ParameterizedClass
@EnumSource(DynamoDbTarget.class)
class DeleteItemHandlerIT {
    private static final TenantId ACME = new TenantId("acme");
    private static final TenantId GLOBEX = new TenantId("globex");
    private final DynamoDbTarget target;
    private TestTable table;
    private DynamoDbItems items;
    private DeleteItemHandler handler;

    DeleteItemHandlerIT(DynamoDbTarget target) {
        this.target = target;
    }

    @BeforeEach
    void twoTenantsWithTheSameItemId() {
        table = target.freshTable();
        items = new DynamoDbItems(table.client(), table.name(), TableAccess.asFunction());
        items.add(ACME, TestItems.sample("Acme's widget"));
        items.add(GLOBEX, TestItems.sample("Globex's widget"));
        handler = new DeleteItemHandler(ItemsApplication.fromEnvironment(table.environment()));
    }

    private APIGatewayV2HTTPResponse call(Requests request) {
        return Contract.checked(
                request.event(), handler.handleRequest(request.event(), new TestContext("DeleteItemFunction")));
    }

    @Test
    void theSnapStartPrimingAnswersARefusedAndASucceededDeleteAndRemovesNothing() {
        // when: the priming runs, as before a snapshot (it throws if an answer is not the one it expects: 404 for
        // the delete DynamoDB refuses, 204 for the one it answers as done)
        handler.prime();

        // then: the table holds the two items it held
        assertThat(items.findLatest(ACME, TestItems.SAMPLE_ID)).isPresent();
        assertThat(items.findLatest(GLOBEX, TestItems.SAMPLE_ID)).isPresent();
        assertThat(table.client().scan(scan -> scan.tableName(table.name())).items())
                .hasSize(2);
    }

    @Test
    void deletesOnlyTheCallingTenantsItem() {
        assertThat(call(Requests.from("delete-item/valid.json").tenant("globex"))
                        .getStatusCode())
                .isEqualTo(204);

        assertThat(items.findLatest(GLOBEX, TestItems.SAMPLE_ID)).isEmpty();
        assertThat(items.findLatest(ACME, TestItems.SAMPLE_ID)).isPresent();
    }

    @Test
    void aThirdTenantDeletesNothing() {
        assertThat(call(Requests.from("delete-item/valid.json").tenant("initech"))
                        .getStatusCode())
                .isEqualTo(404);
        assertThat(table.recordCount()).isEqualTo(2);
    }

    @Test
    void answers404OnceTheItemIsGone() {
        call(Requests.from("delete-item/valid.json"));

        assertThat(call(Requests.from("delete-item/valid.json")).getStatusCode())
                .isEqualTo(404);
        assertThat(table.recordCount()).isEqualTo(1);
    }

    @Test
    void aStaleIfMatchIsA412WithTheCurrentETagAndDeletesNothing() {
        APIGatewayV2HTTPResponse response =
                call(Requests.from("delete-item/valid.json").header("If-Match", "\"2\", W/\"1\""));

        assertThat(response.getStatusCode()).isEqualTo(412);
        assertThat(response.getHeaders()).containsEntry("ETag", "\"1\"");
        assertThat(Json.parse(response.getBody()).get("type").asText()).endsWith("/precondition-failed");
        assertThat(items.findLatest(ACME, TestItems.SAMPLE_ID)).isPresent();
        assertThat(table.recordCount()).isEqualTo(2);
    }

    @Test
    void anIfMatchListThatNamesTheCurrentVersionDeletesOnlyThatTenantsItem() {
        assertThat(call(Requests.from("delete-item/valid.json").header("If-Match", "\"3\", \"1\""))
                        .getStatusCode())
                .isEqualTo(204);

        assertThat(items.findLatest(ACME, TestItems.SAMPLE_ID)).isEmpty();
        assertThat(items.findLatest(GLOBEX, TestItems.SAMPLE_ID)).isPresent();
    }

    @Test
    void anIfMatchOfAThirdTenantIsA404NotA412() {
        assertThat(call(Requests.from("delete-item/valid.json")
                                .tenant("initech")
                                .header("If-Match", "\"1\""))
                        .getStatusCode())
                .isEqualTo(404);
        assertThat(table.recordCount()).isEqualTo(2);
    }

    @Test
    void aMalformedIfMatchIsA400NamingItAndDeletesNothing() {
        APIGatewayV2HTTPResponse response =
                call(Requests.from("delete-item/valid.json").header("If-Match", "1"));

        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(Json.firstErrorField(response.getBody())).isEqualTo("If-Match");
        assertThat(table.recordCount()).isEqualTo(2);
    }
}
