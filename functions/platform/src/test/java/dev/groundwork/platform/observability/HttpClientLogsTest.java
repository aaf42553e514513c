package dev.groundwork.platform.observability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.groundwork.platform.testing.CapturedLogs;
import java.util.List;
import org.apache.commons.logging.LogFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/**
 * The SDK's Apache HTTP client logs through commons-logging: its lines (a connection reset, a retried request) are
 * JSON log lines with the tenant, as every other line, not plain text from java.util.logging on stderr.
 */
class HttpClientLogsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @AfterEach
    void clear() {
        MDC.clear();
    }

    @Test
    void writesTheHttpClientsLinesAsJsonLogLinesWithTheTenant() throws Exception {
        // given: a request of tenant acme on its way out
        MDC.put("tenant_id", "acme");

        // when: the HTTP client logs as it does when it retries a request
        List<String> lines;
        try (CapturedLogs logs = CapturedLogs.start()) {
            LogFactory.getLog("org.apache.http.impl.execchain.RetryExec")
                    .info("Retrying request to {s}->https://dynamodb.us-east-1.amazonaws.com:443");
            lines = logs.lines();
        }

        // then
        assertThat(lines).hasSize(1);
        JsonNode line = JSON.readTree(lines.getFirst());
        assertThat(line.path("level").asText()).isEqualTo("INFO");
        assertThat(line.path("message").asText()).startsWith("Retrying request to");
        assertThat(line.path("tenant_id").asText()).isEqualTo("acme");
    }
}
