/**
 * This instance's role per database: the lease on the state store that lets one instance stream a
 * database ({@code SlotLease}), takeover when the holder goes away, and balancing databases over
 * the instances of one config.
 *
 * <p>May import {@code config}, {@code source} (its connections) and {@code time}; it starts a
 * database's pipeline only through the {@code Supplier} it is given, so it never imports {@code
 * runtime}. {@code RoleScheduler}'s {@code runnel-lease-*} threads own each role's lease and tick.
 */
package io.runnel.ha;
