package dev.groundwork.platform.testing;

import com.amazonaws.services.lambda.runtime.Context;
import dev.groundwork.platform.observability.RequestMetrics;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps what handlers report, so tests can assert on outcomes and properties. */
public final class RecordingMetrics implements RequestMetrics {
    public record Recorded(int status, Optional<String> problemType, Optional<String> tenant) {}

    private final List<Recorded> recorded = new CopyOnWriteArrayList<>();

    @Override
    public void record(
            Context context,
            String requestId,
            int status,
            Optional<String> problemType,
            Duration latency,
            Optional<String> tenant) {
        recorded.add(new Recorded(status, problemType, tenant));
    }

    public List<Recorded> recorded() {
        return List.copyOf(recorded);
    }
}
