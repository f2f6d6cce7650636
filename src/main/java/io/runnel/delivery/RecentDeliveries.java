package io.runnel.delivery;

import io.runnel.state.StoredMessage;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/** The last messages a sink delivered, newest first, for the API. Thread-safe. */
final class RecentDeliveries {
  static final int CAPACITY = 1000;

  private final ArrayDeque<StoredMessage> recent = new ArrayDeque<>(CAPACITY);

  synchronized void add(StoredMessage delivered) {
    if (recent.size() == CAPACITY) {
      recent.removeLast();
    }
    recent.addFirst(delivered);
  }

  synchronized List<StoredMessage> newest(int limit) {
    List<StoredMessage> newest = new ArrayList<>(Math.min(limit, recent.size()));
    Iterator<StoredMessage> it = recent.iterator();
    while (it.hasNext() && newest.size() < limit) {
      newest.add(it.next());
    }
    return newest;
  }
}
