package io.runnel.source;

import io.runnel.config.DatabaseConfig;
import io.runnel.decode.Lsn;

/**
 * The error for a slot that is gone or can no longer stream: it names the slot, the last LSN Runnel
 * acknowledged from it and what the operator can do. Runnel never recreates such a slot on its own:
 * a new slot starts at the server's current position, so every change between the last
 * acknowledgement and now would be skipped without a word.
 */
final class SlotLoss {
  private SlotLoss() {}

  /**
   * @param what what happened to the slot ("does not exist", "was invalidated (wal_status=lost)")
   * @param lastAcknowledged the last LSN acknowledged from the slot, or null when not known
   */
  static SourceException of(DatabaseConfig db, String what, Lsn lastAcknowledged) {
    String since =
        lastAcknowledged == null
            ? "the changes it still held"
            : "every change after LSN " + lastAcknowledged + " (the last one Runnel acknowledged)";
    return new SourceException(
        "database "
            + db.name()
            + ": replication slot \""
            + db.slotName()
            + "\" "
            + what
            + ", so "
            + since
            + " that was not delivered yet cannot be streamed; Runnel stopped this database"
            + " instead of creating a new slot that would skip them. After a failover, check that"
            + " the slot was synchronized to the new primary (PostgreSQL 17+: failover slots, see"
            + " README 'PostgreSQL failover'). To start over from now, accepting the gap: run"
            + " DELETE FROM runnel.slots WHERE database = '"
            + db.name().replace("'", "''")
            + "' AND slot = '"
            + db.slotName()
            + "' on the state store (and drop the slot if it is invalidated:"
            + " SELECT pg_drop_replication_slot('"
            + db.slotName()
            + "')), restart Runnel, and backfill the tables to resend their current rows",
        false,
        null);
  }
}
