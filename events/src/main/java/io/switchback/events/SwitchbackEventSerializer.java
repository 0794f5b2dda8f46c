package io.switchback.events;

import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.CloudEventSerializer;
import java.util.Map;
import java.util.function.Function;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Serializer;

/** Kafka serializer: CloudEvents binary mode, {@code ce_*} headers and the JSON data as the record value. */
public class SwitchbackEventSerializer implements Serializer<SwitchbackEvent> {

    private final CloudEventSerializer cloudEvents = new CloudEventSerializer();
    private final Function<SwitchbackEvent, CloudEvent> encoding;

    /** Checks every event against its schema before it is written (the serializer Kafka makes from its class name). */
    public SwitchbackEventSerializer() {
        this(CloudEventCodec::encode);
    }

    private SwitchbackEventSerializer(Function<SwitchbackEvent, CloudEvent> encoding) {
        this.encoding = encoding;
        // binary mode is CloudEventSerializer's default encoding
        cloudEvents.configure(Map.of(), false);
    }

    /**
     * For a writer whose every event was read from data it checked against the schema itself (the build-listener):
     * does not check again. See {@link CloudEventCodec#encodeChecked}.
     */
    public static SwitchbackEventSerializer ofCheckedEvents() {
        return new SwitchbackEventSerializer(CloudEventCodec::encodeChecked);
    }

    @Override
    public byte[] serialize(String topic, SwitchbackEvent event) {
        throw new UnsupportedOperationException("CloudEvents binary mode needs record headers");
    }

    @Override
    public byte[] serialize(String topic, Headers headers, SwitchbackEvent event) {
        if (event == null) {
            return null;
        }
        return cloudEvents.serialize(topic, headers, encoding.apply(event));
    }
}
