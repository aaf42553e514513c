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
import software.amazon.lambda.powertools.logging.internal.LoggingManagerRegistry;

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
        // given: DEBUG, as a DEBUG log level or Powertools' log sampling sets it
        var levels = LoggingManagerRegistry.getLoggingManager();
        org.slf4j.event.Level before = levels.getLogLevel(org.slf4j.LoggerFactory.getLogger(getClass()));
        levels.setLogLevel(org.slf4j.event.Level.DEBUG);
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
            levels.setLogLevel(before);
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
