package io.switchback.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.switchback.events.BuildCompleted;
import io.switchback.events.BuildConclusion;
import io.switchback.events.SwitchbackEvent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.kafka.KafkaException;
import org.springframework.kafka.core.KafkaTemplate;

/** Whatever way Kafka fails to take an event, the caller gets one exception that says so. */
class EventPublisherTest {

    private static final BuildCompleted BUILD = new BuildCompleted("e-1", Instant.now(), "checkout",
            "registry.example/checkout:1.5.0", "7f3a9c1", "main", null, 1, BuildConclusion.SUCCESS, null);

    @SuppressWarnings("unchecked")
    private final KafkaTemplate<String, SwitchbackEvent> template = mock(KafkaTemplate.class);
    private final EventPublisher publisher = new EventPublisher(template, Duration.ofMillis(100));

    @Test
    void aSendThatFailsBeforeItHasAFutureIsNotAcknowledged() {
        when(template.send(any(ProducerRecord.class))).thenThrow(new KafkaException("Send failed"));

        assertThatThrownBy(() -> publisher.publish(BUILD))
                .isInstanceOf(EventPublisher.EventNotAcknowledgedException.class)
                .hasMessageContaining("io.switchback.build.completed.v1 e-1 not acknowledged by Kafka")
                .hasMessageContaining("Send failed");
    }

    @Test
    @SuppressWarnings("unchecked")
    void anInstanceInOneClusterOfSeveralNamesItOnEveryEvent() {
        ArgumentCaptor<ProducerRecord<String, SwitchbackEvent>> sent = ArgumentCaptor.forClass(ProducerRecord.class);
        when(template.send(sent.capture())).thenReturn(new CompletableFuture<>());

        new EventPublisher(template, Duration.ofMillis(100), "us-east1").send(BUILD);

        assertThat(sent.getValue().topic()).isEqualTo("switchback.builds");
        assertThat(sent.getValue().key()).isEqualTo("checkout");
        assertThat(new String(sent.getValue().headers().lastHeader("ce_cluster").value(), StandardCharsets.UTF_8))
                .isEqualTo("us-east1");
        assertThat(sent.getValue().headers().lastHeader("ce_delivery")).isNull();
    }

    @Test
    @SuppressWarnings("unchecked")
    void anEventAnsweringADeliveryNamesIt() {
        ArgumentCaptor<ProducerRecord<String, SwitchbackEvent>> sent = ArgumentCaptor.forClass(ProducerRecord.class);
        when(template.send(sent.capture())).thenReturn(new CompletableFuture<>());

        publisher.send(BUILD, "acme/checkout d-0001");

        assertThat(new String(sent.getValue().headers().lastHeader("ce_delivery").value(), StandardCharsets.UTF_8))
                .isEqualTo("acme/checkout d-0001");
        assertThat(sent.getValue().headers().lastHeader("ce_cluster")).isNull();
    }

    @Test
    void aSendThatFailsLaterOrNeverAnswersIsNotAcknowledged() {
        when(template.send(any(ProducerRecord.class)))
                .thenReturn(CompletableFuture.failedFuture(new KafkaException("broker gone")))
                .thenReturn(new CompletableFuture<>());

        assertThatThrownBy(() -> publisher.publish(BUILD)).hasMessageContaining("broker gone");
        assertThatThrownBy(() -> publisher.publish(BUILD)).hasMessageContaining("no acknowledgement within 100 ms");
    }
}
