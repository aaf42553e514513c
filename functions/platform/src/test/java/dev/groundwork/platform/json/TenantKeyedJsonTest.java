package dev.groundwork.platform.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.groundwork.platform.http.ApiJson;
import dev.groundwork.platform.runtime.EventJson;
import dev.groundwork.platform.testing.DistinctKeys;
import dev.groundwork.platform.testing.RetainedHeap;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * One tenant's keys cost only its own request: after reading thousands of distinct long keys, the readers that take
 * tenants' and clients' JSON keep none of them for the requests that follow.
 */
class TenantKeyedJsonTest {
    /** 5,950 keys in bodies of seven: just under the ~6,000 after which a default Jackson factory starts its table again. */
    private static final int BODIES = 850;

    private static final int KEYS_PER_BODY = 7;
    private static final int KEY_LENGTH = 8_000;
    /** What a reader may leave: noise, against the 48 MB or more (95 from bytes) that a default factory keeps of these keys. */
    private static final long ALLOWED = 16L << 20;
    /** Every key distinct, across the tests too: a key another reader has read may be kept already (interned). */
    private static final AtomicLong READER = new AtomicLong();

    @Test
    void aDefaultJacksonParserKeepsTheKeysItReadsForTheLifeOfTheProcess() {
        JsonMapper shared = JsonMapper.builder().build();

        long kept = RetainedHeap.bytesKeptBy(() ->
                readAll(body -> "{" + keys(body, key -> "\"" + key + "\":1") + "}", text -> {
                    try {
                        shared.readTree(text);
                    } catch (IOException unreadable) {
                        throw new UncheckedIOException(unreadable);
                    }
                }));

        assertThat(kept).isGreaterThan(2 * ALLOWED);
    }

    @Test
    void aRequestBodyKeepsNone() {
        long kept = RetainedHeap.bytesKeptBy(() -> readAll(
                body -> "{\"name\":\"x\",\"attributes\":{" + keys(body, key -> "\"" + key + "\":1") + "}}",
                text -> ApiJson.readObject(text.getBytes(StandardCharsets.UTF_8))));

        assertThat(kept).isLessThan(ALLOWED);
    }

    @Test
    void anApiEventKeepsNone() {
        EventJson events = new EventJson();

        long kept = RetainedHeap.bytesKeptBy(() -> readAll(
                body -> "{\"rawPath\":\"/v1/items\",\"headers\":{" + keys(body, key -> "\"" + key + "\":\"v\"") + "}}",
                // As the runtime hands an event over: a stream of its bytes.
                text -> events.fromJson(
                        new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), APIGatewayV2HTTPEvent.class)));

        assertThat(kept).isLessThan(ALLOWED);
    }

    @Test
    void aStreamRecordsImageKeepsNone() {
        EventJson events = new EventJson();

        long kept = RetainedHeap.bytesKeptBy(() -> readAll(
                body -> "{\"Records\":[{\"dynamodb\":{\"NewImage\":{\"attributes\":{\"M\":{"
                        + keys(body, key -> "\"" + key + "\":{\"N\":\"1\"}") + "}}}}}]}",
                text -> events.fromJson(
                        new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), DynamodbEvent.class)));

        assertThat(kept).isLessThan(ALLOWED);
    }

    /** Every body, each of distinct keys, read one after the other as a process serves requests. */
    private static void readAll(IntFunction<String> bodyOfKeys, Consumer<String> reader) {
        for (int body = 0; body < BODIES; body++) {
            reader.accept(bodyOfKeys.apply(body));
        }
    }

    private static String keys(int body, Function<String, String> member) {
        return DistinctKeys.of(READER.incrementAndGet() + "-" + body, KEYS_PER_BODY, KEY_LENGTH).stream()
                .map(member)
                .collect(Collectors.joining(","));
    }
}
