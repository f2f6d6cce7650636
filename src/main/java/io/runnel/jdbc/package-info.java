/**
 * Opening JDBC connections to PostgreSQL: the one place that turns a database's config into pgjdbc
 * properties (credentials, TLS, timeouts, keepalive), used by the source, the state store and the
 * leases, and the one place that recognises TLS failures and puts them in words ({@link
 * io.runnel.jdbc.TlsException}). {@code PasswordSources} picks how each connection gets its
 * password: static, {@code password_file} re-read, or a fresh RDS IAM token ({@code IamTokens}).
 *
 * <p>May import {@code config}, {@code aws} (credentials for IAM tokens) and {@code time}.
 * Thread-safe.
 */
package io.runnel.jdbc;
