package io.runnel.bench;

import java.util.ArrayList;
import java.util.List;

/** Repeated measurements of one figure, summarised as median with min–max. Not thread-safe. */
record Samples(List<Double> values) {
  Samples() {
    this(new ArrayList<>());
  }

  void add(double value) {
    values.add(value);
  }

  boolean isEmpty() {
    return values.isEmpty();
  }

  double median() {
    if (values.isEmpty()) {
      return Double.NaN;
    }
    List<Double> sorted = values.stream().sorted().toList();
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  /** The latest value added; NaN when none was. */
  double last() {
    return values.isEmpty() ? Double.NaN : values.getLast();
  }

  double min() {
    return values.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
  }

  double max() {
    return values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
  }

  /** {@code median (min–max)}, formatted with {@code format}; "–" when nothing was measured. */
  String describe(String format) {
    if (values.isEmpty()) {
      return "–";
    }
    if (values.size() == 1) {
      return format.formatted(median());
    }
    return format.formatted(median())
        + " ("
        + format.formatted(min())
        + "–"
        + format.formatted(max())
        + ")";
  }
}
