package io.runnel.delivery;

import io.runnel.state.MessageState;
import io.runnel.state.StateStore;
import io.runnel.state.StoredMessage;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An operator's retry and discard of one sink's messages, wherever they are: in memory (backing
 * off), or in the state store (parked, discarded). A discarded message retried goes back through
 * its group's parked path, so it is sent in its stored order and its record leaves the store once
 * the queue accepts it. Confined to the sink's worker thread; the store calls block.
 */
final class OperatorActions {
  private static final Logger log = LoggerFactory.getLogger(OperatorActions.class);
  private static final int PAGE = 1000;

  private final String sinkName;
  private final Dispatcher dispatcher;
  private final StateStore store;

  OperatorActions(String sinkName, Dispatcher dispatcher, StateStore store) {
    this.sinkName = sinkName;
    this.dispatcher = dispatcher;
    this.store = store;
  }

  ActionResult retry(String key) {
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

  ActionResult discard(String key) {
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
            null));
    log.warn("sink={} operator discarded parked message key={}", sinkName, key);
    return ActionResult.done(1, "parked message " + key + " is discarded");
  }

  /** Retries every discarded message, or sends every parked group's next message now. */
  ActionResult retryAll(MessageState state) {
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

  /**
   * Discards every parked message of the sink; a group's message in flight at that moment stays
   * (its answer decides) and is counted as skipped.
   */
  ActionResult discardAllParked() {
    long count = 0;
    long skipped = 0;
    List<StoredMessage> page = store.list(sinkName, MessageState.PARKED, PAGE, null);
    while (!page.isEmpty()) {
      for (StoredMessage message : page) {
        if (discard(message.idempotencyKey()).status() == ActionResult.Status.DONE) {
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
