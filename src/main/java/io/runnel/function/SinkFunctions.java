package io.runnel.function;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.runnel.message.MessageVariables;
import java.util.Map;

/**
 * One sink's filter, transform and routing functions, applied to each message in that order
 * (DESIGN.md §6): the filter on the message, the transform and routing on the original message too,
 * so the routed queue never depends on the transform. Thread-safe; each call evaluates on the
 * caller's thread.
 */
public final class SinkFunctions {
  private static final Verdict.Drop DROP = new Verdict.Drop();
  private static final Verdict.Send UNCHANGED = new Verdict.Send(null, null);

  private final CompiledFunction filter;
  private final CompiledFunction transform;
  private final CompiledFunction routing;
  private final RoutedQueues queues;
  private final Counter filtered;

  SinkFunctions(
      String sinkName,
      CompiledFunction filter,
      CompiledFunction transform,
      CompiledFunction routing,
      RoutedQueues queues,
      MeterRegistry registry) {
    this.filter = filter;
    this.transform = transform;
    this.routing = routing;
    this.queues = queues;
    this.filtered =
        Counter.builder("runnel.messages.filtered")
            .description("Messages a filter function dropped")
            .tag("sink", sinkName)
            .register(registry);
  }

  /** Whether the sink has any function, so messages need their variables. */
  public boolean any() {
    return filter != null || transform != null || routing != null;
  }

  /** The verdict for one message. Never throws for a function's failure: that is a Fail. */
  public Verdict apply(MessageVariables message) {
    Variables variables = new Variables(message);
    try {
      if (filter != null && !keep(variables)) {
        filtered.increment();
        return DROP;
      }
      String body = transform == null ? null : transformed(variables);
      String queueUrl = routing == null ? null : routed(variables);
      return body == null && queueUrl == null ? UNCHANGED : new Verdict.Send(body, queueUrl);
    } catch (FunctionException e) {
      return new Verdict.Fail(e.getMessage());
    }
  }

  /** What stands for JSON null in the variables given to {@link #apply}. */
  public Object jsonNull() {
    return Variables.NULL;
  }

  /** Messages dropped by the filter so far. */
  public long filteredCount() {
    return (long) filtered.count();
  }

  private boolean keep(Variables variables) {
    Object result = filter.eval(variables);
    if (result instanceof Boolean keep) {
      return keep;
    }
    throw new FunctionException(filter, "must return a bool, returned " + describe(result));
  }

  private String transformed(Variables variables) {
    Object result = transform.eval(variables);
    try {
      return CelJson.write(result);
    } catch (IllegalArgumentException e) {
      throw new FunctionException(transform, e.getMessage());
    }
  }

  private String routed(Variables variables) {
    Object result = routing.eval(variables);
    if (!(result instanceof Map<?, ?> map) || !map.containsKey("queue_url")) {
      throw new FunctionException(
          routing, "must return a map with queue_url, returned " + describe(result));
    }
    if (!(map.get("queue_url") instanceof String url)) {
      throw new FunctionException(
          routing, "queue_url must be a string, was " + describe(map.get("queue_url")));
    }
    queues
        .problem(url)
        .ifPresent(
            problem -> {
              throw new FunctionException(routing, "queue_url " + url + " " + problem);
            });
    return url;
  }

  private static String describe(Object value) {
    String text;
    try {
      text = CelJson.write(value);
    } catch (IllegalArgumentException e) {
      text = String.valueOf(value);
    }
    return text.length() > 200 ? text.substring(0, 200) + "…" : text;
  }
}
