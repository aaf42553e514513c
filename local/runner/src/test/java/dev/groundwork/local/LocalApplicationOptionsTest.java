package dev.groundwork.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.groundwork.local.api.ApiGateway;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LocalApplicationOptionsTest {

    private static final Path TEMPLATE = Path.of("/work/app/template.yaml");

    @Test
    void defaultsServeEverythingOnAFreePortWithTablesInMemoryAndStateBesideTheTemplate() {
        LocalApplication.Options options =
                LocalApplication.Options.forTemplate(TEMPLATE).build();

        assertThat(options.port()).isZero();
        assertThat(options.host()).isEqualTo("127.0.0.1");
        assertThat(options.dataDirectory()).isEmpty();
        assertThat(options.stateDirectory()).isEqualTo(Path.of("/work/app/.groundwork"));
        assertThat(options.openApiDocument()).isEqualTo(Path.of("/work/app/api/openapi.yaml"));
        assertThat(options.serving()).isEqualTo(LocalApplication.Serving.HTTP_AND_EVENT_SOURCES);
        assertThat(options.buildMissingFunctions()).isFalse();
        assertThat(options.maxInstancesPerFunction()).isEqualTo(16);
        assertThat(options.limits()).isEqualTo(ApiGateway.Limits.DEFAULTS);
        assertThat(options.throttling()).as("throttled as the template says").isTrue();
        assertThat(options.parameterOverrides()).isEmpty();
    }

    @Test
    void changesOnlyWhatTheCallerNames() {
        ApiGateway.Limits shortened =
                new ApiGateway.Limits(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(3), 1024);

        LocalApplication.Options options = LocalApplication.Options.forTemplate(TEMPLATE)
                .port(3000)
                .dataDirectory(Path.of("/data"))
                .limits(shortened)
                .serving(LocalApplication.Serving.FUNCTIONS_ONLY)
                .buildingMissingFunctions()
                .build();

        assertThat(options.port()).isEqualTo(3000);
        assertThat(options.dataDirectory()).contains(Path.of("/data"));
        assertThat(options.limits()).isEqualTo(shortened);
        assertThat(options.serving()).isEqualTo(LocalApplication.Serving.FUNCTIONS_ONLY);
        assertThat(options.buildMissingFunctions()).isTrue();
        assertThat(options.stateDirectory()).isEqualTo(Path.of("/work/app/.groundwork"));
    }
}
