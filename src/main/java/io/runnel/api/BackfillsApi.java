package io.runnel.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.runnel.runtime.Runnel;
import io.runnel.state.Backfill;
import java.util.List;

/**
 * {@code POST /api/sinks/{name}/backfills} {@code {"table": "public.orders"}} starts a backfill;
 * {@code GET} lists the sink's backfills with their progress (DESIGN.md §7). Thread-safe.
 */
final class BackfillsApi {
  private final Runnel runnel;
  private final ObjectMapper json;

  BackfillsApi(Runnel runnel, ObjectMapper json) {
    this.runnel = runnel;
    this.json = json;
  }

  JsonNode list(String sink) {
    List<Backfill> backfills = runnel.backfills(sink);
    if (backfills == null) {
      throw SinksApi.noSink(runnel, sink);
    }
    ObjectNode body = json.createObjectNode();
    ArrayNode list = body.putArray("backfills");
    backfills.forEach(b -> list.add(view(b)));
    return body;
  }

  JsonNode start(String sink, byte[] request) {
    String table = table(request);
    try {
      Backfill backfill = runnel.startBackfill(sink, table);
      if (backfill == null) {
        throw SinksApi.noSink(runnel, sink);
      }
      return view(backfill);
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest("table", e.getMessage());
    }
  }

  private String table(byte[] request) {
    JsonNode body;
    try {
      body = json.readTree(request);
    } catch (JsonProcessingException e) {
      throw ApiException.badRequest("body", "the body is not JSON: " + e.getOriginalMessage());
    } catch (java.io.IOException e) {
      throw ApiException.badRequest("body", "the body cannot be read: " + e.getMessage());
    }
    if (body == null || !body.isObject()) {
      throw ApiException.badRequest(
          "body", "the body must be a JSON object like {\"table\": \"public.orders\"}");
    }
    JsonNode table = body.get("table");
    if (table == null || !table.isTextual() || table.asText().isBlank()) {
      throw ApiException.badRequest(
          "table",
          "table must be a table name like \"public.orders\" (was: "
              + (table == null ? "missing" : table.toString())
              + ")");
    }
    return table.asText();
  }

  private ObjectNode view(Backfill backfill) {
    ObjectNode view = json.createObjectNode();
    view.put("id", backfill.id());
    view.put("sink", backfill.sink());
    view.put("table", backfill.table());
    view.put("state", backfill.state().wireName());
    view.put("rows_read", backfill.rowsRead());
    if (backfill.rowsEstimated() >= 0) {
      view.put("rows_estimated", backfill.rowsEstimated());
    } else {
      view.putNull("rows_estimated");
    }
    view.put("last_error", backfill.lastError());
    view.put("created_at", backfill.createdAt().toString());
    view.put("updated_at", backfill.updatedAt().toString());
    return view;
  }
}
