package io.runnel.function;

import dev.cel.common.values.NullValue;
import dev.cel.runtime.CelVariableResolver;
import io.runnel.message.MessageVariables;
import java.util.Optional;

/** Resolves CEL variables from one message's {@link MessageVariables}, on demand. One thread. */
final class Variables implements CelVariableResolver {
  /** What stands for JSON null in the values functions see. */
  static final Object NULL = NullValue.NULL_VALUE;

  private final MessageVariables message;

  Variables(MessageVariables message) {
    this.message = message;
  }

  @Override
  public Optional<Object> find(String name) {
    return switch (name) {
      case "action" -> Optional.of(message.action());
      case "record" -> Optional.of(message.record());
      case "changes" -> Optional.of(message.changes());
      case "metadata" -> Optional.of(message.metadata());
      default -> Optional.empty();
    };
  }
}
