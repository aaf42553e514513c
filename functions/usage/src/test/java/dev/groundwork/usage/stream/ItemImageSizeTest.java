package dev.groundwork.usage.stream;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ItemImageSizeTest {
    @Test
    void countsNamesAndStringsInUtf8() {
        assertThat(ItemImageSize.of(Map.of("name", new AttributeValue().withS("Zürich"))))
                .isEqualTo(4 + 7);
    }

    @Test
    void countsNumbersBySignificantDigits() {
        // 12345 has 5 significant digits: (5 + 1) / 2 + 1 = 4 bytes.
        assertThat(ItemImageSize.of(Map.of("n", new AttributeValue().withN("12345"))))
                .isEqualTo(1 + 4);
        assertThat(ItemImageSize.of(Map.of("n", new AttributeValue().withN("1200"))))
                .isEqualTo(1 + 2);
    }

    @Test
    void countsDocumentsWithTheirOverhead() {
        AttributeValue map = new AttributeValue().withM(Map.of("a", new AttributeValue().withBOOL(true)));
        AttributeValue list = new AttributeValue().withL(List.of(new AttributeValue().withS("xy")));
        assertThat(ItemImageSize.of(Map.of("m", map))).isEqualTo(1 + 3 + 1 + 1 + 1);
        assertThat(ItemImageSize.of(Map.of("l", list))).isEqualTo(1 + 3 + 1 + 2);
    }

    @Test
    void isZeroWithoutAnImage() {
        assertThat(ItemImageSize.of(null)).isZero();
    }
}
