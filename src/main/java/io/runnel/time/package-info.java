/**
 * Time as the rest of Runnel reads it, injected so tests advance a fake instead of sleeping. {@code
 * SystemClock} is the one place Runnel reads the system's clocks.
 *
 * <p>A leaf: imports no other Runnel package. Stateless.
 */
package io.runnel.time;
