package io.runnel.source;

import io.runnel.config.DatabaseConfig;
import io.runnel.decode.Lsn;
import io.runnel.decode.TableId;
import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;
import org.postgresql.PGConnection;
import org.postgresql.replication.LogSequenceNumber;
import org.postgresql.replication.PGReplicationStream;

/**
 * The pgoutput stream (protocol 1) of one database's slot on a replication connection: started
 * after an LSN with Runnel's slot options, read one message at a time, and told how far the slot
 * may advance. Confined to the source's reader thread; closed with its connection.
 */
final class SlotStream {
  private static final long STATUS_INTERVAL_MS = 10_000;

  private final PGReplicationStream stream;

  private SlotStream(PGReplicationStream stream) {
    this.stream = stream;
  }

  /** Starts streaming {@code db}'s slot from {@code from}, with canonical value output. */
  static SlotStream start(Connection replication, DatabaseConfig db, Lsn from) throws SQLException {
    Connections.useCanonicalOutput(replication);
    return new SlotStream(
        replication
            .unwrap(PGConnection.class)
            .getReplicationAPI()
            .replicationStream()
            .logical()
            .withSlotName(db.slotName())
            .withStartPosition(LogSequenceNumber.valueOf(from.value()))
            .withSlotOption("proto_version", "1")
            .withSlotOption("publication_names", TableId.quote(db.publicationName()))
            .withSlotOption("messages", "true")
            .withStatusInterval((int) STATUS_INTERVAL_MS, TimeUnit.MILLISECONDS)
            .start());
  }

  /** The next message, or null when the server has sent nothing yet. */
  ByteBuffer readPending() throws SQLException {
    return stream.readPending();
  }

  /** The LSN of the last message received. */
  Lsn lastReceived() {
    return new Lsn(stream.getLastReceiveLSN().asLong());
  }

  /** Confirms the slot up to {@code lsn} (flushed and applied) and tells the server now. */
  void confirm(Lsn lsn) throws SQLException {
    LogSequenceNumber pgLsn = LogSequenceNumber.valueOf(lsn.value());
    stream.setFlushedLSN(pgLsn);
    stream.setAppliedLSN(pgLsn);
    stream.forceUpdateStatus();
  }

  /** Writes a status update now: a server that went away without a word shows as a failed write. */
  void probe() throws SQLException {
    stream.forceUpdateStatus();
  }

  void close() throws SQLException {
    stream.close();
  }
}
