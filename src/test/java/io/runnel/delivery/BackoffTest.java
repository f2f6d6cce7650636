package io.runnel.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {
  @Test
  void exponentialWithinJitterAndCappedAtThreeMinutes() {
    Backoff low = new Backoff(() -> 0.0);
    Backoff high = new Backoff(() -> 0.999_999);
    assertThat(low.delayNanos(1)).isEqualTo((long) (Duration.ofSeconds(1).toNanos() * 0.85));
    assertThat(high.delayNanos(3))
        .isBetween(
            (long) (Duration.ofSeconds(4).toNanos() * 1.149),
            (long) (Duration.ofSeconds(4).toNanos() * 1.15));
    assertThat(low.delayNanos(40)).isEqualTo((long) (Duration.ofMinutes(3).toNanos() * 0.85));
    assertThat(high.delayNanos(9))
        .isLessThanOrEqualTo((long) (Duration.ofMinutes(3).toNanos() * 1.15));
  }
}
