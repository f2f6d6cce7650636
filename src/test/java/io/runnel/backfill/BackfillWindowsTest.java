package io.runnel.backfill;

import static org.assertj.core.api.Assertions.assertThat;

import io.runnel.decode.Action;
import io.runnel.decode.Change;
import io.runnel.decode.Column;
import io.runnel.decode.Lsn;
import io.runnel.decode.Relation;
import io.runnel.decode.TableId;
import io.runnel.decode.Tuple;
import io.runnel.decode.WalEvent;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class BackfillWindowsTest {
  private static final TableId STOCK = new TableId("public", "stock");
  private static final Relation RELATION =
      new Relation(
          1,
          STOCK,
          'd',
          List.of(new Column("id", 23, -1, true), new Column("qty", 23, -1, false)),
          List.of(0));
  private final BackfillWindows windows = new BackfillWindows();

  @Test
  void rowsChangedBetweenTheWatermarksAreLeftToTheirChanges() {
    BackfillWindows.Window window = windows.open("b/1", "sink", "b", STOCK);
    assertThat(windows.onWatermark(mark(BackfillWindows.low("b/1")))).isNull();
    windows.onChange(update(STOCK, "2", "7"));
    windows.onChange(delete(STOCK, "3"));
    window.fill(RELATION, List.of(row("1"), row("2"), row("3"), row("4")), Instant.EPOCH);

    assertThat(windows.onWatermark(mark(BackfillWindows.high("b/1")))).isSameAs(window);
    assertThat(window.unchangedRows()).containsExactly(row("1"), row("4"));
  }

  @Test
  void changesBeforeTheLowWatermarkOrToOtherTablesDoNotDropRows() {
    BackfillWindows.Window window = windows.open("b/2", "sink", "b", STOCK);
    windows.onChange(update(STOCK, "1", "5")); // before the low watermark: the page read sees it
    windows.onWatermark(mark(BackfillWindows.low("b/2")));
    windows.onChange(update(new TableId("public", "other"), "2", "5"));
    window.fill(RELATION, List.of(row("1"), row("2")), Instant.EPOCH);

    windows.onWatermark(mark(BackfillWindows.high("b/2")));
    assertThat(window.unchangedRows()).containsExactly(row("1"), row("2"));
  }

  @Test
  void changesAfterTheHighWatermarkAreNoLongerNoted() {
    BackfillWindows.Window first = windows.open("b/3", "sink", "b", STOCK);
    windows.onWatermark(mark(BackfillWindows.low("b/3")));
    first.fill(RELATION, List.of(row("1")), Instant.EPOCH);
    windows.onWatermark(mark(BackfillWindows.high("b/3")));
    windows.onChange(update(STOCK, "1", "9"));

    assertThat(first.unchangedRows()).containsExactly(row("1"));
  }

  @Test
  void watermarksOfAnEarlierRunAreIgnored() {
    assertThat(windows.onWatermark(mark(BackfillWindows.low("old/1")))).isNull();
    assertThat(windows.onWatermark(mark(BackfillWindows.high("old/1")))).isNull();
  }

  private static WalEvent.Watermark mark(String content) {
    return new WalEvent.Watermark(content, new Lsn(100));
  }

  private static Tuple row(String id) {
    return Tuple.ofText(id, "0");
  }

  private static Change update(TableId table, String id, String qty) {
    Relation relation = new Relation(2, table, 'd', RELATION.columns(), RELATION.primaryKey());
    return new Change(
        Action.UPDATE,
        relation,
        Tuple.ofText(id, qty),
        null,
        new Lsn(50),
        0,
        Instant.EPOCH,
        1,
        null);
  }

  private static Change delete(TableId table, String id) {
    Tuple key = new Tuple.Builder(2).text(id).sqlNull().build();
    return new Change(Action.DELETE, RELATION, null, key, new Lsn(50), 1, Instant.EPOCH, 1, null);
  }
}
