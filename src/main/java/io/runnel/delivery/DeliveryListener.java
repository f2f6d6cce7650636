package io.runnel.delivery;

/**
 * Told by the {@link Dispatcher} what became of each message. Called on the dispatcher's thread.
 */
interface DeliveryListener {
  void delivered(Delivery delivery);

  void discarded(Delivery delivery, String reason);

  void willRetry(Delivery delivery, long delayNanos);

  /**
   * These messages of one group, in order, leave memory for the state store: the head has been
   * failing for too long. Later messages of the group are parked behind them on arrival.
   */
  void parked(String group, java.util.List<Delivery> deliveries);
}
