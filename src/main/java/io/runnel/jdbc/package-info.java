/**
 * Opening JDBC connections to PostgreSQL: the one place that turns a database's config into pgjdbc
 * properties (credentials, TLS, timeouts, keepalive), used by the source, the state store and the
 * leases, and the one place that recognises TLS failures and puts them in words ({@link
 * io.runnel.jdbc.TlsException}).
 *
 * <p>May import {@code config} only. Stateless.
 */
package io.runnel.jdbc;
