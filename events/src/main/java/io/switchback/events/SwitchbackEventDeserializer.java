package io.switchback.events;

import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.CloudEventDeserializer;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Kafka deserializer for CloudEvents in binary mode. Strict: anything that is not a valid event of the
 * contract raises {@link EventDecodingException}; wrap it in an error-handling deserializer so that such
 * records reach the dead-letter topic instead of stopping the partition.
 */
public class SwitchbackEventDeserializer implements Deserializer<SwitchbackEvent> {

    private static final String SPEC_VERSION_HEADER = "ce_specversion";

    private final CloudEventDeserializer cloudEvents = new CloudEventDeserializer();

    @Override
    public SwitchbackEvent deserialize(String topic, byte[] data) {
        throw new EventDecodingException(EventDecodingException.Reason.NOT_A_CLOUDEVENT,
                "a record without headers cannot be a CloudEvent in binary mode", null);
    }

    @Override
    public SwitchbackEvent deserialize(String topic, Headers headers, byte[] data) {
        if (headers == null || headers.lastHeader(SPEC_VERSION_HEADER) == null) {
            throw new EventDecodingException(EventDecodingException.Reason.NOT_A_CLOUDEVENT,
                    "no " + SPEC_VERSION_HEADER + " header", null);
        }
        if (data == null || data.length == 0) {
            throw new EventDecodingException(EventDecodingException.Reason.MALFORMED_JSON,
                    "the record has no value", null);
        }
        CloudEvent cloudEvent;
        try {
            cloudEvent = cloudEvents.deserialize(topic, headers, data);
        } catch (RuntimeException e) {
            throw new EventDecodingException(EventDecodingException.Reason.NOT_A_CLOUDEVENT,
                    "invalid CloudEvents headers: " + e.getMessage(), e);
        }
        return CloudEventCodec.decode(cloudEvent);
    }
}
