/**
 * Reads one database's logical replication stream: the slot and publication (checked or created),
 * the replication connection with its reconnects, acknowledgement and heartbeats; hands each
 * decoded event to a {@code WalEventHandler}.
 *
 * <p>May import {@code decode}, {@code config} and {@code time}. The {@code
 * runnel-source-<database>} thread owns the replication connection and the decoder; periodic
 * queries run on their own named threads.
 */
package io.runnel.source;
