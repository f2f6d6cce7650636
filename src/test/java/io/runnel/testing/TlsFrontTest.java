package io.runnel.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The test CA's certificate is trusted by its own clients only, and the front forwards bytes. */
class TlsFrontTest {
  @TempDir Path directory;

  @Test
  void forwardsToThePlainBackendForClientsTrustingTheCa() throws Exception {
    HttpServer backend =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    backend.createContext(
        "/",
        exchange -> {
          byte[] answer = "plain".getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(200, answer.length);
          exchange.getResponseBody().write(answer);
          exchange.close();
        });
    backend.start();
    TestCa ca = TestCa.create(directory, "localhost", "127.0.0.1");
    try (TlsFront front = TlsFront.start(ca.serverContext(), backend.getAddress().getPort());
        HttpClient trusting = HttpClient.newBuilder().sslContext(ca.clientContext()).build();
        HttpClient defaults = HttpClient.newHttpClient()) {
      URI uri = URI.create("https://localhost:" + front.port() + "/");
      HttpResponse<String> answer =
          trusting.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(answer.body()).isEqualTo("plain");
      assertThat(front.connections()).isEqualTo(1);
      assertThatThrownBy(
              () ->
                  defaults.send(
                      HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString()))
          .isInstanceOf(SSLHandshakeException.class);
    } finally {
      backend.stop(0);
    }
  }
}
