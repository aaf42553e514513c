package dev.groundwork.local.fuzz;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Violations counted by kind (which rule broke), with the first example of each on each operation, and how often each
 * request label led to it.
 */
final class Findings {

    static final class Kind {
        final String name;
        int count;
        final Map<String, String> firstExamples = new LinkedHashMap<>();
        final Map<String, Integer> labels = new TreeMap<>();

        Kind(String name) {
            this.name = name;
        }
    }

    private final Map<String, Kind> kinds = new LinkedHashMap<>();

    void add(String kind, String where, String label, String example) {
        Kind found = kinds.computeIfAbsent(kind, Kind::new);
        found.count++;
        found.firstExamples.putIfAbsent(where, example);
        found.labels.merge(label, 1, Integer::sum);
    }

    int total() {
        return kinds.values().stream().mapToInt(kind -> kind.count).sum();
    }

    List<Kind> kinds() {
        return List.copyOf(kinds.values());
    }

    boolean isEmpty() {
        return kinds.isEmpty();
    }
}
