package io.runnel.runtime;

/**
 * Which instance streams a database, as {@code GET /api/instances} and /health report it. Immutable
 * snapshot.
 *
 * @param role {@code active} when this instance streams it, else {@code standby}
 * @param holder the instance id streaming it (this one when active); null when unknown or free
 * @param lastError why the last takeover failed or the lease was lost; null when fine
 */
public record DatabaseStatus(
    String database, String slot, String role, String holder, String lastError) {}
