package io.switchback.buildlistener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

class BuildListenerPropertiesTest {

    @Test
    void theDeliveryMemoryBoundIsRefusedOutsideWhatCanBeAllocatedAtStartUp() {
        assertThat(withDeliveryMemoryMax(1).deliveryMemoryMax()).isEqualTo(1);
        assertThat(withDeliveryMemoryMax(10_000_000).deliveryMemoryMax()).isEqualTo(10_000_000);
        for (int bad : new int[] {0, -5, 10_000_001}) {
            assertThatThrownBy(() -> withDeliveryMemoryMax(bad)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("switchback.build-listener.delivery-memory-max")
                    .hasMessageContaining("not " + bad);
        }
    }

    @Test
    void theDeliveryReadIntervalIsRefusedBelowZeroAndAboveASecond() {
        assertThat(with(500_000, Duration.ZERO).deliveryReadInterval()).isZero();
        assertThat(with(500_000, Duration.ofSeconds(1)).deliveryReadInterval()).hasSeconds(1);
        for (Duration bad : new Duration[] {Duration.ofMillis(-1), Duration.ofMillis(1001)}) {
            assertThatThrownBy(() -> with(500_000, bad)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("switchback.build-listener.delivery-read-interval")
                    .hasMessageContaining("not " + bad.toMillis() + " ms");
        }
    }

    private static BuildListenerProperties withDeliveryMemoryMax(int max) {
        return with(max, Duration.ofMillis(5));
    }

    private static BuildListenerProperties with(int max, Duration readInterval) {
        return new BuildListenerProperties(DataSize.ofMegabytes(1), Duration.ofMinutes(5), Duration.ofHours(72), max,
                readInterval,
                new BuildListenerProperties.RateLimit(20, 100), List.of(),
                new BuildListenerProperties.Oidc("https://token.actions.githubusercontent.com", null, "switchback"),
                List.of(), Map.of(), new BuildListenerProperties.GitHub(List.of(), List.of()));
    }
}
