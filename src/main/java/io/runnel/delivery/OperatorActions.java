package io.runnel.delivery;

import io.runnel.state.MessageState;
import io.runnel.state.StateStore;
import io.runnel.state.StoredMessage;
import io.runnel.time.Clock;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An operator's views, retries and discards of one sink's messages, wherever they are: in memory
 * (in flight, backing off), or in the state store (parked, discarded). A discarded message retried
 * goes back through its group's parked path, so it is sent in its stored order and its record
 * leaves the store once the queue accepts it.
 *
 * <p>Safe from any thread: each call runs on the sink's worker thread between two events (the
 * dispatcher is confined there) and waits up to 10 seconds for it; the store calls block.
 */
public final class OperatorActions {
  private static final Logger log = LoggerFactory.getLogger(OperatorActions.class);
  private static final int PAGE = 1000;

  private final String sinkName;
  private final String queueUrl;
  private final Dispatcher dispatcher;
  private final StateStore store;
  private final Settler settler;
  private final Clock clock;
  private final Consumer<WorkerEvent> worker;

  OperatorActions(
      String sinkName,
      String queueUrl,
      Dispatcher dispatcher,
      StateStore store,
      Settler settler,
      Clock clock,
      Consumer<WorkerEvent> worker) {
    this.sinkName = sinkName;
    this.queueUrl = queueUrl;
    this.dispatcher = dispatcher;
    this.store = store;
    this.settler = settler;
    this.clock = clock;
    this.worker = worker;
  }

  /** The messages in flight or backing off, as the worker sees them, or recently delivered. */
  public List<StoredMessage> messages(MessageState state, int limit) {
    if (state == MessageState.DELIVERED) {
      return settler.recentlyDelivered(limit);
    }
    if (state != MessageState.IN_FLIGHT && state != MessageState.BACKING_OFF) {
      throw new IllegalArgumentException(state + " messages are in the state store");
    }
    return ask(() -> DeliveryViews.of(sinkName, queueUrl, dispatcher, state, limit, clock));
  }

  /** Retries one message by idempotency key: now if backing off, in its group's order if stored. */
  public ActionResult retry(String key) {
    return ask(() -> retryOne(key));
  }

  /** Discards one message that is backing off or parked. */
  public ActionResult discard(String key) {
    return ask(() -> discardOne(key));
  }

  /** Retries every discarded message, or sends every parked group's next message now. */
  public ActionResult retryAll(MessageState state) {
    return ask(() -> retryAllOf(state));
  }

  /**
   * Discards every parked message of the sink; a group's message in flight at that moment stays
   * (its answer decides) and is counted as skipped.
   */
  public ActionResult discardAllParked() {
    return ask(this::discardParked);
  }

  /** Runs {@code work} on the worker thread, between two events; waits up to 10 seconds. */
  private <T> T ask(Supplier<T> work) {
    CompletableFuture<T> answer = new CompletableFuture<>();
    worker.accept(new WorkerEvent.Request<>(work, answer));
    try {
      return answer.get(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted waiting for sink " + sinkName, e);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException cause
          ? cause
          : new IllegalStateException(e.getCause());
    } catch (TimeoutException e) {
      throw new IllegalStateException("sink " + sinkName + " did not answer within 10 s", e);
    }
  }

  private ActionResult retryOne(String key) {
    Delivery delivery = find(key);
    if (delivery != null) {
      if (dispatcher.queues().isSending(delivery)) {
        return ActionResult.conflict("message " + key + " is in flight; wait for its answer");
      }
      if (dispatcher.retryNow(delivery)) {
        log.info("sink={} operator retry: key={} is sent again now", sinkName, key);
        return ActionResult.done(1, "message " + key + " is sent again now");
      }
      return ActionResult.conflict(
          "message " + key + " is queued behind earlier messages of its group; it goes in order");
    }
    Optional<StoredMessage> stored = store.find(sinkName, key);
    if (stored.isEmpty()) {
      return notFound(key);
    }
    String group = Dispatcher.groupOf(stored.get().groupKey(), key);
    if (stored.get().state() == MessageState.PARKED) {
      retryParkedNow(group);
      log.info("sink={} operator retry: parked key={} is due now", sinkName, key);
      return ActionResult.done(1, "parked message " + key + " is sent in its group's order now");
    }
    requeue(stored.get());
    return ActionResult.done(1, "discarded message " + key + " is queued for delivery again");
  }

  private ActionResult discardOne(String key) {
    Delivery delivery = find(key);
    if (delivery != null) {
      if (dispatcher.queues().isSending(delivery)) {
        return ActionResult.conflict("message " + key + " is in flight; wait for its answer");
      }
      if (!dispatcher.discardWaiting(delivery, byOperator(delivery.lastError))) {
        return ActionResult.conflict(
            "message " + key + " has not been tried yet: it is queued behind its group");
      }
      return ActionResult.done(1, "message " + key + " is discarded");
    }
    Optional<StoredMessage> stored = store.find(sinkName, key);
    if (stored.isEmpty()) {
      return notFound(key);
    }
    if (stored.get().state() == MessageState.DISCARDED) {
      return ActionResult.conflict("message " + key + " is discarded already");
    }
    StoredMessage message = stored.get();
    store.recordDiscarded(
        new StoredMessage(
            sinkName,
            key,
            MessageState.DISCARDED,
            message.table(),
            message.action(),
            message.groupKey(),
            message.deliverCount(),
            byOperator(message.lastError()),
            null,
            message.queueUrl(),
            message.committedAt(),
            null,
            message.body(),
            null,
            null));
    log.warn("sink={} operator discarded parked message key={}", sinkName, key);
    return ActionResult.done(1, "parked message " + key + " is discarded");
  }

  private ActionResult retryAllOf(MessageState state) {
    if (state == MessageState.PARKED) {
      List<String> groups = dispatcher.parking().groups();
      groups.forEach(this::retryParkedNow);
      long count = store.count(sinkName, MessageState.PARKED);
      return ActionResult.done(
          count, count + " parked message(s) in " + groups.size() + " group(s) are due now");
    }
    if (state != MessageState.DISCARDED) {
      throw new IllegalArgumentException("only discarded or parked messages are retried in bulk");
    }
    long count = 0;
    for (List<StoredMessage> page = store.list(sinkName, MessageState.DISCARDED, PAGE, null);
        !page.isEmpty();
        page = store.list(sinkName, MessageState.DISCARDED, PAGE, null)) {
      long before = count;
      for (StoredMessage message : page) {
        count += requeue(message) ? 1 : 0;
      }
      if (count == before) {
        break;
      }
    }
    return ActionResult.done(count, count + " discarded message(s) are queued for delivery again");
  }

  private ActionResult discardParked() {
    long count = 0;
    long skipped = 0;
    List<StoredMessage> page = store.list(sinkName, MessageState.PARKED, PAGE, null);
    while (!page.isEmpty()) {
      for (StoredMessage message : page) {
        if (discardOne(message.idempotencyKey()).status() == ActionResult.Status.DONE) {
          count++;
        } else {
          skipped++;
        }
      }
      String before = page.getLast().idempotencyKey();
      page = store.list(sinkName, MessageState.PARKED, PAGE, before);
    }
    return ActionResult.done(
        count,
        count
            + " parked message(s) are discarded"
            + (skipped > 0 ? ", " + skipped + " in flight" : ""));
  }

  private boolean requeue(StoredMessage message) {
    String key = message.idempotencyKey();
    String group = Dispatcher.groupOf(message.groupKey(), key);
    if (!store.requeue(sinkName, key, group)) {
      return false;
    }
    dispatcher.parking().storedMessageQueued(group);
    log.info("sink={} operator retry: discarded key={} is queued again", sinkName, key);
    return true;
  }

  /** The unsettled message with this key, or null: in flight, backing off, or queued. */
  private Delivery find(String idempotencyKey) {
    for (ArrayDeque<Delivery> queue : dispatcher.queues().all()) {
      for (Delivery delivery : queue) {
        if (delivery.message.idempotencyKey().equals(idempotencyKey)) {
          return delivery;
        }
      }
    }
    return null;
  }

  /** Sends a parked group's next stored message now, unless one of its messages is out already. */
  private void retryParkedNow(String group) {
    Delivery head = dispatcher.queues().head(group);
    if (head != null) {
      dispatcher.retryNow(head);
    } else {
      dispatcher.parking().resume(group);
    }
  }

  private ActionResult notFound(String key) {
    return ActionResult.notFound(
        "sink "
            + sinkName
            + " has no message with idempotency key "
            + key
            + " in flight, backing off, parked or discarded");
  }

  private static String byOperator(String lastError) {
    return "discarded by operator" + (lastError == null ? "" : "; last error: " + lastError);
  }
}
