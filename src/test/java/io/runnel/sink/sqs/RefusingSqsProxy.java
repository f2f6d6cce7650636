package io.runnel.sink.sqs;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;

/**
 * An SQS endpoint on loopback that forwards to a real one, except that it refuses a whole request
 * holding {@code marker} with a fixed answer, as a server does that rejects a batch for one entry.
 */
final class RefusingSqsProxy implements AutoCloseable {
  private final HttpServer server;
  private final HttpClient client = HttpClient.newHttpClient();
  private final String target;
  private final String marker;
  private final String queryError;
  private final String answer;

  private RefusingSqsProxy(
      HttpServer server, String target, String marker, String queryError, String answer) {
    this.server = server;
    this.target = target;
    this.marker = marker;
    this.queryError = queryError;
    this.answer = answer;
  }

  /**
   * @param queryError the {@code x-amzn-query-error} header of the refusal, or null for none
   * @param answer the JSON body of the refusal (HTTP 400)
   */
  static RefusingSqsProxy start(String target, String marker, String queryError, String answer)
      throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    RefusingSqsProxy proxy = new RefusingSqsProxy(server, target, marker, queryError, answer);
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
      if (new String(body, StandardCharsets.UTF_8).contains(marker)) {
        if (queryError != null) {
          exchange.getResponseHeaders().set("x-amzn-query-error", queryError);
        }
        respond(exchange, 400, answer.getBytes(StandardCharsets.UTF_8));
      } else {
        HttpResponse<byte[]> forwarded = forward(exchange, body);
        respond(exchange, forwarded.statusCode(), forwarded.body());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      exchange.sendResponseHeaders(503, -1);
    } finally {
      exchange.close();
    }
  }

  private HttpResponse<byte[]> forward(HttpExchange exchange, byte[] body)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(target + exchange.getRequestURI()))
            .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
    for (String header : new String[] {"Content-Type", "X-Amz-Target"}) {
      String value = exchange.getRequestHeaders().getFirst(header);
      if (value != null) {
        request.header(header, value);
      }
    }
    return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  private static void respond(HttpExchange exchange, int status, byte[] body) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.0");
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
    client.close();
  }
}
