package dev.groundwork.dynamodb.storage;

import dev.groundwork.dynamodb.model.DynamoDbException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** All tables and streams of one server, the clock they live by and the journal their changes go to. */
public final class Database {
    static final String ACCOUNT = "000000000000";

    private final Clock clock;
    private final String region;
    private final Map<String, Table> tables = new ConcurrentHashMap<>();
    private final Map<String, StreamLog> streams = new ConcurrentHashMap<>();
    private final AtomicLong sequence = new AtomicLong(100_000_000_000_000_000L);
    private volatile Journal journal = Journal.NONE;

    public Database(Clock clock, String region) {
        this.clock = clock;
        this.region = region;
    }

    public Clock clock() {
        return clock;
    }

    public String region() {
        return region;
    }

    public Journal journal() {
        return journal;
    }

    public void journal(Journal journal) {
        this.journal = journal;
    }

    long nextSequence() {
        return sequence.incrementAndGet();
    }

    public long currentSequence() {
        return sequence.get();
    }

    public String tableArn(String tableName) {
        return "arn:aws:dynamodb:" + region + ":" + ACCOUNT + ":table/" + tableName;
    }

    /** The table, or AWS's ResourceNotFoundException. */
    public Table table(String name) {
        Table table = tables.get(name);
        if (table == null) throw DynamoDbException.resourceNotFound("Requested resource not found");
        return table;
    }

    public Table tableOrNull(String name) {
        return tables.get(name);
    }

    public Collection<Table> tables() {
        return tables.values();
    }

    /** Adds a table; false when one of that name exists. */
    public boolean add(Table table) {
        return tables.putIfAbsent(table.name, table) == null;
    }

    public void remove(Table table) {
        tables.remove(table.name, table);
    }

    public void addStream(StreamLog log) {
        streams.put(log.arn, log);
    }

    public StreamLog stream(String arn) {
        StreamLog log = streams.get(arn);
        if (log == null)
            throw DynamoDbException.resourceNotFound("Requested resource not found: Stream: " + arn + " not found");
        return log;
    }

    public List<StreamLog> streams() {
        List<StreamLog> all = new ArrayList<>(streams.values());
        all.sort((a, b) -> a.arn.compareTo(b.arn));
        return all;
    }
}
