package dev.groundwork.dynamodb.storage;

/** Where committed changes go to survive a restart. In memory there is nowhere: {@link #NONE}. */
public interface Journal {
    Journal NONE = new Journal() {
        @Override
        public void tableDefined(TableDescription table) {}

        @Override
        public void tableDeleted(String tableName) {}

        @Override
        public void itemWritten(String tableName, String itemJsonOrNull, String deletedKeyJsonOrNull) {}
    };

    /** A table was created or its settings changed. */
    void tableDefined(TableDescription table);

    void tableDeleted(String tableName);

    /** An item was put (its whole text) or deleted (its key's text). Called in commit order under the table's lock. */
    void itemWritten(String tableName, String itemJsonOrNull, String deletedKeyJsonOrNull);
}
