package io.runnel.pipeline;

/**
 * Told by the {@link Dispatcher} what became of each message. Called on the dispatcher's thread.
 */
interface DeliveryListener {
  void delivered(Delivery delivery);

  void discarded(Delivery delivery, String reason);

  void willRetry(Delivery delivery, long delayNanos);
}
