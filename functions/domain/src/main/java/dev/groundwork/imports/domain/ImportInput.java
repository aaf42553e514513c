package dev.groundwork.imports.domain;

import java.util.Map;

/** One line of an import file as read from the request: a JSON object, or text that was none. */
public sealed interface ImportInput permits ImportInput.Document, ImportInput.Unreadable {
    int line();

    /** @param document the object as plain Java values (see the items domain's JsonValues) */
    record Document(int line, Map<String, Object> document) implements ImportInput {}

    record Unreadable(int line, String reason) implements ImportInput {}
}
