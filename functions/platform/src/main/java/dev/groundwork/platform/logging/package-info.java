/**
 * Where Powertools' log lines go: Logback as the SLF4J backend, writing each event as one line of Powertools' Lambda
 * JSON to standard output (CloudWatch Logs).
 *
 * <p>Powertools logging (its Lambda context fields, {@code PowertoolsLogging.withLogging}, log sampling, structured
 * arguments) stays the product's logging library; this package is the backend adapter Powertools ships as
 * {@code powertools-logging-logback}, which the registry here does not serve. Logback instead of Log4j because a cold
 * start pays for the backend's start-up: one first log line costs 0.03 CPU-s over SLF4J's no-op backend with Logback
 * and 0.22 with Log4j and its JSON template layout (docs/performance.md, "The logging backend").
 */
package dev.groundwork.platform.logging;
