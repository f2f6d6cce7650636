package io.runnel.jdbc;

import java.sql.SQLException;

/**
 * A connection that failed because of TLS: the server's certificate was not trusted, did not name
 * the host or had expired, the client key could not be read, or the server does not speak TLS. The
 * message says which, and the {@code sslmode}; the SQLState is pgjdbc's (a connection class).
 */
public final class TlsException extends SQLException {
  public TlsException(String message, String sqlState, SQLException cause) {
    super(message, sqlState, cause);
  }
}
