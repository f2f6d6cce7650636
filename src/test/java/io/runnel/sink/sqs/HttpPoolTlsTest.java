package io.runnel.sink.sqs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTTP client over TLS, as it talks to AWS: a server with a certificate for {@code localhost}
 * (made with the JDK's keytool) is reached by that name, and refused by a name the certificate does
 * not carry.
 */
class HttpPoolTlsTest {
  private static final char[] PASSWORD = "changeit".toCharArray();

  @TempDir Path directory;
  private HttpsServer server;
  private SSLContext trusting;

  @BeforeEach
  void startServer() throws Exception {
    Path keystore = directory.resolve("server.p12");
    Process keytool =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair",
                "-alias",
                "server",
                "-keyalg",
                "EC",
                "-dname",
                "CN=localhost",
                "-ext",
                "SAN=dns:localhost",
                "-validity",
                "2",
                "-storetype",
                "PKCS12",
                "-keystore",
                keystore.toString(),
                "-storepass",
                new String(PASSWORD))
            .redirectErrorStream(true)
            .start();
    String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(keytool.waitFor()).as(output).isZero();
    KeyStore keys = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(keystore)) {
      keys.load(in, PASSWORD);
    }
    KeyManagerFactory keyManagers = KeyManagerFactory.getInstance("PKIX");
    keyManagers.init(keys, PASSWORD);
    SSLContext serverContext = SSLContext.getInstance("TLS");
    serverContext.init(keyManagers.getKeyManagers(), null, null);
    TrustManagerFactory trust = TrustManagerFactory.getInstance("PKIX");
    trust.init(keys);
    trusting = SSLContext.getInstance("TLS");
    trusting.init(null, trust.getTrustManagers(), null);

    server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setHttpsConfigurator(new HttpsConfigurator(serverContext));
    server.createContext(
        "/",
        exchange -> {
          byte[] request = exchange.getRequestBody().readAllBytes();
          byte[] answer = ("echo " + new String(request, StandardCharsets.UTF_8)).getBytes();
          exchange.sendResponseHeaders(200, answer.length);
          exchange.getResponseBody().write(answer);
          exchange.close();
        });
    server.start();
  }

  @AfterEach
  void stopServer() {
    server.stop(0);
  }

  private HttpAnswer post(String host) throws IOException {
    SqsEndpoint endpoint =
        SqsEndpoint.of(
            URI.create("https://" + host + ":" + server.getAddress().getPort()), "us-east-1");
    byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
    byte[] head =
        HttpConnection.ascii(
            "POST / HTTP/1.1\r\nHost: " + endpoint.hostHeader() + "\r\nContent-Length: 2\r\n\r\n");
    try (HttpPool pool =
        new HttpPool(
            endpoint,
            trusting.getSocketFactory(),
            null,
            java.time.Duration.ofSeconds(10),
            io.runnel.time.Clock.system())) {
      return pool.exchange(head, body, body.length);
    }
  }

  @Test
  void talksTlsToAServerWhoseCertificateNamesTheHost() throws IOException {
    HttpAnswer answer = post("localhost");
    assertThat(answer.status()).isEqualTo(200);
    assertThat(new String(answer.body(), StandardCharsets.UTF_8)).isEqualTo("echo {}");
  }

  @Test
  void refusesACertificateThatDoesNotNameTheHost() {
    assertThatThrownBy(() -> post("127.0.0.1"))
        .isInstanceOf(SSLHandshakeException.class)
        .hasMessageContaining("127.0.0.1");
  }
}
