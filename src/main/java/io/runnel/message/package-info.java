/**
 * A {@code Change} → the message body Sequin's SQS sink sends (DESIGN.md §4), with its idempotency
 * key, group key and each PostgreSQL type written as Sequin writes it.
 *
 * <p>May import {@code decode} only. Encoders are thread-safe and hold only per-relation caches;
 * encoding runs on the replication reader thread.
 */
package io.runnel.message;
