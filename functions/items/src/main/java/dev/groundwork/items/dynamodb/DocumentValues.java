package dev.groundwork.items.dynamodb;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Plain Java JSON values (see the domain's JsonValues) to DynamoDB document types and back, losslessly. */
final class DocumentValues {
    private DocumentValues() {}

    static AttributeValue toAttribute(Object value) {
        return switch (value) {
            case null -> AttributeValue.fromNul(true);
            case String text -> AttributeValue.fromS(text);
            case Boolean flag -> AttributeValue.fromBool(flag);
            case BigDecimal number -> AttributeValue.fromN(number.toString());
            case Map<?, ?> map -> {
                Map<String, AttributeValue> attributes = new LinkedHashMap<>();
                map.forEach((key, element) -> attributes.put((String) key, toAttribute(element)));
                yield AttributeValue.fromM(attributes);
            }
            case List<?> list ->
                AttributeValue.fromL(
                        list.stream().map(DocumentValues::toAttribute).toList());
            default ->
                throw new IllegalArgumentException(
                        "not a JSON value: " + value.getClass().getName());
        };
    }

    static Object fromAttribute(AttributeValue attribute) {
        return switch (attribute.type()) {
            case NUL -> null;
            case S -> attribute.s();
            case BOOL -> attribute.bool();
            case N -> new BigDecimal(attribute.n());
            case M -> {
                Map<String, Object> map = new LinkedHashMap<>();
                attribute.m().forEach((key, element) -> map.put(key, fromAttribute(element)));
                yield map;
            }
            case L -> {
                List<Object> list = new ArrayList<>();
                attribute.l().forEach(element -> list.add(fromAttribute(element)));
                yield list;
            }
            default -> throw new IllegalStateException("an item attribute of unexpected type " + attribute.type());
        };
    }
}
