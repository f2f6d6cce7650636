package io.runnel.sink.sqs;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The clock requests are signed with: this host's clock, corrected by the offset to the server's
 * clock once SQS has refused a signature as too old or too new, as the AWS SDK does. SigV4
 * signatures are valid for 15 minutes around the server's time, so a host whose clock drifted
 * further would otherwise never deliver again. Thread-safe.
 */
final class ClockSkew {
  private static final Logger log = LoggerFactory.getLogger(ClockSkew.class);

  /** Answers that may mean "your clock is off" (the SDK's list for SigV4 services). */
  private static final Set<String> SKEW_CODES =
      Set.of(
          "RequestTimeTooSkewed",
          "RequestExpired",
          "RequestInTheFuture",
          "SignatureDoesNotMatch",
          "InvalidSignatureException",
          "AuthFailure");

  /** An offset below this is left alone: the signature's validity window absorbs it. */
  static final Duration THRESHOLD = Duration.ofMinutes(4);

  private final Clock system;
  private final String sinkName;
  private volatile Duration offset = Duration.ZERO;

  ClockSkew(Clock system, String sinkName) {
    this.system = system;
    this.sinkName = sinkName;
  }

  /** The clock to sign the next request with. */
  Clock signingClock() {
    Duration current = offset;
    return current.isZero() ? system : Clock.offset(system, current);
  }

  /** The current correction (zero until a skew was detected). */
  Duration offset() {
    return offset;
  }

  /**
   * After a refused request: when {@code code} may mean skew and the server's {@code Date} is more
   * than {@link #THRESHOLD} away from this host's clock, signs with the server's time from now on.
   *
   * @return whether the offset changed, so the request is worth re-signing and sending at once
   */
  boolean correct(String code, String serverDate) {
    if (code == null || serverDate == null || !SKEW_CODES.contains(code)) {
      return false;
    }
    Instant server;
    try {
      server = ZonedDateTime.parse(serverDate, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
    } catch (DateTimeParseException e) {
      return false;
    }
    Duration measured = Duration.between(system.instant(), server);
    Duration signingError = measured.minus(offset).abs();
    if (signingError.compareTo(THRESHOLD) <= 0) {
      return false;
    }
    offset = measured;
    log.warn(
        "sink={} this host's clock is {} s {} SQS's (answer {}): signing requests with SQS's time"
            + " from now on; fix the host's time synchronisation (NTP)",
        sinkName,
        measured.abs().toSeconds(),
        measured.isNegative() ? "ahead of" : "behind",
        code);
    return true;
  }

  static String httpDate(Instant instant) {
    return DateTimeFormatter.RFC_1123_DATE_TIME.format(instant.atZone(ZoneOffset.UTC));
  }
}
