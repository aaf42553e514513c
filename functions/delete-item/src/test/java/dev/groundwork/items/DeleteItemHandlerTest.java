package dev.groundwork.items;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import dev.groundwork.items.testing.InMemoryApplication;
import dev.groundwork.items.testing.TestItems;
import dev.groundwork.kernel.TenantId;
import dev.groundwork.platform.testing.Contract;
import dev.groundwork.platform.testing.Json;
import dev.groundwork.platform.testing.Requests;
import dev.groundwork.platform.testing.TestContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;

class DeleteItemHandlerTest {
    private static final TenantId ACME = new TenantId("acme");
    private final InMemoryApplication fakes = new InMemoryApplication();
    private final DeleteItemHandler handler = new DeleteItemHandler(fakes.application);

    @BeforeEach
    void seed() {
        fakes.items.add(ACME, TestItems.sample("Acme's widget"));
    }

    private APIGatewayV2HTTPResponse call(APIGatewayV2HTTPEvent event) {
        return Contract.checked(event, handler.handleRequest(event, new TestContext("DeleteItemFunction")));
    }

    @ParameterizedTest
    @Event(value = "events/http/delete-item/valid.json", type = APIGatewayV2HTTPEvent.class)
    void deletesWith204AndNoBody(APIGatewayV2HTTPEvent event) {
        APIGatewayV2HTTPResponse response = call(event);

        assertThat(response.getStatusCode()).isEqualTo(204);
        assertThat(response.getBody()).isNull();
        assertThat(response.getHeaders()).containsEntry("API-Version", "1");
        assertThat(fakes.items.count(ACME)).isZero();
    }

    @Test
    void answers404TheSecondTime() {
        call(Requests.from("delete-item/valid.json").event());

        APIGatewayV2HTTPResponse again =
                call(Requests.from("delete-item/valid.json").event());

        assertThat(again.getStatusCode()).isEqualTo(404);
        assertThat(Json.parse(again.getBody()).get("type").asText())
                .isEqualTo("https://groundwork.dev/problems/not-found");
    }

    @Test
    void returns404ForAnotherTenantsItemAndKeepsIt() {
        assertThat(call(Requests.from("delete-item/valid.json").tenant("globex").event())
                        .getStatusCode())
                .isEqualTo(404);
        assertThat(fakes.items.count(ACME)).isEqualTo(1);
    }

    @Test
    void returns404ForAnIdThatIsNoUlid() {
        assertThat(call(Requests.from("delete-item/valid.json")
                                .itemId("01jdx5q0a8z4m6tb3n7r9wvkhe")
                                .event())
                        .getStatusCode())
                .isEqualTo(404);
        assertThat(fakes.items.count(ACME)).isEqualTo(1);
    }
}
