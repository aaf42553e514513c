package dev.groundwork.platform.observability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.groundwork.platform.testing.CapturedLogs;
import java.util.List;
import java.util.Map;
import org.apache.commons.logging.LogFactory;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.Configurator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/**
 * The SDK's Apache HTTP client logs through commons-logging: its lines (a connection reset, a retried request) are
 * JSON log lines with the tenant, as every other line, not plain text from java.util.logging on stderr; and what it
 * sends and receives (headers with signatures, STS answers with secret keys, tenants' items) is never written.
 */
class HttpClientLogsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @AfterEach
    void clear() {
        MDC.clear();
    }

    @Test
    void neverWritesTheBytesOrHeadersTheHttpClientSendsEvenAtDebug() {
        // given: every logger at DEBUG, as a DEBUG log level or Powertools' log sampling sets them
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        Map<String, Level> before = new java.util.HashMap<>();
        context.getConfiguration().getLoggers().forEach((name, config) -> before.put(name, config.getLevel()));
        Configurator.setAllLevels(LogManager.ROOT_LOGGER_NAME, Level.DEBUG);
        try (CapturedLogs logs = CapturedLogs.start()) {
            // when: the client logs a request's headers and bytes as it does at DEBUG
            LogFactory.getLog("org.apache.http.headers")
                    .debug("http-outgoing-0 >> Authorization: AWS4-HMAC-SHA256 ...");
            LogFactory.getLog("org.apache.http.wire")
                    .debug("http-outgoing-0 << \"{\"Credentials\":{\"SecretAccessKey\":\"...\"}}\"");
            LogFactory.getLog("org.apache.http.impl.conn.PoolingHttpClientConnectionManager")
                    .debug("Connection leased");

            // then: nothing of the wire or the headers is written; the client's other lines follow the level
            assertThat(logs.lines()).noneMatch(line -> line.contains("http-outgoing-0"));
            assertThat(logs.lines()).anyMatch(line -> line.contains("Connection leased"));
        } finally {
            before.forEach(
                    (name, level) -> Configurator.setLevel(name.isEmpty() ? LogManager.ROOT_LOGGER_NAME : name, level));
        }
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
