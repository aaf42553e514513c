package dev.groundwork.dynamodb.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import dev.groundwork.dynamodb.DataDirectoryInUseException;
import dev.groundwork.dynamodb.model.AttributeValue;
import dev.groundwork.dynamodb.model.AttributeValues;
import dev.groundwork.dynamodb.model.Json;
import dev.groundwork.dynamodb.storage.Database;
import dev.groundwork.dynamodb.storage.Journal;
import dev.groundwork.dynamodb.storage.StorageKey;
import dev.groundwork.dynamodb.storage.StoredItem;
import dev.groundwork.dynamodb.storage.Table;
import dev.groundwork.dynamodb.storage.TableDescription;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.lang.System.Logger.Level;
import java.nio.channels.Channels;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Keeps a database in a directory: {@code snapshot.jsonl} (every table and item at the last stop) and
 * {@code journal.jsonl} (every change since, one JSON line each, appended in commit order). The journal is written to
 * the file system and forced to disk every second, so a crash loses at most the last second of changes; a clean stop
 * writes a new snapshot and empties the journal. Stream records are not kept: a restored table with a stream starts
 * a new one, as re-enabling a stream does on AWS.
 */
public final class Persistence implements Journal, AutoCloseable {
    private static final String SNAPSHOT = "snapshot.jsonl";
    private static final String JOURNAL = "journal.jsonl";
    private static final String LOCK = "lock";

    private final Path directory;
    private final Database database;
    private final Object lock = new Object();
    private final ScheduledExecutorService flusher;
    private FileChannel channel;
    private Writer writer;
    /** Held while this server owns the directory; see {@link #lockDirectory}. */
    private FileChannel lockFile;

    private Persistence(Path directory, Database database) {
        this.directory = directory;
        this.database = database;
        this.flusher = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "groundwork-dynamodb-journal");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Loads what the directory holds into {@code database}, then journals every later change there. */
    public static Persistence open(Path directory, Database database) {
        Persistence persistence = new Persistence(directory, database);
        try {
            Files.createDirectories(directory);
            persistence.lockDirectory();
            persistence.load();
        } catch (IOException | RuntimeException e) {
            persistence.release();
            if (e instanceof RuntimeException runtime) throw runtime;
            throw new UncheckedIOException("Cannot read the data directory " + directory, (IOException) e);
        }
        persistence.snapshot();
        database.journal(persistence);
        persistence.flusher.scheduleWithFixedDelay(persistence::flush, 1, 1, TimeUnit.SECONDS);
        return persistence;
    }

    /**
     * One server per data directory, across processes and within one: a second server would load the directory, write
     * a snapshot over it and delete the journal the first one is appending to. The lock is the operating system's, so
     * a server that crashed leaves none behind.
     */
    private void lockDirectory() throws IOException {
        lockFile = FileChannel.open(directory.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = lockFile.tryLock();
        } catch (OverlappingFileLockException heldInThisJvm) {
            lock = null;
        }
        if (lock == null) {
            throw new DataDirectoryInUseException(directory);
        }
    }

    /** Lets the directory go without writing to it: for an open that failed, or a server that never served. */
    public void release() {
        flusher.shutdownNow();
        synchronized (lock) {
            try {
                if (writer != null) writer.close();
            } catch (IOException e) {
                log().log(Level.WARNING, "Cannot close the journal in " + directory, e);
            }
            writer = null;
        }
        if (lockFile != null) {
            try {
                lockFile.close(); // releases the lock
            } catch (IOException e) {
                log().log(Level.WARNING, "Cannot release the data directory " + directory, e);
            }
            lockFile = null;
        }
    }

    private void load() throws IOException {
        TableOperations tables = new TableOperations(database);
        Map<String, String> streamViews = new LinkedHashMap<>();
        for (String file : List.of(SNAPSHOT, JOURNAL)) {
            Path path = directory.resolve(file);
            if (!Files.exists(path)) continue;
            try (BufferedReader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
                String line;
                while ((line = reader.readLine()) != null) {
                    if (line.isBlank()) continue;
                    JsonNode record;
                    try {
                        record = Json.parse(line.getBytes(StandardCharsets.UTF_8));
                    } catch (IOException torn) {
                        log().log(Level.WARNING, "Ignoring a torn last line of {0}", path);
                        break;
                    }
                    replay(tables, record, streamViews);
                }
            }
        }
        streamViews.forEach((tableName, viewType) -> {
            Table table = database.tableOrNull(tableName);
            if (table != null) tables.resumeStream(table, viewType);
        });
    }

    private void replay(TableOperations tables, JsonNode record, Map<String, String> streamViews) {
        switch (record.path("t").asText()) {
            case "table" -> {
                JsonNode definition = record.get("def");
                String name = definition.path("TableName").asText();
                Table previous = database.tableOrNull(name);
                if (previous != null) database.remove(previous);
                Table table = tables.restore(definition);
                if (previous != null) {
                    previous.itemsInKeyOrder()
                            .forEach((key, stored) -> table.commit(key, null, null, stored.decode(), null, false));
                }
                JsonNode stream = definition.get("StreamSpecification");
                if (stream != null)
                    streamViews.put(name, stream.path("StreamViewType").asText());
                else streamViews.remove(name);
            }
            case "drop" -> {
                Table table = database.tableOrNull(record.path("name").asText());
                if (table != null) database.remove(table);
                streamViews.remove(record.path("name").asText());
            }
            case "put" -> {
                Table table = database.tableOrNull(record.path("table").asText());
                if (table == null) return;
                Map<String, AttributeValue> item = AttributeValues.itemFromJson(record.get("item"));
                StorageKey key = table.keys.storageKey(item);
                StoredItem old = table.get(key);
                table.commit(key, old, old == null ? null : old.decode(), item, null, false);
            }
            case "del" -> {
                Table table = database.tableOrNull(record.path("table").asText());
                if (table == null) return;
                Map<String, AttributeValue> keyAttributes = AttributeValues.itemFromJson(record.get("key"));
                StorageKey key = table.keys.storageKey(keyAttributes);
                StoredItem old = table.get(key);
                if (old != null) table.commit(key, old, old.decode(), null, null, false);
            }
            default ->
                log().log(
                                Level.WARNING,
                                "Ignoring an unknown journal record {0}",
                                record.path("t").asText());
        }
    }

    @Override
    public void tableDefined(TableDescription table) {
        append("{\"t\":\"table\",\"def\":" + Json.write(TableJson.definition(table)) + "}\n");
    }

    @Override
    public void tableDeleted(String tableName) {
        append("{\"t\":\"drop\",\"name\":\"" + tableName + "\"}\n");
    }

    @Override
    public void itemWritten(String tableName, String itemJsonOrNull, String deletedKeyJsonOrNull) {
        // Table names are [a-zA-Z0-9_.-]+ and item texts are JSON already: no escaping needed.
        if (itemJsonOrNull != null)
            append("{\"t\":\"put\",\"table\":\"" + tableName + "\",\"item\":" + itemJsonOrNull + "}\n");
        else append("{\"t\":\"del\",\"table\":\"" + tableName + "\",\"key\":" + deletedKeyJsonOrNull + "}\n");
    }

    private void append(String line) {
        synchronized (lock) {
            try {
                if (writer == null) openJournal();
                writer.write(line);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot write the journal in " + directory, e);
            }
        }
    }

    private void openJournal() throws IOException {
        channel = FileChannel.open(
                directory.resolve(JOURNAL),
                StandardOpenOption.CREATE,
                StandardOpenOption.WRITE,
                StandardOpenOption.APPEND);
        writer = new BufferedWriter(Channels.newWriter(channel, StandardCharsets.UTF_8), 1 << 16);
    }

    /** Hands buffered journal lines to the file system and forces them to disk. */
    public void flush() {
        FileChannel written;
        synchronized (lock) {
            if (writer == null) return;
            try {
                writer.flush();
            } catch (IOException e) {
                log().log(Level.ERROR, "Cannot flush the journal", e);
                return;
            }
            written = channel;
        }
        // Forced outside the lock: writes go on appending meanwhile. They are answered on the server's event loop,
        // which
        // would otherwise wait for the disk, and with it every connection.
        try {
            written.force(false);
        } catch (ClosedChannelException supersededBySnapshot) {
            // a snapshot closed the journal after forcing everything it held
        } catch (IOException e) {
            log().log(Level.ERROR, "Cannot flush the journal", e);
        }
    }

    /** Writes every table and item to a new snapshot, then empties the journal. */
    public void snapshot() {
        synchronized (lock) {
            try {
                Path temporary = directory.resolve(SNAPSHOT + ".tmp");
                try (Writer out = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
                    List<Table> tables = new ArrayList<>(database.tables());
                    for (Table table : tables) {
                        out.write("{\"t\":\"table\",\"def\":" + Json.write(TableJson.definition(table.description()))
                                + "}\n");
                        for (StoredItem item : table.itemsInKeyOrder().values()) {
                            out.write("{\"t\":\"put\",\"table\":\"" + table.name + "\",\"item\":" + item.json + "}\n");
                        }
                    }
                }
                try (FileChannel file = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                    file.force(true);
                }
                Files.move(
                        temporary,
                        directory.resolve(SNAPSHOT),
                        StandardCopyOption.REPLACE_EXISTING,
                        StandardCopyOption.ATOMIC_MOVE);
                if (writer != null) {
                    writer.close();
                    writer = null;
                }
                Files.deleteIfExists(directory.resolve(JOURNAL));
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot write a snapshot in " + directory, e);
            }
        }
    }

    @Override
    public void close() {
        flusher.shutdownNow();
        try {
            snapshot();
        } finally {
            release();
        }
    }

    /** Looked up on first use: the JDK's logging backend costs start time, and only failures are logged. */
    private static System.Logger log() {
        return System.getLogger(Persistence.class.getName());
    }
}
