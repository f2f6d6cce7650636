package io.runnel.function;

import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import io.runnel.config.FunctionConfig.FunctionType;

/** A function's compiled CEL program. Immutable and thread-safe. */
record CompiledFunction(String name, FunctionType type, CelRuntime.Program program) {

  /**
   * The expression's value for one message.
   *
   * @throws FunctionException naming the function when the evaluation fails
   */
  Object eval(Variables variables) {
    try {
      return program.eval(variables);
    } catch (CelEvaluationException e) {
      throw new FunctionException(this, e.getMessage());
    } catch (RuntimeException e) { // a library function's own failure: still this message's
      throw new FunctionException(this, e.toString());
    }
  }
}
