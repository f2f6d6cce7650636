package io.runnel.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The sockets a test server holds open, so closing the server closes them all, and the byte pump
 * that relays between two of them. Thread-safe.
 */
final class OpenSockets {
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();

  void add(Socket socket) {
    open.add(socket);
  }

  /** Copies bytes from {@code from} to {@code to} until either side closes, then closes both. */
  void pump(Socket from, Socket to) {
    byte[] buffer = new byte[16 * 1024];
    try {
      InputStream in = from.getInputStream();
      OutputStream out = to.getOutputStream();
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        out.write(buffer, 0, n);
        out.flush();
      }
    } catch (IOException e) {
      // one side closed: close both below
    } finally {
      close(from);
      close(to);
    }
  }

  void close(Socket socket) {
    open.remove(socket);
    try {
      socket.close();
    } catch (IOException e) {
      // already closed
    }
  }

  void closeAll() {
    for (Socket socket : open) {
      close(socket);
    }
  }
}
