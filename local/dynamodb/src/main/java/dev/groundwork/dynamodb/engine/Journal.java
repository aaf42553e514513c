package dev.groundwork.dynamodb.engine;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Where committed changes go to survive a restart. In memory there is nowhere: {@link #NONE}. */
interface Journal {
    Journal NONE = new Journal() {
        @Override
        public void tableDefined(ObjectNode definition) {}

        @Override
        public void tableDeleted(String tableName) {}

        @Override
        public void itemWritten(String tableName, String itemJsonOrNull, String deletedKeyJsonOrNull) {}
    };

    /** A table was created or its settings changed; {@code definition} is {@link Table#definitionJson()}. */
    void tableDefined(ObjectNode definition);

    void tableDeleted(String tableName);

    /** An item was put (its whole text) or deleted (its key's text). Called in commit order under the table's lock. */
    void itemWritten(String tableName, String itemJsonOrNull, String deletedKeyJsonOrNull);
}
