package io.runnel.config;

import java.util.Objects;

/**
 * One source database and its replication slot and publication. The {@code url:} form of the YAML
 * is split into these fields when loading.
 *
 * @param auth how each connection gets its password (static, file, IAM token); never printed
 * @param tls how the connection is encrypted and which certificates are checked; never null
 * @param heartbeatIntervalMs how often to emit a heartbeat WAL message; 0 disables
 */
public record DatabaseConfig(
    String name,
    String hostname,
    int port,
    String database,
    String username,
    DatabaseAuth auth,
    DatabaseTls tls,
    String slotName,
    boolean createSlot,
    String publicationName,
    boolean createPublication,
    long heartbeatIntervalMs) {

  public static final int DEFAULT_PORT = 5432;
  public static final long DEFAULT_HEARTBEAT_INTERVAL_MS = 60_000;

  /** A null {@code auth} means no password ({@link DatabaseAuth#NONE}). */
  public DatabaseConfig {
    auth = Objects.requireNonNullElse(auth, DatabaseAuth.NONE);
  }

  /** The static password, or null when there is none or it comes from a file or an IAM token. */
  public String password() {
    return auth instanceof DatabaseAuth.Password p ? p.secret() : null;
  }

  /** This database with another way of obtaining its password. */
  public DatabaseConfig withAuth(DatabaseAuth auth) {
    return new DatabaseConfig(
        name,
        hostname,
        port,
        database,
        username,
        auth,
        tls,
        slotName,
        createSlot,
        publicationName,
        createPublication,
        heartbeatIntervalMs);
  }

  /**
   * The pgjdbc URL for this database (credentials passed separately). {@code hostname} may list
   * several hosts ({@code "a,b"} or {@code "a:5432,b:5433"}; {@code port} for those without one):
   * pgjdbc then tries them in order and connects to the one that is the primary, so Runnel follows
   * a failover.
   */
  public String jdbcUrl() {
    String[] hosts = hostname.split(",");
    StringBuilder url = new StringBuilder("jdbc:postgresql://");
    for (int i = 0; i < hosts.length; i++) {
      String host = hosts[i].trim();
      url.append(i == 0 ? "" : ",").append(host);
      if (!host.matches(".*[^:]:\\d+")) {
        url.append(':').append(port);
      }
    }
    url.append('/').append(database).append("?sslmode=").append(tls.mode().value());
    return hosts.length > 1 ? url + "&targetServerType=primary" : url.toString();
  }

  @Override
  public String toString() {
    return "DatabaseConfig[name="
        + name
        + ", hostname="
        + hostname
        + ", port="
        + port
        + ", database="
        + database
        + ", username="
        + username
        + ", "
        + auth
        + ", tls="
        + tls
        + ", slot="
        + slotName
        + ", createSlot="
        + createSlot
        + ", publication="
        + publicationName
        + ", createPublication="
        + createPublication
        + ", heartbeatIntervalMs="
        + heartbeatIntervalMs
        + "]";
  }
}
