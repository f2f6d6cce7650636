package io.runnel.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;

/**
 * A loopback TCP proxy that delays everything a client sends by a fixed time before passing it to
 * the server, as a network round trip would; answers pass straight through. Each chunk read from
 * the client is stamped with the time it was read and written to the server once that time plus the
 * delay has come, in order, so a connection's bytes keep their order and spacing. Listens on
 * 127.0.0.1 only; at most {@value #MAX_CONNECTIONS} connections (more are refused by closing them)
 * and {@value #MAX_CHUNKS} chunks of {@value #CHUNK_BYTES} bytes in flight per connection (the
 * client is then not read until the server side catches up). Each connection uses three virtual
 * threads. Thread-safe.
 */
final class DelayProxy implements AutoCloseable {
  static final int MAX_CONNECTIONS = 512;
  static final int MAX_CHUNKS = 64;
  static final int CHUNK_BYTES = 16 * 1024;

  /** Time for the proxy, injected so a test can watch and advance it. */
  interface Clock {
    long nanoTime();

    /** Returns once {@link #nanoTime()} has reached {@code nanos}. */
    void sleepUntil(long nanos) throws InterruptedException;

    static Clock system() {
      return new Clock() {
        @Override
        public long nanoTime() {
          return System.nanoTime();
        }

        @Override
        public void sleepUntil(long nanos) throws InterruptedException {
          for (long left = nanos - System.nanoTime(); left > 0; left = nanos - System.nanoTime()) {
            LockSupport.parkNanos(left);
            if (Thread.interrupted()) {
              throw new InterruptedException();
            }
          }
        }
      };
    }
  }

  /** Bytes read from the client at {@code readNanos}; an empty one marks the client's end. */
  private record Chunk(byte[] bytes, long readNanos) {}

  private final ServerSocket listener;
  private final int targetPort;
  private final long delayNanos;
  private final Clock clock;
  private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
  private final Thread acceptor;

  private DelayProxy(ServerSocket listener, int targetPort, Duration delay, Clock clock) {
    this.listener = listener;
    this.targetPort = targetPort;
    this.delayNanos = delay.toNanos();
    this.clock = clock;
    this.acceptor = Thread.ofPlatform().daemon().name("bench-delay-proxy").start(this::accept);
  }

  /** Starts a proxy on an ephemeral loopback port in front of 127.0.0.1:{@code targetPort}. */
  static DelayProxy start(int targetPort, Duration delay, Clock clock) throws IOException {
    if (delay.isNegative()) {
      throw new IllegalArgumentException("delay must not be negative: " + delay);
    }
    ServerSocket listener = new ServerSocket(0, 128, InetAddress.getLoopbackAddress());
    return new DelayProxy(listener, targetPort, delay, clock);
  }

  int port() {
    return listener.getLocalPort();
  }

  Duration delay() {
    return Duration.ofNanos(delayNanos);
  }

  private void accept() {
    while (!listener.isClosed()) {
      Socket client;
      try {
        client = listener.accept();
      } catch (IOException e) {
        return; // closed
      }
      if (sockets.size() >= 2 * MAX_CONNECTIONS) {
        closeQuietly(client);
        continue;
      }
      Thread.ofVirtual().name("bench-delay-proxy-connect").start(() -> connect(client));
    }
  }

  private void connect(Socket client) {
    Socket server = new Socket();
    sockets.add(client);
    sockets.add(server);
    try {
      client.setTcpNoDelay(true);
      server.setTcpNoDelay(true);
      server.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort));
    } catch (IOException e) {
      close(client, server);
      return;
    }
    BlockingQueue<Chunk> pending = new ArrayBlockingQueue<>(MAX_CHUNKS);
    Thread.ofVirtual().name("bench-delay-proxy-read").start(() -> readClient(client, pending));
    Thread.ofVirtual()
        .name("bench-delay-proxy-write")
        .start(() -> writeServer(pending, client, server));
    Thread.ofVirtual().name("bench-delay-proxy-answer").start(() -> answer(server, client));
  }

  /** Client to queue: stamps each chunk with the time it was read. */
  private void readClient(Socket client, BlockingQueue<Chunk> pending) {
    byte[] buffer = new byte[CHUNK_BYTES];
    try {
      // Not closed here: closing a socket's stream closes the socket, answers included.
      InputStream in = client.getInputStream();
      int n;
      while ((n = in.read(buffer)) >= 0) {
        pending.put(new Chunk(Arrays.copyOf(buffer, n), clock.nanoTime()));
      }
    } catch (IOException e) {
      // The connection is gone; the end marker below lets the writer finish.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    try {
      pending.put(new Chunk(new byte[0], clock.nanoTime()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Queue to server: each chunk once its delay has passed, in the order read. */
  private void writeServer(BlockingQueue<Chunk> pending, Socket client, Socket server) {
    try {
      OutputStream out = server.getOutputStream();
      while (true) {
        Chunk chunk = pending.take();
        clock.sleepUntil(chunk.readNanos() + delayNanos);
        if (chunk.bytes().length == 0) {
          server.shutdownOutput();
          return;
        }
        out.write(chunk.bytes());
        out.flush();
      }
    } catch (IOException e) {
      close(client, server);
      pending.clear(); // lets a reader blocked on a full queue see the closed socket
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      close(client, server);
    }
  }

  /** Server to client, undelayed; closes both sides when the server is done. */
  private void answer(Socket server, Socket client) {
    try {
      server.getInputStream().transferTo(client.getOutputStream());
    } catch (IOException e) {
      // Either side went away.
    } finally {
      close(client, server);
    }
  }

  private void close(Socket client, Socket server) {
    closeQuietly(client);
    closeQuietly(server);
    sockets.remove(client);
    sockets.remove(server);
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      // Nothing left to do with it.
    }
  }

  @Override
  public void close() throws IOException {
    listener.close();
    for (Socket socket : sockets) {
      closeQuietly(socket);
    }
    try {
      acceptor.join(Duration.ofSeconds(5));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
