package dev.groundwork.local.api;

import dev.groundwork.local.console.AccessLog;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.http.HttpParser;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.server.internal.HttpConnection;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * Closes a connection whose request head (request line and headers) has not fully arrived within the limit: on a new
 * connection counted from its opening, on a kept-alive one from the request's first byte. Jetty's idle timeout alone
 * does not do this, since a client that sends a byte every few seconds is never idle (the slow-headers attack of
 * issue 17 held 200 connections open at will). No answer is written: the head is incomplete, so there is no request
 * to answer yet, and API Gateway may close such a connection just as well.
 */
final class HeaderDeadline implements Connection.Listener {

    /** How often connections are looked at: the deadline is met within this much. */
    private static final long SWEEP_MILLIS = 250;

    /** Since when a connection has been waiting for the head of its request number {@code request}. */
    private record Waiting(long request, long sinceNanos) {}

    private final long limitNanos;
    private final AccessLog log;
    private final Map<HttpConnection, Waiting> connections = new ConcurrentHashMap<>();
    private Scheduler scheduler;
    private volatile boolean running;

    HeaderDeadline(Duration limit, AccessLog log) {
        this.limitNanos = limit.toNanos();
        this.log = log;
    }

    void start(Scheduler scheduler) {
        this.scheduler = scheduler;
        running = true;
        scheduler.schedule(this::sweep, SWEEP_MILLIS, TimeUnit.MILLISECONDS);
    }

    void stop() {
        running = false;
    }

    @Override
    public void onOpened(Connection connection) {
        if (connection instanceof HttpConnection http) {
            connections.put(http, new Waiting(0, System.nanoTime()));
        }
    }

    @Override
    public void onClosed(Connection connection) {
        connections.remove(connection);
    }

    private void sweep() {
        long now = System.nanoTime();
        List<HttpConnection> late = new ArrayList<>();
        connections.replaceAll((connection, waiting) -> {
            // Jetty's parser state and request count are volatile or atomic, so another thread may read them.
            HttpParser.State state = connection.getParser().getState();
            long requests = connection.getMessagesIn();
            boolean inHead = state.ordinal() < HttpParser.State.CONTENT.ordinal()
                    && !(state == HttpParser.State.START && requests > 0);
            if (!inHead) {
                return new Waiting(requests, -1);
            }
            if (waiting.request() != requests || waiting.sinceNanos() < 0) {
                return new Waiting(requests, now);
            }
            if (now - waiting.sinceNanos() > limitNanos) {
                late.add(connection);
            }
            return waiting;
        });
        for (HttpConnection connection : late) {
            log.note("closed the connection of "
                    + connection.getEndPoint().getRemoteSocketAddress() + ": its request head took longer than "
                    + Duration.ofNanos(limitNanos).toMillis() + " ms");
            connection.getEndPoint().close();
        }
        if (running) {
            scheduler.schedule(this::sweep, SWEEP_MILLIS, TimeUnit.MILLISECONDS);
        }
    }
}
