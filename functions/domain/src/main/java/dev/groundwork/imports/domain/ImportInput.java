package dev.groundwork.imports.domain;

import dev.groundwork.kernel.FieldError;
import java.util.Map;

/** One line of an import file as read from the request: a JSON object, or text that was none. */
public sealed interface ImportInput permits ImportInput.Document, ImportInput.Unreadable {
    int line();

    /** @param document the object as plain Java values (see the items domain's JsonValues) */
    record Document(int line, Map<String, Object> document) implements ImportInput {}

    /**
     * @param error why the text is no document: of the line as a whole (field {@code ""}), or of the field the parser
     *     stopped at (a key given twice, a key that is no text), named as a document's errors are
     */
    record Unreadable(int line, FieldError error) implements ImportInput {
        /** Text that is no document as a whole. */
        public Unreadable(int line, String reason) {
            this(line, new FieldError("", reason));
        }
    }
}
