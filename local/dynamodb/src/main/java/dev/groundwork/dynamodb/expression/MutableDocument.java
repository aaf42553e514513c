package dev.groundwork.dynamodb.expression;

import dev.groundwork.dynamodb.model.AttributeValue;
import dev.groundwork.dynamodb.model.DynamoDbException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A working copy of an item for applying update actions. Maps and lists are opened into Java collections only where
 * an action descends into them. Every index of one update expression refers to the list as it was before the update:
 * removed elements leave a tombstone, and elements set past the end wait, until {@link #toItem()}, to be appended in
 * index order (as the DynamoDB documentation specifies for SET on list elements).
 */
final class MutableDocument {
    private static final Object REMOVED = new Object();

    /** An opened list: its elements by original index, and the elements set past its end, by index. */
    private static final class OpenList extends ArrayList<Object> {
        final TreeMap<Integer, Object> appended = new TreeMap<>();

        OpenList(List<AttributeValue> values) {
            super(values);
        }
    }

    private final Map<String, Object> root;
    private final boolean itemExists;

    MutableDocument(Map<String, AttributeValue> item) {
        this.root = new LinkedHashMap<>(item);
        this.itemExists = !item.isEmpty();
    }

    /** The current value at a path, or null when it (or a step to it) does not exist. */
    AttributeValue get(DocumentPath path) {
        Object parent = container(parentSteps(path));
        if (parent == null) throw DynamoDbException.validation(UpdateExpression.INVALID_PATH);
        Object value = child(parent, path.last());
        return value == null || value == REMOVED ? null : freeze(value);
    }

    /** Sets a value; an index past the end of a list appends. The parent must exist and be of the right type. */
    @SuppressWarnings("unchecked")
    void put(DocumentPath path, AttributeValue value) {
        Object parent = requireParent(path);
        switch (path.last()) {
            case DocumentPath.Key key -> ((Map<String, Object>) parent).put(key.name(), value);
            case DocumentPath.Index index -> {
                OpenList list = (OpenList) parent;
                if (index.index() < list.size()) list.set(index.index(), value);
                else list.appended.put(index.index(), value);
            }
        }
    }

    /**
     * Removes a value; removing what does not exist changes nothing. A path through a missing or wrongly typed parent
     * is an error, except in an item that does not exist yet, where DynamoDB ignores it.
     */
    @SuppressWarnings("unchecked")
    void remove(DocumentPath path) {
        if (!itemExists && container(parentSteps(path)) == null) return;
        Object parent = requireParent(path);
        switch (path.last()) {
            case DocumentPath.Key key -> ((Map<String, Object>) parent).remove(key.name());
            case DocumentPath.Index index -> {
                List<Object> list = (List<Object>) parent;
                if (index.index() < list.size()) list.set(index.index(), REMOVED);
            }
        }
    }

    Map<String, AttributeValue> toItem() {
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        root.forEach((name, value) -> item.put(name, freeze(value)));
        return item;
    }

    private Object requireParent(DocumentPath path) {
        Object parent = container(parentSteps(path));
        boolean fits = switch (path.last()) {
            case DocumentPath.Key ignored -> parent instanceof Map;
            case DocumentPath.Index ignored -> parent instanceof List;
        };
        if (!fits) throw DynamoDbException.validation(UpdateExpression.INVALID_PATH);
        return parent;
    }

    private static List<DocumentPath.Element> parentSteps(DocumentPath path) {
        return path.elements().subList(0, path.length() - 1);
    }

    /** The opened map or list the steps lead to, or null when they do not lead to a map or list. */
    private Object container(List<DocumentPath.Element> steps) {
        Object current = root;
        for (DocumentPath.Element element : steps) {
            Object holder = current;
            current = child(current, element);
            if (current == null || current == REMOVED) return null;
            Object opened = open(current);
            if (opened != current) {
                replace(holder, element, opened);
                current = opened;
            }
        }
        return current instanceof Map || current instanceof List ? current : null;
    }

    private static Object child(Object container, DocumentPath.Element element) {
        return switch (element) {
            case DocumentPath.Key key when container instanceof Map<?, ?> map -> map.get(key.name());
            case DocumentPath.Index index
            when container instanceof List<?> list -> index.index() < list.size() ? list.get(index.index()) : null;
            default -> null;
        };
    }

    @SuppressWarnings("unchecked")
    private static void replace(Object container, DocumentPath.Element element, Object value) {
        switch (element) {
            case DocumentPath.Key key -> ((Map<String, Object>) container).put(key.name(), value);
            case DocumentPath.Index index -> ((List<Object>) container).set(index.index(), value);
        }
    }

    private static Object open(Object value) {
        return switch (value) {
            case AttributeValue.M map -> new LinkedHashMap<String, Object>(map.values());
            case AttributeValue.L list -> new OpenList(list.values());
            default -> value;
        };
    }

    private static AttributeValue freeze(Object value) {
        return switch (value) {
            case AttributeValue attributeValue -> attributeValue;
            case Map<?, ?> map -> {
                Map<String, AttributeValue> values = new LinkedHashMap<>();
                map.forEach((name, element) -> values.put((String) name, freeze(element)));
                yield new AttributeValue.M(values);
            }
            case OpenList list -> {
                List<AttributeValue> values = new ArrayList<>();
                for (Object element : list) if (element != REMOVED) values.add(freeze(element));
                list.appended.values().forEach(element -> values.add(freeze(element)));
                yield new AttributeValue.L(values);
            }
            default -> throw new IllegalStateException("Unexpected document node " + value);
        };
    }
}
