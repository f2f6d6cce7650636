package io.runnel.function;

import io.runnel.config.FunctionConfig.FunctionType;
import java.util.Locale;

/** A function failed for one message: the message is discarded with this reason. */
final class FunctionException extends RuntimeException {
  FunctionException(CompiledFunction function, String problem) {
    super(
        (function.type() == FunctionType.ROUTING ? "routing error: " : "function error: ")
            + function.type().name().toLowerCase(Locale.ROOT)
            + " function "
            + function.name()
            + ": "
            + problem,
        null,
        false,
        false);
  }
}
