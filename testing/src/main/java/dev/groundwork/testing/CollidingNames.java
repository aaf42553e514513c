package dev.groundwork.testing;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Member names that all land in one slot of the name table a Jackson factory keeps for its parsers: 40 bytes that
 * share their first 12, then the same seven 4-byte blocks in another order. Jackson hashes a name longer than 12 bytes
 * by adding up those blocks, so the order does not change the slot, whatever the table's seed.
 */
public final class CollidingNames {
    private CollidingNames() {}

    /** "abcdefghijkl" and the seven blocks AAAA...GGGG in each of their 5,040 orders. */
    public static List<String> all() {
        List<String> names = new ArrayList<>();
        permute(new ArrayList<>(List.of("AAAA", "BBBB", "CCCC", "DDDD", "EEEE", "FFFF", "GGGG")), 0, names);
        return List.copyOf(names);
    }

    private static void permute(List<String> blocks, int from, List<String> into) {
        if (from == blocks.size()) {
            into.add("abcdefghijkl" + String.join("", blocks));
            return;
        }
        for (int at = from; at < blocks.size(); at++) {
            Collections.swap(blocks, from, at);
            permute(blocks, from + 1, into);
            Collections.swap(blocks, from, at);
        }
    }
}
