package io.switchback.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apache.kafka.common.header.internals.RecordHeaders;

/** Every event type survives the trip through the Kafka serializer and deserializer unchanged. */
class EventRoundTripTest {

    private final SwitchbackEventSerializer serializer = new SwitchbackEventSerializer();
    private final SwitchbackEventDeserializer deserializer = new SwitchbackEventDeserializer();

    @Property(tries = 200)
    void everyTypeRoundTripsThroughKafkaSerde(@ForAll("oneOfEachType") List<SwitchbackEvent> events) {
        for (SwitchbackEvent event : events) {
            RecordHeaders headers = new RecordHeaders();
            byte[] value = serializer.serialize("any-topic", headers, event);

            assertThat(deserializer.deserialize("any-topic", headers, value)).isEqualTo(event);
            assertThat(new String(headers.lastHeader("ce_type").value())).isEqualTo(event.type().ceType());
            assertThat(new String(headers.lastHeader("ce_subject").value())).isEqualTo(event.key());
        }
    }

    @Property(tries = 20)
    void theWritersClusterTravelsBesideTheDataAndReadersTakeTheEventAsItIs(
            @ForAll("oneOfEachType") List<SwitchbackEvent> events) {
        for (SwitchbackEvent event : events) {
            RecordHeaders headers = new RecordHeaders();
            headers.add(CloudEventCodec.CLUSTER_HEADER, "us-east1".getBytes(StandardCharsets.UTF_8));
            byte[] value = serializer.serialize("any-topic", headers, event);

            assertThat(deserializer.deserialize("any-topic", headers, value)).isEqualTo(event);
            assertThat(new String(headers.lastHeader("ce_cluster").value(), StandardCharsets.UTF_8))
                    .isEqualTo("us-east1");
            assertThat(new String(value, StandardCharsets.UTF_8)).doesNotContain("us-east1");
        }
    }

    @Provide
    Arbitrary<List<SwitchbackEvent>> oneOfEachType() {
        return EventArbitraries.oneOfEachType();
    }
}
