package dev.groundwork.dynamodb.storage;

import dev.groundwork.dynamodb.model.DynamoDbException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** All tables and streams of one server, the clock they live by and the journal their changes go to. */
public final class Database {
    /** The account every table belongs to, as its ARN says. */
    public static final String ACCOUNT = "000000000000";

    private final Clock clock;
    private final String region;
    private final Duration tableCreation;
    private final Map<String, Table> tables = new ConcurrentHashMap<>();
    private final Map<String, StreamLog> streams = new ConcurrentHashMap<>();
    private final AtomicLong sequence = new AtomicLong(100_000_000_000_000_000L);
    private volatile Journal journal = Journal.NONE;

    public Database(Clock clock, String region) {
        this(clock, region, Duration.ZERO);
    }

    /**
     * {@code tableCreation}: how long a new table stays CREATING, during which DescribeTable says so and its items
     * cannot be read or written (ResourceNotFoundException), as on DynamoDB; zero makes every table ACTIVE at once.
     */
    public Database(Clock clock, String region, Duration tableCreation) {
        this.clock = clock;
        this.region = region;
        this.tableCreation = tableCreation;
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

    /** How long a new table stays CREATING; zero by default. */
    public Duration tableCreation() {
        return tableCreation;
    }

    /** A table whose items can be read and written: DynamoDB answers a CREATING one as if it did not exist. */
    public Table table(String name) {
        Table table = tables.get(name);
        if (table == null || table.creating(clock))
            throw DynamoDbException.resourceNotFound("Requested resource not found");
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
