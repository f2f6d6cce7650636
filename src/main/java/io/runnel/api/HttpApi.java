package io.runnel.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.runnel.runtime.Runnel;
import io.runnel.runtime.SinkHealth;
import io.runnel.state.StateStoreException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runnel's HTTP server: {@code GET /health}, {@code GET /metrics} (Prometheus text format) and the
 * sinks API (DESIGN.md §7). Serves on virtual threads; thread-safe.
 */
public final class HttpApi implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(HttpApi.class);

  /** Request bodies are small JSON objects; anything bigger is refused unread. */
  public static final int MAX_BODY_BYTES = 64 * 1024;

  private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

  /** API JSON: snake_case keys (as the message JSON), ISO-8601 instants. */
  private static final ObjectMapper JSON =
      JsonMapper.builder()
          .addModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
          .build();

  private final HttpServer server;
  private final Runnel runnel;
  private final SinksApi sinks;
  private final BackfillsApi backfills;
  private final byte[] apiToken;

  private HttpApi(HttpServer server, Runnel runnel, String apiToken) {
    this.server = server;
    this.runnel = runnel;
    this.sinks = new SinksApi(runnel, JSON);
    this.backfills = new BackfillsApi(runnel, JSON);
    this.apiToken = apiToken == null ? null : apiToken.getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Binds {@code bind:port} (port 0 picks a free one) and starts serving.
   *
   * @param apiToken when not null, every /api request needs {@code Authorization: Bearer <token>}
   */
  public static HttpApi start(Runnel runnel, String bind, int port, String apiToken)
      throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(bind, port), 0);
    HttpApi api = new HttpApi(server, runnel, apiToken);
    server.createContext("/health", api::health);
    server.createContext("/metrics", api::metrics);
    server.createContext("/api/sinks", api::sinks);
    server.createContext("/api/instances", api::instances);
    server.createContext("/", new ConsoleFiles(api::notFound)::handle);
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.start();
    log.info("http listening on http://{}:{}/ (health: /health)", bind, api.port());
    return api;
  }

  public int port() {
    return server.getAddress().getPort();
  }

  private void health(HttpExchange exchange) throws IOException {
    if (!"GET".equals(exchange.getRequestMethod())) {
      send(exchange, 405, error("method not allowed: " + exchange.getRequestMethod()));
      return;
    }
    List<SinkHealth> sinks = runnel.health();
    boolean ok = sinks.stream().allMatch(SinkHealth::healthy);
    ObjectNode body = JSON.createObjectNode().put("status", ok ? "ok" : "unhealthy");
    ArrayNode list = body.putArray("sinks");
    for (SinkHealth sink : sinks) {
      list.add(JSON.valueToTree(sink));
    }
    body.put("instance_id", runnel.instanceId());
    body.set("databases", JSON.valueToTree(runnel.databases()));
    send(exchange, ok ? 200 : 503, body);
  }

  /**
   * {@code GET /api/instances}: this instance's id and, per database, who streams it ({@code
   * holder}) and whether that is this instance ({@code role: active}) or not ({@code standby}).
   */
  private void instances(HttpExchange exchange) throws IOException {
    if (!authorized(exchange)) {
      send(exchange, 401, error("missing or wrong bearer token"));
      return;
    }
    if (!"GET".equals(exchange.getRequestMethod())) {
      send(exchange, 405, error("method not allowed: " + exchange.getRequestMethod()));
      return;
    }
    ObjectNode body = JSON.createObjectNode().put("instance_id", runnel.instanceId());
    body.set("databases", JSON.valueToTree(runnel.databases()));
    send(exchange, 200, body);
  }

  /** Unauthenticated, like /health: scrapers rarely carry tokens and no message data is shown. */
  private void metrics(HttpExchange exchange) throws IOException {
    if (!"GET".equals(exchange.getRequestMethod())) {
      send(exchange, 405, error("method not allowed: " + exchange.getRequestMethod()));
      return;
    }
    byte[] bytes = runnel.metrics().scrape().getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", PROMETHEUS_TEXT);
    exchange.sendResponseHeaders(200, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private void sinks(HttpExchange exchange) throws IOException {
    try {
      if (!authorized(exchange)) {
        throw new ApiException(401, "missing or wrong bearer token", null);
      }
      refuseCrossOrigin(exchange);
      String path = exchange.getRequestURI().getRawPath().substring("/api/sinks".length());
      String method = exchange.getRequestMethod();
      String[] parts = path.isEmpty() ? new String[0] : path.substring(1).split("/");
      if (parts.length == 2 && parts[1].equals("backfills")) {
        String sink = URLDecoder.decode(parts[0], StandardCharsets.UTF_8);
        switch (method) {
          case "GET" -> send(exchange, 200, backfills.list(sink));
          case "POST" -> send(exchange, 201, backfills.start(sink, body(exchange)));
          default -> throw new ApiException(405, "method not allowed: " + method, null);
        }
        return;
      }
      String query = exchange.getRequestURI().getRawQuery();
      switch (method) {
        case "GET" -> send(exchange, 200, sinks.get(path, query));
        case "POST" ->
            send(
                exchange,
                200,
                sinks.post(path, query, new String(body(exchange), StandardCharsets.UTF_8)));
        default -> throw new ApiException(405, "method not allowed: " + method, null);
      }
    } catch (ApiException e) {
      ObjectNode body = error(e.getMessage());
      if (e.field != null) {
        body.put("field", e.field);
      }
      send(exchange, e.status, body);
    } catch (StateStoreException e) {
      log.warn(
          "http {} {} failed: {}",
          exchange.getRequestMethod(),
          exchange.getRequestURI(),
          e.getMessage());
      send(exchange, 503, error(e.getMessage()));
    } catch (RuntimeException e) {
      log.warn(
          "http {} {} failed: {}",
          exchange.getRequestMethod(),
          exchange.getRequestURI(),
          e.toString());
      send(exchange, 500, error("internal error: " + e.getMessage()));
    }
  }

  /** The request body, refused (413) above {@link #MAX_BODY_BYTES}. */
  private static byte[] body(HttpExchange exchange) throws IOException {
    try (InputStream in = exchange.getRequestBody()) {
      byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
      if (body.length > MAX_BODY_BYTES) {
        throw new ApiException(
            413, "request body larger than " + MAX_BODY_BYTES + " bytes", "body");
      }
      return body;
    }
  }

  /**
   * A browser sends {@code Origin} with every cross-site POST; without a token, another site's page
   * could otherwise pause a sink or discard messages through the operator's browser. Same-origin
   * requests (the console) and clients that send no Origin (curl, scripts) pass.
   */
  private static void refuseCrossOrigin(HttpExchange exchange) {
    String origin = exchange.getRequestHeaders().getFirst("Origin");
    String host = exchange.getRequestHeaders().getFirst("Host");
    if ("GET".equals(exchange.getRequestMethod()) || origin == null) {
      return;
    }
    if (host == null || !(origin.equals("http://" + host) || origin.equals("https://" + host))) {
      throw new ApiException(403, "cross-origin request refused (Origin: " + origin + ")", null);
    }
  }

  /** Constant-time comparison, so the token cannot be guessed byte by byte from timings. */
  private boolean authorized(HttpExchange exchange) {
    if (apiToken == null) {
      return true;
    }
    String header = exchange.getRequestHeaders().getFirst("Authorization");
    if (header == null || !header.startsWith("Bearer ")) {
      return false;
    }
    byte[] given = header.substring("Bearer ".length()).getBytes(StandardCharsets.UTF_8);
    return MessageDigest.isEqual(given, apiToken);
  }

  void notFound(HttpExchange exchange) throws IOException {
    send(exchange, 404, error("no such path: " + exchange.getRequestURI().getPath()));
  }

  private static ObjectNode error(String message) {
    return JSON.createObjectNode().put("error", message);
  }

  private static void send(HttpExchange exchange, int status, JsonNode body) throws IOException {
    byte[] bytes = JSON.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
