package dev.groundwork.platform.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.groundwork.dynamodb.EmbeddedDynamoDb;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

class ContainerCredentialsTest {
    private HttpServer server;
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private final AtomicInteger calls = new AtomicInteger();

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    /** Lambda's endpoint, answering the n-th call with credentials that expire at {@code expiry.apply(n)}. */
    private URI endpoint(IntFunction<Instant> expiry) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/2021-04-23/credentials", exchange -> {
            int call = calls.incrementAndGet();
            authorizations.add(exchange.getRequestHeaders().getFirst("Authorization"));
            byte[] body = ("{\"AccessKeyId\":\"ASIA" + call + "\",\"SecretAccessKey\":\"secret\",\"Token\":\"session"
                            + call + "\",\"Expiration\":\"" + expiry.apply(call) + "\"}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/2021-04-23/credentials");
    }

    @Test
    void fetchesOnceWithLambdasAuthorizationTokenAndKeepsThemUntilTheyNearExpiry() throws IOException {
        URI uri = endpoint(call -> Instant.now().plusSeconds(3600));
        ContainerCredentials provider =
                new ContainerCredentials(new AwsSettings.ContainerEndpoint(uri, Optional.of("lambda-token")));

        AwsCredentials first = provider.resolveCredentials();
        AwsCredentials second = provider.resolveCredentials();

        assertThat(first).isInstanceOf(AwsSessionCredentials.class);
        assertThat(first.accessKeyId()).isEqualTo("ASIA1");
        assertThat(((AwsSessionCredentials) first).sessionToken()).isEqualTo("session1");
        assertThat(second).isSameAs(first);
        assertThat(authorizations).containsExactly("lambda-token");
    }

    @Test
    void refreshesCredentialsThatAreAboutToExpire() throws IOException {
        URI uri = endpoint(call ->
                call == 1 ? Instant.now().plusSeconds(30) : Instant.now().plusSeconds(3600));
        ContainerCredentials provider =
                new ContainerCredentials(new AwsSettings.ContainerEndpoint(uri, Optional.of("lambda-token")));

        assertThat(provider.resolveCredentials().accessKeyId()).isEqualTo("ASIA1");
        assertThat(provider.resolveCredentials().accessKeyId()).isEqualTo("ASIA2");
        assertThat(provider.resolveCredentials().accessKeyId()).isEqualTo("ASIA2");
    }

    @Test
    void fetchesAgainAfterASnapStartRestoreWhatWasFetchedBeforeTheSnapshot() throws IOException {
        // given: credentials fetched during priming, valid for hours
        URI uri = endpoint(call -> Instant.now().plusSeconds(6 * 3600));
        ContainerCredentials provider =
                new ContainerCredentials(new AwsSettings.ContainerEndpoint(uri, Optional.of("lambda-token")));
        assertThat(provider.resolveCredentials().accessKeyId()).isEqualTo("ASIA1");

        // when: the environment is restored from the snapshot
        provider.forgetOnRestore.afterRestore(null);

        // then: the restored environment fetches its own, once
        assertThat(provider.resolveCredentials().accessKeyId()).isEqualTo("ASIA2");
        assertThat(provider.resolveCredentials().accessKeyId()).isEqualTo("ASIA2");
        assertThat(calls).hasValue(2);
    }

    @Test
    void signsDynamoDbCallsWithTheContainerCredentials() throws IOException {
        URI uri = endpoint(call -> Instant.now().plusSeconds(3600));
        try (EmbeddedDynamoDb dynamoDb = EmbeddedDynamoDb.start()) {
            AwsSettings aws = AwsSettings.fromEnvironment(Map.of(
                    "AWS_REGION",
                    "us-east-1",
                    "AWS_CONTAINER_CREDENTIALS_FULL_URI",
                    uri.toString(),
                    "AWS_CONTAINER_AUTHORIZATION_TOKEN",
                    "lambda-token",
                    "DYNAMODB_ENDPOINT",
                    dynamoDb.endpoint().toString()));

            try (DynamoDbClient client = AwsClients.dynamoDb(aws)) {
                assertThat(client.listTables().tableNames()).isEmpty();
            }
        }
        assertThat(calls).hasValue(1);
    }
}
