package io.runnel.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The keys of every mapping in Runnel's configuration, by the mapping's path ({@code ""} for the
 * top level, {@code sinks[].destination}, …): the ones Runnel reads, the Sequin keys it accepts and
 * ignores, and the Sequin keys it rejects. The validator checks each mapping against exactly these
 * sets; {@code docs/configuration.md} lists them, and a test keeps the two in step. Immutable and
 * thread-safe.
 */
public final class ConfigKeys {

  /**
   * The keys of one mapping.
   *
   * @param read keys Runnel reads (a key whose value is always an error, such as a function's
   *     {@code path}, is still one Runnel reads)
   * @param ignored Sequin keys accepted with a warning and otherwise ignored
   * @param rejected Sequin keys that are an error whatever their value
   */
  public record Mapping(Set<String> read, Set<String> ignored, Set<String> rejected) {
    public Mapping {
      read = Set.copyOf(read);
      ignored = Set.copyOf(ignored);
      rejected = Set.copyOf(rejected);
    }

    static Mapping of(KeyChecker.Keys keys) {
      return new Mapping(keys.known(), keys.ignored(), keys.unsupported().keySet());
    }
  }

  private ConfigKeys() {}

  /** Every mapping's keys, by path, in the order the configuration reference lists them. */
  public static Map<String, Mapping> byPath() {
    Map<String, Mapping> mappings = new LinkedHashMap<>();
    mappings.put("", Mapping.of(ConfigLoader.ROOT_KEYS));
    mappings.put("server", Mapping.of(ServerSection.SERVER_KEYS));
    mappings.put("state", Mapping.of(ServerSection.STATE_KEYS));
    mappings.put("databases[]", Mapping.of(DatabaseSection.KEYS));
    mappings.put("databases[].slot", Mapping.of(DatabaseSection.SLOT_KEYS));
    mappings.put("databases[].publication", Mapping.of(DatabaseSection.PUBLICATION_KEYS));
    mappings.put("functions[]", Mapping.of(FunctionSection.KEYS));
    mappings.put("sinks[]", Mapping.of(SinkSection.KEYS));
    mappings.put("sinks[].tables[]", Mapping.of(TableSection.TABLE_KEYS));
    mappings.put("sinks[].source", Mapping.of(TableSection.SOURCE_KEYS));
    mappings.put("sinks[].destination", Mapping.of(DestinationSection.KEYS));
    mappings.put("sinks[].destination.large_payloads", Mapping.of(LargePayloadsSection.KEYS));
    return Collections.unmodifiableMap(mappings);
  }
}
