package io.runnel.message;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** One value at a time, as raw JSON text, including the fallbacks for text that does not parse. */
class ValueWritersTest {

  static String write(int typeOid, TimestampFormat format, String text) {
    StringWriter json = new StringWriter();
    try (JsonGenerator out = JsonText.FACTORY.createGenerator(json)) {
      ValueWriters.forType(typeOid, format).write(out, text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return json.toString();
  }

  static String iso(int typeOid, String text) {
    return write(typeOid, TimestampFormat.ISO8601, text);
  }

  static String unix(int typeOid, String text) {
    return write(typeOid, TimestampFormat.UNIX_MICROSECOND, text);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        // type oid | pgoutput text | JSON
        "16 | t | true",
        "16 | yes | `\"yes\"`",
        "23 | 0 | 0",
        "23 | 12abc | `\"12abc\"`",
        "20 | 007 | `\"007\"`",
        "701 | 1e-05 | 1e-05",
        "701 | .5 | `\".5\"`",
        "700 | -Infinity | `\"-Infinity\"`",
        "1700 | -0.000 | `\"-0.000\"`",
        "3802 | not json | `\"not json\"`",
        "3802 | 1 2 | `\"1 2\"`",
        "3802 | null | null",
        "3802 | [1e400, -0.0] | `[1e400,-0.0]`",
        "1184 | Mon Oct 28 21:37:01 2024 UTC | `\"Mon Oct 28 21:37:01 2024 UTC\"`",
        "1186 | P1Y2M3DT4H5M6S | `\"P1Y2M3DT4H5M6S\"`",
        "1186 | @ 1 year | `\"@ 1 year\"`",
        "1083 | 04:05 | `\"04:05\"`",
        "1007 | {1,2 | `\"{1,2\"`",
        "1007 | {1,x} | `[1,\"x\"]`",
        "1017 | {\"(1,2)\"} | `[\"(1,2)\"]`",
        "3905 | {\"[1,3)\",empty,NULL} | `[\"[1,3)\",\"empty\",null]`",
        "1183 | {04:05:06.5,NULL} | `[\"04:05:06.500000\",null]`",
        "1182 | {2024-10-28,infinity} | `[\"2024-10-28\",\"infinity\"]`",
        "1115 | {\"2024-10-28 21:37:01\"} | `[\"2024-10-28T21:37:01.000000\"]`",
        "16385 | happy | `\"happy\"`",
        "600 | (1,2) | `\"(1,2)\"`",
        "0 | whatever | `\"whatever\"`",
      })
  void writesIsoValues(int typeOid, String text, String json) {
    assertThat(iso(typeOid, text)).isEqualTo(json);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "1184 | 1970-01-01 00:00:00+00 | 0",
        "1184 | 2024-10-28 23:37:01.12747+02 | 1730151421127470",
        "1114 | 1969-12-31 23:59:59.999999 | -1",
        "1114 | 0001-01-01 00:00:00 BC | -62167219200000000",
        "1184 | 294276-12-31 23:59:59.999999+00 | 9224318015999999999",
        "1184 | infinity | `\"infinity\"`",
        "1114 | -infinity | `\"-infinity\"`",
        "1185 | {\"1970-01-01 00:00:01+00\",-infinity} | `[1000000,\"-infinity\"]`",
        "1184 | garbage | `\"garbage\"`",
        "1082 | 2024-10-28 | `\"2024-10-28\"`",
        "1083 | 04:05:06 | `\"04:05:06.000000\"`",
      })
  void writesUnixMicroseconds(int typeOid, String text, String json) {
    assertThat(unix(typeOid, text)).isEqualTo(json);
  }

  @Test
  void deeplyNestedJsonIsStillEmbedded() {
    String deep = "[".repeat(5_000) + "]".repeat(5_000);

    assertThat(iso(TypeOids.JSONB, deep)).isEqualTo(deep);
  }

  @Test
  void longNumbersInJsonAreKept() {
    String number = "1" + "0".repeat(5_000) + ".5";

    assertThat(iso(TypeOids.JSON, "{\"n\": " + number + "}")).isEqualTo("{\"n\":" + number + "}");
  }

  @Test
  void everyConvertedArrayTypeHasAnElementType() {
    int[] arrays = {
      1000, 1005, 1007, 1016, 1028, 1021, 1022, 1231, 1009, 1015, 1014, 2951, 199, 3807, 1115, 1185,
      1182, 1183, 1001, 1187
    };
    for (int array : arrays) {
      assertThat(TypeOids.arrayElement(array)).as("element of %d", array).isNotZero();
    }
  }

  @Test
  void jsonNumberGrammar() {
    for (String valid : new String[] {"0", "-0", "1.5", "1e5", "1E+5", "-1.25e-10", "10"}) {
      assertThat(JsonText.isNumber(valid)).as(valid).isTrue();
    }
    for (String invalid :
        new String[] {"", "-", "01", "1.", ".1", "1e", "1e+", "+1", "NaN", "1 ", "0x10", "1_0"}) {
      assertThat(JsonText.isNumber(invalid)).as(invalid).isFalse();
    }
  }
}
