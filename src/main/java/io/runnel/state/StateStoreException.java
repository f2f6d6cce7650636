package io.runnel.state;

/** The state store cannot be reached or written. */
public final class StateStoreException extends RuntimeException {
  public StateStoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
