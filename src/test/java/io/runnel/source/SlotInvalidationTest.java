package io.runnel.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/** Reading pg_replication_slots' invalidation columns, and the errors of a slot that is gone. */
class SlotInvalidationTest {
  @Test
  void aValidSlotIsNotInvalidated() {
    assertThat(ReplicationSetup.invalidation("reserved", "false", null)).isNull();
    assertThat(ReplicationSetup.invalidation("extended", null, null)).isNull();
  }

  @Test
  void eachVersionsMarkerIsRecognised() {
    assertThat(ReplicationSetup.invalidation("lost", null, null))
        .isEqualTo("was invalidated (wal_status=lost: the server removed WAL it still needed)");
    assertThat(ReplicationSetup.invalidation("reserved", "true", null))
        .startsWith("was invalidated (conflicting=true");
    assertThat(ReplicationSetup.invalidation("lost", "true", "wal_removed"))
        .isEqualTo("was invalidated (invalidation_reason=wal_removed)");
  }

  @Test
  void aMissingOrInvalidatedSlotIsGoneButABusyOneIsNot() {
    assertThat(
            Connections.isSlotGone(
                new SQLException("replication slot \"s\" does not exist", "42704")))
        .isTrue();
    assertThat(
            Connections.isSlotGone(
                new SQLException("can no longer get changes from replication slot \"s\"", "55000")))
        .isTrue();
    assertThat(
            Connections.isSlotGone(
                new SQLException("replication slot \"s\" is active for PID 42", "55006")))
        .isFalse();
  }
}
