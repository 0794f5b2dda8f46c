package io.switchback.sandbox.scenario;

import io.switchback.events.SwitchbackEvent;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.kafka.clients.producer.ProducerInterceptor;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * A Kafka producer interceptor the scenario configures on every service instance it runs, so that it can
 * kill one between a change it made to the cluster and the event that announces it: once armed for an
 * instance and an event type, the next send of that type from that instance never returns and never
 * reaches Kafka, as if the process had died there; the scenario then stops the instance. Used only by the
 * sandbox's scenario, through the producer's standard {@code interceptor.classes} setting.
 */
public final class Freezer implements ProducerInterceptor<Object, Object> {

    /** The producer property naming the instance, e.g. {@code deployer-1}. */
    public static final String INSTANCE = "sandbox.instance";

    private record Armed(Predicate<String> ceType, CountDownLatch frozen) {
    }

    private static final Map<String, Armed> ARMED = new ConcurrentHashMap<>();

    private String instance;

    /** The next send by {@code instance} of an event whose CloudEvents type matches freezes it. */
    public static CountDownLatch arm(String instance, Predicate<String> ceType) {
        CountDownLatch frozen = new CountDownLatch(1);
        ARMED.put(instance, new Armed(ceType, frozen));
        return frozen;
    }

    public static void disarm(String instance) {
        ARMED.remove(instance);
    }

    @Override
    public void configure(Map<String, ?> configs) {
        Object name = configs.get(INSTANCE);
        instance = name == null ? "" : name.toString();
    }

    @Override
    public ProducerRecord<Object, Object> onSend(ProducerRecord<Object, Object> record) {
        Armed armed = ARMED.get(instance);
        // interceptors see the record before serialization: the event, not yet its ce_* headers
        if (armed != null && record.value() instanceof SwitchbackEvent event
                && armed.ceType().test(event.type().ceType()) && ARMED.remove(instance, armed)) {
            armed.frozen().countDown();
            freezeForever();
        }
        return record;
    }

    /** A dead process does not come back: neither an interrupt nor anything else ends this. */
    private static void freezeForever() {
        CountDownLatch never = new CountDownLatch(1);
        while (true) {
            try {
                never.await(1, TimeUnit.HOURS);
            } catch (InterruptedException e) {
                // a dead process does not notice being interrupted either
            }
        }
    }

    @Override
    public void onAcknowledgement(RecordMetadata metadata, Exception exception) {
    }

    @Override
    public void close() {
    }
}
