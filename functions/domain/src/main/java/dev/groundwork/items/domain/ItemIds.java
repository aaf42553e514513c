package dev.groundwork.items.domain;

import java.util.random.RandomGenerator;

/** Where new item ids come from; injected so that tests can choose them. */
@FunctionalInterface
public interface ItemIds {
    ItemId next();

    /**
     * Forgets any state kept between ids and draws from {@code fresh} from now on: called after each restore of a
     * SnapStart snapshot, so that environments restored from one snapshot never make the same id. Ids that keep no
     * state (a test's) have nothing to forget.
     */
    default void reseed(RandomGenerator fresh) {}
}
