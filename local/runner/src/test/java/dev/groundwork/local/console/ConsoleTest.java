package dev.groundwork.local.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class ConsoleTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static String format(String text) throws Exception {
    return Console.format(new Console.FunctionLine("GetItemFunction", text,
        text.startsWith("{") ? JSON.readTree(text) : null));
  }

  @Test
  void showsAStructuredLogLineAsFunctionLevelTenantAndMessage() throws Exception {
    String line = format("""
        {"level":"WARN","message":"stale version","tenant_id":"acme","function_name":"x","cold_start":false}""");

    assertThat(line).contains("GetItemFunction").contains("WARN").contains("[acme]").endsWith("stale version");
  }

  @Test
  void showsAnEmfLineAsItsMetrics() throws Exception {
    String line = format("""
        {"_aws":{"Timestamp":1,"CloudWatchMetrics":[{"Namespace":"Groundwork","Dimensions":[["service"]],
        "Metrics":[{"Name":"Latency","Unit":"Milliseconds"}]}]},"service":"items","Latency":12.5}""");

    assertThat(line).contains("METRIC Latency=12.5 Milliseconds");
  }

  @Test
  void showsAPlainLineAsItIs() throws Exception {
    assertThat(format("hello from println")).contains("GetItemFunction").endsWith("  hello from println");
  }
}
