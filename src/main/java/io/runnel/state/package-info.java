/**
 * The durable store in PostgreSQL (schema {@code runnel}): discarded and parked messages, paused
 * sinks, backfills and each slot's acknowledged position, with its migrations.
 *
 * <p>May import {@code config} and {@code decode}. Thread-safe; every call blocks on the store's
 * connection (used under its lock).
 */
package io.runnel.state;
