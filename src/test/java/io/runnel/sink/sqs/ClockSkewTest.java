package io.runnel.sink.sqs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ClockSkewTest {
  private static final Instant HOST_NOW = Instant.parse("2026-12-07T05:00:00Z");
  private final ClockSkew skew = new ClockSkew(Clock.fixed(HOST_NOW, ZoneOffset.UTC), "s");

  @ParameterizedTest
  @ValueSource(
      strings = {
        "RequestTimeTooSkewed",
        "RequestExpired",
        "SignatureDoesNotMatch",
        "InvalidSignatureException"
      })
  void aSkewAnswerWithAServerDateFarOffMovesTheSigningClock(String code) {
    Instant server = HOST_NOW.minus(Duration.ofMinutes(20));

    assertThat(skew.correct(code, ClockSkew.httpDate(server))).isTrue();
    assertThat(skew.signingClock().instant()).isEqualTo(server);
    assertThat(skew.correct(code, ClockSkew.httpDate(server)))
        .as("already corrected: nothing to re-sign")
        .isFalse();
  }

  @Test
  void lessThanFourMinutesOffIsLeftAlone() {
    assertThat(
            skew.correct(
                "RequestExpired", ClockSkew.httpDate(HOST_NOW.plus(Duration.ofMinutes(3)))))
        .isFalse();
    assertThat(skew.offset()).isZero();
  }

  @Test
  void otherCodesAndUnreadableDatesAreLeftAlone() {
    String farOff = ClockSkew.httpDate(HOST_NOW.plus(Duration.ofHours(1)));
    assertThat(skew.correct("AccessDenied", farOff)).isFalse();
    assertThat(skew.correct("RequestExpired", "yesterday")).isFalse();
    assertThat(skew.correct("RequestExpired", null)).isFalse();
    assertThat(skew.signingClock().instant()).isEqualTo(HOST_NOW);
  }
}
