package io.runnel.pipeline;

import io.runnel.decode.Action;
import io.runnel.decode.Change;
import io.runnel.decode.TableId;
import io.runnel.message.MessageEncoder;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Which changes one sink takes and how they become its messages.
 *
 * @param streams whether the sink streams a table
 */
public record SinkRoute(
    Predicate<TableId> streams, Set<Action> actions, MessageEncoder encoder, SinkWorker worker) {
  public SinkRoute {
    actions = Set.copyOf(actions);
  }

  boolean accepts(Change change) {
    return actions.contains(change.action()) && streams.test(change.table());
  }
}
