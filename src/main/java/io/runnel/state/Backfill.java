package io.runnel.state;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * One backfill of a table for a sink, as stored and shown by the API. Immutable.
 *
 * @param cursor the primary key (as text) of the last row whose page is settled; null before the
 *     first page
 * @param rowsEstimated the planner's row count when the backfill started; -1 when unknown
 * @param lastError why it failed, else null
 */
public record Backfill(
    String id,
    String sink,
    String table,
    State state,
    List<String> cursor,
    long rowsRead,
    long rowsEstimated,
    String lastError,
    Instant createdAt,
    Instant updatedAt) {

  /** Where a backfill is. */
  public enum State {
    RUNNING,
    DONE,
    FAILED;

    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }

    static State fromWireName(String name) {
      return valueOf(name.toUpperCase(Locale.ROOT));
    }
  }

  public Backfill {
    cursor = cursor == null ? null : List.copyOf(cursor);
  }

  /** After one more page of {@code rows} rows, ending at key {@code last}. */
  public Backfill advanced(int rows, List<String> last, Instant now) {
    return new Backfill(
        id, sink, table, state, last, rowsRead + rows, rowsEstimated, null, createdAt, now);
  }

  public Backfill finished(Instant now) {
    return new Backfill(
        id, sink, table, State.DONE, cursor, rowsRead, rowsEstimated, null, createdAt, now);
  }

  public Backfill failed(String error, Instant now) {
    return new Backfill(
        id, sink, table, State.FAILED, cursor, rowsRead, rowsEstimated, error, createdAt, now);
  }
}
