package io.runnel.config;

/**
 * Where the state store lives.
 *
 * @param url a {@code postgresql://} URL, or null for "the sink's source database, schema runnel"
 * @param auth how connections to {@code url} get their password (the url's, {@code password_file}
 *     or an IAM token); {@link DatabaseAuth#NONE} without a url
 */
public record StateConfig(String url, DatabaseAuth auth) {
  public static StateConfig defaults() {
    return new StateConfig(null, DatabaseAuth.NONE);
  }

  /** The database the state store uses: {@code url}, or else the sink's source database. */
  public DatabaseConfig database(DatabaseConfig source) {
    if (url == null) {
      return source;
    }
    PostgresUrl parsed = PostgresUrl.parse(url);
    return new DatabaseConfig(
        "state",
        parsed.hostname(),
        parsed.port(),
        parsed.database(),
        parsed.username() != null ? parsed.username() : source.username(),
        auth,
        parsed.ssl() != null ? parsed.ssl() : false,
        null,
        false,
        null,
        false,
        0);
  }

  @Override
  public String toString() {
    return "StateConfig[url=" + Secrets.maskUrl(url) + ", " + auth + "]";
  }
}
