package dev.groundwork.dynamodb.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.groundwork.dynamodb.model.AttributeValue;
import dev.groundwork.dynamodb.model.Bytes;
import java.math.BigDecimal;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The first 24 bits of each partition's place in the hash space, as dynalite's {@code hashPrefix} gives them for the
 * same values (dynalite 4.0.0, whose parallel-scan cases were recorded against DynamoDB).
 */
class PartitionHashTest {

    @ParameterizedTest
    @CsvSource({
        "0, ce212d",
        "1, c3a031",
        "-1, 0267df",
        "123.45, 570d78",
        "-0.001, e0a1b7",
        "1e30, b5048b",
        "100, 6840bd",
        "-98765432109876543210, 308e97"
    })
    void placesANumberWhereDynamoDbPlacesIt(String number, String prefix) {
        assertThat(prefixOf(new AttributeValue.N(new BigDecimal(number)))).isEqualTo(prefix);
    }

    @ParameterizedTest
    @CsvSource({"a, f6558e", "item-1, 1ecd15", "日本, b4d37b"})
    void placesAStringWhereDynamoDbPlacesIt(String text, String prefix) {
        assertThat(prefixOf(new AttributeValue.S(text))).isEqualTo(prefix);
    }

    @ParameterizedTest
    @CsvSource({"AAE=, 3f284e", "/w==, 3c3403"})
    void placesABinaryWhereDynamoDbPlacesIt(String base64, String prefix) {
        assertThat(prefixOf(new AttributeValue.B(Bytes.fromBase64(base64)))).isEqualTo(prefix);
    }

    private static String prefixOf(AttributeValue hash) {
        int unsigned = PartitionHash.token(hash) ^ Integer.MIN_VALUE;
        return String.format("%06x", unsigned >>> 8);
    }
}
