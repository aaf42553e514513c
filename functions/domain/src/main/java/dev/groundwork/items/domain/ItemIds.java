package dev.groundwork.items.domain;

/** Where new item ids come from; injected so that tests can choose them. */
@FunctionalInterface
public interface ItemIds {
    ItemId next();
}
