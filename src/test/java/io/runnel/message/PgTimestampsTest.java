package io.runnel.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PgTimestampsTest {
  private static final DateTimeFormatter PG_FORMAT =
      DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss");

  private static String tstz(String text) {
    return PgTimestamps.formatTimestamp(PgTimestamps.parseTimestamp(text, true), true);
  }

  private static String ts(String text) {
    return PgTimestamps.formatTimestamp(PgTimestamps.parseTimestamp(text, false), false);
  }

  @ParameterizedTest
  @CsvSource({
    "2024-10-28 21:37:01.12747+00, 2024-10-28T21:37:01.127470Z",
    "2024-10-28 23:37:01.12747+02, 2024-10-28T21:37:01.127470Z",
    "2024-10-29 03:07:01.12747+05:30, 2024-10-28T21:37:01.127470Z",
    "2024-10-28 18:07:01.12747-03:30, 2024-10-28T21:37:01.127470Z",
    "2024-10-28 18:06:46.12747-03:30:15, 2024-10-28T21:37:01.127470Z",
    "2024-10-29 09:37:01+12, 2024-10-28T21:37:01.000000Z",
    "2024-01-01 01:00:00+14, 2023-12-31T11:00:00.000000Z",
    "2023-12-31 23:30:00-11, 2024-01-01T10:30:00.000000Z",
    "2024-02-29 00:00:00+01, 2024-02-28T23:00:00.000000Z",
    "1970-01-01 00:00:00+00, 1970-01-01T00:00:00.000000Z",
    "1969-12-31 23:59:59.999999+00, 1969-12-31T23:59:59.999999Z",
    "0044-03-15 12:00:00+00:53:28 BC, -0043-03-15T11:06:32.000000Z",
    "0001-01-01 00:00:00+00 BC, 0000-01-01T00:00:00.000000Z",
    "4714-11-24 00:00:00+00 BC, -4713-11-24T00:00:00.000000Z",
    "294276-12-31 23:59:59.999999+00, +294276-12-31T23:59:59.999999Z",
    "infinity, infinity",
    "-infinity, -infinity",
  })
  void timestamptzToUtc(String text, String iso) {
    assertThat(tstz(text)).isEqualTo(iso);
  }

  @ParameterizedTest
  @CsvSource({
    "2024-10-28 21:37:01, 2024-10-28T21:37:01.000000",
    "2024-10-28 21:37:01.1, 2024-10-28T21:37:01.100000",
    "2024-10-28 21:37:01.12, 2024-10-28T21:37:01.120000",
    "2024-10-28 21:37:01.123, 2024-10-28T21:37:01.123000",
    "2024-10-28 21:37:01.1234, 2024-10-28T21:37:01.123400",
    "2024-10-28 21:37:01.12345, 2024-10-28T21:37:01.123450",
    "2024-10-28 21:37:01.123456, 2024-10-28T21:37:01.123456",
    "2024-10-28 21:37:01.000001, 2024-10-28T21:37:01.000001",
    "2024-10-28T21:37:01.5, 2024-10-28T21:37:01.500000",
    "0010-06-01 00:00:00 BC, -0009-06-01T00:00:00.000000",
    "12345-01-01 00:00:00, +12345-01-01T00:00:00.000000",
  })
  void timestampWithoutZoneAndFractionDigits(String text, String iso) {
    assertThat(ts(text)).isEqualTo(iso);
  }

  @Test
  void agreesWithJavaTimeAcrossTheRange() {
    Instant instant = Instant.parse("1583-01-01T00:00:00Z");
    while (instant.isBefore(Instant.parse("2400-01-01T00:00:00Z"))) {
      LocalDateTime local = LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
      String text = PG_FORMAT.format(local) + "+00";
      long micros = PgTimestamps.parseTimestamp(text, true);
      assertThat(micros + PgTimestamps.PG_EPOCH_UNIX_MICROS)
          .isEqualTo(ChronoUnit.MICROS.between(Instant.EPOCH, instant));
      assertThat(PgTimestamps.formatTimestamp(micros, true))
          .isEqualTo(instant.toString().replace("Z", ".000000Z").replace(".000000.", "."));
      instant = instant.plusSeconds(86_400L * 37 + 3_601);
    }
  }

  @Test
  void formatsInstantsTruncatedToMicroseconds() {
    assertThat(PgTimestamps.formatInstant(Instant.parse("2024-10-28T21:37:01.127470999Z")))
        .isEqualTo("2024-10-28T21:37:01.127470Z");
    assertThat(PgTimestamps.formatInstant(Instant.parse("1960-01-01T00:00:00.5Z")))
        .isEqualTo("1960-01-01T00:00:00.500000Z");
  }

  @ParameterizedTest
  @CsvSource({
    "2024-10-28, 2024-10-28",
    "0001-01-01, 0001-01-01",
    "0001-12-31 BC, 0000-12-31",
    "4714-11-24 BC, -4713-11-24",
    "5874897-12-31, +5874897-12-31",
    "infinity, infinity",
    "-infinity, -infinity",
  })
  void dates(String text, String iso) {
    assertThat(PgTimestamps.formatDate(PgTimestamps.parseDate(text))).isEqualTo(iso);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "2024-10-28",
        "2024-10-28 21:37",
        "2024-10-28 21:37:01",
        "24-10-28 21:37:01+00",
        "2024-13-01 00:00:00+00",
        "2024-02-30 00:00:00+00",
        "2024-10-28 25:00:00+00",
        "2024-10-28 21:37:01.+00",
        "2024-10-28 21:37:01+0",
        "2024-10-28 21:37:01+00 AD",
        "Mon Oct 28 21:37:01 2024 UTC",
        "999999-01-01 00:00:00+00"
      })
  void rejectsOtherForms(String text) {
    assertThatThrownBy(() -> PgTimestamps.parseTimestamp(text, true))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void timestampWithoutZoneRejectsAnOffset() {
    assertThatThrownBy(() -> PgTimestamps.parseTimestamp("2024-10-28 21:37:01+00", false))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest
  @CsvSource({
    "04:05:06, 04:05:06.000000",
    "04:05:06.789, 04:05:06.789000",
    "23:59:59.999999, 23:59:59.999999",
    "24:00:00, 24:00:00.000000",
  })
  void times(String text, String iso) {
    assertThat(PgTimes.time(text)).isEqualTo(iso);
  }

  @ParameterizedTest
  @CsvSource({
    "04:05:06+02, 04:05:06.000000+02:00",
    "04:05:06.5-08, 04:05:06.500000-08:00",
    "04:05:06+05:30, 04:05:06.000000+05:30",
    "04:05:06-03:30:15, 04:05:06.000000-03:30:15",
    "00:00:00+00, 00:00:00.000000+00:00",
  })
  void timesWithZone(String text, String iso) {
    assertThat(PgTimes.timetz(text)).isEqualTo(iso);
  }

  @Test
  void rejectsMalformedTimes() {
    assertThatThrownBy(() -> PgTimes.time("4:05:06")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PgTimes.time("04:05:06+02"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PgTimes.timetz("04:05:06"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
