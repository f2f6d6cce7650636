package io.runnel.config;

/**
 * A named CEL function (DESIGN.md §6).
 *
 * @param type routing, filter or transform
 * @param sinkType "sqs" for routing functions, else null
 */
public record FunctionConfig(String name, FunctionType type, String sinkType, String expression) {

  /** What a function decides. */
  public enum FunctionType {
    ROUTING,
    FILTER,
    TRANSFORM
  }
}
