package io.runnel.jdbc;

import io.runnel.config.DatabaseConfig;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import org.postgresql.PGProperty;

/**
 * Opens every JDBC connection Runnel makes — to a source database, to the state store and for the
 * leases — from a {@link DatabaseConfig}: its URL (hosts, database), its credentials, its TLS
 * settings ({@link TlsProperties}), a 10-second connect timeout and TCP keepalive, so a dead peer
 * is noticed the same way everywhere. How Runnel authenticates and encrypts is decided in {@link
 * #properties} alone; the password is obtained anew for every connection ({@link PasswordSources}:
 * a file re-read, a fresh IAM token), and a connection that fails because of TLS throws a {@link
 * TlsException} that says why in words ({@link TlsErrors}). Stateless; every call blocks until
 * connected.
 */
public final class PgConnections {
  private static final int CONNECT_TIMEOUT_SECONDS = 10;

  /** SQLState "cannot establish a connection": transient, so the caller retries. */
  static final String CANNOT_CONNECT = "08001";

  private PgConnections() {}

  /** A plain connection that shows as {@code applicationName} in {@code pg_stat_activity}. */
  public static Connection open(DatabaseConfig db, String applicationName) throws SQLException {
    return connect(db, properties(db, applicationName));
  }

  /** A logical replication connection (simple query mode, as the walsender requires). */
  public static Connection openReplication(DatabaseConfig db, String applicationName)
      throws SQLException {
    Properties props = properties(db, applicationName);
    PGProperty.REPLICATION.set(props, "database");
    PGProperty.ASSUME_MIN_SERVER_VERSION.set(props, "10");
    PGProperty.PREFER_QUERY_MODE.set(props, "simple");
    return connect(db, props);
  }

  private static Connection connect(DatabaseConfig db, Properties props) throws SQLException {
    HostCheck.takeMismatch(); // none left over from an earlier attempt on this thread
    try {
      return DriverManager.getConnection(db.jdbcUrl(), props);
    } catch (SQLException e) {
      throw TlsErrors.translate(e, db.tls(), db.hostname(), HostCheck.takeMismatch());
    }
  }

  private static Properties properties(DatabaseConfig db, String applicationName)
      throws SQLException {
    Properties props = new Properties();
    PGProperty.USER.set(props, db.username());
    String password = PasswordSources.of(db.auth()).password(db);
    if (password != null) {
      PGProperty.PASSWORD.set(props, password);
    }
    PGProperty.APPLICATION_NAME.set(props, applicationName);
    PGProperty.CONNECT_TIMEOUT.set(props, CONNECT_TIMEOUT_SECONDS);
    PGProperty.TCP_KEEP_ALIVE.set(props, true);
    TlsProperties.apply(db.tls(), props);
    return props;
  }
}
