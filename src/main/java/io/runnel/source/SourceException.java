package io.runnel.source;

/**
 * A source database Runnel cannot stream from: unreachable, misconfigured, or missing its slot or
 * publication. The message says what to fix.
 */
public final class SourceException extends RuntimeException {
  private final boolean retryable;

  public SourceException(String message, boolean retryable, Throwable cause) {
    super(message, cause);
    this.retryable = retryable;
  }

  /** Whether trying again later may succeed (a restart or network fault, not a config error). */
  public boolean retryable() {
    return retryable;
  }
}
