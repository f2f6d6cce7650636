package io.runnel.decode;

import java.util.Arrays;

/**
 * A row's values in pgoutput text form. Immutable.
 *
 * <p>Each column is SQL NULL, an unchanged TOASTed value the server did not send, or text.
 */
public final class Tuple {
  private static final String NULL = null;
  private static final String UNCHANGED_TOAST = new String("\u0000unchanged_toast");

  private final String[] values;

  private Tuple(String[] values) {
    this.values = values;
  }

  /** Builds a tuple column by column; not thread-safe. */
  public static final class Builder {
    private final String[] values;
    private int next;

    public Builder(int size) {
      this.values = new String[size];
    }

    public Builder text(String value) {
      values[next++] = value;
      return this;
    }

    public Builder sqlNull() {
      values[next++] = NULL;
      return this;
    }

    public Builder unchangedToast() {
      values[next++] = UNCHANGED_TOAST;
      return this;
    }

    public Tuple build() {
      if (next != values.length) {
        throw new IllegalStateException("tuple has " + next + " of " + values.length + " columns");
      }
      return new Tuple(values);
    }
  }

  public static Tuple ofText(String... values) {
    return new Tuple(values.clone());
  }

  public int size() {
    return values.length;
  }

  public boolean isNull(int column) {
    return values[column] == NULL;
  }

  @SuppressWarnings("StringEquality")
  public boolean isUnchangedToast(int column) {
    return values[column] == UNCHANGED_TOAST;
  }

  /** The text form; null when {@link #isNull} or {@link #isUnchangedToast}. */
  public String text(int column) {
    String value = values[column];
    return isUnchangedToast(column) ? null : value;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Tuple other && Arrays.equals(values, other.values);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(values);
  }

  @Override
  public String toString() {
    return "Tuple" + Arrays.toString(values);
  }
}
