package io.runnel.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Calls a running Runnel's HTTP API over a real connection, with or without a bearer token. */
final class ApiClient implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient client = HttpClient.newHttpClient();
  private final String base;
  private final String token;

  /** The sink's API path, {@code /api/sinks/<name>}. */
  final String sink;

  /** An answer: status and body, parsed as JSON on request. */
  record Answer(int status, String body) {
    JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new AssertionError("not JSON: " + body, e);
      }
    }
  }

  ApiClient(int port, String token, String sinkName) {
    this.base = "http://127.0.0.1:" + port;
    this.token = token;
    this.sink = "/api/sinks/" + sinkName;
  }

  ApiClient withToken(String other) {
    return new ApiClient(URI.create(base).getPort(), other, sink.substring(11));
  }

  Answer get(String path) throws IOException, InterruptedException {
    return send(request(path).GET());
  }

  Answer post(String path, String body) throws IOException, InterruptedException {
    return post(body, request(path));
  }

  /** A POST as a browser sends it from a page at {@code origin}. */
  Answer postFrom(String origin, String path) throws IOException, InterruptedException {
    return post(null, request(path).header("Origin", origin));
  }

  private Answer post(String body, HttpRequest.Builder request)
      throws IOException, InterruptedException {
    return send(
        request
            .header("Content-Type", "application/json")
            .POST(
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body)));
  }

  private HttpRequest.Builder request(String path) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return request;
  }

  private Answer send(HttpRequest.Builder request) throws IOException, InterruptedException {
    HttpResponse<String> response =
        client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    return new Answer(response.statusCode(), response.body());
  }

  @Override
  public void close() {
    client.close();
  }
}
