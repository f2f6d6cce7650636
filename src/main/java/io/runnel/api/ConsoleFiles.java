package io.runnel.api;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;

/**
 * Serves the web console: {@code /} is {@code console/index.html} from the jar, {@code
 * /console/<file>} its scripts and styles. Plain files, no build step; the console reads the API
 * with fetch. Anything else goes to {@code fallback}. Thread-safe.
 */
final class ConsoleFiles implements HttpHandler {
  private static final Map<String, String> TYPES =
      Map.of(
          "html", "text/html; charset=utf-8",
          "js", "text/javascript; charset=utf-8",
          "css", "text/css; charset=utf-8",
          "svg", "image/svg+xml");

  private final HttpHandler fallback;

  ConsoleFiles(HttpHandler fallback) {
    this.fallback = fallback;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    String file = path.equals("/") ? "index.html" : consoleFile(path);
    String type = file == null ? null : TYPES.get(file.substring(file.lastIndexOf('.') + 1));
    if (type == null || !"GET".equals(exchange.getRequestMethod())) {
      fallback.handle(exchange);
      return;
    }
    try (InputStream in = ConsoleFiles.class.getResourceAsStream("/console/" + file)) {
      if (in == null) {
        fallback.handle(exchange);
        return;
      }
      byte[] bytes = in.readAllBytes();
      exchange.getResponseHeaders().set("Content-Type", type);
      exchange.getResponseHeaders().set("Cache-Control", "no-cache");
      exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
      exchange.getResponseHeaders().set("X-Frame-Options", "DENY");
      exchange
          .getResponseHeaders()
          .set("Content-Security-Policy", "default-src 'self'; frame-ancestors 'none'");
      exchange.sendResponseHeaders(200, bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  /** The file name below /console/, or null for anything that is not a plain file name. */
  private static String consoleFile(String path) {
    if (!path.startsWith("/console/")) {
      return null;
    }
    String name = path.substring("/console/".length());
    return name.matches("[a-z0-9-]+\\.[a-z]+") ? name : null;
  }
}
