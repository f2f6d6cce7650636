package io.runnel.delivery;

import java.util.ArrayList;
import java.util.List;

/**
 * Writes down, in call order, what a {@link Dispatcher} tells its listener, for the dispatcher
 * tests to assert on: idempotency keys delivered, {@code "key: reason"} discarded, retry delays in
 * nanoseconds, and {@code "group/key"} parked.
 */
final class RecordingListener implements DeliveryListener {
  final List<String> delivered = new ArrayList<>();
  final List<String> discarded = new ArrayList<>();
  final List<Long> retryDelays = new ArrayList<>();
  final List<String> parked = new ArrayList<>();

  @Override
  public void delivered(Delivery delivery) {
    delivered.add(delivery.message.idempotencyKey());
  }

  @Override
  public void discarded(Delivery delivery, String reason) {
    discarded.add(delivery.message.idempotencyKey() + ": " + reason);
  }

  @Override
  public void willRetry(Delivery delivery, long delayNanos) {
    retryDelays.add(delayNanos);
  }

  @Override
  public void parked(String group, List<Delivery> deliveries) {
    deliveries.forEach(d -> parked.add(group + "/" + d.message.idempotencyKey()));
  }
}
