package io.switchback.buildlistener.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FingerprintTableTest {

    private record Key(long high, long low) {
    }

    @Test
    void holdsWhatAMapHoldsThroughAdditionsAndRemovalsThatCollideAndWrapAround() {
        for (long seed = 1; seed <= 20; seed++) {
            Random random = new Random(seed);
            FingerprintTable table = new FingerprintTable(4);
            Map<Key, Long> model = new HashMap<>();
            List<Key> known = new ArrayList<>();
            for (int step = 0; step < 5_000; step++) {
                // few distinct low halves: long runs of collisions, across the end of the array and back
                Key key = random.nextInt(3) == 0 && !known.isEmpty() ? known.get(random.nextInt(known.size()))
                        : new Key(random.nextInt(50) + 1, -random.nextInt(40));
                if (random.nextInt(3) == 0) {
                    assertThat(table.remove(key.high(), key.low())).isEqualTo(model.remove(key) != null);
                } else {
                    long value = random.nextLong();
                    boolean added = table.putIfAbsent(key.high(), key.low(), value, ~value);
                    assertThat(added).isEqualTo(!model.containsKey(key));
                    model.putIfAbsent(key, value);
                    known.add(key);
                }
                assertThat(table.size()).isEqualTo(model.size());
            }
            for (Key key : known) {
                int slot = table.find(key.high(), key.low());
                if (model.containsKey(key)) {
                    assertThat(slot).as("seed %d, %s", seed, key).isNotNegative();
                    assertThat(table.valueHigh(slot)).isEqualTo(model.get(key));
                    assertThat(table.valueLow(slot)).isEqualTo(~model.get(key));
                } else {
                    assertThat(slot).as("seed %d, %s", seed, key).isEqualTo(-1);
                }
            }
        }
    }

    @Test
    void theFreeSlotsMarkIsNoKey() {
        assertThatThrownBy(() -> new FingerprintTable(4).putIfAbsent(0, 0, 1, 1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
