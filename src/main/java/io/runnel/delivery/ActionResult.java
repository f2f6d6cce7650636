package io.runnel.delivery;

/**
 * What an operator's action on a sink (retry, discard) did. Immutable.
 *
 * @param count how many messages the action touched
 */
public record ActionResult(Status status, String message, long count) {

  /** Done, no such message, or not possible in the message's current state. */
  public enum Status {
    DONE,
    NOT_FOUND,
    CONFLICT
  }

  static ActionResult done(long count, String message) {
    return new ActionResult(Status.DONE, message, count);
  }

  static ActionResult notFound(String message) {
    return new ActionResult(Status.NOT_FOUND, message, 0);
  }

  static ActionResult conflict(String message) {
    return new ActionResult(Status.CONFLICT, message, 0);
  }
}
