package io.runnel.state;

import java.util.List;

/**
 * Durable record of messages that left the normal flow: discarded (and later parked). Every method
 * blocks on I/O and is thread-safe; a method that returns normally has made its write durable.
 */
public interface StateStore extends AutoCloseable {

  /** Records a discarded message (replacing an earlier record with the same sink and key). */
  void recordDiscarded(StoredMessage message);

  /**
   * Parks messages of one delivery group, in order, behind any already parked for it. Replaces an
   * earlier record with the same sink and key.
   */
  void park(String group, List<StoredMessage> messages);

  /** The oldest parked message of a group, if any. */
  java.util.Optional<StoredMessage> oldestParked(String sink, String group);

  /** The delivery groups of a sink that have parked messages. */
  java.util.Set<String> parkedGroups(String sink);

  /** Forgets a message (a parked one that was delivered after all). */
  void remove(String sink, String idempotencyKey);

  /**
   * Messages of a sink in one state, newest first.
   *
   * @param before only messages older than this idempotency key's record (a page cursor), or null
   */
  List<StoredMessage> list(String sink, MessageState state, int limit, String before);

  /** Number of messages of a sink in one state. */
  long count(String sink, MessageState state);

  /** One stored message of a sink, with its body. */
  java.util.Optional<StoredMessage> find(String sink, String idempotencyKey);

  /**
   * Puts a discarded message back for delivery: parked in {@code group}, where it keeps its place
   * (its original order among the group's stored messages).
   *
   * @return false when the store holds no discarded message with that key
   */
  boolean requeue(String sink, String idempotencyKey, String group);

  /** When the oldest parked message of a sink was committed; null when none is parked. */
  java.time.Instant oldestParkedCommit(String sink);

  /**
   * The operator's pause (true) or resume (false) of a sink, if one was recorded while the config
   * said {@code configuredStatus}; an override recorded under another config status is forgotten.
   */
  java.util.Optional<Boolean> pausedOverride(String sink, String configuredStatus);

  /**
   * Records the operator's pause or resume, made while the config said {@code configuredStatus}.
   */
  void setPaused(String sink, boolean paused, String configuredStatus);

  @Override
  void close();
}
