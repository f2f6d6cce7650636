package io.runnel.sink.sqs;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.runnel.testing.ConnectProxy;
import io.runnel.testing.TestCa;
import io.runnel.testing.TlsFront;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How Runnel's sender, on {@link HttpClient}, goes through the proxy {@link AwsProxy} resolves: an
 * HTTPS server whose name only the proxy knows, reached through a CONNECT tunnel with Basic auth.
 * The test JVM has {@code jdk.http.auth.tunneling.disabledSchemes} empty, as Main sets it; a child
 * JVM shows what the JDK's default does.
 */
class ProxiedHttpClientTest {
  private static final String HOST = "api.proxy-only.test";
  private static final String USER = "runnel";
  private static final String PASSWORD = "s3cr@t:x";
  private static final String ENCODED_PASSWORD = "s3cr%40t%3Ax";

  @TempDir static Path directory;
  private static HttpServer backend;
  private static TlsFront front;
  private static TestCa ca;
  private static final List<String> backendProxyHeaders = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void start() throws IOException {
    assertThat(System.getProperty(AwsProxy.TUNNELING_DISABLED))
        .as("surefire sets it, as Main does, before java.net.http is first used")
        .isEmpty();
    backend = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    backend.createContext(
        "/",
        exchange -> {
          exchange.getRequestHeaders().keySet().stream()
              .filter(name -> name.toLowerCase().startsWith("proxy-"))
              .forEach(backendProxyHeaders::add);
          byte[] answer = "hello".getBytes(StandardCharsets.UTF_8);
          if (exchange.getRequestURI().getPath().equals("/close")) {
            exchange.getResponseHeaders().set("Connection", "close");
          }
          exchange.sendResponseHeaders(200, answer.length);
          exchange.getResponseBody().write(answer);
          exchange.close();
        });
    backend.start();
    ca = TestCa.create(directory, HOST, "localhost");
    front = TlsFront.start(ca.serverContext(), backend.getAddress().getPort());
  }

  @AfterAll
  static void stop() throws IOException {
    front.close();
    backend.stop(0);
  }

  private static AwsProxy proxy(ConnectProxy proxy, String noProxy) {
    String url = "http://" + USER + ":" + ENCODED_PASSWORD + "@127.0.0.1:" + proxy.port();
    return AwsProxy.resolve(
        noProxy == null
            ? Map.of("HTTPS_PROXY", url, "HTTP_PROXY", url)
            : Map.of("HTTPS_PROXY", url, "NO_PROXY", noProxy),
        new Properties());
  }

  private static HttpResponse<String> get(HttpClient client, HttpRequest.Builder request)
      throws IOException, InterruptedException {
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void configuredClientAnswersTheProxysChallengeOnConnect() throws Exception {
    try (ConnectProxy proxy = ConnectProxy.start(USER, PASSWORD).route(HOST, front.port());
        HttpClient client =
            proxy(proxy, null)
                .configure(HttpClient.newBuilder().sslContext(ca.clientContext()))
                .build()) {
      URI uri = URI.create("https://" + HOST + "/hello");
      HttpResponse<String> answer = get(client, HttpRequest.newBuilder(uri));

      assertThat(answer.statusCode()).isEqualTo(200);
      assertThat(answer.body()).isEqualTo("hello");
      assertThat(proxy.tunnels(HOST)).isEqualTo(1);
      assertThat(proxy.challenges()).isEqualTo(1);
      assertThat(proxy.connectAuthorizations()).hasSize(2).first().isEqualTo("");
      assertThat(backendProxyHeaders).isEmpty();

      URI closing = URI.create("https://" + HOST + "/close");
      assertThat(get(client, HttpRequest.newBuilder(closing)).statusCode()).isEqualTo(200);
      assertThat(get(client, HttpRequest.newBuilder(closing)).statusCode()).isEqualTo(200);
      assertThat(proxy.tunnels(HOST)).as("a new tunnel after the server closed one").isEqualTo(2);
      assertThat(proxy.challenges()).as("later CONNECTs carry the cached credentials").isEqualTo(1);
    }
  }

  @Test
  void preemptiveHeaderGoesOnTheConnectOnlyAndSavesTheChallenge() throws Exception {
    try (ConnectProxy proxy = ConnectProxy.start(USER, PASSWORD).route(HOST, front.port());
        HttpClient client =
            proxy(proxy, null)
                .configure(HttpClient.newBuilder().sslContext(ca.clientContext()))
                .build()) {
      URI uri = URI.create("https://" + HOST + "/hello");
      String header = proxy(proxy, null).proxyAuthorizationHeader(uri).orElseThrow();
      HttpResponse<String> answer =
          get(client, HttpRequest.newBuilder(uri).header("Proxy-Authorization", header));

      assertThat(answer.statusCode()).isEqualTo(200);
      assertThat(proxy.challenges()).isZero();
      assertThat(proxy.connectAuthorizations()).containsExactly(header);
      assertThat(backendProxyHeaders).isEmpty();
    }
  }

  @Test
  void plainHttpTargetIsForwardedWithCredentials() throws Exception {
    try (ConnectProxy proxy =
            ConnectProxy.start(USER, PASSWORD).route(HOST, backend.getAddress().getPort());
        HttpClient client = proxy(proxy, null).configure(HttpClient.newBuilder()).build()) {
      HttpResponse<String> answer =
          get(client, HttpRequest.newBuilder(URI.create("http://" + HOST + "/hello")));

      assertThat(answer.statusCode()).isEqualTo(200);
      assertThat(proxy.requests(HOST)).isEqualTo(1);
      assertThat(backendProxyHeaders).isEmpty();
    }
  }

  @Test
  void noProxyHostIsReachedDirectly() throws Exception {
    try (ConnectProxy proxy = ConnectProxy.start(USER, PASSWORD).route(HOST, front.port());
        HttpClient client =
            proxy(proxy, "localhost,.proxy-only.test:8443")
                .configure(HttpClient.newBuilder().sslContext(ca.clientContext()))
                .build()) {
      URI direct = URI.create("https://localhost:" + front.port() + "/hello");
      assertThat(get(client, HttpRequest.newBuilder(direct)).statusCode()).isEqualTo(200);
      assertThat(proxy.connectAuthorizations()).isEmpty();

      URI otherPort = URI.create("https://" + HOST + "/hello");
      assertThat(get(client, HttpRequest.newBuilder(otherPort)).statusCode()).isEqualTo(200);
      assertThat(proxy.tunnels(HOST)).isEqualTo(1);
    }
  }

  /**
   * With the JDK's default ({@code jdk.http.auth.tunneling.disabledSchemes=Basic}) neither the
   * Authenticator nor a header set on the request gets Basic credentials onto the CONNECT: the JDK
   * filters them out, and the proxy's 407 is all the client sees.
   */
  @Test
  void jdkDefaultDropsBasicCredentialsOnConnect() throws Exception {
    try (ConnectProxy proxy = ConnectProxy.start(USER, PASSWORD).route(HOST, front.port())) {
      Process child =
          new ProcessBuilder(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-cp",
                  System.getProperty("java.class.path"),
                  JdkDefaults.class.getName(),
                  Integer.toString(proxy.port()),
                  ca.trustStore().toString())
              .redirectErrorStream(true)
              .start();
      String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(output).contains("authenticator: 407", "header: 407");
      assertThat(proxy.tunnels(HOST)).isZero();
      assertThat(proxy.connectAuthorizations()).containsOnly("");
    }
  }

  /** Run in a child JVM that leaves the JDK's default for Basic on tunnels alone. */
  static final class JdkDefaults {
    public static void main(String[] args) throws Exception {
      System.setProperty("javax.net.ssl.trustStore", args[1]);
      System.setProperty("javax.net.ssl.trustStorePassword", TestCa.PASSWORD);
      String url = "http://" + USER + ":" + ENCODED_PASSWORD + "@127.0.0.1:" + args[0];
      AwsProxy proxy = AwsProxy.resolve(Map.of("HTTPS_PROXY", url), new Properties());
      URI uri = URI.create("https://" + HOST + "/hello");
      HttpClient client = HttpClient.newBuilder().proxy(proxy.selector()).build();
      System.out.println(
          "header: "
              + status(
                  client,
                  HttpRequest.newBuilder(uri)
                      .header("Proxy-Authorization", proxy.proxyAuthorizationHeader(uri).get())));
      HttpClient authenticating =
          HttpClient.newBuilder()
              .proxy(proxy.selector())
              .authenticator(
                  new java.net.Authenticator() {
                    @Override
                    protected java.net.PasswordAuthentication getPasswordAuthentication() {
                      return new java.net.PasswordAuthentication(USER, PASSWORD.toCharArray());
                    }
                  })
              .build();
      System.out.println("authenticator: " + status(authenticating, HttpRequest.newBuilder(uri)));
    }

    private static String status(HttpClient client, HttpRequest.Builder request) {
      try {
        return Integer.toString(
            client.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode());
      } catch (IOException | InterruptedException e) {
        return e.toString();
      }
    }
  }
}
