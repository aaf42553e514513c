package dev.groundwork.local.dashboard;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.groundwork.local.LocalJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Optional;

/**
 * The local dashboard: {@code /_local/dashboard} (a page and its script, from this package's resources, no CDN) and
 * {@code /_local/metrics} (the numbers behind it, as JSON: the last five minutes in ten-second buckets).
 */
public final class DashboardPages {

    public static final String PREFIX = "/_local/";
    static final Duration WINDOW = Duration.ofMinutes(5);
    static final Duration BUCKET = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = LocalJson.mapper();

    /** A page: its media type and bytes. */
    public record Page(String contentType, byte[] body) {}

    private final LocalMetrics metrics;

    public DashboardPages(LocalMetrics metrics) {
        this.metrics = metrics;
    }

    public Optional<Page> serve(String path) {
        return switch (path) {
            case "/_local/dashboard", "/_local/dashboard/" ->
                Optional.of(resource("dashboard.html", "text/html; charset=utf-8"));
            case "/_local/dashboard.js" -> Optional.of(resource("dashboard.js", "text/javascript; charset=utf-8"));
            case "/_local/dashboard.css" -> Optional.of(resource("dashboard.css", "text/css; charset=utf-8"));
            case "/_local/metrics" -> Optional.of(new Page("application/json", json()));
            default -> Optional.empty();
        };
    }

    private byte[] json() {
        try {
            return JSON.writeValueAsBytes(metrics.snapshot(WINDOW, BUCKET));
        } catch (JsonProcessingException bug) {
            throw new IllegalStateException("the dashboard's metrics could not be written as JSON", bug);
        }
    }

    private static Page resource(String name, String contentType) {
        try (InputStream in = DashboardPages.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(
                        "the runner's jar has no " + name + " beside " + DashboardPages.class.getName());
            }
            return new Page(contentType, in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
