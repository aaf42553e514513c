package dev.groundwork.local.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HttpApiResponsesTest {

    private static HttpApiResponses.Response map(String payload) {
        return HttpApiResponses.fromPayload(payload.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void mapsStatusHeadersCookiesAndBase64Bodies() {
        HttpApiResponses.Response response = map("""
        {"statusCode":201,"headers":{"Location":"/v1/items/1"},"cookies":["a=1"],"body":"AAEC","isBase64Encoded":true}
        """);

        assertThat(response.status()).isEqualTo(201);
        assertThat(response.headers()).containsEntry("location", java.util.List.of("/v1/items/1"));
        assertThat(response.headers().get("set-cookie")).containsExactly("a=1");
        assertThat(response.body()).containsExactly(0, 1, 2);
    }

    @Test
    void treatsJsonWithoutAStatusCodeAsA200JsonBody() {
        HttpApiResponses.Response response = map("{\"hello\":\"world\"}");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.headers().get("content-type")).containsExactly("application/json");
        assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo("{\"hello\":\"world\"}");
    }

    @Test
    void answersApiGateways500ToAResponseItCannotRead() {
        assertThat(map("not json").status()).isEqualTo(500);
        assertThat(map("{\"statusCode\":99}").status()).isEqualTo(500);
        assertThat(new String(map("not json").body(), StandardCharsets.UTF_8))
                .isEqualTo("{\"message\":\"Internal Server Error\"}");
    }
}
