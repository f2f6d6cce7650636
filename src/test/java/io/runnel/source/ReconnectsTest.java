package io.runnel.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.runnel.config.DatabaseAuth;
import io.runnel.config.DatabaseConfig;
import io.runnel.config.DatabaseTls;
import io.runnel.decode.Lsn;
import io.runnel.jdbc.TlsException;
import io.runnel.time.FakeClock;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** When the replication stream reconnects, how soon, and when it gives up; time is hand-driven. */
class ReconnectsTest {
  private static final DatabaseConfig DB =
      new DatabaseConfig(
          "db",
          "localhost",
          5432,
          "postgres",
          "u",
          null,
          DatabaseTls.DISABLED,
          "s1",
          true,
          "p1",
          true,
          0);
  private final FakeClock clock = new FakeClock();
  private final Reconnects reconnects = new Reconnects(DB, clock);

  @Test
  void transientFailuresBackOffDoublingUpTo30SecondsAndAfreshAfterStreaming() {
    SQLException reset = new SQLException("connection reset", "08006");
    long[] delays = new long[7];
    for (int i = 0; i < delays.length; i++) {
      assertThat(reconnects.fatalReason(reset, Lsn.parse("0/10"))).isNull();
      delays[i] = reconnects.nextDelayMs();
    }
    assertThat(delays).containsExactly(1000, 2000, 4000, 8000, 16000, 30000, 30000);
    reconnects.streaming();
    assertThat(reconnects.nextDelayMs()).isEqualTo(1000);
  }

  /**
   * A standby taking over finds the slot still held by the dead holder's walsender for a moment.
   */
  @Test
  void aBusySlotIsRetriedEveryHalfSecondFor90Seconds() {
    SQLException busy = new SQLException("replication slot \"s1\" is active for PID 7", "55006");
    assertThat(reconnects.fatalReason(busy, Lsn.parse("0/10"))).isNull();
    assertThat(reconnects.nextDelayMs()).isEqualTo(500);
    clock.advance(Duration.ofSeconds(89));
    assertThat(reconnects.fatalReason(busy, Lsn.parse("0/10"))).isNull();
    clock.advance(Duration.ofSeconds(1));
    assertThat(reconnects.fatalReason(busy, Lsn.parse("0/10")))
        .startsWith("replication slot \"s1\" stayed in use by another connection for 90 s");
  }

  @Test
  void aSlotThatIsGoneIsFatalAndNamesTheLastAcknowledgedLsn() {
    SQLException gone = new SQLException("replication slot \"s1\" does not exist", "42704");
    assertThat(reconnects.fatalReason(gone, Lsn.parse("0/1A2B")))
        .startsWith(
            "database db: replication slot \"s1\" does not exist (any more), so every change"
                + " after LSN 0/1A2B (the last one Runnel acknowledged)");
  }

  @Test
  void aPermanentErrorIsFatalWithItsMessage() {
    SQLException denied = new SQLException("must be superuser or replication role", "42501");
    assertThat(reconnects.fatalReason(denied, Lsn.parse("0/10")))
        .isEqualTo("must be superuser or replication role");
  }

  @Test
  void tlsFailuresOfARunningPipelineAreRetriedNotFatal() {
    SQLException tls =
        new TlsException(
            "server certificate \"CN=db\" expired on 2026-01-01 00:00:00 UTC (sslmode=verify-full)",
            "08006",
            new SQLException("SSL error", "08006"));

    assertThat(reconnects.fatalReason(tls, Lsn.parse("0/10"))).isNull();
  }

  @Test
  void aRejectedLoginIsRetriedOnlyWhenThePasswordRotates() {
    SQLException rejected =
        new SQLException("password authentication failed for user \"u\"", "28P01");
    assertThat(reconnects.fatalReason(rejected, Lsn.parse("0/10")))
        .isEqualTo("password authentication failed for user \"u\"");

    DatabaseConfig fromFile = DB.withAuth(new DatabaseAuth.PasswordFile(Path.of("/run/pg")));
    Reconnects rotating = new Reconnects(fromFile, clock);
    assertThat(rotating.fatalReason(rejected, Lsn.parse("0/10"))).isNull();
    DatabaseConfig iam = DB.withAuth(new DatabaseAuth.Iam("eu-west-1", null, null));
    SQLException pam = new SQLException("PAM authentication failed for user \"u\"", "28000");
    assertThat(new Reconnects(iam, clock).fatalReason(pam, Lsn.parse("0/10"))).isNull();
  }
}
