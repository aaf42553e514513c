package dev.groundwork.dynamodb;

import dev.groundwork.dynamodb.http.ApiServer;
import dev.groundwork.dynamodb.iam.AccessControl;
import dev.groundwork.dynamodb.protocol.Dispatcher;
import dev.groundwork.dynamodb.protocol.Persistence;
import dev.groundwork.dynamodb.storage.Database;
import dev.groundwork.dynamodb.storage.TtlSweeper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;

/**
 * Groundwork's embedded DynamoDB: a DynamoDB-compatible server (AWS JSON 1.0, DynamoDB and DynamoDB Streams) in this
 * JVM, on 127.0.0.1. Point an AWS SDK client at {@link #endpoint()}.
 *
 * <pre>{@code
 * try (EmbeddedDynamoDb db = EmbeddedDynamoDb.start()) {
 *   DynamoDbClient client = DynamoDbClient.builder().endpointOverride(db.endpoint()) ... .build();
 * }
 * }</pre>
 */
public final class EmbeddedDynamoDb implements AutoCloseable {
    private final Database database;
    private final ApiServer api;
    private final TtlSweeper sweeper;
    private final Persistence persistence;
    private final Faults faults = new Faults();
    private final String host;
    private int port;
    private boolean serving;
    private boolean closed;

    private EmbeddedDynamoDb(Builder builder) {
        this.host = builder.host;
        this.database = new Database(builder.clock, builder.region, builder.tableCreation);
        Dispatcher dispatcher = new Dispatcher(database);
        this.persistence = builder.dataDirectory == null ? null : Persistence.open(builder.dataDirectory, database);
        this.api = new ApiServer(
                dispatcher,
                faults::current,
                faults::losesAnswerOf,
                host,
                builder.region,
                builder.accessControl,
                builder.clock,
                builder.refusesBrowsers);
        this.sweeper = new TtlSweeper(database, builder.ttlSweepInterval);
        this.port = builder.port;
    }

    /** An in-memory server on a free port. */
    public static EmbeddedDynamoDb start() {
        return builder().start();
    }

    public static Builder builder() {
        return new Builder();
    }

    public URI endpoint() {
        return URI.create("http://" + host + ":" + port);
    }

    public int port() {
        return port;
    }

    public Faults faults() {
        return faults;
    }

    /**
     * Deletes the items whose TTL has passed now, as the background sweeper does every {@code ttlSweepInterval}; for
     * tests that move a clock. Returns how many were deleted.
     */
    public int sweepExpiredItems() {
        return sweeper.sweepOnce();
    }

    /** Stops serving (connections are refused) and, with a data directory, writes a snapshot. Data stays. */
    public synchronized void stop() {
        if (!serving) return;
        api.stop();
        serving = false;
        if (persistence != null) persistence.snapshot();
    }

    /** Serves the same data on the same port again. */
    public synchronized void restart() {
        if (closed) throw new IllegalStateException("closed");
        if (serving) return;
        serve();
    }

    @Override
    public synchronized void close() {
        if (closed) return;
        stop();
        sweeper.close();
        if (persistence != null) persistence.close();
        closed = true;
    }

    /**
     * Lets go of what a server that never served opened, writing nothing more: the data directory's lock, its journal
     * and flusher thread.
     */
    private synchronized void abandon() {
        closed = true;
        sweeper.close();
        if (persistence != null) persistence.release();
    }

    private void serve() {
        try {
            port = api.start(port);
            serving = true;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot listen on " + host + ":" + port, e);
        }
    }

    /**
     * {@code java -jar groundwork-dynamodb.jar [--port 8000] [--data-dir DIR] [--host 127.0.0.1] [--region us-east-1]
     * [--table-creation-delay-ms 0]}
     */
    public static void main(String[] args) throws InterruptedException {
        Builder builder = builder().port(8000);
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if (option.equals("--help") || option.equals("-h")) {
                System.out.println(
                        "Usage: java -jar groundwork-dynamodb.jar [--port 8000] [--data-dir DIR] [--host 127.0.0.1] [--region us-east-1]"
                                + " [--table-creation-delay-ms 0]");
                return;
            }
            if (i + 1 >= args.length) throw new IllegalArgumentException("Missing value after " + option);
            String value = args[++i];
            switch (option) {
                case "--port" -> builder.port(Integer.parseInt(value));
                case "--data-dir" -> builder.dataDirectory(Path.of(value));
                case "--host" -> builder.host(value);
                case "--region" -> builder.region(value);
                case "--table-creation-delay-ms" ->
                    builder.tableCreationDelay(Duration.ofMillis(Long.parseLong(value)));
                default -> throw new IllegalArgumentException("Unknown option " + option + " (try --help)");
            }
        }
        EmbeddedDynamoDb db = builder.start();
        CountDownLatch closed = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            db.close();
                            closed.countDown();
                        },
                        "groundwork-dynamodb-shutdown"));
        System.out.println("Groundwork embedded DynamoDB listening on " + db.endpoint());
        closed.await();
    }

    public static final class Builder {
        private int port;
        private Path dataDirectory;
        private Duration ttlSweepInterval = Duration.ofSeconds(1);
        private String region = "us-east-1";
        private String host = "127.0.0.1";
        private Clock clock = Clock.systemUTC();
        private Duration tableCreation = Duration.ZERO;
        private AccessControl accessControl;
        private boolean refusesBrowsers;

        private Builder() {}

        /**
         * Enforces IAM policies: each request is decided by the policies of the caller its access key names (a role
         * session minted by the STS stand-in this server then serves on its port, or a configured principal), and
         * denied with AccessDeniedException as DynamoDB denies it. Without it, the default, every key may do
         * everything and STS is not served. See docs/embedded-dynamodb.md.
         */
        public Builder accessControl(AccessControl accessControl) {
            this.accessControl = Objects.requireNonNull(accessControl);
            return this;
        }

        /**
         * Refuses every request that carries an {@code Origin} header, which browsers send and SDKs never do, with
         * AccessDeniedException and no CORS headers: a web page the developer visits can neither call this server nor
         * read its answers. DynamoDB itself answers browsers (CORS, the default here too) because it verifies
         * signatures, which this server cannot: its keys are not secrets.
         */
        public Builder refusingBrowsers() {
            this.refusesBrowsers = true;
            return this;
        }

        /**
         * How long a new table stays CREATING, as on DynamoDB, where it takes seconds: DescribeTable says CREATING, and
         * reads and writes of its items answer ResourceNotFoundException until it is ACTIVE. Zero, the default, makes a
         * table ACTIVE at once, which keeps tests fast; a longer one proves that code waits for its tables.
         */
        public Builder tableCreationDelay(Duration delay) {
            if (delay.isNegative()) throw new IllegalArgumentException("delay " + delay);
            this.tableCreation = delay;
            return this;
        }

        /** 0 (the default) picks a free port. */
        public Builder port(int port) {
            if (port < 0 || port > 65535) throw new IllegalArgumentException("port " + port);
            this.port = port;
            return this;
        }

        /** Keeps the data in this directory: it survives a restart, and a crash loses at most the last second. */
        public Builder dataDirectory(Path dataDirectory) {
            this.dataDirectory = Objects.requireNonNull(dataDirectory);
            return this;
        }

        public Builder ttlSweepInterval(Duration interval) {
            if (interval.isNegative() || interval.isZero()) throw new IllegalArgumentException("interval " + interval);
            this.ttlSweepInterval = interval;
            return this;
        }

        public Builder region(String region) {
            this.region = Objects.requireNonNull(region);
            return this;
        }

        public Builder host(String host) {
            this.host = Objects.requireNonNull(host);
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock);
            return this;
        }

        public EmbeddedDynamoDb start() {
            ApiServer.preload();
            EmbeddedDynamoDb db = new EmbeddedDynamoDb(this);
            try {
                db.serve();
            } catch (RuntimeException e) {
                try {
                    db.abandon();
                } catch (RuntimeException cleanup) {
                    e.addSuppressed(cleanup);
                }
                throw e;
            }
            db.sweeper.start();
            Thread.ofPlatform().daemon().name("groundwork-dynamodb-warm-up").start(db.api::warmUp);
            return db;
        }
    }
}
