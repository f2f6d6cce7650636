/**
 * Fan-out and acknowledgement: each decoded change becomes one {@code OutboundMessage} per sink
 * that takes it ({@code SinkRoute}), handed to that sink's {@code SinkInbox}; each source
 * transaction is counted until all its messages settle, and the {@code AckWatermark} says how far
 * the slot may be acknowledged. {@code Sink} and {@code Outcome} are the seam to destinations.
 *
 * <p>May import {@code decode}, {@code message}, {@code function}, {@code source} (the handler it
 * implements) and {@code backfill} (the windows that place backfill pages in the stream); never
 * {@code delivery}. {@code ChangeFanout} and {@code AckWatermark} are confined to the replication
 * reader thread; delivery threads only release a {@code Transaction}.
 */
package io.runnel.pipeline;
