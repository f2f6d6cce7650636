package io.runnel.config;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Checks the keys of one mapping: unknown keys (with the nearest known key as a suggestion),
 * duplicate keys, Sequin keys Runnel rejects with a reason, and Sequin keys it accepts and ignores.
 */
final class KeyChecker {

  /**
   * The keys one mapping may hold.
   *
   * @param known keys Runnel reads
   * @param ignored Sequin keys accepted and ignored (reported as warnings)
   * @param unsupported Sequin keys rejected, with the reason shown to the operator
   * @param anchorHolders whether unknown keys whose value defines a YAML anchor are allowed
   */
  record Keys(
      Set<String> known,
      Set<String> ignored,
      Map<String, String> unsupported,
      boolean anchorHolders) {

    static Keys of(String... known) {
      return new Keys(new LinkedHashSet<>(List.of(known)), Set.of(), Map.of(), false);
    }

    Keys ignoring(String... keys) {
      return new Keys(known, Set.of(keys), unsupported, anchorHolders);
    }

    Keys rejecting(String key, String reason) {
      Map<String, String> more = new LinkedHashMap<>(unsupported);
      more.put(key, reason);
      return new Keys(known, ignored, more, anchorHolders);
    }

    Keys allowingAnchorHolders() {
      return new Keys(known, ignored, unsupported, true);
    }
  }

  private KeyChecker() {}

  static void check(YamlNode mapping, Keys keys, Problems problems) {
    Map<String, Integer> firstLine = new HashMap<>();
    for (YamlNode.Entry entry : mapping.entries()) {
      String key = entry.key();
      YamlNode value = entry.value();
      if (key == null) {
        problems.atKey(value, "keys must be plain names");
      } else if (!entry.merged() && firstLine.putIfAbsent(key, entry.line()) != null) {
        problems.atKey(value, "duplicate key (first set on line " + firstLine.get(key) + ")");
      } else if (key.equals("<<")) {
        problems.atKey(value, "a merge key (<<) must refer to a mapping or a list of mappings");
      } else if (keys.unsupported().containsKey(key)) {
        problems.atKey(value, keys.unsupported().get(key));
      } else if (keys.ignored().contains(key)) {
        problems.ignored(
            value.path(), entry.line(), "accepted for Sequin compatibility and ignored by Runnel");
      } else if (!keys.known().contains(key)
          && !(keys.anchorHolders() && value.node().getAnchor() != null)) {
        problems.atKey(value, unknown(key, keys.known()));
      }
    }
  }

  private static String unknown(String key, Collection<String> known) {
    String suggestion = suggest(key, known);
    return suggestion != null
        ? "unknown field (did you mean " + suggestion + "?)"
        : "unknown field (allowed: " + String.join(", ", known) + ")";
  }

  /** The candidate closest to {@code text} by edit distance, or null when none is close. */
  static String suggest(String text, Collection<String> candidates) {
    String lower = text.toLowerCase(Locale.ROOT);
    int limit = Math.max(1, Math.min(3, text.length() / 3));
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : candidates) {
      int distance = distance(lower, candidate.toLowerCase(Locale.ROOT));
      if (distance <= limit && distance < bestDistance) {
        best = candidate;
        bestDistance = distance;
      }
    }
    return best;
  }

  /** Optimal string alignment distance: edits, counting a swap of neighbours as one. */
  static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1
            && j > 1
            && a.charAt(i - 1) == b.charAt(j - 2)
            && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }

  /** The names in {@code items}, for messages: {@code a, b, c} or {@code none}. */
  static String list(Collection<String> names) {
    return names.isEmpty() ? "none" : String.join(", ", new ArrayList<>(names));
  }
}
