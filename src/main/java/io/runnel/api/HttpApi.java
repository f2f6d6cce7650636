package io.runnel.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.runnel.Runnel;
import io.runnel.SinkHealth;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runnel's HTTP server: {@code GET /health}. Serves on virtual threads; thread-safe. */
public final class HttpApi implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(HttpApi.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer server;
  private final Runnel runnel;

  private HttpApi(HttpServer server, Runnel runnel) {
    this.server = server;
    this.runnel = runnel;
  }

  /** Binds {@code bind:port} (port 0 picks a free one) and starts serving. */
  public static HttpApi start(Runnel runnel, String bind, int port) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(bind, port), 0);
    HttpApi api = new HttpApi(server, runnel);
    server.createContext("/health", api::health);
    server.createContext("/", api::notFound);
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
    send(exchange, ok ? 200 : 503, body);
  }

  private void notFound(HttpExchange exchange) throws IOException {
    send(exchange, 404, error("no such path: " + exchange.getRequestURI().getPath()));
  }

  private static ObjectNode error(String message) {
    return JSON.createObjectNode().put("error", message);
  }

  private static void send(HttpExchange exchange, int status, ObjectNode body) throws IOException {
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
