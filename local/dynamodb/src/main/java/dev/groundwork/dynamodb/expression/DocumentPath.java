package dev.groundwork.dynamodb.expression;

import dev.groundwork.dynamodb.model.AttributeValue;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** A document path such as {@code a.b[3].c}: a top-level name followed by map keys and list indexes. */
record DocumentPath(List<Element> elements) {
    sealed interface Element permits Key, Index {}

    record Key(String name) implements Element {}

    record Index(int index) implements Element {}

    DocumentPath {
        elements = List.copyOf(elements);
        if (elements.isEmpty() || !(elements.getFirst() instanceof Key)) {
            throw new IllegalArgumentException("A document path starts with a name: " + elements);
        }
    }

    String topLevelName() {
        return ((Key) elements.getFirst()).name();
    }

    int length() {
        return elements.size();
    }

    Element last() {
        return elements.getLast();
    }

    /** The value at this path, if every step exists and has the right type. */
    Optional<AttributeValue> find(Map<String, AttributeValue> item) {
        AttributeValue current = item.get(topLevelName());
        for (Element element : elements.subList(1, elements.size())) {
            if (current == null) return Optional.empty();
            current = step(current, element);
        }
        return Optional.ofNullable(current);
    }

    private static AttributeValue step(AttributeValue value, Element element) {
        return switch (element) {
            case Key key
            when value instanceof AttributeValue.M map -> map.values().get(key.name());
            case Index index
            when value instanceof AttributeValue.L list ->
                index.index() < list.values().size() ? list.values().get(index.index()) : null;
            default -> null;
        };
    }

    /** AWS's rendering in error messages: {@code [a, b, [3]]}. */
    @Override
    public String toString() {
        return elements.stream()
                .map(element -> switch (element) {
                    case Key key -> key.name();
                    case Index index -> "[" + index.index() + "]";
                })
                .collect(Collectors.joining(", ", "[", "]"));
    }
}
