package io.runnel.delivery;

import io.runnel.state.MessageState;
import io.runnel.state.StateStore;
import io.runnel.state.StoredMessage;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A state store in memory holding what a sink worker parks and discards; the API's queries are not
 * needed by the worker and fail.
 */
final class FakeStore implements StateStore {
  final Map<String, ArrayDeque<StoredMessage>> parked = new LinkedHashMap<>();
  final List<StoredMessage> discarded = new ArrayList<>();

  @Override
  public void recordDiscarded(StoredMessage message) {
    discarded.add(message);
  }

  @Override
  public void park(String group, List<StoredMessage> messages) {
    parked.computeIfAbsent(group, g -> new ArrayDeque<>()).addAll(messages);
  }

  @Override
  public Optional<StoredMessage> oldestParked(String sink, String group) {
    ArrayDeque<StoredMessage> messages = parked.get(group);
    return messages == null ? Optional.empty() : Optional.ofNullable(messages.peekFirst());
  }

  @Override
  public Set<String> parkedGroups(String sink) {
    return Set.copyOf(parked.keySet());
  }

  @Override
  public void remove(String sink, String idempotencyKey) {
    parked.values().forEach(q -> q.removeIf(m -> m.idempotencyKey().equals(idempotencyKey)));
    parked.values().removeIf(ArrayDeque::isEmpty);
  }

  int parkedCount() {
    return parked.values().stream().mapToInt(ArrayDeque::size).sum();
  }

  @Override
  public List<StoredMessage> list(String sink, MessageState state, int limit, String before) {
    throw new UnsupportedOperationException("list");
  }

  @Override
  public long count(String sink, MessageState state) {
    throw new UnsupportedOperationException("count");
  }

  @Override
  public Optional<StoredMessage> find(String sink, String idempotencyKey) {
    throw new UnsupportedOperationException("find");
  }

  @Override
  public boolean requeue(String sink, String idempotencyKey, String group) {
    throw new UnsupportedOperationException("requeue");
  }

  @Override
  public Instant oldestParkedCommit(String sink) {
    return parked.values().stream()
        .flatMap(ArrayDeque::stream)
        .map(StoredMessage::committedAt)
        .min(Instant::compareTo)
        .orElse(null);
  }

  @Override
  public Optional<Boolean> pausedOverride(String sink, String configuredStatus) {
    return Optional.empty();
  }

  @Override
  public void setPaused(String sink, boolean paused, String configuredStatus) {}

  @Override
  public void close() {}
}
