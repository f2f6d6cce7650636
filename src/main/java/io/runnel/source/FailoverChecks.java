package io.runnel.source;

import io.runnel.config.CheckResult;
import io.runnel.config.DatabaseConfig;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * {@code validate --connect} on PostgreSQL 17+: whether the slot would survive a failover to a
 * physical standby — a failover slot, {@code synchronized_standby_slots} on the primary, {@code
 * sync_replication_slots} on the standbys — each missing piece a warning with the exact setting.
 * Older servers cannot synchronize logical slots and are not checked. Not thread-safe.
 */
final class FailoverChecks {
  static final int FIRST_VERSION = 170000;

  private final DatabaseConfig db;
  private final String path;
  private final List<CheckResult> results;

  FailoverChecks(DatabaseConfig db, String path, List<CheckResult> results) {
    this.db = db;
    this.path = path;
    this.results = results;
  }

  void run(Connection connection) throws SQLException {
    String sql =
        "SELECT current_setting('server_version_num')::int,"
            + " current_setting('synchronized_standby_slots', true),"
            + " current_setting('sync_replication_slots', true),"
            + " (SELECT to_jsonb(s)->>'failover' FROM pg_replication_slots s WHERE slot_name = ?)";
    try (PreparedStatement query = connection.prepareStatement(sql)) {
      query.setString(1, db.slotName());
      try (ResultSet row = query.executeQuery()) {
        row.next();
        if (row.getInt(1) < FIRST_VERSION) {
          return;
        }
        check(row.getString(2), row.getString(3), row.getString(4));
      }
    }
  }

  private void check(String standbySlots, String syncSlots, String failover) {
    String slot = "replication slot \"" + db.slotName() + "\"";
    if ("false".equals(failover)) {
      results.add(
          CheckResult.warning(
              path + ".slot",
              slot
                  + " is not a failover slot, so a promoted standby will not have it: run"
                  + " ALTER_REPLICATION_SLOT "
                  + db.slotName()
                  + " (FAILOVER true) on a replication connection (psql \"dbname="
                  + db.database()
                  + " replication=database\"), with Runnel stopped"));
    }
    if (standbySlots == null || standbySlots.isBlank()) {
      results.add(
          CheckResult.warning(
              path,
              "synchronized_standby_slots is not set on this server: without it Runnel may receive"
                  + " changes a standby has not confirmed yet, and a failover to that standby"
                  + " loses the slot's position; on the primary run ALTER SYSTEM SET"
                  + " synchronized_standby_slots = '<the standby''s physical slot>'; SELECT"
                  + " pg_reload_conf();"));
    }
    if (!"on".equals(syncSlots)) {
      results.add(
          CheckResult.warning(
              path,
              "sync_replication_slots is off on this server: each physical standby that may be"
                  + " promoted needs sync_replication_slots = on, hot_standby_feedback = on,"
                  + " primary_slot_name = '<its physical slot>' and dbname="
                  + db.database()
                  + " in primary_conninfo (ALTER SYSTEM SET ...; SELECT pg_reload_conf(); on the"
                  + " standby) so it keeps a copy of "
                  + slot));
    }
  }
}
