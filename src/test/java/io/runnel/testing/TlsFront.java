package io.runnel.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;

/**
 * Terminates TLS on a loopback port and forwards the plain bytes to a backend port: puts HTTPS in
 * front of a plain-HTTP server (ElasticMQ), as real SQS is HTTPS only. One virtual thread per
 * direction per connection. Thread-safe; {@link #close} stops accepting and closes every
 * connection.
 */
public final class TlsFront implements AutoCloseable {
  private final ServerSocket listener;
  private final int backendPort;
  private final AtomicInteger connections = new AtomicInteger();
  private final OpenSockets open = new OpenSockets();

  private TlsFront(ServerSocket listener, int backendPort) {
    this.listener = listener;
    this.backendPort = backendPort;
  }

  /**
   * Listens on 127.0.0.1 (an ephemeral port) with {@code tls}, forwarding to {@code backendPort}.
   */
  public static TlsFront start(SSLContext tls, int backendPort) throws IOException {
    SSLServerSocket listener =
        (SSLServerSocket)
            tls.getServerSocketFactory()
                .createServerSocket(0, 128, InetAddress.getLoopbackAddress());
    TlsFront front = new TlsFront(listener, backendPort);
    Thread.ofVirtual().name("tls-front-accept").start(front::accept);
    return front;
  }

  public int port() {
    return listener.getLocalPort();
  }

  /** TLS connections accepted so far. */
  public int connections() {
    return connections.get();
  }

  private void accept() {
    while (!listener.isClosed()) {
      try {
        Socket client = listener.accept();
        connections.incrementAndGet();
        Socket backend = new Socket(InetAddress.getLoopbackAddress(), backendPort);
        client.setTcpNoDelay(true);
        backend.setTcpNoDelay(true);
        open.add(client);
        open.add(backend);
        Thread.ofVirtual().start(() -> open.pump(client, backend));
        Thread.ofVirtual().start(() -> open.pump(backend, client));
      } catch (IOException e) {
        // a failed handshake or a closed listener: the next accept decides
      }
    }
  }

  @Override
  public void close() throws IOException {
    listener.close();
    open.closeAll();
  }
}
