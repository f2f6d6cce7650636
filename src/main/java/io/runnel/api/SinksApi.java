package io.runnel.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.runnel.delivery.ActionResult;
import io.runnel.delivery.SinkWorker;
import io.runnel.runtime.Runnel;
import io.runnel.runtime.SinkHealth;
import io.runnel.runtime.SinkHistory;
import io.runnel.state.MessageState;
import io.runnel.state.StoredMessage;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/sinks}, {@code /api/sinks/{name}}, {@code /api/sinks/{name}/messages} (DESIGN.md
 * §7) and {@code /api/sinks/{name}/history} (the console's charts). Thread-safe.
 */
final class SinksApi {
  static final int DEFAULT_LIMIT = 50;
  static final int MAX_LIMIT = 1000;

  private final Runnel runnel;
  private final ObjectMapper json;

  SinksApi(Runnel runnel, ObjectMapper json) {
    this.runnel = runnel;
    this.json = json;
  }

  /** Answers a GET below /api/sinks; {@code path} is the part after it. */
  JsonNode get(String path, String query) {
    String[] parts = path.isEmpty() ? new String[0] : path.substring(1).split("/");
    if (parts.length == 0) {
      ObjectNode body = json.createObjectNode();
      ArrayNode sinks = body.putArray("sinks");
      runnel.health().forEach(sink -> sinks.add(json.valueToTree(sink)));
      return body;
    }
    String name = URLDecoder.decode(parts[0], StandardCharsets.UTF_8);
    if (parts.length == 1) {
      ObjectNode sink = json.valueToTree(sink(name));
      sink.put("parked_messages", runnel.storedCount(name, MessageState.PARKED));
      sink.put("discarded_messages", runnel.storedCount(name, MessageState.DISCARDED));
      return sink;
    }
    if (parts.length == 2 && parts[1].equals("messages")) {
      return messages(name, parameters(query));
    }
    if (parts.length == 2 && parts[1].equals("history")) {
      return history(name);
    }
    throw ApiException.notFound("no such path: /api/sinks" + path);
  }

  /**
   * Answers a POST below /api/sinks: {@code {name}/pause}, {@code {name}/resume}, {@code
   * {name}/messages/{key}/retry|discard}, {@code {name}/messages/retry} with {@code {"state":
   * "discarded"|"parked"}} (or {@code ?state=}) for all of them, and {@code
   * {name}/messages/discard} with {@code {"state": "parked"}}.
   */
  JsonNode post(String path, String query, String body) {
    String[] parts = path.isEmpty() ? new String[0] : path.substring(1).split("/");
    if (parts.length < 2) {
      throw ApiException.notFound("no such path: /api/sinks" + path);
    }
    String name = URLDecoder.decode(parts[0], StandardCharsets.UTF_8);
    if (parts.length == 2 && (parts[1].equals("pause") || parts[1].equals("resume"))) {
      if (!runnel.setPaused(name, parts[1].equals("pause"))) {
        throw noSink(name);
      }
      return json.valueToTree(sink(name));
    }
    if (!parts[1].equals("messages") || parts.length < 3 || parts.length > 4) {
      throw ApiException.notFound("no such path: /api/sinks" + path);
    }
    SinkWorker worker = runnel.sink(name).orElseThrow(() -> noSink(name));
    if (parts.length == 3 && parts[2].equals("retry")) {
      return answer(worker.actions().retryAll(bulkState(query, body)));
    }
    if (parts.length == 3 && parts[2].equals("discard")) {
      if (bulkState(query, body) != MessageState.PARKED) {
        throw ApiException.badRequest("state", "only parked messages are discarded in bulk");
      }
      return answer(worker.actions().discardAllParked());
    }
    String key = URLDecoder.decode(parts[2], StandardCharsets.UTF_8);
    return switch (parts.length == 4 ? parts[3] : "") {
      case "retry" -> answer(worker.actions().retry(key));
      case "discard" -> answer(worker.actions().discard(key));
      default -> throw ApiException.notFound("no such path: /api/sinks" + path);
    };
  }

  /** The state named by {@code ?state=} or the JSON body's {@code state}: discarded or parked. */
  private MessageState bulkState(String query, String body) {
    String state = parameters(query).get("state");
    if (state == null && !body.isBlank()) {
      JsonNode request;
      try {
        request = json.readTree(body);
      } catch (JsonProcessingException e) {
        throw ApiException.badRequest(
            "body", "request body is not valid JSON: " + e.getOriginalMessage());
      }
      JsonNode field = request == null ? null : request.get("state");
      if (field == null || !field.isTextual()) {
        throw ApiException.badRequest(
            "state", "body must be an object with \"state\": \"discarded\" or \"parked\"");
      }
      state = field.asText();
    }
    MessageState parsed = MessageState.fromWireName(state == null ? "" : state);
    if (parsed != MessageState.DISCARDED && parsed != MessageState.PARKED) {
      throw ApiException.badRequest(
          "state", "state must be discarded or parked (was: " + state + ")");
    }
    return parsed;
  }

  private JsonNode answer(ActionResult result) {
    switch (result.status()) {
      case NOT_FOUND -> throw ApiException.notFound(result.message());
      case CONFLICT -> throw new ApiException(409, result.message(), null);
      case DONE -> {
        return json.createObjectNode()
            .put("result", "done")
            .put("count", result.count())
            .put("message", result.message());
      }
    }
    throw new IllegalStateException("unknown action result " + result);
  }

  private ApiException noSink(String name) {
    return noSink(runnel, name);
  }

  /**
   * 404 for a sink no config names; 409 for one of a database another instance streams (this one
   * stands by), naming that instance, since only it can act on the sink's messages.
   */
  static ApiException noSink(Runnel runnel, String name) {
    return runnel.health().stream()
        .filter(s -> s.name().equals(name) && s.status().equals("standby"))
        .findFirst()
        .map(s -> new ApiException(409, standby(runnel, s), null))
        .orElseGet(() -> ApiException.notFound("no sink named \"" + name + "\""));
  }

  private static String standby(Runnel runnel, SinkHealth sink) {
    String holder =
        runnel.databases().stream()
            .filter(db -> db.database().equals(sink.database()) && db.holder() != null)
            .map(db -> "instance " + db.holder())
            .findFirst()
            .orElse("no instance at the moment");
    return "sink \""
        + sink.name()
        + "\" is streamed by "
        + holder
        + "; this instance ("
        + runnel.instanceId()
        + ") stands by for database "
        + sink.database()
        + ": use the API of the instance streaming it";
  }

  private SinkHealth sink(String name) {
    return runnel.health().stream()
        .filter(s -> s.name().equals(name))
        .findFirst()
        .orElseThrow(() -> ApiException.notFound("no sink named \"" + name + "\""));
  }

  /** The sink's last 15 minutes: {@code {"sink", "interval_seconds", "points": [...]}}. */
  private JsonNode history(String sink) {
    SinkHistory history = runnel.history(sink);
    if (history == null) {
      throw noSink(sink);
    }
    return json.valueToTree(history);
  }

  private JsonNode messages(String sink, Map<String, String> parameters) {
    MessageState state = MessageState.fromWireName(parameters.getOrDefault("state", "in_flight"));
    if (state == null) {
      throw ApiException.badRequest(
          "state",
          "state must be one of in_flight, backing_off, parked, discarded, delivered (was: "
              + parameters.get("state")
              + ")");
    }
    int limit = limit(parameters.get("limit"));
    boolean withBody = "true".equals(parameters.get("body"));
    List<StoredMessage> messages = runnel.messages(sink, state, limit, parameters.get("next"));
    if (messages == null) {
      throw noSink(sink);
    }
    ObjectNode body = json.createObjectNode();
    ArrayNode list = body.putArray("messages");
    messages.forEach(m -> list.add(json.valueToTree(withBody ? m : m.withoutBody())));
    boolean stored = state == MessageState.DISCARDED || state == MessageState.PARKED;
    boolean more = messages.size() == limit && stored;
    body.put("next", more ? messages.get(messages.size() - 1).idempotencyKey() : null);
    return body;
  }

  private static int limit(String text) {
    if (text == null) {
      return DEFAULT_LIMIT;
    }
    try {
      int limit = Integer.parseInt(text);
      if (limit >= 1 && limit <= MAX_LIMIT) {
        return limit;
      }
    } catch (NumberFormatException e) {
      // reported below, with the accepted range
    }
    throw ApiException.badRequest(
        "limit", "limit must be an integer from 1 to " + MAX_LIMIT + " (was: " + text + ")");
  }

  private static Map<String, String> parameters(String query) {
    Map<String, String> parameters = new HashMap<>();
    if (query == null || query.isEmpty()) {
      return parameters;
    }
    for (String pair : query.split("&")) {
      int eq = pair.indexOf('=');
      String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String value =
          eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      parameters.put(key, value);
    }
    return parameters;
  }
}
