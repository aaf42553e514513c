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
class GetItemHandlerIT {
    private final DynamoDbTarget target;
    private GetItemHandler handler;

    GetItemHandlerIT(DynamoDbTarget target) {
        this.target = target;
    }

    @BeforeEach
    void twoTenantsWithTheSameItemId() {
        TestTable table = target.freshTable();
        DynamoDbItems items = new DynamoDbItems(table.client(), table.name(), TableAccess.asFunction());
        items.add(new TenantId("acme"), TestItems.sample("Acme's widget"));
        items.add(new TenantId("globex"), TestItems.sample("Globex's widget"));
        handler = new GetItemHandler(ItemsApplication.fromEnvironment(table.environment()));
    }

    private APIGatewayV2HTTPResponse call(Requests request) {
        return Contract.checked(
                request.event(), handler.handleRequest(request.event(), new TestContext("GetItemFunction")));
    }

    @Test
    void eachTenantReadsOnlyItsOwnItemUnderTheSameId() {
        APIGatewayV2HTTPResponse acme = call(Requests.from("get-item/valid.json"));
        APIGatewayV2HTTPResponse globex =
                call(Requests.from("get-item/valid.json").tenant("globex"));

        assertThat(Json.parse(acme.getBody()).get("name").asText()).isEqualTo("Acme's widget");
        assertThat(Json.parse(globex.getBody()).get("name").asText()).isEqualTo("Globex's widget");
    }

    @Test
    void aThirdTenantGetsTheSame404AsForAMissingItem() {
        APIGatewayV2HTTPResponse otherTenant =
                call(Requests.from("get-item/valid.json").tenant("initech"));
        APIGatewayV2HTTPResponse missing =
                call(Requests.from("get-item/valid.json").itemId("01JDX5Q0A8Z4M6TB3N7R9WVKHF"));

        assertThat(otherTenant.getStatusCode()).isEqualTo(404);
        assertThat(otherTenant.getBody()).isEqualTo(missing.getBody());
    }

    @Test
    void answers304ForTheCurrentVersion() {
        assertThat(call(Requests.from("get-item/if-none-match.json")).getStatusCode())
                .isEqualTo(304);
    }
}
