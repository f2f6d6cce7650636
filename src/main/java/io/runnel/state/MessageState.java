package io.runnel.state;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Where a message is in its delivery, as the API names it (DESIGN.md §7). */
public enum MessageState {
  IN_FLIGHT,
  BACKING_OFF,
  PARKED,
  DISCARDED,
  DELIVERED;

  @JsonValue
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses the API's name, e.g. {@code backing_off}; null when unknown. */
  public static MessageState fromWireName(String name) {
    for (MessageState state : values()) {
      if (state.wireName().equals(name)) {
        return state;
      }
    }
    return null;
  }
}
