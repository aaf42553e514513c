package dev.groundwork.platform.snapstart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
    void anInvokesTraceHeaderIsPutBackAfterThePrimingEvenWhenThePrimerFails() {
        System.setProperty(Priming.TRACE_HEADER_PROPERTY, "Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=1");

        assertThatThrownBy(() -> Priming.register("Test", () -> {
                            throw new IllegalStateException("priming refused");
                        })
                        .prime())
                .hasMessage("priming refused");

        assertThat(System.getProperty(Priming.TRACE_HEADER_PROPERTY))
                .isEqualTo("Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=1");
    }

    @Test
    void everyPrimingTraceIsItsOwn() {
        assertThat(Priming.unsampledTrace()).isNotEqualTo(Priming.unsampledTrace());
    }
}
