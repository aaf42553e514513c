package dev.groundwork.platform.snapstart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.groundwork.platform.testing.CapturedLogs;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PrimingTest {

    @AfterEach
    void noTraceLeftBehind() {
        System.clearProperty(Priming.TRACE_HEADER_PROPERTY);
    }

    @Test
    void thePrimersSdkCallsCarryATraceHeaderInLambdasFormatThatXRayNeverSamples() {
        AtomicReference<String> seen = new AtomicReference<>();
        Priming.register("Test", () -> seen.set(System.getProperty(Priming.TRACE_HEADER_PROPERTY)))
                .prime();

        assertThat(seen.get()).matches("Root=1-[0-9a-f]{8}-[0-9a-f]{24};Sampled=0");
        assertThat(System.getProperty(Priming.TRACE_HEADER_PROPERTY)).isNull();
    }

    @Test
    void aTraceHeaderAlreadySetIsLeftAsItIsSoThatOverlappingPrimingsNeverLeaveOneBehind() {
        System.setProperty(Priming.TRACE_HEADER_PROPERTY, "Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=1");
        AtomicReference<String> seen = new AtomicReference<>();

        Priming.register("Test", () -> seen.set(System.getProperty(Priming.TRACE_HEADER_PROPERTY)))
                .prime();

        assertThat(seen.get()).isEqualTo("Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=1");
        assertThat(System.getProperty(Priming.TRACE_HEADER_PROPERTY))
                .isEqualTo("Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=1");
    }

    @Test
    void aPrimerThatAnswersA5xxTriesAgainAfterEachWaitAndIsPrimedWhenItsDependencyAnswers() {
        List<Duration> waited = new ArrayList<>();
        AtomicInteger tries = new AtomicInteger();

        new Priming(
                        "Test",
                        () -> Priming.expectStatus(
                                "GET", 404, tries.incrementAndGet() == 1 ? 503 : tries.get() == 2 ? 500 : 404),
                        waited::add)
                .prime();

        assertThat(tries).hasValue(3);
        assertThat(waited).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2));
    }

    @Test
    void aPrimerThatAnswers5xxForAboutHalfAMinuteFailsTheCheckpoint() {
        List<Duration> waited = new ArrayList<>();
        AtomicInteger tries = new AtomicInteger();

        assertThatThrownBy(() -> new Priming(
                                "Test",
                                () -> {
                                    tries.incrementAndGet();
                                    Priming.expectStatus("GET", 404, 503);
                                },
                                waited::add)
                        .prime())
                .hasMessage("priming GET answered 503 where 404 was expected");
        assertThat(tries).hasValue(6);
        assertThat(waited.stream().mapToLong(Duration::toSeconds).sum()).isEqualTo(31);
    }

    @Test
    void anyOtherWrongAnswerFailsTheCheckpointAtOnce() {
        List<Duration> waited = new ArrayList<>();

        assertThatThrownBy(() -> new Priming("Test", () -> Priming.expectStatus("GET", 404, 400), waited::add).prime())
                .hasMessage("priming GET answered 400 where 404 was expected");
        assertThat(waited).isEmpty();
    }

    @Test
    void aConsumersFailedMessageIsTriedAgainButAWrongValueIsNot() {
        List<Duration> waited = new ArrayList<>();
        AtomicInteger tries = new AtomicInteger();

        new Priming(
                        "Test",
                        () -> Priming.expectNoFailures("a batch", tries.incrementAndGet() == 1 ? 1 : 0),
                        waited::add)
                .prime();
        assertThatThrownBy(() -> new Priming("Test", () -> Priming.expect("a count", 0, 503), waited::add).prime())
                .hasMessage("priming a count answered 503 where 0 was expected");

        assertThat(tries).hasValue(2);
        assertThat(waited).containsExactly(Duration.ofSeconds(1));
    }

    @Test
    void aPrimingThatFailsClearsItsTraceHeaderAndNoOneElses() {
        assertThatThrownBy(() -> Priming.register("Test", () -> {
                            throw new IllegalStateException("priming refused");
                        })
                        .prime())
                .hasMessage("priming refused");
        assertThat(System.getProperty(Priming.TRACE_HEADER_PROPERTY)).isNull();

        // a priming that overlaps another's: the other's header is there when it ends, and stays
        Priming.register("First", () -> Priming.register("Second", () -> {}).prime())
                .prime();
        assertThat(System.getProperty(Priming.TRACE_HEADER_PROPERTY)).isNull();
    }

    @Test
    void saysItPrimedInAJsonLineWithTheServiceAndTheFunctionLikeEveryOtherLine() throws Exception {
        List<String> lines;
        try (CapturedLogs logs = CapturedLogs.start()) {
            Priming.register("GetItem", () -> {}).prime();
            lines = logs.lines();
        }

        JsonNode line = new ObjectMapper().readTree(lines.getLast());
        assertThat(line.path("message").asText()).isEqualTo("primed before the snapshot");
        assertThat(line.path("function").asText()).isEqualTo("GetItem");
        assertThat(line.path("priming_ms").isIntegralNumber()).isTrue();
        assertThat(line.path("service").asText()).isNotBlank().isNotEqualTo("null");
        assertThat(line.path("function_name").asText()).isNotBlank().isNotEqualTo("null");
        assertThat(line.path("function_request_id").asText()).startsWith("snapstart-priming-");
    }

    @Test
    void thePrimingContextIsTheFunctionsAsLambdasInitEnvironmentNamesIt() {
        PrimingContext context = new PrimingContext(Map.of(
                "AWS_LAMBDA_FUNCTION_NAME", "groundwork-GetItemFunction",
                "AWS_LAMBDA_FUNCTION_VERSION", "7",
                "AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "1024",
                "AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/groundwork-GetItemFunction"));

        assertThat(context.getFunctionName()).isEqualTo("groundwork-GetItemFunction");
        assertThat(context.getFunctionVersion()).isEqualTo("7");
        assertThat(context.getMemoryLimitInMB()).isEqualTo(1024);
        assertThat(context.getLogGroupName()).isEqualTo("/aws/lambda/groundwork-GetItemFunction");
        assertThat(context.getAwsRequestId()).startsWith("snapstart-priming-");
        assertThat(new PrimingContext(Map.of()).getFunctionName()).isEqualTo("snapstart-priming");
    }

    @Test
    void everyPrimingTraceIsItsOwn() {
        assertThat(Priming.unsampledTrace()).isNotEqualTo(Priming.unsampledTrace());
    }
}
