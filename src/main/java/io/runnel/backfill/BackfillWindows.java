package io.runnel.backfill;

import io.runnel.decode.Change;
import io.runnel.decode.Relation;
import io.runnel.decode.TableId;
import io.runnel.decode.Tuple;
import io.runnel.decode.WalEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Places backfill pages in the change stream with watermarks, as DBLog does, so a row's {@code
 * read} never reaches a consumer after a newer change of that row.
 *
 * <p>The backfill runner {@link #open opens} a window, writes the low watermark to the WAL, reads a
 * page of rows, {@link Window#fill fills} the window and writes the high watermark. The replication
 * reader meets the low watermark, notes the key of every row of that table changed after it ({@link
 * #onChange}), and at the high watermark takes the page: its rows that were not changed in between
 * are sent as {@code read} messages at the high watermark's place in the stream. A row that was
 * changed is left out, since its change (with newer values) is already in the stream.
 *
 * <p>Thread-safe: {@link #open} and {@link Window#fill} on the runner's thread; {@link
 * #onWatermark} and {@link #onChange} on the replication reader thread.
 */
public final class BackfillWindows {
  private static final String LOW = "|low";
  private static final String HIGH = "|high";

  private final ConcurrentHashMap<String, Window> windows = new ConcurrentHashMap<>();
  private final List<Window> listening = new ArrayList<>();

  /** The watermark texts the runner writes before and after reading the page {@code mark}. */
  public static String low(String mark) {
    return mark + LOW;
  }

  public static String high(String mark) {
    return mark + HIGH;
  }

  /**
   * A page of {@code table} for one sink's backfill is about to be read; {@code mark} must be
   * unique.
   */
  public Window open(String mark, String sinkName, String backfillId, TableId table) {
    Window window = new Window(mark, sinkName, backfillId, table);
    if (windows.putIfAbsent(mark, window) != null) {
      throw new IllegalStateException("backfill window " + mark + " is already open");
    }
    return window;
  }

  /**
   * A watermark arrived. Returns the window whose page is due now (at a high watermark), else null;
   * watermarks of windows this process did not open (an earlier run's) are ignored.
   */
  public Window onWatermark(WalEvent.Watermark watermark) {
    String content = watermark.content();
    if (content.endsWith(LOW)) {
      Window window = windows.get(content.substring(0, content.length() - LOW.length()));
      if (window != null) {
        listening.add(window);
      }
      return null;
    }
    if (content.endsWith(HIGH)) {
      Window window = windows.remove(content.substring(0, content.length() - HIGH.length()));
      if (window != null) {
        listening.remove(window);
      }
      return window;
    }
    return null;
  }

  /** Notes the rows a change touches in tables with an open window. */
  public void onChange(Change change) {
    for (Window window : listening) {
      if (window.table.equals(change.table())) {
        window.changed(change.relation(), change.newRow());
        window.changed(change.relation(), change.oldRow());
      }
    }
  }

  /** The runner gave up on the page (stop, read error): forget it. */
  public void close(Window window) {
    windows.remove(window.mark, window);
  }

  /** One page's way through the stream. */
  public static final class Window {
    private final String mark;
    private final String sinkName;
    private final String backfillId;
    private final TableId table;
    private final Set<String> changedKeys = new HashSet<>();
    private final CompletableFuture<Integer> settled = new CompletableFuture<>();
    private volatile Page page;

    private Window(String mark, String sinkName, String backfillId, TableId table) {
      this.mark = mark;
      this.sinkName = sinkName;
      this.backfillId = backfillId;
      this.table = table;
    }

    /** The page was read: it is sent at the high watermark. */
    public void fill(Relation relation, List<Tuple> rows, Instant readAt) {
      page = new Page(relation, List.copyOf(rows), readAt);
    }

    /**
     * Completes with the number of rows sent once every one of them is delivered, discarded or
     * parked; exceptionally when the page could not be sent.
     */
    public CompletableFuture<Integer> settled() {
      return settled;
    }

    public String sinkName() {
      return sinkName;
    }

    public String backfillId() {
      return backfillId;
    }

    public Page page() {
      return page;
    }

    public void fail(String reason) {
      settled.completeExceptionally(new IllegalStateException(reason));
    }

    public void settle(int rows) {
      settled.complete(rows);
    }

    private void changed(Relation relation, Tuple row) {
      if (row != null && relation.hasPrimaryKey()) {
        changedKeys.add(key(relation, row));
      }
    }

    /** The page's rows that no change touched since the low watermark. */
    public List<Tuple> unchangedRows() {
      List<Tuple> rows = new ArrayList<>(page.rows().size());
      for (Tuple row : page.rows()) {
        if (!changedKeys.contains(key(page.relation(), row))) {
          rows.add(row);
        }
      }
      return rows;
    }

    private static String key(Relation relation, Tuple row) {
      StringBuilder key = new StringBuilder();
      for (int column : relation.primaryKey()) {
        key.append(row.text(column)).append('\u0000');
      }
      return key.toString();
    }
  }

  /** The rows read between the watermarks. */
  public record Page(Relation relation, List<Tuple> rows, Instant readAt) {}
}
