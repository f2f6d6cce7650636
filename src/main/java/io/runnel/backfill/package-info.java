/**
 * Backfills: a table read page by page in primary-key order ({@code TableReader}, {@code
 * PageQuery}) and placed in the change stream between watermarks ({@code BackfillWindows}), so a
 * row's {@code read} never overtakes a newer change of that row.
 *
 * <p>May import {@code source} (connections), {@code state}, {@code decode}, {@code config} and
 * {@code time}. Each database's {@code runnel-backfill-<database>} thread owns its reads; {@code
 * BackfillWindows} is shared with the replication reader thread and thread-safe.
 */
package io.runnel.backfill;
