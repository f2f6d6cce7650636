package io.runnel.config;

import io.runnel.config.SinkConfig.SinkStatus;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Non-fatal findings about a valid configuration. Paths point into the YAML by list index; lines
 * are known only for ignored keys.
 */
final class Warnings {
  private Warnings() {}

  static List<ConfigProblem> of(RunnelConfig config) {
    List<ConfigProblem> warnings = new ArrayList<>(config.ignoredKeys());
    queues(config.sinks(), warnings);
    idleDatabases(config, warnings);
    unusedFunctions(config, warnings);
    return List.copyOf(warnings);
  }

  private static void queues(List<SinkConfig> sinks, List<ConfigProblem> warnings) {
    Map<String, String> fifoOwner = new HashMap<>();
    for (int i = 0; i < sinks.size(); i++) {
      SinkConfig sink = sinks.get(i);
      String url = sink.destination().queueUrl();
      String path = "sinks[" + i + "].destination.queue_url";
      if (url == null || sink.status() == SinkStatus.DISABLED) {
        continue;
      }
      if (QueueUrls.looksLikeMisnamedFifo(url)) {
        warnings.add(
            new ConfigProblem(
                path,
                "the queue name ends in fifo without a dot, so SQS "
                    + "treats it as a standard queue (FIFO queue names end in .fifo)",
                url,
                0));
      }
      String earlier = sink.destination().isFifo() ? fifoOwner.putIfAbsent(url, sink.name()) : null;
      if (earlier != null) {
        warnings.add(
            new ConfigProblem(
                path,
                "FIFO queue also used by sink "
                    + earlier
                    + ": SQS drops a change both send within 5 minutes (same deduplication id)",
                url,
                0));
      }
    }
  }

  private static void idleDatabases(RunnelConfig config, List<ConfigProblem> warnings) {
    for (int i = 0; i < config.databases().size(); i++) {
      String name = config.databases().get(i).name();
      boolean read =
          config.sinksOf(name).stream().anyMatch(sink -> sink.status() != SinkStatus.DISABLED);
      if (!read) {
        warnings.add(
            new ConfigProblem(
                "databases[" + i + "]", "no enabled sink reads from this database", name, 0));
      }
    }
  }

  private static void unusedFunctions(RunnelConfig config, List<ConfigProblem> warnings) {
    for (int i = 0; i < config.functions().size(); i++) {
      String name = config.functions().get(i).name();
      boolean used =
          config.sinks().stream()
              .anyMatch(
                  sink ->
                      name.equals(sink.filter())
                          || name.equals(sink.transform())
                          || name.equals(sink.routing()));
      if (!used) {
        warnings.add(new ConfigProblem("functions[" + i + "]", "not used by any sink", name, 0));
      }
    }
  }
}
