/**
 * Time as the rest of Runnel reads it, injected so tests advance a fake instead of sleeping.
 *
 * <p>A leaf: imports no other Runnel package. Stateless.
 */
package io.runnel.time;
