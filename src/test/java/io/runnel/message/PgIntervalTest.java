package io.runnel.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PgIntervalTest {

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "00:00:00 | 0 | 0 | 0",
        "1 year 2 mons 3 days 04:05:06.789 | 14 | 3 | 14706789000",
        "-1 days +02:00:00 | 0 | -1 | 7200000000",
        "1 day -00:00:01 | 0 | 1 | -1000000",
        "-00:00:00.5 | 0 | 0 | -500000",
        "-1 years -2 mons +3 days -04:05:06.5 | -14 | 3 | -14706500000",
        "3 mons | 3 | 0 | 0",
        "1 mon | 1 | 0 | 0",
        "2 years | 24 | 0 | 0",
        "1 year | 12 | 0 | 0",
        "-7 days | 0 | -7 | 0",
        "100:00:00 | 0 | 0 | 360000000000",
        "00:00:00.000001 | 0 | 0 | 1",
        "178956970 years 7 mons | 2147483647 | 0 | 0",
        "-178956970 years -8 mons | -2147483648 | 0 | 0",
        "2562047788:00:54.775807 | 0 | 0 | 9223372036854775807",
        "-2562047788:00:54.775808 | 0 | 0 | -9223372036854775808",
      })
  void parsesPostgresIntervalStyle(String text, int months, int days, long micros) {
    assertThat(PgInterval.parse(text)).isEqualTo(new PgInterval(months, days, micros));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "   ",
        "1",
        "1 week",
        "@ 1 year",
        "P1Y2M",
        "1 year ago",
        "1:2:3",
        "00:60:00",
        "00:00:00.",
        "1 year2 mons",
        "+-1 day"
      })
  void rejectsOtherForms(String text) {
    assertThatThrownBy(() -> PgInterval.parse(text)).isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"178956971 years", "9999999999:00:00", "-2562047788:00:54.775809"})
  void rejectsOverflow(String text) {
    assertThatThrownBy(() -> PgInterval.parse(text)).isInstanceOf(ArithmeticException.class);
  }
}
