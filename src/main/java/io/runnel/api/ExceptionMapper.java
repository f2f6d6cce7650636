package io.runnel.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.runnel.state.StateStoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where exceptions become HTTP answers, wrapped around every route (after Javalin's
 * {@code ExceptionMapper}): an {@link ApiException} is its own status with {@code
 * {"error","field"}}; a {@link StateStoreException} is 503; anything else is 500. Thread-safe.
 */
final class ExceptionMapper {
  private static final Logger log = LoggerFactory.getLogger(ExceptionMapper.class);

  private ExceptionMapper() {}

  /** {@code route} as a handler whose exceptions are answered, not thrown to the server. */
  static HttpHandler mapped(HttpHandler route) {
    return exchange -> {
      try {
        route.handle(exchange);
      } catch (ApiException e) {
        ObjectNode body = HttpApi.error(e.getMessage());
        if (e.field != null) {
          body.put("field", e.field);
        }
        HttpApi.send(exchange, e.status, body);
      } catch (StateStoreException e) {
        logFailure(exchange, e.getMessage());
        HttpApi.send(exchange, 503, HttpApi.error(e.getMessage()));
      } catch (RuntimeException e) {
        logFailure(exchange, e.toString());
        HttpApi.send(exchange, 500, HttpApi.error("internal error: " + e.getMessage()));
      }
    };
  }

  /** Refuses (405) every method but GET. */
  static void requireGet(HttpExchange exchange) {
    String method = exchange.getRequestMethod();
    if (!"GET".equals(method)) {
      throw notAllowed(method);
    }
  }

  static ApiException notAllowed(String method) {
    return new ApiException(405, "method not allowed: " + method, null);
  }

  private static void logFailure(HttpExchange exchange, String failure) {
    log.warn(
        "http {} {} failed: {}", exchange.getRequestMethod(), exchange.getRequestURI(), failure);
  }
}
