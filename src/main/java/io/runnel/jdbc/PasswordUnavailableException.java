package io.runnel.jdbc;

import java.sql.SQLException;

/**
 * A connection's password could not be obtained: its {@code password_file} is unreadable, or no IAM
 * token could be signed (no AWS credentials). SQLState 08001, so callers retry as for any
 * connection failure; the message names the database and the file or the credential problem, never
 * a secret.
 */
public final class PasswordUnavailableException extends SQLException {
  PasswordUnavailableException(String message, Throwable cause) {
    super(message, PgConnections.CANNOT_CONNECT, cause);
  }
}
