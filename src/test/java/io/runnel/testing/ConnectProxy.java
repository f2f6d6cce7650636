package io.runnel.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An HTTP proxy on a loopback port, as companies put between their hosts and AWS: {@code CONNECT}
 * tunnels and plain absolute-URI HTTP requests, optionally behind Basic auth ({@code 407} with
 * {@code Proxy-Authenticate} when the credentials are missing or wrong). It reaches only the host
 * names given to {@link #route}, each mapped to a 127.0.0.1 port, so a target such as {@code
 * sqs.proxy-only.test} exists only through it; anything else gets {@code 502}. Counts tunnels and
 * requests per target host. One virtual thread per direction per connection; thread-safe.
 */
public final class ConnectProxy implements AutoCloseable {
  private final ServerSocket listener;
  private final String authorization;
  private final Map<String, Integer> routes = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> tunnels = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();
  private final AtomicInteger challenges = new AtomicInteger();
  private final List<String> connectAuthorizations = new CopyOnWriteArrayList<>();
  private final OpenSockets open = new OpenSockets();

  private ConnectProxy(ServerSocket listener, String authorization) {
    this.listener = listener;
    this.authorization = authorization;
  }

  /** A proxy that asks for no credentials. */
  public static ConnectProxy start() throws IOException {
    return start(null, null);
  }

  /** A proxy that wants Basic {@code user}/{@code password} (none when {@code user} is null). */
  public static ConnectProxy start(String user, String password) throws IOException {
    ServerSocket listener = new ServerSocket(0, 128, InetAddress.getLoopbackAddress());
    String expected =
        user == null
            ? null
            : "Basic "
                + Base64.getEncoder()
                    .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    ConnectProxy proxy = new ConnectProxy(listener, expected);
    Thread.ofVirtual().name("connect-proxy-accept").start(proxy::accept);
    return proxy;
  }

  /** Makes {@code host} (any port) reachable through the proxy, at 127.0.0.1:{@code port}. */
  public ConnectProxy route(String host, int port) {
    routes.put(host.toLowerCase(Locale.ROOT), port);
    return this;
  }

  public int port() {
    return listener.getLocalPort();
  }

  /** CONNECT tunnels opened to {@code host} (authenticated and routed). */
  public int tunnels(String host) {
    return count(tunnels, host);
  }

  /** Plain HTTP requests forwarded to {@code host}. */
  public int requests(String host) {
    return count(requests, host);
  }

  /** {@code 407} answers sent. */
  public int challenges() {
    return challenges.get();
  }

  /** The {@code Proxy-Authorization} of each CONNECT, in order; "" when it had none. */
  public List<String> connectAuthorizations() {
    return List.copyOf(connectAuthorizations);
  }

  private static int count(Map<String, AtomicInteger> counts, String host) {
    AtomicInteger count = counts.get(host.toLowerCase(Locale.ROOT));
    return count == null ? 0 : count.get();
  }

  private void accept() {
    while (!listener.isClosed()) {
      try {
        Socket client = listener.accept();
        open.add(client);
        Thread.ofVirtual().start(() -> serve(client));
      } catch (IOException e) {
        // closed listener: the loop ends
      }
    }
  }

  private void serve(Socket client) {
    try {
      InputStream in = client.getInputStream();
      OutputStream out = client.getOutputStream();
      for (List<String> head = readHead(in); head != null; head = readHead(in)) {
        String[] requestLine = head.get(0).split(" ");
        if (!authorized(head, requestLine[0])) {
          challenges.incrementAndGet();
          answer(
              out, "407 Proxy Authentication Required", "Proxy-Authenticate: Basic realm=\"test\"");
          continue;
        }
        if (requestLine[0].equals("CONNECT")) {
          tunnel(client, out, requestLine[1]);
        } else {
          forward(client, out, head);
        }
        return;
      }
      open.close(client);
    } catch (IOException e) {
      open.close(client);
    }
  }

  private boolean authorized(List<String> head, String method) {
    String given = header(head, "proxy-authorization");
    if (method.equals("CONNECT")) {
      connectAuthorizations.add(given == null ? "" : given);
    }
    return authorization == null || authorization.equals(given);
  }

  private void tunnel(Socket client, OutputStream out, String authority) throws IOException {
    String host = authority.substring(0, authority.lastIndexOf(':')).toLowerCase(Locale.ROOT);
    Integer port = routes.get(host);
    if (port == null) {
      answer(out, "502 Bad Gateway", "Connection: close");
      open.close(client);
      return;
    }
    Socket backend = connect(port);
    tunnels.computeIfAbsent(host, h -> new AtomicInteger()).incrementAndGet();
    out.write("HTTP/1.1 200 Connection Established\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    out.flush();
    splice(client, backend);
  }

  /** Sends an absolute-URI request on to its host in origin form, one request per connection. */
  private void forward(Socket client, OutputStream out, List<String> head) throws IOException {
    String[] requestLine = head.get(0).split(" ");
    URI target = URI.create(requestLine[1]);
    String host = target.getHost().toLowerCase(Locale.ROOT);
    Integer port = routes.get(host);
    if (port == null) {
      answer(out, "502 Bad Gateway", "Connection: close");
      open.close(client);
      return;
    }
    requests.computeIfAbsent(host, h -> new AtomicInteger()).incrementAndGet();
    Socket backend = connect(port);
    StringBuilder rewritten = new StringBuilder();
    String path = target.getRawPath().isEmpty() ? "/" : target.getRawPath();
    String query = target.getRawQuery() == null ? "" : "?" + target.getRawQuery();
    rewritten.append(requestLine[0]).append(' ').append(path).append(query).append(" HTTP/1.1\r\n");
    for (String line : head.subList(1, head.size())) {
      String name = line.substring(0, line.indexOf(':')).toLowerCase(Locale.ROOT);
      if (!name.startsWith("proxy-") && !name.equals("connection")) {
        rewritten.append(line).append("\r\n");
      }
    }
    rewritten.append("Connection: close\r\n\r\n");
    backend.getOutputStream().write(rewritten.toString().getBytes(StandardCharsets.ISO_8859_1));
    splice(client, backend);
  }

  private Socket connect(int port) throws IOException {
    Socket backend = new Socket(InetAddress.getLoopbackAddress(), port);
    open.add(backend);
    return backend;
  }

  private void splice(Socket client, Socket backend) {
    Thread.ofVirtual().start(() -> open.pump(client, backend));
    open.pump(backend, client);
  }

  private static void answer(OutputStream out, String status, String header) throws IOException {
    String answer = "HTTP/1.1 " + status + "\r\n" + header + "\r\nContent-Length: 0\r\n\r\n";
    out.write(answer.getBytes(StandardCharsets.US_ASCII));
    out.flush();
  }

  /** The request line and header lines, read byte by byte so no tunnel byte is consumed. */
  private static List<String> readHead(InputStream in) throws IOException {
    List<String> lines = new ArrayList<>();
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    for (int b = in.read(); b >= 0; b = in.read()) {
      if (b != '\n') {
        line.write(b);
        continue;
      }
      String text = line.toString(StandardCharsets.ISO_8859_1).stripTrailing();
      line.reset();
      if (text.isEmpty()) {
        return lines.isEmpty() ? null : lines;
      }
      lines.add(text);
    }
    return null;
  }

  private static String header(List<String> head, String name) {
    for (String line : head.subList(1, head.size())) {
      int colon = line.indexOf(':');
      if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
        return line.substring(colon + 1).trim();
      }
    }
    return null;
  }

  /** Stops accepting and closes every connection, so later connections are refused. */
  @Override
  public void close() throws IOException {
    listener.close();
    open.closeAll();
  }
}
