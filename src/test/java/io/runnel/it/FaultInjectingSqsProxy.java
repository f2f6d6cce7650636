package io.runnel.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An SQS endpoint on loopback that forwards to a real one, but fails a share of the entries of
 * every SendMessageBatch on its own: it removes them from the forwarded request and reports them as
 * {@code InternalError} (a retryable server fault), as SQS does for a partial failure.
 */
final class FaultInjectingSqsProxy implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer server;
  private final HttpClient client = HttpClient.newHttpClient();
  private final String target;
  private final double failureRate;
  private final Random random = new Random(42);
  final AtomicInteger injected = new AtomicInteger();

  /** While true, every SendMessageBatch is refused as throttled (HTTP 400 ThrottlingException). */
  volatile boolean throttling;

  final AtomicInteger throttled = new AtomicInteger();

  /** Entries whose MessageGroupId is this value always fail, while it is set. */
  volatile String poisonedGroupId;

  private FaultInjectingSqsProxy(HttpServer server, String target, double failureRate) {
    this.server = server;
    this.target = target;
    this.failureRate = failureRate;
  }

  /** The MessageGroupId Runnel gives a group key (its MD5), e.g. for {@link #poisonedGroupId}. */
  static String groupId(String groupKey) {
    try {
      return java.util.HexFormat.of()
          .formatHex(
              java.security.MessageDigest.getInstance("MD5")
                  .digest(groupKey.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static FaultInjectingSqsProxy start(String target, double failureRate) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    FaultInjectingSqsProxy proxy = new FaultInjectingSqsProxy(server, target, failureRate);
    server.createContext("/", proxy::handle);
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.start();
    return proxy;
  }

  String baseUrl() {
    return "http://localhost:" + server.getAddress().getPort();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try {
      byte[] body = exchange.getRequestBody().readAllBytes();
      String action = exchange.getRequestHeaders().getFirst("X-Amz-Target");
      if ("AmazonSQS.SendMessageBatch".equals(action) && throttling) {
        throttle(exchange);
      } else if ("AmazonSQS.SendMessageBatch".equals(action)) {
        sendBatchWithFaults(exchange, (ObjectNode) JSON.readTree(body));
      } else {
        respond(exchange, forward(exchange, body));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      exchange.sendResponseHeaders(503, -1);
    } finally {
      exchange.close();
    }
  }

  private void sendBatchWithFaults(HttpExchange exchange, ObjectNode request)
      throws IOException, InterruptedException {
    ArrayNode kept = JSON.createArrayNode();
    ArrayNode failed = JSON.createArrayNode();
    for (JsonNode entry : request.get("Entries")) {
      boolean poisoned =
          entry.has("MessageGroupId")
              && entry.get("MessageGroupId").asText().equals(poisonedGroupId);
      if (poisoned || nextFailure()) {
        injected.incrementAndGet();
        failed.add(
            JSON.createObjectNode()
                .put("Id", entry.get("Id").asText())
                .put("Code", "InternalError")
                .put("Message", "injected fault")
                .put("SenderFault", false));
      } else {
        kept.add(entry);
      }
    }
    ObjectNode answer = JSON.createObjectNode();
    answer.putArray("Successful");
    if (!kept.isEmpty()) {
      request.set("Entries", kept);
      HttpResponse<byte[]> response = forward(exchange, JSON.writeValueAsBytes(request));
      if (response.statusCode() != 200) {
        respond(exchange, response);
        return;
      }
      answer = (ObjectNode) JSON.readTree(response.body());
    }
    ArrayNode allFailed = answer.withArray("Failed");
    allFailed.addAll(failed);
    byte[] bytes = JSON.writeValueAsBytes(answer);
    exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.0");
    exchange.sendResponseHeaders(200, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private void throttle(HttpExchange exchange) throws IOException {
    throttled.incrementAndGet();
    byte[] bytes =
        "{\"__type\":\"com.amazonaws.sqs#ThrottlingException\",\"message\":\"Rate exceeded\"}"
            .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.0");
    exchange.getResponseHeaders().set("x-amzn-query-error", "ThrottlingException;Sender");
    exchange.sendResponseHeaders(400, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private synchronized boolean nextFailure() {
    return random.nextDouble() < failureRate;
  }

  private HttpResponse<byte[]> forward(HttpExchange exchange, byte[] body)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(target + exchange.getRequestURI()))
            .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
    for (String header :
        new String[] {"Content-Type", "X-Amz-Target", "Authorization", "X-Amz-Date"}) {
      String value = exchange.getRequestHeaders().getFirst(header);
      if (value != null) {
        request.header(header, value);
      }
    }
    return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  private static void respond(HttpExchange exchange, HttpResponse<byte[]> response)
      throws IOException {
    response
        .headers()
        .firstValue("Content-Type")
        .ifPresent(type -> exchange.getResponseHeaders().set("Content-Type", type));
    exchange.sendResponseHeaders(
        response.statusCode(), response.body().length == 0 ? -1 : response.body().length);
    if (response.body().length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(response.body());
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
