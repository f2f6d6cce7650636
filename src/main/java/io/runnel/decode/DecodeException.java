package io.runnel.decode;

/** pgoutput bytes that Runnel cannot read. Carries where in the WAL and in the message it broke. */
public final class DecodeException extends RuntimeException {
  private final Lsn lsn;
  private final int offset;

  public DecodeException(String message, Lsn lsn, int offset) {
    super(message + " (at WAL " + lsn + ", byte " + offset + ")");
    this.lsn = lsn;
    this.offset = offset;
  }

  public Lsn lsn() {
    return lsn;
  }

  public int offset() {
    return offset;
  }
}
