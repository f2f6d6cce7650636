package io.runnel.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.runnel.time.FakeClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class InFlightLimitTest {
  private final FakeClock clock = new FakeClock();

  /** One window: a request answered after {@code rtt}, once the window's time is up. */
  private void window(InFlightLimit limit, boolean blocked, Duration rtt) {
    if (blocked) {
      limit.blocked();
    }
    clock.advance(Duration.ofMillis(Math.max(50, 2 * rtt.toMillis())));
    limit.answered(rtt.toNanos());
  }

  @Test
  void growsWhileHeldBackAndRoundTripsStayFlat() {
    InFlightLimit limit = new InFlightLimit(16, 256, clock);
    window(limit, true, Duration.ofMillis(21));
    assertThat(limit.current()).isEqualTo(20);
    for (int i = 0; i < 30; i++) {
      window(limit, true, Duration.ofMillis(21));
    }
    assertThat(limit.current()).as("grows to its ceiling, not past it").isEqualTo(256);
  }

  @Test
  void doesNotGrowWhenNothingWaitedForRoom() {
    InFlightLimit limit = new InFlightLimit(16, 256, clock);
    for (int i = 0; i < 10; i++) {
      window(limit, false, Duration.ofMillis(21));
    }
    assertThat(limit.current()).isEqualTo(16);
  }

  @Test
  void stopsGrowingWhenRoundTripsRiseAndShrinksBackTowardsTheFloor() {
    InFlightLimit limit = new InFlightLimit(16, 256, clock);
    for (int i = 0; i < 5; i++) {
      window(limit, true, Duration.ofMillis(20));
    }
    int grown = limit.current();
    assertThat(grown).isGreaterThan(16);

    window(limit, true, Duration.ofMillis(35));
    assertThat(limit.current()).as("1.75x the lowest round trip: hold").isEqualTo(grown);

    window(limit, true, Duration.ofMillis(60));
    assertThat(limit.current()).as("3x: requests queue at the server").isLessThan(grown);
    for (int i = 0; i < 20; i++) {
      window(limit, true, Duration.ofMillis(80));
    }
    assertThat(limit.current()).isEqualTo(16);
  }

  @Test
  void aPathThatStaysSlowerBecomesTheNewNormal() {
    InFlightLimit limit = new InFlightLimit(16, 256, clock);
    window(limit, false, Duration.ofMillis(2));
    for (int i = 0; i < 200; i++) {
      window(limit, false, Duration.ofMillis(20));
    }
    window(limit, true, Duration.ofMillis(20));
    assertThat(limit.current()).as("20 ms is flat again once the 2 ms is forgotten").isEqualTo(20);
  }

  @Test
  void aWindowLastsAtLeastTwoRoundTrips() {
    InFlightLimit limit = new InFlightLimit(4, 64, clock);
    limit.blocked();
    clock.advance(Duration.ofMillis(100));
    limit.answered(Duration.ofMillis(80).toNanos());
    assertThat(limit.current()).as("100 ms < 2 x 80 ms: window still open").isEqualTo(4);
    clock.advance(Duration.ofMillis(70));
    limit.answered(Duration.ofMillis(80).toNanos());
    assertThat(limit.current()).isEqualTo(5);
  }

  @Test
  void ceilingComesFromTheBufferAndNeverFallsBelowTheFloor() {
    assertThat(InFlightLimit.forSink(16, 10_000, 10, clock))
        .hasToString("InFlightLimit[limit=16, floor=16, ceiling=256, lowestRttMs=-]");
    assertThat(InFlightLimit.forSink(16, 50, 10, clock))
        .hasToString("InFlightLimit[limit=16, floor=16, ceiling=16, lowestRttMs=-]");
    assertThatThrownBy(() -> new InFlightLimit(0, 4, clock))
        .hasMessageContaining("floor=0 ceiling=4");
  }

  @Test
  void throttlingHalvesTheLimitOncePerWindowDownToOneRequest() {
    InFlightLimit limit = new InFlightLimit(16, 256, clock);
    for (int i = 0; i < 5; i++) {
      window(limit, true, Duration.ofMillis(20));
    }
    int grown = limit.current();
    limit.throttled();
    assertThat(limit.current()).isEqualTo(grown / 2);
    for (int i = 0; i < 15; i++) {
      limit.throttled();
    }
    assertThat(limit.current())
        .as("the requests in flight come back throttled together: one halving per window")
        .isEqualTo(grown / 2);
    for (int i = 0; i < 10; i++) {
      clock.advance(Duration.ofMillis(50));
      limit.throttled();
    }
    assertThat(limit.current()).as("below the floor of 16, never below one").isEqualTo(1);
  }

  @Test
  void afterThrottlingTheLimitGrowsBackToTheFloorWhateverTheRoundTrip() {
    InFlightLimit limit = new InFlightLimit(16, 256, clock);
    window(limit, true, Duration.ofMillis(20));
    for (int i = 0; i < 6; i++) {
      clock.advance(Duration.ofMillis(50));
      limit.throttled();
    }
    assertThat(limit.current()).isLessThan(4);
    window(limit, false, Duration.ofMillis(90));
    assertThat(limit.current())
        .as("a slow round trip below the floor does not jump it back to the floor")
        .isLessThan(4);
    for (int i = 0; i < 20; i++) {
      window(limit, true, Duration.ofMillis(90));
    }
    assertThat(limit.current())
        .as("ready batches wait: back to the floor, though the round trip is 4.5x the lowest")
        .isEqualTo(16);
  }
}
