package dev.groundwork.dynamodb.expression;

import dev.groundwork.dynamodb.model.AttributeValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A parsed ProjectionExpression. The result keeps the item's structure: {@code a.b, a.c[1]} gives
 * {@code {a: {b: .., c: [..]}}}, list elements in index order, and paths that do not exist are left out.
 */
final class ProjectionExpression implements Projection {
    private final List<DocumentPath> paths;
    private final List<String> topLevelNames;

    ProjectionExpression(List<DocumentPath> paths) {
        this.paths = List.copyOf(paths);
        this.topLevelNames = List.copyOf(new LinkedHashSet<>(
                paths.stream().map(DocumentPath::topLevelName).toList()));
    }

    @Override
    public List<String> topLevelNames() {
        return topLevelNames;
    }

    @Override
    public Map<String, AttributeValue> apply(Map<String, AttributeValue> item) {
        Map<Object, Object> projected = new LinkedHashMap<>();
        for (DocumentPath path : paths) {
            AttributeValue top = item.get(path.topLevelName());
            if (top != null) copy(top, path.elements(), 1, projected, path.topLevelName());
        }
        Map<String, AttributeValue> result = new LinkedHashMap<>();
        projected.forEach((name, node) -> result.put((String) name, freeze(node)));
        return result;
    }

    /**
     * Copies {@code value}, found at {@code elements[0..step)}, into {@code parent[slot]}, descending the rest of the
     * path; nothing is copied when a step does not exist. Partial results are LinkedHashMaps (for M) and TreeMaps of
     * index to node (for L) until {@link #freeze}.
     */
    @SuppressWarnings("unchecked")
    private static boolean copy(
            AttributeValue value,
            List<DocumentPath.Element> elements,
            int step,
            Map<Object, Object> parent,
            Object slot) {
        if (step == elements.size()) {
            parent.put(slot, value);
            return true;
        }
        DocumentPath.Element element = elements.get(step);
        Object child;
        Object key;
        AttributeValue next;
        switch (element) {
            case DocumentPath.Key k
            when value instanceof AttributeValue.M map && map.values().containsKey(k.name()) -> {
                next = map.values().get(k.name());
                key = k.name();
                child = parent.computeIfAbsent(slot, ignored -> new LinkedHashMap<>());
            }
            case DocumentPath.Index i
            when value instanceof AttributeValue.L list
                    && i.index() < list.values().size() -> {
                next = list.values().get(i.index());
                key = i.index();
                child = parent.computeIfAbsent(slot, ignored -> new TreeMap<>());
            }
            default -> {
                return false;
            }
        }
        boolean copied = copy(next, elements, step + 1, (Map<Object, Object>) child, key);
        if (!copied && ((Map<Object, Object>) child).isEmpty()) parent.remove(slot);
        return copied;
    }

    private static AttributeValue freeze(Object node) {
        return switch (node) {
            case AttributeValue value -> value;
            case TreeMap<?, ?> list -> {
                List<AttributeValue> values = new ArrayList<>();
                list.values().forEach(element -> values.add(freeze(element)));
                yield new AttributeValue.L(values);
            }
            case Map<?, ?> map -> {
                Map<String, AttributeValue> values = new LinkedHashMap<>();
                map.forEach((name, element) -> values.put((String) name, freeze(element)));
                yield new AttributeValue.M(values);
            }
            default -> throw new IllegalStateException("Unexpected projection node " + node);
        };
    }
}
