package io.runnel.sink.sqs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.runnel.time.FakeClock;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import javax.net.ssl.SSLSocketFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The HTTP/1.1 client against a scripted server on loopback: framing, keep-alive, stale reuse. */
class HttpPoolTest {
  private final ServerSocket server;
  private final BlockingQueue<String> answers = new LinkedBlockingQueue<>();
  private final List<String> requestLines = new ArrayList<>();
  private int connections;
  private final Thread acceptor;

  HttpPoolTest() throws IOException {
    server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    acceptor = Thread.ofVirtual().start(this::accept);
  }

  @AfterEach
  void close() throws IOException {
    server.close();
    acceptor.interrupt();
  }

  private void accept() {
    try {
      while (true) {
        Socket socket = server.accept();
        synchronized (this) {
          connections++;
        }
        Thread.ofVirtual().start(() -> serve(socket));
      }
    } catch (IOException closed) {
      // test over
    }
  }

  /** Reads requests (Content-Length bodies) and writes the next scripted answer to each. */
  private void serve(Socket socket) {
    try (socket) {
      BufferedReader in =
          new BufferedReader(
              new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
      OutputStream out = socket.getOutputStream();
      String line;
      while ((line = in.readLine()) != null) {
        synchronized (this) {
          requestLines.add(line);
        }
        int length = 0;
        for (String header = in.readLine(); !header.isEmpty(); header = in.readLine()) {
          if (header.toLowerCase().startsWith("content-length:")) {
            length = Integer.parseInt(header.substring(15).trim());
          }
        }
        in.skip(length);
        String answer = answers.take();
        if (answer.equals("CLOSE")) {
          return;
        }
        if (answer.startsWith("PARTIAL:") || answer.startsWith("STALL:")) {
          out.write(answer.substring(answer.indexOf(':') + 1).getBytes(StandardCharsets.UTF_8));
          out.flush();
          if (answer.startsWith("STALL:")) {
            in.read(); // until the client gives up and closes
          }
          return;
        }
        out.write(answer.getBytes(StandardCharsets.UTF_8));
        out.flush();
        if (answer.contains("Connection: close")) {
          return;
        }
      }
    } catch (IOException | InterruptedException e) {
      // connection over
    }
  }

  private HttpAnswer exchange(HttpPool pool) throws IOException {
    byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
    byte[] head =
        HttpConnection.ascii("POST / HTTP/1.1\r\nHost: localhost\r\nContent-Length: 2\r\n\r\n");
    return pool.exchange(head, body, body.length);
  }

  private final FakeClock clock = new FakeClock();

  private HttpPool pool() {
    return pool(Duration.ofSeconds(10));
  }

  private HttpPool pool(Duration deadline) {
    return new HttpPool(
        SqsEndpoint.of(URI.create("http://127.0.0.1:" + server.getLocalPort()), "us-east-1"),
        (SSLSocketFactory) SSLSocketFactory.getDefault(),
        null,
        deadline,
        clock);
  }

  @Test
  void readsContentLengthAndChunkedAnswersOnOneKeptConnection() throws IOException {
    answers.add("HTTP/1.1 200 OK\r\nContent-Length: 7\r\n\r\n{\"a\":1}");
    answers.add(
        "HTTP/1.1 400 Bad Request\r\nTransfer-Encoding: chunked\r\n"
            + "x-amzn-query-error: AWS.SimpleQueueService.NonExistentQueue;Sender\r\n\r\n"
            + "4\r\n{\"b\"\r\n3;ext=1\r\n:2}\r\n0\r\n\r\n");
    try (HttpPool pool = pool()) {
      HttpAnswer first = exchange(pool);
      HttpAnswer second = exchange(pool);
      assertThat(first.status()).isEqualTo(200);
      assertThat(new String(first.body(), StandardCharsets.UTF_8)).isEqualTo("{\"a\":1}");
      assertThat(second.status()).isEqualTo(400);
      assertThat(new String(second.body(), StandardCharsets.UTF_8)).isEqualTo("{\"b\":2}");
      assertThat(second.queryError()).isEqualTo("AWS.SimpleQueueService.NonExistentQueue;Sender");
    }
    assertThat(connections).isEqualTo(1);
  }

  @Test
  void aConnectionTheServerClosedIsReplacedAndTheRequestSentAgain() throws IOException {
    answers.add("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}");
    answers.add("CLOSE");
    answers.add("HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\n{\"\"}");
    try (HttpPool pool = pool()) {
      exchange(pool);
      HttpAnswer again = exchange(pool);
      assertThat(new String(again.body(), StandardCharsets.UTF_8)).isEqualTo("{\"\"}");
    }
    assertThat(connections).isEqualTo(2);
    assertThat(requestLines).hasSize(3);
  }

  @Test
  void connectionCloseIsHonouredAndAFreshConnectionFailingIsAnError() throws IOException {
    answers.add("HTTP/1.1 503 Slow Down\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
    answers.add("CLOSE");
    try (HttpPool pool = pool()) {
      assertThat(exchange(pool).status()).isEqualTo(503);
      assertThatThrownBy(() -> exchange(pool))
          .isInstanceOf(IOException.class)
          .hasMessageContaining("connection closed by the SQS endpoint");
    }
    assertThat(connections).isEqualTo(2);
  }

  @Test
  void aKeptConnectionWhoseAnswerBrokeOffIsNotSentAgainAtOnce() throws IOException {
    answers.add("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}");
    answers.add("PARTIAL:HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n{\"S");
    try (HttpPool pool = pool()) {
      exchange(pool);
      assertThatThrownBy(() -> exchange(pool))
          .isInstanceOf(IOException.class)
          .hasMessageContaining("ended after");
    }
    assertThat(requestLines).as("part of an answer came: the caller decides").hasSize(2);
  }

  @Test
  void anAnswerThatStallsEndsAtTheDeadlineAndIsNotSentAgain() throws IOException {
    answers.add("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}");
    answers.add("STALL:HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n{");
    try (HttpPool pool = pool(Duration.ofMillis(500))) {
      exchange(pool);
      assertThatThrownBy(() -> exchange(pool))
          .isInstanceOf(HttpTimeoutException.class)
          .hasMessageContaining("within 500 ms");
    }
    assertThat(requestLines).hasSize(2);
  }

  @Test
  void connectionsIdleForTwentySecondsAreClosedNotReused() throws IOException {
    answers.add("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}");
    answers.add("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}");
    try (HttpPool pool = pool()) {
      exchange(pool);
      assertThat(pool.idleConnections()).isEqualTo(1);
      clock.advance(HttpPool.IDLE_TIMEOUT);
      exchange(pool);
    }
    assertThat(connections).as("the idle one was closed, a new one opened").isEqualTo(2);
  }
}
