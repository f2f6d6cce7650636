package io.runnel.config;

/**
 * Where the state store lives.
 *
 * @param url a {@code postgresql://} URL, or null for "the sink's source database, schema runnel"
 * @param tls the TLS settings for {@code url} (its keys and query parameters); null without a url,
 *     where the source database's own apply
 * @param auth how connections to {@code url} get their password (the url's or {@code
 *     password_file}); {@link DatabaseAuth#NONE} without a url
 */
public record StateConfig(String url, DatabaseTls tls, DatabaseAuth auth) {
  public static StateConfig defaults() {
    return new StateConfig(null, null, DatabaseAuth.NONE);
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
        tls,
        null,
        false,
        null,
        false,
        0);
  }

  @Override
  public String toString() {
    return "StateConfig[url=" + Secrets.maskUrl(url) + ", tls=" + tls + ", " + auth + "]";
  }
}
