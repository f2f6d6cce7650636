package io.runnel.ha;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.runnel.time.FakeClock;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The role state machine with a fake lease, fake pipelines and a hand-driven clock. */
class DatabaseRoleTest {
  private final FakeLease lease = new FakeLease();
  private final List<FakePipeline> started = new ArrayList<>();
  private final FakeClock clock = new FakeClock();
  private RuntimeException failStart;

  private final DatabaseRole<FakePipeline> role =
      new DatabaseRole<>(
          "db",
          lease,
          () -> {
            if (failStart != null) {
              throw failStart;
            }
            FakePipeline pipeline = new FakePipeline();
            started.add(pipeline);
            return pipeline;
          },
          clock);

  @Test
  void theFirstInstanceStreamsAtStart() {
    role.start();
    assertThat(role.active()).isTrue();
    assertThat(started).hasSize(1);
  }

  @Test
  void aStandbyWaitsAndTakesOverWhenTheLeaseIsFree() {
    lease.heldBy = "other-1";
    role.start();
    assertThat(role.active()).isFalse();
    assertThat(role.holder()).isEqualTo("other-1");
    role.tick();
    assertThat(role.active()).isFalse();

    lease.heldBy = null; // the holder died; the server released its lock
    role.tick();
    assertThat(role.active()).isTrue();
    assertThat(started).hasSize(1);
  }

  @Test
  void aLostLeaseAbortsAtOnceWithoutAStopAndGoesBackToStandby() {
    role.start();
    lease.alive = false;
    lease.heldBy = "other-1";
    role.tick();
    assertThat(role.active()).isFalse();
    assertThat(started.get(0).aborted).isTrue();
    assertThat(started.get(0).stopped).as("a clean stop would acknowledge").isFalse();
    assertThat(role.lastError()).contains("lease lost");
    assertThat(lease.closed).isTrue();

    lease.alive = true;
    role.tick();
    assertThat(role.active()).isFalse();
    assertThat(role.holder()).isEqualTo("other-1");
    assertThat(role.lastError()).as("the other instance streams").isNull();
  }

  @Test
  void aFailedTakeoverReleasesTheLeaseAndBacksOff() {
    lease.heldBy = "other-1";
    role.start();
    lease.heldBy = null;
    failStart = new IllegalStateException("queue q does not exist");
    role.tick();
    assertThat(role.active()).isFalse();
    assertThat(lease.closed).as("others may try").isTrue();
    assertThat(role.lastError()).isEqualTo("queue q does not exist");
    assertThat(role.holder()).as("no one streams it now").isNull();

    failStart = null;
    role.tick();
    assertThat(role.active()).as("backing off for 2 s").isFalse();
    clock.advance(Duration.ofSeconds(2));
    role.tick();
    assertThat(role.active()).isTrue();
    assertThat(role.lastError()).isNull();
  }

  @Test
  void aStartupFailurePropagatesAndReleasesTheLease() {
    failStart = new IllegalStateException("publication p does not exist");
    assertThatThrownBy(role::start).hasMessage("publication p does not exist");
    assertThat(lease.closed).isTrue();
  }

  @Test
  void anUnreachableStateStoreAtStartupNamesTheDatabase() {
    lease.unreachable = true;
    assertThatThrownBy(role::start)
        .hasMessageStartingWith("database db: cannot reach the state store to take the lease");
  }

  @Test
  void anUnreachableStateStoreOnStandbyIsReportedAndRetried() {
    lease.heldBy = "other-1";
    role.start();
    lease.unreachable = true;
    role.tick();
    assertThat(role.lastError()).contains("cannot reach the state store");
    lease.unreachable = false;
    lease.heldBy = null;
    role.tick();
    assertThat(role.active()).isTrue();
  }

  @Test
  void steppingDownStopsCleanlyAndPausesBeforeTryingAgain() throws Exception {
    role.start();
    role.stepDown(Duration.ofSeconds(10));
    assertThat(started.get(0).stopped).isTrue();
    assertThat(role.active()).isFalse();
    role.tick();
    assertThat(role.active()).isFalse();
    clock.advance(Duration.ofSeconds(10));
    role.tick();
    assertThat(role.active()).isTrue();
  }

  @Test
  void closeStopsCleanlyAndReleases() {
    role.start();
    role.close();
    assertThat(started.get(0).stopped).isTrue();
    assertThat(lease.closed).isTrue();
  }

  @Test
  void anInstanceAboveItsShareGivesOneDatabaseAway() {
    FakeLease other = new FakeLease();
    DatabaseRole<FakePipeline> second = new DatabaseRole<>("db2", other, FakePipeline::new, clock);
    role.start();
    second.start();
    new Balancer("me", List.of(role, second)).run();
    assertThat(role.active() && second.active()).as("alone: keeps both").isTrue();

    other.instances = Set.of("me", "other-1");
    new Balancer("me", List.of(role, second)).run();
    assertThat(role.active()).isTrue();
    assertThat(second.active()).as("two instances: one each").isFalse();
    new Balancer("me", List.of(role, second)).run();
    assertThat(role.active()).as("never below its share").isTrue();
  }

  private static final class FakePipeline implements DatabaseRole.Streaming {
    boolean stopped;
    boolean aborted;

    @Override
    public void stop(Duration timeout) {
      stopped = true;
    }

    @Override
    public void abort() {
      aborted = true;
    }
  }

  /** Held by this instance between a successful tryAcquire and close. */
  private static final class FakeLease implements SlotLease {
    String heldBy;
    boolean alive = true;
    boolean unreachable;
    boolean closed;
    Set<String> instances = Set.of("me");
    private boolean mine;

    @Override
    public boolean tryAcquire() throws SQLException {
      if (unreachable) {
        throw new SQLException("Connection refused", "08001");
      }
      closed = false;
      mine = mine || heldBy == null;
      return mine;
    }

    @Override
    public boolean held() {
      return mine && alive;
    }

    @Override
    public String holder() {
      return mine ? "me" : heldBy;
    }

    @Override
    public Set<String> instances() {
      return instances;
    }

    @Override
    public void close() {
      mine = false;
      closed = true;
    }
  }
}
