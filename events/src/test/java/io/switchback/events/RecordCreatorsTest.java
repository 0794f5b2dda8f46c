package io.switchback.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.exc.ValueInstantiationException;

class RecordCreatorsTest {

    /** A public record whose constructor remembers who called it, and refuses a negative count. */
    public record Probe(String name, int count, List<String> tags) {
        static volatile StackTraceElement[] calledFrom;

        public Probe {
            calledFrom = new Throwable().getStackTrace();
            if (count < 0) {
                throw new IllegalArgumentException("count must not be negative");
            }
        }
    }

    @Test
    void aRecordIsMadeThroughTheSpreadHandleNotInvokeWithArguments() {
        Probe probe = EventJson.mapper().readValue("""
                {"name":"checkout","count":3,"tags":["a","b"]}""", Probe.class);

        assertThat(probe).isEqualTo(new Probe("checkout", 3, List.of("a", "b")));
        // the constructor call above was the test's own: read again, and look at who called it
        EventJson.mapper().readValue("""
                {"name":"checkout","count":3}""", Probe.class);
        assertThat(Arrays.stream(Probe.calledFrom).map(f -> f.getClassName() + "." + f.getMethodName()))
                .contains(RecordCreators.Spread.class.getName() + ".createFromObjectWith")
                .noneMatch(frame -> frame.endsWith("invokeWithArguments"));
    }

    @Test
    void aConstructorsRefusalIsJacksonsInstantiationErrorWithItsMessage() {
        assertThatThrownBy(() -> EventJson.mapper().readValue("""
                {"name":"checkout","count":-1}""", Probe.class))
                .isInstanceOf(ValueInstantiationException.class)
                .hasMessageContaining("count must not be negative")
                .hasRootCauseInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void everyEventOfTheContractStillReadsBackAsWritten() {
        for (SwitchbackEvent event : EventExamples.all()) {
            byte[] json = EventJson.mapper().writeValueAsBytes(event);
            assertThat(EventJson.mapper().readValue(json, event.getClass())).as(event.getClass().getSimpleName())
                    .isEqualTo(event);
        }
    }
}
