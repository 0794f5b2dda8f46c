package io.switchback.events;

import io.cloudevents.kafka.CloudEventSerializer;
import java.util.Map;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Serializer;

/** Kafka serializer: CloudEvents binary mode, {@code ce_*} headers and the JSON data as the record value. */
public class SwitchbackEventSerializer implements Serializer<SwitchbackEvent> {

    private final CloudEventSerializer cloudEvents = new CloudEventSerializer();

    public SwitchbackEventSerializer() {
        // binary mode is CloudEventSerializer's default encoding
        cloudEvents.configure(Map.of(), false);
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
        return cloudEvents.serialize(topic, headers, CloudEventCodec.encode(event));
    }
}
