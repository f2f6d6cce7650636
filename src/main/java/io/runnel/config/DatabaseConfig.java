package io.runnel.config;

/**
 * One source database and its replication slot and publication. The {@code url:} form of the YAML
 * is split into these fields when loading.
 *
 * @param password a secret, never printed
 * @param heartbeatIntervalMs how often to emit a heartbeat WAL message; 0 disables
 */
public record DatabaseConfig(
    String name,
    String hostname,
    int port,
    String database,
    String username,
    String password,
    boolean ssl,
    String slotName,
    boolean createSlot,
    String publicationName,
    boolean createPublication,
    long heartbeatIntervalMs) {

  public static final int DEFAULT_PORT = 5432;
  public static final long DEFAULT_HEARTBEAT_INTERVAL_MS = 60_000;

  /** The pgjdbc URL for this database (credentials passed separately). */
  public String jdbcUrl() {
    return "jdbc:postgresql://"
        + hostname
        + ":"
        + port
        + "/"
        + database
        + (ssl ? "?sslmode=require" : "?sslmode=disable");
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
        + ", password="
        + Secrets.mask(password)
        + ", ssl="
        + ssl
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
