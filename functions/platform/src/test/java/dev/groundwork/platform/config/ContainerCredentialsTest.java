package dev.groundwork.platform.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
    void fetchesItsOwnCredentialsDuringTheRestoreInPlaceOfTheSnapshots() throws IOException {
        // given: credentials fetched during priming, valid for hours
        URI uri = endpoint(call -> Instant.now().plusSeconds(6 * 3600));
        ContainerCredentials provider =
                new ContainerCredentials(new AwsSettings.ContainerEndpoint(uri, Optional.of("lambda-token")));
        assertThat(provider.resolveCredentials().accessKeyId()).isEqualTo("ASIA1");

        // when: the environment is restored from the snapshot
        provider.renewOnRestore.afterRestore(null);

        // then: the restore itself fetched the environment's own, and the first call uses them without a fetch
        assertThat(calls).hasValue(2);
        assertThat(provider.resolveCredentials().accessKeyId()).isEqualTo("ASIA2");
        assertThat(provider.resolveCredentials().accessKeyId()).isEqualTo("ASIA2");
        assertThat(calls).hasValue(2);
        assertThat(authorizations).containsExactly("lambda-token", "lambda-token");
    }

    @Test
    void fetchesNothingDuringTheRestoreForAProviderNeverCalledBeforeTheSnapshot() throws IOException {
        URI uri = endpoint(call -> Instant.now().plusSeconds(6 * 3600));
        ContainerCredentials provider =
                new ContainerCredentials(new AwsSettings.ContainerEndpoint(uri, Optional.of("lambda-token")));

        provider.renewOnRestore.afterRestore(null);

        assertThat(calls).hasValue(0);
        assertThat(provider.resolveCredentials().accessKeyId()).isEqualTo("ASIA1");
    }

    @Test
    void aRestoreWhoseFetchFailsLeavesTheFirstCallToFetch() throws IOException {
        // given: credentials fetched during priming; after the restore the endpoint fails once, then answers
        URI uri = endpoint(call -> Instant.now().plusSeconds(6 * 3600));
        ContainerCredentials provider =
                new ContainerCredentials(new AwsSettings.ContainerEndpoint(uri, Optional.of("lambda-token")));
        assertThat(provider.resolveCredentials().accessKeyId()).isEqualTo("ASIA1");
        server.removeContext("/2021-04-23/credentials");
        server.createContext("/2021-04-23/credentials", exchange -> {
            calls.incrementAndGet();
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
        });

        // when: the environment is restored from the snapshot
        provider.renewOnRestore.afterRestore(null);

        // then: the restore went on, and no credentials of the snapshot are kept: the next call fetches (and fails)
        assertThat(calls).hasValue(2);
        assertThatThrownBy(provider::resolveCredentials);
        assertThat(calls).hasValue(3);
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
