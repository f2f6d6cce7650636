package io.runnel.delivery;

import io.runnel.pipeline.OutboundMessage;
import io.runnel.state.MessageState;
import io.runnel.state.StoredMessage;
import io.runnel.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Shows the dispatcher's deliveries as the API's messages. Called on the worker thread. */
final class DeliveryViews {
  private DeliveryViews() {}

  static StoredMessage view(
      String sink,
      String queueUrl,
      Delivery delivery,
      MessageState state,
      Instant nextAttempt,
      Instant now) {
    OutboundMessage message = delivery.message;
    return new StoredMessage(
        sink,
        message.idempotencyKey(),
        state,
        message.table().toString(),
        message.action().wireName(),
        message.groupKey(),
        delivery.attempts,
        delivery.lastError,
        nextAttempt,
        message.queueUrl() != null ? message.queueUrl() : queueUrl,
        message.commitTimestamp(),
        now,
        message.body(),
        delivery.sinkMessageId,
        delivery.s3Key);
  }

  /** In-flight or backing-off messages, up to {@code limit}. */
  static List<StoredMessage> of(
      String sink,
      String queueUrl,
      Dispatcher dispatcher,
      MessageState state,
      int limit,
      Clock clock) {
    List<StoredMessage> views = new ArrayList<>();
    long nowNanos = clock.nanoTime();
    Instant now = clock.instant();
    List<Delivery> deliveries =
        state == MessageState.IN_FLIGHT
            ? dispatcher.queues().sending()
            : dispatcher.queues().waitingForRetry();
    for (Delivery delivery : deliveries) {
      if (views.size() == limit) {
        break;
      }
      Instant next =
          state == MessageState.BACKING_OFF
              ? now.plusNanos(Math.max(0, delivery.nextAttemptNanos - nowNanos))
              : null;
      views.add(view(sink, queueUrl, delivery, state, next, now));
    }
    return views;
  }
}
