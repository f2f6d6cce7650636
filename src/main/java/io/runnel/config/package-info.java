/**
 * The YAML configuration: environment interpolation, parsing into immutable records, and one
 * validation pass that reports every problem with its YAML path.
 *
 * <p>May import {@code decode} and {@code message} (table names, timestamp formats). Stateless;
 * loaded once, on the main thread, before anything starts.
 */
package io.runnel.config;
