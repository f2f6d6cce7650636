package io.runnel.config;

/**
 * Where the state store lives.
 *
 * @param url a {@code postgresql://} URL, or null for "the sink's source database, schema runnel"
 */
public record StateConfig(String url) {
  public static StateConfig defaults() {
    return new StateConfig(null);
  }

  @Override
  public String toString() {
    return "StateConfig[url=" + Secrets.maskUrl(url) + "]";
  }
}
