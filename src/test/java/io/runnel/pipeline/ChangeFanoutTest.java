package io.runnel.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.runnel.backfill.BackfillWindows;
import io.runnel.decode.Action;
import io.runnel.decode.Change;
import io.runnel.decode.Column;
import io.runnel.decode.Lsn;
import io.runnel.decode.Relation;
import io.runnel.decode.TableId;
import io.runnel.decode.Tuple;
import io.runnel.decode.WalEvent;
import io.runnel.message.MessageContext;
import io.runnel.message.MessageEncoder;
import io.runnel.message.TimestampFormat;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The fan-out on its own: which sink gets which change, and how far the slot may be acknowledged as
 * the sinks settle their messages (inboxes are fakes the test settles by hand).
 */
class ChangeFanoutTest {
  private static final Lsn START = new Lsn(100);
  private static final Relation ORDERS = relation(1, "public.orders");
  private static final Relation USERS = relation(2, "public.users");
  private static final Runnable NO_KEEPALIVE = () -> {};

  /** Takes every action on public.orders. */
  private final FakeInbox orders = new FakeInbox("orders");

  /** Takes only inserts, of every table. */
  private final FakeInbox inserts = new FakeInbox("inserts");

  private final BackfillWindows windows = new BackfillWindows();

  private final ChangeFanout fanout =
      new ChangeFanout(
          "db",
          List.of(
              route(orders, ORDERS.table()::equals, Set.of(Action.values())),
              route(inserts, table -> true, Set.of(Action.INSERT))),
          START,
          windows);

  @Test
  void eachChangeGoesToEverySinkThatTakesItsTableAndAction() throws InterruptedException {
    transaction(200, 210, insert(ORDERS, "1"), update(ORDERS, "1"), insert(USERS, "7"));

    assertThat(orders.keys()).hasSize(2);
    assertThat(orders.received).extracting(OutboundMessage::table).containsOnly(ORDERS.table());
    assertThat(inserts.received)
        .extracting(OutboundMessage::table)
        .containsExactly(ORDERS.table(), USERS.table());
    assertThat(inserts.received).extracting(OutboundMessage::action).containsOnly(Action.INSERT);
  }

  @Test
  void theSlotIsAcknowledgedPastATransactionOnlyOnceEverySinkSettledItsMessages()
      throws InterruptedException {
    transaction(200, 210, insert(ORDERS, "1"));
    assertThat(fanout.acknowledgeable(new Lsn(300))).as("nothing settled").isEqualTo(START);

    orders.settleAll();
    assertThat(fanout.acknowledgeable(new Lsn(300)))
        .as("the inserts sink still holds its copy")
        .isEqualTo(START);

    inserts.settleAll();
    assertThat(fanout.acknowledgeable(new Lsn(300)))
        .as("all settled and nothing open: up to the server's position")
        .isEqualTo(new Lsn(300));
  }

  @Test
  void aSettledTransactionWaitsForAnEarlierOneStillHeld() throws InterruptedException {
    transaction(200, 210, insert(USERS, "1"));
    transaction(300, 310, insert(USERS, "2"));

    inserts.settle(1);
    assertThat(fanout.acknowledgeable(new Lsn(400))).isEqualTo(START);

    inserts.settle(0);
    assertThat(fanout.acknowledgeable(new Lsn(400))).isEqualTo(new Lsn(400));
  }

  @Test
  void aSettledTransactionIsAcknowledgedAtItsEndWhileTheNextIsStillOpen()
      throws InterruptedException {
    transaction(200, 210, insert(USERS, "1"));
    inserts.settleAll();
    fanout.handle(new WalEvent.Begin(new Lsn(300), Instant.EPOCH, 2), NO_KEEPALIVE);
    fanout.handle(new WalEvent.RowChange(insert(USERS, "2")), NO_KEEPALIVE);

    assertThat(fanout.inTransaction()).isTrue();
    assertThat(fanout.acknowledgeable(new Lsn(400)))
        .as("not the server's position: a transaction is half read")
        .isEqualTo(new Lsn(210));
  }

  @Test
  void aTransactionNoSinkTakesIsAcknowledgedAtOnce() throws InterruptedException {
    transaction(200, 210, update(USERS, "1"));

    assertThat(orders.received).isEmpty();
    assertThat(inserts.received).isEmpty();
    assertThat(fanout.acknowledgeable(new Lsn(210))).isEqualTo(new Lsn(210));
  }

  @Test
  void aFullInboxIsAskedToMakeRoomAndTheSourceKeptAliveUntilItTakesTheMessage()
      throws InterruptedException {
    inserts.refusals = 2;
    List<String> keepAlives = new ArrayList<>();

    fanout.handle(new WalEvent.Begin(new Lsn(200), Instant.EPOCH, 1), NO_KEEPALIVE);
    fanout.handle(
        new WalEvent.RowChange(insert(USERS, "1")), () -> keepAlives.add("status update"));

    assertThat(inserts.received).hasSize(1);
    assertThat(inserts.relieved).isEqualTo(2);
    assertThat(keepAlives).hasSize(2);
  }

  @Test
  void aBackfillPageGoesOutAtItsHighWatermarkWithoutRowsChangedMeanwhileAndSettlesWithTheSink()
      throws InterruptedException {
    BackfillWindows.Window window = windows.open("m1", "inserts", "bf1", USERS.table());
    fanout.handle(new WalEvent.Watermark(BackfillWindows.low("m1"), new Lsn(150)), NO_KEEPALIVE);
    transaction(200, 210, insert(USERS, "2"));
    window.fill(USERS, List.of(Tuple.ofText("1", "n"), Tuple.ofText("2", "n")), Instant.EPOCH);

    fanout.handle(new WalEvent.Watermark(BackfillWindows.high("m1"), new Lsn(250)), NO_KEEPALIVE);

    assertThat(inserts.received)
        .extracting(OutboundMessage::action)
        .containsExactly(Action.INSERT, Action.READ);
    assertThat(window.settled()).as("its read not settled yet").isNotDone();
    inserts.settleAll();
    assertThat(window.settled()).isCompletedWithValue(1);
    assertThat(fanout.acknowledgeable(new Lsn(300))).isEqualTo(new Lsn(300));
  }

  @Test
  void aBackfillPageForASinkNotRunningFailsItsWindow() throws InterruptedException {
    BackfillWindows.Window window = windows.open("m1", "gone", "bf1", USERS.table());
    window.fill(USERS, List.of(Tuple.ofText("1", "n")), Instant.EPOCH);

    fanout.handle(new WalEvent.Watermark(BackfillWindows.high("m1"), new Lsn(250)), NO_KEEPALIVE);

    assertThat(window.settled()).isCompletedExceptionally();
    assertThat(inserts.received).isEmpty();
  }

  @Test
  void drainStopsEveryInbox() throws InterruptedException {
    fanout.drain();

    assertThat(orders.stopped).isTrue();
    assertThat(inserts.stopped).isTrue();
  }

  private void transaction(long commitLsn, long endLsn, Change... changes)
      throws InterruptedException {
    fanout.handle(new WalEvent.Begin(new Lsn(commitLsn), Instant.EPOCH, commitLsn), NO_KEEPALIVE);
    for (Change change : changes) {
      fanout.handle(new WalEvent.RowChange(at(change, commitLsn)), NO_KEEPALIVE);
    }
    fanout.handle(
        new WalEvent.Commit(new Lsn(commitLsn), new Lsn(endLsn), Instant.EPOCH), NO_KEEPALIVE);
  }

  private static SinkRoute route(
      FakeInbox inbox, java.util.function.Predicate<TableId> streams, Set<Action> actions) {
    MessageContext context =
        new MessageContext(
            "sink-id",
            inbox.sinkName(),
            Map.of(),
            "db-id",
            "db",
            "postgres",
            "localhost",
            TimestampFormat.ISO8601,
            true,
            Map.of());
    return new SinkRoute(streams, actions, new MessageEncoder(context), null, inbox);
  }

  private static Relation relation(int oid, String table) {
    return new Relation(
        oid,
        TableId.parse(table),
        'd',
        List.of(new Column("id", 20, -1, true), new Column("note", 25, -1, false)),
        List.of(0));
  }

  private static Change insert(Relation relation, String id) {
    return new Change(
        Action.INSERT, relation, Tuple.ofText(id, "n"), null, Lsn.ZERO, 0, Instant.EPOCH, 1, null);
  }

  private static Change update(Relation relation, String id) {
    return new Change(
        Action.UPDATE,
        relation,
        Tuple.ofText(id, "changed"),
        null,
        Lsn.ZERO,
        0,
        Instant.EPOCH,
        1,
        null);
  }

  private static Change at(Change c, long commitLsn) {
    return new Change(
        c.action(),
        c.relation(),
        c.newRow(),
        c.oldRow(),
        new Lsn(commitLsn),
        0,
        c.commitTimestamp(),
        commitLsn,
        null);
  }

  /** An inbox that keeps what it takes and settles a message when the test says so. */
  private static final class FakeInbox implements SinkInbox {
    private final String name;
    final List<OutboundMessage> received = new ArrayList<>();
    int refusals;
    int relieved;
    boolean stopped;

    FakeInbox(String name) {
      this.name = name;
    }

    @Override
    public String sinkName() {
      return name;
    }

    @Override
    public boolean offer(OutboundMessage message, Duration timeout) {
      if (refusals > 0) {
        refusals--;
        return false;
      }
      message.transaction().retain();
      received.add(message);
      return true;
    }

    @Override
    public void relieveMemory() {
      relieved++;
    }

    @Override
    public void stop(Duration timeout) {
      stopped = true;
    }

    List<String> keys() {
      return received.stream().map(OutboundMessage::idempotencyKey).toList();
    }

    void settle(int index) {
      received.get(index).transaction().release();
    }

    void settleAll() {
      received.forEach(message -> message.transaction().release());
    }
  }
}
