/**
 * The HTTP server: {@code /health}, {@code /metrics}, the sinks and backfills API (DESIGN.md §7)
 * and the console's files.
 *
 * <p>May import {@code runtime}, {@code delivery} and {@code state}. Requests are served on virtual
 * threads; it keeps no state of its own beyond the server.
 */
package io.runnel.api;
