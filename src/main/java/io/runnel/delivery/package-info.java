/**
 * The delivery engine of each sink: order per group, batching, retries with backoff, parking in the
 * state store, adaptive requests in flight, bounded buffers, the sink's counters, and the
 * operator's retry and discard.
 *
 * <p>May import {@code pipeline} (messages, transactions, {@code Sink}), {@code state}, {@code
 * message}, {@code decode} and {@code time}. Each sink's state is owned by its {@code
 * runnel-sink-<name>} thread ({@code SinkWorker}); other threads reach it only through the worker's
 * event queue ({@code SinkWorker.offer}, {@code OperatorActions}), or read what is thread-safe
 * ({@code SinkStats}, the recent deliveries).
 */
package io.runnel.delivery;
