package io.runnel.config;

/**
 * Runnel's own HTTP server: API, console, /health, /metrics.
 *
 * @param apiToken bearer token required on /api, or null for none; a secret, never printed
 */
public record ServerConfig(int httpPort, String bind, String apiToken) {
  public static final int DEFAULT_HTTP_PORT = 7376;
  public static final String DEFAULT_BIND = "127.0.0.1";

  public static ServerConfig defaults() {
    return new ServerConfig(DEFAULT_HTTP_PORT, DEFAULT_BIND, null);
  }

  public ServerConfig withHttpPort(int port) {
    return new ServerConfig(port, bind, apiToken);
  }

  @Override
  public String toString() {
    return "ServerConfig[httpPort="
        + httpPort
        + ", bind="
        + bind
        + ", apiToken="
        + Secrets.mask(apiToken)
        + "]";
  }
}
