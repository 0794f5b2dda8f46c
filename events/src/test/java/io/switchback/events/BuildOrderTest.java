package io.switchback.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Builds of a service are ordered by workflow run, then attempt; the release record keeps the wire form. */
class BuildOrderTest {

    @Test
    void ordersByRunThenAttemptAndReadsBackItsWireForm() {
        assertThat(new BuildOrder(41, 9)).isLessThan(new BuildOrder(42, 1));
        assertThat(new BuildOrder(42, 1)).isLessThan(new BuildOrder(42, 2));
        assertThat(new BuildOrder(42, 2)).isEqualByComparingTo(BuildOrder.parse("42.2"));
        assertThat(BuildOrder.parse(new BuildOrder(9_876_543_210L, 3).wire())).isEqualTo(new BuildOrder(9_876_543_210L, 3));
        assertThatThrownBy(() -> BuildOrder.parse("42")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BuildOrder.parse("x.1")).isInstanceOf(IllegalArgumentException.class);
    }
}
