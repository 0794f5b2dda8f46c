package io.switchback.buildlistener.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.switchback.events.BuildCompleted;
import io.switchback.events.BuildConclusion;
import io.switchback.events.SwitchbackEvent;
import io.switchback.platform.EventPublisher;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.KafkaException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.support.SendResult;

class DeliveriesTest {

    private static final Instant NOW = Instant.parse("2026-11-27T10:00:00Z");
    private static final Duration WAIT = Duration.ofMillis(50);
    private final DeliveryLedger ledger = new DeliveryLedger(Duration.ofHours(72), 3);
    private final EventPublisher publisher = mock(EventPublisher.class);
    private CompletableFuture<Void> readUpToNow = CompletableFuture.completedFuture(null);
    private final Deliveries deliveries = new Deliveries(ledger, () -> readUpToNow, publisher,
            Clock.fixed(NOW, ZoneOffset.UTC), WAIT);

    @BeforeEach
    void kafkaAcknowledges() {
        when(publisher.ackTimeout()).thenReturn(Duration.ofMillis(200));
        when(publisher.send(any(), any())).thenAnswer(call -> acknowledged());
    }

    @AfterEach
    void close() {
        deliveries.close();
    }

    @Test
    void aDeliveryIsWrittenOnceAndItsReplayAnswersTheFirstEvent() {
        BuildCompleted first = build("e-1", "cart");

        Deliveries.Outcome accepted = deliveries.deliver("acme/shop d-1", List.of(first));
        Deliveries.Outcome replay = deliveries.deliver("acme/shop d-1", List.of(build("e-2", "cart")));
        Deliveries.Outcome otherSender = deliveries.deliver("other/tools d-1", List.of(build("e-3", "cart")));

        assertThat(accepted.duplicate()).isFalse();
        assertThat(accepted.eventIds()).containsExactly(entry("cart", "e-1"));
        assertThat(replay.duplicate()).isTrue();
        assertThat(replay.eventIds()).containsEntry("cart", "e-1");
        assertThat(otherSender.duplicate()).as("delivery ids are per credential").isFalse();
        verify(publisher).send(first, "acme/shop d-1");
        verify(publisher, times(2)).send(any(), any());
    }

    @Test
    void aDeliveryHalfWrittenWritesOnlyTheRestWhenRetried() {
        BuildCompleted cart = build("e-1", "cart");
        BuildCompleted checkout = build("e-2", "checkout");
        when(publisher.send(eq(checkout), any())).thenReturn(CompletableFuture.failedFuture(
                new KafkaException("broker gone")));

        assertThatThrownBy(() -> deliveries.deliver("github:acme g-1", List.of(cart, checkout)))
                .isInstanceOf(EventPublisher.EventNotAcknowledgedException.class).hasMessageContaining("broker gone")
                .hasMessageContaining("e-2");
        BuildCompleted checkoutAgain = build("e-4", "checkout");
        Deliveries.Outcome retried = deliveries.deliver("github:acme g-1", List.of(build("e-3", "cart"), checkoutAgain));

        assertThat(retried.duplicate()).isFalse();
        assertThat(retried.eventIds()).containsEntry("cart", "e-1").containsEntry("checkout", "e-4");
        verify(publisher).send(checkoutAgain, "github:acme g-1");
        verify(publisher, times(1)).send(eq(cart), any());
    }

    @Test
    void aReplicaThatCannotReadWhatOthersWroteAnswersNotReadyAndALateReadSendsNothing() {
        readUpToNow = new CompletableFuture<>();

        assertThatThrownBy(() -> deliveries.deliver("acme/shop d-9", List.of(build("e-9", "cart"))))
                .isInstanceOf(DeliveryLedger.LedgerNotReadyException.class).hasMessageContaining("within 50 ms");
        assertThatThrownBy(() -> deliveries.deliver("acme/shop d-9", List.of(build("e-9", "cart"))))
                .as("a retry is not held behind an abandoned request that sent nothing")
                .isInstanceOf(DeliveryLedger.LedgerNotReadyException.class)
                .hasMessageContaining("could not be read in time");
        readUpToNow.complete(null);
        readUpToNow = CompletableFuture.completedFuture(null);
        Deliveries.Outcome retried = deliveries.deliver("acme/shop d-9", List.of(build("e-10", "cart")));

        assertThat(retried.eventIds()).as("the retry, not the abandoned request, wrote").containsEntry("cart", "e-10");
        verify(publisher, times(1)).send(any(), any());
    }

    @Test
    void anAcknowledgementAfterItsRequestStoppedWaitingIsRecordedAndTheRetryIsADuplicate() {
        BuildCompleted first = build("e-1", "cart");
        CompletableFuture<SendResult<String, SwitchbackEvent>> late = unansweredSend(first);

        assertThatThrownBy(() -> deliveries.deliver("acme/shop d-2", List.of(first)))
                .isInstanceOf(EventPublisher.EventNotAcknowledgedException.class)
                .hasMessageContaining("no acknowledgement within 200 ms");
        late.complete(null);
        Deliveries.Outcome retried = deliveries.deliver("acme/shop d-2", List.of(build("e-2", "cart")));

        assertThat(retried.duplicate()).isTrue();
        assertThat(retried.eventIds()).containsEntry("cart", "e-1");
        verify(publisher, times(1)).send(any(), any());
    }

    @Test
    void aRetryWhileTheFirstWriteIsUnansweredWaitsForItsTurnInsteadOfWritingAgain() {
        BuildCompleted first = build("e-1", "cart");
        unansweredSend(first);
        assertThatThrownBy(() -> deliveries.deliver("acme/shop d-3", List.of(first)))
                .isInstanceOf(EventPublisher.EventNotAcknowledgedException.class);

        assertThatThrownBy(() -> deliveries.deliver("acme/shop d-3", List.of(build("e-2", "cart"))))
                .isInstanceOf(DeliveryLedger.LedgerNotReadyException.class)
                .hasMessageContaining("the same delivery is being taken by another request");
        verify(publisher, times(1)).send(any(), any());
    }

    @Test
    void theLedgerForgetsWhatIsOlderThanItsMemory() {
        ledger.record("acme/shop d-old", "cart", "e-1", NOW.minus(Duration.ofHours(73)));
        ledger.record("acme/shop d-new", "cart", "e-2", NOW.minus(Duration.ofHours(1)));

        ledger.forgetBefore(NOW);

        assertThat(ledger.eventId("acme/shop d-old", "cart")).isNull();
        assertThat(ledger.eventId("acme/shop d-new", "cart")).isEqualTo("e-2");
    }

    @Test
    void theLedgerRemembersAtMostItsBoundTheOldestGoingFirst() {
        for (int i = 1; i <= 5; i++) {
            ledger.record("acme/shop d-" + i, "cart", "e-" + i, NOW.minusSeconds(10 - i));
        }

        ledger.forgetBefore(NOW);

        assertThat(ledger.size()).isEqualTo(3);
        assertThat(ledger.eventId("acme/shop d-2", "cart")).isNull();
        assertThat(ledger.eventId("acme/shop d-3", "cart")).isEqualTo("e-3");
    }

    /** Kafka takes {@code event}'s send and does not answer it until the test completes the future. */
    private CompletableFuture<SendResult<String, SwitchbackEvent>> unansweredSend(BuildCompleted event) {
        CompletableFuture<SendResult<String, SwitchbackEvent>> late = new CompletableFuture<>();
        when(publisher.send(eq(event), any())).thenReturn(late);
        return late;
    }

    private static CompletableFuture<SendResult<String, SwitchbackEvent>> acknowledged() {
        return CompletableFuture.completedFuture(null);
    }

    private static BuildCompleted build(String eventId, String service) {
        return new BuildCompleted(eventId, NOW, service, "ghcr.io/acme/" + service + ":1", "7f3a9c1", "main",
                "acme/shop", 1, BuildConclusion.SUCCESS, 1);
    }
}
