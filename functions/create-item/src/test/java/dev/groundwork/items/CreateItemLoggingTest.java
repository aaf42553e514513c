package dev.groundwork.items;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.databind.JsonNode;
import dev.groundwork.items.testing.InMemoryApplication;
import dev.groundwork.platform.testing.CapturedLogs;
import dev.groundwork.platform.testing.Contract;
import dev.groundwork.platform.testing.Json;
import dev.groundwork.platform.testing.Requests;
import dev.groundwork.platform.testing.TestContext;
import org.junit.jupiter.api.Test;

/** What a request leaves in the logs: the fields to find it by, never the token or the item. */
class CreateItemLoggingTest {
    private static final String TOKEN = "eyJhbGciOiJSUzI1NiJ9.eyJ0ZW5hbnRfaWQiOiJhY21lIn0.c2lnbmF0dXJl";
    private static final String SECRET_ATTRIBUTE = "do-not-log-this-attribute-value-7f3a";

    private final InMemoryApplication fakes = new InMemoryApplication();
    private final CreateItemHandler handler = new CreateItemHandler(fakes.application);

    @Test
    void logsOneStructuredLineWithTenantAndRequestButNeitherTokenNorBody() {
        APIGatewayV2HTTPEvent event = Requests.from("create-item/valid.json")
                .header("Authorization", "Bearer " + TOKEN)
                .body("{\"name\":\"Widget\",\"attributes\":{\"note\":\"" + SECRET_ATTRIBUTE + "\"}}")
                .event();

        try (CapturedLogs logs = CapturedLogs.start()) {
            Contract.checked(event, handler.handleRequest(event, new TestContext("CreateItemFunction")));

            assertThat(logs.lines())
                    .isNotEmpty()
                    .noneMatch(line -> line.contains(TOKEN) || line.contains("eyJ"))
                    .noneMatch(line -> line.contains(SECRET_ATTRIBUTE));
            JsonNode access = logs.lines().stream()
                    .map(Json::parse)
                    .filter(line ->
                            "request handled".equals(line.path("message").asText()))
                    .findFirst()
                    .orElseThrow();
            assertThat(access.get("level").asText()).isEqualTo("INFO");
            assertThat(access.get("tenant_id").asText()).isEqualTo("acme");
            assertThat(access.get("request_id").asText()).isEqualTo("JkT4rgUvjoEEMbQ=");
            assertThat(access.get("function_name").asText()).isEqualTo("CreateItemFunction");
            assertThat(access.has("cold_start")).isTrue();
            assertThat(access.get("status").asInt()).isEqualTo(201);
        }
    }

    @Test
    void logsRejectionsWithoutEchoingTheBody() {
        APIGatewayV2HTTPEvent event = Requests.from("create-item/valid.json")
                .body("{\"name\":\"" + SECRET_ATTRIBUTE + "\", oops}")
                .event();

        try (CapturedLogs logs = CapturedLogs.start()) {
            String body = handler.handleRequest(event, new TestContext("CreateItemFunction"))
                    .getBody();

            assertThat(body).doesNotContain(SECRET_ATTRIBUTE);
            assertThat(logs.lines()).isNotEmpty().noneMatch(line -> line.contains(SECRET_ATTRIBUTE));
        }
    }
}
