package io.runnel.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class DelayProxyTest {
  private static final Duration DELAY = Duration.ofMillis(20);

  /** A clock that stands still until the proxy asks to sleep, then jumps to the wake-up time. */
  private static final class JumpingClock implements DelayProxy.Clock {
    final List<Long> sleeps = new CopyOnWriteArrayList<>();
    private volatile long now = 1_000;

    @Override
    public long nanoTime() {
      return now;
    }

    @Override
    public void sleepUntil(long nanos) {
      sleeps.add(nanos);
      now = Math.max(now, nanos);
    }
  }

  @Test
  void bytesReachTheServerOnlyOnceTheirDelayHasPassed() throws Exception {
    JumpingClock clock = new JumpingClock();
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        DelayProxy proxy = DelayProxy.start(server.getLocalPort(), DELAY, clock);
        Socket client = new Socket(InetAddress.getLoopbackAddress(), proxy.port())) {
      client.getOutputStream().write("ping".getBytes(StandardCharsets.US_ASCII));
      client.shutdownOutput();
      try (Socket accepted = server.accept()) {
        byte[] received = accepted.getInputStream().readAllBytes();
        long receivedAt = clock.nanoTime();

        assertThat(new String(received, StandardCharsets.US_ASCII)).isEqualTo("ping");
        assertThat(clock.sleeps).first().isEqualTo(1_000 + DELAY.toNanos());
        assertThat(receivedAt).isGreaterThanOrEqualTo(1_000 + DELAY.toNanos());
      }
    }
  }

  @Test
  void keepsTheOrderOfAConnectionsBytesAndPassesAnswersThrough() throws Exception {
    JumpingClock clock = new JumpingClock();
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        DelayProxy proxy = DelayProxy.start(server.getLocalPort(), DELAY, clock);
        Socket client = new Socket(InetAddress.getLoopbackAddress(), proxy.port())) {
      OutputStream out = client.getOutputStream();
      for (int i = 0; i < 50; i++) {
        out.write(("chunk-" + i + ";").getBytes(StandardCharsets.US_ASCII));
        out.flush();
      }
      client.shutdownOutput();
      try (Socket accepted = server.accept()) {
        String received = new String(accepted.getInputStream().readAllBytes());
        accepted.getOutputStream().write("pong".getBytes(StandardCharsets.US_ASCII));
        accepted.shutdownOutput();

        StringBuilder expected = new StringBuilder();
        for (int i = 0; i < 50; i++) {
          expected.append("chunk-").append(i).append(';');
        }
        assertThat(received).isEqualTo(expected.toString());
        assertThat(clock.sleeps).isSorted();
        assertThat(new String(client.getInputStream().readAllBytes())).isEqualTo("pong");
      }
    }
  }

  @Test
  void aRequestThroughTheRealClockTakesAtLeastTheDelay() throws Exception {
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        DelayProxy proxy =
            DelayProxy.start(server.getLocalPort(), DELAY, DelayProxy.Clock.system());
        Socket client = new Socket(InetAddress.getLoopbackAddress(), proxy.port())) {
      Thread echo = Thread.ofVirtual().start(() -> echoOneByte(server));
      long started = System.nanoTime();
      client.getOutputStream().write(42);
      int answer = client.getInputStream().read();
      long elapsed = System.nanoTime() - started;
      echo.join();

      assertThat(answer).isEqualTo(42);
      assertThat(elapsed).isGreaterThanOrEqualTo(DELAY.toNanos());
    }
  }

  private static void echoOneByte(ServerSocket server) {
    try (Socket accepted = server.accept()) {
      InputStream in = accepted.getInputStream();
      accepted.getOutputStream().write(in.read());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
