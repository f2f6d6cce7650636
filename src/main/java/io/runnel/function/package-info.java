/**
 * A sink's CEL functions (filter, transform, routing; DESIGN.md §6), compiled once at start and
 * applied to each message.
 *
 * <p>May import {@code message} and {@code config}. Compiled functions are immutable and evaluate
 * on the caller's thread (the replication reader).
 */
package io.runnel.function;
