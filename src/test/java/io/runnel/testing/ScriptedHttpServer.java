package io.runnel.testing;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;

/**
 * An HTTP/1.1 server on loopback whose every answer a test scripts, byte for byte where it matters:
 * any status and headers (including {@code Date}, which the JDK's own server always rewrites), an
 * answer that stalls halfway, a connection dropped before any answer. Keeps connections alive and
 * records every request. Thread-safe.
 */
public final class ScriptedHttpServer implements AutoCloseable {
  /** One request as received; header names in lower case. */
  public record Request(int connection, String method, Map<String, String> headers, byte[] body) {
    public String body(java.nio.charset.Charset charset) {
      return new String(body, charset);
    }
  }

  /** What the server does with a request. */
  public sealed interface Reply {}

  /** A complete answer; the connection stays open. */
  public record Answer(int status, Map<String, String> headers, String body) implements Reply {}

  /** The head and the first half of the body, then nothing until the server closes. */
  public record Stall(int status, String body) implements Reply {}

  /** The connection is closed without a byte of answer. */
  public record Drop() implements Reply {}

  /** Decides the reply to each request. */
  @FunctionalInterface
  public interface Script {
    Reply reply(Request request) throws Exception;
  }

  private final ServerSocket listener;
  private final Script script;
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private final AtomicInteger connections = new AtomicInteger();
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private final CountDownLatch closed = new CountDownLatch(1);

  private ScriptedHttpServer(ServerSocket listener, Script script) {
    this.listener = listener;
    this.script = script;
  }

  /** Plain HTTP on 127.0.0.1. */
  public static ScriptedHttpServer start(Script script) throws IOException {
    return start(null, script);
  }

  /** HTTPS with {@code tls} (e.g. {@link TestCa#serverContext()}) when not null. */
  public static ScriptedHttpServer start(SSLContext tls, Script script) throws IOException {
    InetAddress loopback = InetAddress.getLoopbackAddress();
    ServerSocket listener =
        tls == null
            ? new ServerSocket(0, 64, loopback)
            : tls.getServerSocketFactory().createServerSocket(0, 64, loopback);
    ScriptedHttpServer server = new ScriptedHttpServer(listener, script);
    Thread.ofVirtual().name("scripted-http-accept").start(server::accept);
    return server;
  }

  public int port() {
    return listener.getLocalPort();
  }

  /** Every request received so far, in order. */
  public List<Request> requests() {
    return List.copyOf(requests);
  }

  /** Connections accepted so far. */
  public int connections() {
    return connections.get();
  }

  private void accept() {
    while (!listener.isClosed()) {
      try {
        Socket socket = listener.accept();
        int id = connections.incrementAndGet();
        open.add(socket);
        Thread.ofVirtual().start(() -> serve(socket, id));
      } catch (IOException e) {
        // closed listener or failed handshake: the loop condition decides
      }
    }
  }

  private void serve(Socket socket, int id) {
    try (socket) {
      InputStream in = new BufferedInputStream(socket.getInputStream());
      OutputStream out = socket.getOutputStream();
      while (true) {
        Request request = read(in, id);
        if (request == null) {
          return;
        }
        requests.add(request);
        Reply reply = script.reply(request);
        switch (reply) {
          case Answer answer -> write(out, answer.status(), answer.headers(), answer.body(), false);
          case Stall stall -> {
            write(out, stall.status(), Map.of(), stall.body(), true);
            closed.await();
            return;
          }
          case Drop drop -> {
            return;
          }
        }
      }
    } catch (Exception e) {
      // the client went away, or the server is closing
    } finally {
      open.remove(socket);
    }
  }

  private static Request read(InputStream in, int connection) throws IOException {
    String requestLine = line(in);
    if (requestLine == null) {
      return null;
    }
    Map<String, String> headers = new TreeMap<>();
    for (String line = line(in); line != null && !line.isEmpty(); line = line(in)) {
      int colon = line.indexOf(':');
      headers.put(
          line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
          line.substring(colon + 1).trim());
    }
    int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
    byte[] body = in.readNBytes(length);
    if (body.length < length) {
      throw new EOFException("request body cut short");
    }
    return new Request(connection, requestLine.split(" ")[0], headers, body);
  }

  private static String line(InputStream in) throws IOException {
    StringBuilder line = new StringBuilder();
    for (int b = in.read(); b != '\n'; b = in.read()) {
      if (b < 0) {
        return line.isEmpty() ? null : line.toString();
      }
      if (b != '\r') {
        line.append((char) b);
      }
    }
    return line.toString();
  }

  private static void write(
      OutputStream out, int status, Map<String, String> headers, String body, boolean half)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    StringBuilder head = new StringBuilder("HTTP/1.1 " + status + " Scripted\r\n");
    headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
    head.append("Content-Type: application/x-amz-json-1.0\r\n");
    head.append("Content-Length: ").append(bytes.length).append("\r\n\r\n");
    out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
    out.write(bytes, 0, half ? bytes.length / 2 : bytes.length);
    out.flush();
  }

  @Override
  public void close() throws IOException {
    closed.countDown();
    listener.close();
    for (Socket socket : open) {
      socket.close();
    }
  }
}
