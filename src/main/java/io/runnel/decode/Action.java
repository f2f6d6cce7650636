package io.runnel.decode;

import java.util.Locale;

/** What happened to a row; {@code READ} is a backfill read. Names as in the message JSON. */
public enum Action {
  INSERT,
  UPDATE,
  DELETE,
  READ;

  private final String wireName = name().toLowerCase(Locale.ROOT);

  public String wireName() {
    return wireName;
  }

  public static Action fromWireName(String name) {
    for (Action action : values()) {
      if (action.wireName().equals(name)) {
        return action;
      }
    }
    throw new IllegalArgumentException("unknown action: " + name);
  }
}
