package io.runnel.sink.sqs;

/** A queue Runnel cannot use: missing, unreachable, or not permitted. */
public final class SqsSetupException extends RuntimeException {
  public SqsSetupException(String message, Throwable cause) {
    super(message, cause);
  }
}
