package io.runnel.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.List;

/**
 * Draws backfill progress: one line redrawn in place on a terminal, else a new line whenever a
 * backfill moves by a tenth or changes state (so logs stay short). Not thread-safe.
 */
final class ProgressBar {
  private static final int WIDTH = 30;

  private final PrintWriter out;
  private final boolean terminal;
  private String lastLogged = "";

  ProgressBar(PrintWriter out, boolean terminal) {
    this.out = out;
    this.terminal = terminal;
  }

  void show(List<JsonNode> backfills) {
    StringBuilder line = new StringBuilder();
    StringBuilder coarse = new StringBuilder();
    for (JsonNode backfill : backfills) {
      long read = backfill.get("rows_read").asLong();
      JsonNode estimated = backfill.get("rows_estimated");
      String state = backfill.get("state").asText();
      double fraction =
          state.equals("done")
              ? 1
              : estimated.isNull() || estimated.asLong() <= 0
                  ? 0
                  : Math.min(0.99, (double) read / estimated.asLong());
      line.append(line.isEmpty() ? "" : "  ").append(bar(backfill, fraction, read, state));
      coarse.append(backfill.get("id").asText()).append((int) (fraction * 10)).append(state);
    }
    if (terminal) {
      out.print("\r" + line);
      out.flush();
    } else if (!coarse.toString().equals(lastLogged)) {
      lastLogged = coarse.toString();
      out.println(line);
      out.flush();
    }
  }

  void finish(List<JsonNode> backfills) {
    if (terminal) {
      out.println();
    }
    for (JsonNode backfill : backfills) {
      String error = backfill.path("last_error").asText("");
      out.println(
          backfill.get("table").asText()
              + ": "
              + backfill.get("state").asText()
              + ", "
              + backfill.get("rows_read").asLong()
              + " rows read"
              + (error.isEmpty() || backfill.get("last_error").isNull() ? "" : " (" + error + ")"));
    }
    out.flush();
  }

  private static String bar(JsonNode backfill, double fraction, long read, String state) {
    int filled = (int) Math.round(fraction * WIDTH);
    return backfill.get("table").asText()
        + " ["
        + "#".repeat(filled)
        + ".".repeat(WIDTH - filled)
        + "] "
        + Math.round(fraction * 100)
        + "% "
        + read
        + " rows"
        + (state.equals("running") ? "" : " " + state);
  }
}
