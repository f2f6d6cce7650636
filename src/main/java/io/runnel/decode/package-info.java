/**
 * pgoutput bytes → {@code WalEvent}s: Begin, Commit, row {@code Change}s with their {@code
 * Relation}, logical-message watermarks; plus the value types used everywhere ({@code Lsn}, {@code
 * TableId}, {@code Tuple}).
 *
 * <p>Imports no other Runnel package. The decoder and its relation cache are confined to the
 * replication reader thread; the value types are immutable.
 */
package io.runnel.decode;
