package io.runnel.decode;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decodes pgoutput (protocol version 1) messages into {@link WalEvent}s.
 *
 * <p>Not thread-safe: owned by the replication reader thread. Keeps the session state pgoutput
 * relies on: the relations announced so far and the open transaction (its commit LSN, timestamp,
 * xid, change counter and transaction annotations). Every problem is a {@link DecodeException}
 * naming the WAL position and the byte offset in the message.
 *
 * <p>A Begin while a transaction is open starts over: after a reconnect the server resends the
 * whole transaction. Changes to tables in Runnel's own schema are {@link WalEvent.Skipped} and do
 * not count towards {@code commitIdx}. After a {@link DecodeException} the session state is
 * unknown: replace the decoder when the replication stream restarts.
 */
public final class PgOutputDecoder {
  private static final Logger log = LoggerFactory.getLogger(PgOutputDecoder.class);
  private static final String ANNOTATIONS_PREFIX = "runnel:transaction_annotations";
  private static final String SEQUIN_ANNOTATIONS_PREFIX = "sequin:transaction_annotations.set";

  /** 2000-01-01T00:00:00Z, PostgreSQL's epoch, in Unix seconds. */
  private static final long PG_EPOCH_SECONDS = 946_684_800L;

  private static final byte TRANSACTIONAL = 1;
  private static final byte TRUNCATE_CASCADE = 1;
  private static final byte TRUNCATE_RESTART_IDENTITY = 2;

  private final PgOutputReader in = new PgOutputReader();
  private final RelationCache relations;
  private Transaction transaction;
  private long truncates;

  public PgOutputDecoder(RelationCatalog catalog) {
    this.relations = new RelationCache(catalog);
  }

  /**
   * Decodes one pgoutput message (the XLogData payload, positioned at its first byte). The buffer's
   * position is left unchanged; error offsets count from it.
   *
   * @param lsn the XLogData's WAL start, for error messages
   * @throws DecodeException when the message is malformed, truncated, of an unknown type, or does
   *     not fit the session state (a change outside a transaction or for an unannounced relation)
   */
  public WalEvent decode(ByteBuffer message, Lsn lsn) {
    in.reset(message, Objects.requireNonNull(lsn, "lsn"));
    byte type = in.type();
    WalEvent event =
        switch (type) {
          case 'B' -> begin();
          case 'C' -> commit();
          case 'R' -> relation();
          case 'I' -> insert();
          case 'U' -> update();
          case 'D' -> delete();
          case 'T' -> truncate();
          case 'O' -> origin();
          case 'Y' -> type();
          case 'M' -> logicalMessage();
          default ->
              throw new DecodeException(
                  "unknown pgoutput message type " + PgOutputReader.describe(type), lsn, 0);
        };
    if (in.remaining() != 0) {
      throw in.fail(in.remaining() + " unexpected bytes after the message");
    }
    return event;
  }

  private WalEvent begin() {
    Lsn commitLsn = in.lsn64("final LSN");
    Instant timestamp = timestamp("commit timestamp");
    long xid = Integer.toUnsignedLong(in.int32("xid"));
    transaction = new Transaction(commitLsn, timestamp, xid);
    return new WalEvent.Begin(commitLsn, timestamp, xid);
  }

  private WalEvent commit() {
    in.byte1("flags");
    Lsn commitLsn = in.lsn64("commit LSN");
    Lsn endLsn = in.lsn64("end LSN");
    Instant timestamp = timestamp("commit timestamp");
    if (transaction == null) {
      throw in.fail("Commit " + commitLsn + " without a Begin");
    }
    if (!transaction.commitLsn.equals(commitLsn)) {
      throw in.fail(
          "Commit " + commitLsn + " does not match the Begin's final LSN " + transaction.commitLsn);
    }
    transaction = null;
    return new WalEvent.Commit(commitLsn, endLsn, timestamp);
  }

  private WalEvent relation() {
    Relation relation = relations.read(in);
    return new WalEvent.Skipped(
        "relation " + relation.table() + " (oid " + Integer.toUnsignedString(relation.oid()) + ")");
  }

  private WalEvent insert() {
    Relation relation = changedRelation();
    expectTupleMarker('N');
    return rowChange(Action.INSERT, relation, TupleData.read(in, relation), null);
  }

  private WalEvent update() {
    Relation relation = changedRelation();
    byte marker = in.byte1("tuple marker");
    Tuple oldRow = null;
    if (marker == 'K' || marker == 'O') {
      oldRow = TupleData.read(in, relation);
      marker = in.byte1("tuple marker");
    }
    if (marker != 'N') {
      throw in.fail("expected new tuple 'N', found " + PgOutputReader.describe(marker));
    }
    return rowChange(Action.UPDATE, relation, TupleData.read(in, relation), oldRow);
  }

  private WalEvent delete() {
    Relation relation = changedRelation();
    byte marker = in.byte1("tuple marker");
    if (marker != 'K' && marker != 'O') {
      throw in.fail("expected old tuple 'K' or 'O', found " + PgOutputReader.describe(marker));
    }
    return rowChange(Action.DELETE, relation, null, TupleData.read(in, relation));
  }

  /** Reads the relation OID of a row change, which must come inside a transaction. */
  private Relation changedRelation() {
    int oid = in.int32("relation OID");
    if (transaction == null) {
      throw in.fail(
          "row change for relation OID "
              + Integer.toUnsignedString(oid)
              + " outside a transaction");
    }
    Relation relation = relations.get(oid, in);
    in.about(relation);
    return relation;
  }

  private void expectTupleMarker(char expected) {
    byte marker = in.byte1("tuple marker");
    if (marker != expected) {
      throw in.fail("expected tuple '" + expected + "', found " + PgOutputReader.describe(marker));
    }
  }

  private WalEvent rowChange(Action action, Relation relation, Tuple newRow, Tuple oldRow) {
    if (RelationCache.ignored(relation)) {
      return new WalEvent.Skipped(action.wireName() + " on " + relation.table() + " (ignored)");
    }
    Transaction tx = transaction;
    return new WalEvent.RowChange(
        new Change(
            action,
            relation,
            newRow,
            oldRow,
            tx.commitLsn,
            tx.nextCommitIdx++,
            tx.commitTimestamp,
            tx.xid,
            tx.annotations));
  }

  private WalEvent truncate() {
    int count = in.int32("relation count");
    byte options = in.byte1("options");
    if (count < 0) {
      throw in.fail("negative relation count " + count);
    }
    StringBuilder what = new StringBuilder("truncate");
    for (int i = 0; i < count; i++) {
      what.append(i == 0 ? " " : ", ").append(relations.get(in.int32("relation OID"), in).table());
    }
    if ((options & TRUNCATE_CASCADE) != 0) {
      what.append(" cascade");
    }
    if ((options & TRUNCATE_RESTART_IDENTITY) != 0) {
      what.append(" restart identity");
    }
    truncates++;
    // No message is sent for a TRUNCATE (issue 6): consumers learn of it only from this line.
    log.info("pgoutput {} at {} ({} truncates this session)", what, in.lsn(), truncates);
    return new WalEvent.Skipped(what.toString());
  }

  /** TRUNCATE messages decoded so far; they produce no change messages, only an INFO line. */
  public long truncates() {
    return truncates;
  }

  private WalEvent origin() {
    Lsn originLsn = in.lsn64("origin commit LSN");
    return new WalEvent.Skipped("origin " + in.cString("origin name") + " at " + originLsn);
  }

  private WalEvent type() {
    int oid = in.int32("type OID");
    String namespace = in.cString("type namespace");
    String name = in.cString("type name");
    return new WalEvent.Skipped(
        "type " + namespace + "." + name + " (oid " + Integer.toUnsignedString(oid) + ")");
  }

  /**
   * A {@code pg_logical_emit_message}; the annotation prefixes set the transaction's annotations.
   */
  private WalEvent logicalMessage() {
    boolean transactional = (in.byte1("flags") & TRANSACTIONAL) != 0;
    Lsn messageLsn = in.lsn64("message LSN");
    String prefix = in.cString("prefix");
    String content = in.text(in.int32("content length"), "content");
    if (!transactional && prefix.equals(WalEvent.Watermark.PREFIX)) {
      return new WalEvent.Watermark(content, messageLsn);
    }
    boolean annotations =
        prefix.equals(ANNOTATIONS_PREFIX) || prefix.equals(SEQUIN_ANNOTATIONS_PREFIX);
    if (!annotations) {
      return new WalEvent.Skipped("logical message " + prefix);
    }
    if (!transactional) {
      return new WalEvent.Skipped("non-transactional logical message " + prefix + " (ignored)");
    }
    if (transaction == null) {
      return new WalEvent.Skipped("logical message " + prefix + " outside a transaction (ignored)");
    }
    transaction.annotations = content;
    return new WalEvent.Skipped("transaction annotations");
  }

  /** An Int64 of microseconds since 2000-01-01 UTC, kept to the microsecond. */
  private Instant timestamp(String what) {
    long micros = in.int64(what);
    return Instant.ofEpochSecond(
        PG_EPOCH_SECONDS + Math.floorDiv(micros, 1_000_000L),
        Math.floorMod(micros, 1_000_000L) * 1_000L);
  }

  /** The open transaction; its counter and annotations change as its messages arrive. */
  private static final class Transaction {
    final Lsn commitLsn;
    final Instant commitTimestamp;
    final long xid;
    int nextCommitIdx;
    String annotations;

    Transaction(Lsn commitLsn, Instant commitTimestamp, long xid) {
      this.commitLsn = commitLsn;
      this.commitTimestamp = commitTimestamp;
      this.xid = xid;
    }
  }
}
