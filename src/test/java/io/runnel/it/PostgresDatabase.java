package io.runnel.it;

import io.runnel.demo.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * One database on an embedded PostgreSQL server: where a test class's tables, publications and
 * Runnel's state schema live. Connects as the server's superuser.
 */
public final class PostgresDatabase {
  private final EmbeddedPostgres server;
  private final String name;
  private final PGSimpleDataSource dataSource = new PGSimpleDataSource();

  PostgresDatabase(EmbeddedPostgres server, String name) {
    this.server = server;
    this.name = name;
    dataSource.setServerNames(new String[] {server.host()});
    dataSource.setPortNumbers(new int[] {server.port()});
    dataSource.setDatabaseName(name);
    dataSource.setUser(server.user());
    dataSource.setPassword(server.password());
  }

  public int port() {
    return server.port();
  }

  public String host() {
    return server.host();
  }

  /** The server's superuser and password. */
  public String user() {
    return server.user();
  }

  public String password() {
    return server.password();
  }

  /** The database's name, as a config's {@code database:} key takes it. */
  public String name() {
    return name;
  }

  DataSource dataSource() {
    return dataSource;
  }

  public Connection connect() throws SQLException {
    return dataSource.getConnection();
  }

  /**
   * Restarts the whole server, every database on it, on the same port and data. Only for a class
   * with a server of its own ({@code @RealServers(ownPostgres = true)}). Blocks.
   */
  void restart() throws IOException {
    server.restart();
  }
}
