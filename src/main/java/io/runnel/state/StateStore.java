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

  @Override
  void close();
}
