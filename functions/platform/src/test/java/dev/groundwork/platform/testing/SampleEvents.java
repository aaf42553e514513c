package dev.groundwork.platform.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The sample events of {@code events/} (the only copy of them, on the test classpath), for parameterized tests. */
public final class SampleEvents {
    private SampleEvents() {}

    /** @param folder such as {@code /events/http}: every JSON file below it, in order; there is at least one */
    public static Stream<Path> under(String folder) {
        try (Stream<Path> files =
                Files.walk(Path.of(SampleEvents.class.getResource(folder).toURI()))) {
            List<Path> events = files.filter(file -> file.toString().endsWith(".json"))
                    .sorted()
                    .toList();
            assertThat(events).as("sample events under " + folder).isNotEmpty();
            return events.stream();
        } catch (IOException unreadable) {
            throw new UncheckedIOException(unreadable);
        } catch (URISyntaxException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
