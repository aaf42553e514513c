package dev.groundwork.platform.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.groundwork.platform.http.ApiJson;
import dev.groundwork.platform.testing.DistinctKeys;
import dev.groundwork.platform.testing.RetainedHeap;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What reading the API's bodies without Jackson's shared name table costs, and what it saves:
 * {@code ./groundwork bench json} (docs/security.md, "Keys a process keeps"). The peer, in the same JVM and
 * alternated with it, is the parser it replaced: the same strict rules over Jackson's default factory, which decodes
 * UTF-8 bytes itself and keeps every key in a table the process shares. Run with Lambda's JVM flags.
 */
public final class TenantKeyedJsonBenchmark {
    private static final ObjectMapper DEFAULT_FACTORY = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();
    private static final int READS = 200_000;
    private static final int ROUNDS = 7;

    private TenantKeyedJsonBenchmark() {}

    public static void main(String[] args) {
        byte[] item = ("{\"name\":\"Blue widget\",\"attributes\":{\"colour\":\"blue\",\"size\":12.5,"
                        + "\"dimensions\":{\"width\":10,\"height\":4},\"description\":\"" + "lorem ipsum ".repeat(50)
                        + "\",\"stock\":[1,2,3,4]},\"tags\":[\"widgets\",\"blue\"]}")
                .getBytes(StandardCharsets.UTF_8);
        System.out.printf(
                "reading a %d-byte item body, %d times a round, alternated, %d rounds (median):%n",
                item.length, READS, ROUNDS);
        double[] peer = new double[ROUNDS];
        double[] ours = new double[ROUNDS];
        for (int round = 0; round < ROUNDS; round++) {
            peer[round] = microsPerRead(item, TenantKeyedJsonBenchmark::readWithDefaultFactory);
            ours[round] = microsPerRead(item, ApiJson::readObject);
        }
        System.out.printf("  %-52s %8.2f us%n", "peer: Jackson's default factory (bytes, name table)", median(peer));
        System.out.printf("  %-52s %8.2f us%n", "ApiJson (UTF-8 decoded strictly, no name table)", median(ours));

        int bodies = 850;
        int keyLength = 8_000;
        System.out.printf("heap kept after reading %d bodies of 7 distinct %,d-character keys:%n", bodies, keyLength);
        System.out.printf(
                "  %-52s %8.1f MB%n",
                "peer: Jackson's default factory (bytes, name table)",
                megabytesKept(bodies, keyLength, "peer", TenantKeyedJsonBenchmark::readWithDefaultFactory));
        System.out.printf(
                "  %-52s %8.1f MB%n",
                "ApiJson (UTF-8 decoded strictly, no name table)",
                megabytesKept(bodies, keyLength, "ours", ApiJson::readObject));
    }

    private static Object readWithDefaultFactory(byte[] body) {
        try (JsonParser parser = DEFAULT_FACTORY.createParser(body)) {
            parser.nextToken();
            return ApiJson.readValue(parser);
        } catch (IOException unreadable) {
            throw new UncheckedIOException(unreadable);
        }
    }

    private static double microsPerRead(byte[] body, Function<byte[], Object> reader) {
        long sink = 0;
        long started = System.nanoTime();
        for (int i = 0; i < READS; i++) {
            sink += reader.apply(body).hashCode();
        }
        double micros = (System.nanoTime() - started) / 1e3 / READS;
        return sink == 42 ? micros + 1e-9 : micros; // the sum is used, so no read is left out
    }

    private static double megabytesKept(int bodies, int keyLength, String salt, Function<byte[], Object> reader) {
        return RetainedHeap.bytesKeptBy(() -> {
                    for (int body = 0; body < bodies; body++) {
                        String members = DistinctKeys.of(salt + "-" + body, 7, keyLength).stream()
                                .map(key -> "\"" + key + "\":1")
                                .collect(Collectors.joining(","));
                        reader.apply(
                                ("{\"name\":\"x\",\"attributes\":{" + members + "}}").getBytes(StandardCharsets.UTF_8));
                    }
                })
                / 1e6;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
