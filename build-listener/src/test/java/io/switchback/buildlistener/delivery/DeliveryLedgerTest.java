package io.switchback.buildlistener.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class DeliveryLedgerTest {

    private static final Instant NOW = Instant.parse("2026-11-28T10:00:00Z");

    @Test
    void anIdReadsBackAsWrittenWhetherOrNotItIsAUuid() {
        DeliveryLedger ledger = new DeliveryLedger(Duration.ofHours(72), 10);
        String uuid = UUID.randomUUID().toString();

        ledger.record("acme/shop d-1", "cart", uuid, NOW);
        ledger.record("acme/shop d-1", "checkout", "E-2", NOW);
        ledger.record("acme/shop d-2", "cart", uuid.toUpperCase(), NOW);
        ledger.record("acme/shop d-1", "cart", UUID.randomUUID().toString(), NOW);

        assertThat(ledger.eventId("acme/shop d-1", "cart")).as("the first id stays").isEqualTo(uuid);
        assertThat(ledger.eventId("acme/shop d-1", "checkout")).isEqualTo("E-2");
        assertThat(ledger.eventId("acme/shop d-2", "cart")).isEqualTo(uuid.toUpperCase());
        assertThat(ledger.eventId("acme/shop d-2", "checkout")).isNull();
        assertThat(ledger.size()).isEqualTo(3);
    }

    @Test
    void aDeliveryIsKnownByItsWholeNameAndKeyNotByTheirJoinedText() {
        DeliveryLedger ledger = new DeliveryLedger(Duration.ofHours(72), 10);

        ledger.record("acme/shop d-1", "cart", "e-1", NOW);

        assertThat(ledger.eventId("acme/shop d-1c", "art")).isNull();
        assertThat(ledger.eventId("acme/shop d-", "1cart")).isNull();
    }

    @Test
    void aBurstBetweenTwoForgettingsGrowsItPastItsBoundAndKeepsEveryEntryUntilForgotten() {
        // allocated for 1,000: every 3,000 records outrun the forgetting, which trims it back to the newest 1,000
        DeliveryLedger ledger = new DeliveryLedger(Duration.ofSeconds(100), 1_000);
        int count = 20_000;
        for (int i = 0; i < count; i++) {
            ledger.record("acme/shop d-" + i, "cart", "e-" + i, NOW.plusMillis(i));
            if (i % 3_000 == 0) {
                // forgetting while it grows moves the ring's oldest entry off its first slot
                ledger.forgetBefore(NOW.plusSeconds(100).plusMillis(i / 2));
            }
        }
        // 2,000 since the last forgetting on top of the 1,000 it kept: held, beyond the bound, until the next
        assertThat(ledger.size()).isEqualTo(1_000 + 1_999);
        for (int i = count - 2_999; i < count; i++) {
            assertThat(ledger.eventId("acme/shop d-" + i, "cart")).isEqualTo("e-" + i);
        }

        ledger.forgetBefore(NOW.plusSeconds(100).plusMillis(count / 2));

        assertThat(ledger.size()).isEqualTo(1_000);
        assertThat(ledger.eventId("acme/shop d-" + (count - 1_001), "cart")).isNull();
        for (int i = count - 1_000; i < count; i++) {
            assertThat(ledger.eventId("acme/shop d-" + i, "cart")).isEqualTo("e-" + i);
        }
    }
}
