package io.runnel.message;

import static io.runnel.message.Fixtures.col;
import static io.runnel.message.Fixtures.key;

import io.runnel.decode.Column;
import io.runnel.decode.Relation;
import io.runnel.decode.Tuple;
import java.util.ArrayList;
import java.util.List;

/** One column of every converted type, holding edge values in pgoutput text form. */
final class KitchenSink {
  private static final int MOOD_ENUM_OID = 16385;

  /** Name, type OID and text (null for SQL NULL) of each column, in table order. */
  private static final Object[][] COLUMNS = {
    {"id", 20, "1234"},
    {"b", 16, "t"},
    {"b_false", 16, "f"},
    {"i2", 21, "-32768"},
    {"i4", 23, "2147483647"},
    {"i8_min", 20, "-9223372036854775808"},
    {"i8_max", 20, "9223372036854775807"},
    {"o", 26, "4294967295"},
    {"f4", 700, "3.4028235e+38"},
    {"f8", 701, "0.30000000000000004"},
    {"f8_neg_zero", 701, "-0"},
    {"f8_nan", 701, "NaN"},
    {"f8_inf", 701, "Infinity"},
    {"f8_ninf", 701, "-Infinity"},
    {"n", 1700, "1234567890123456789012345678901234567890.0123456789"},
    {"n_nan", 1700, "NaN"},
    {"n_inf", 1700, "Infinity"},
    {"n_ninf", 1700, "-Infinity"},
    {"m", 790, "$1,234.56"},
    {"t", 25, "héllo wörld ✓ 😀 \"quoted\" back\\slash\nnew line\ttab"},
    {"t_empty", 25, ""},
    {"vc", 1043, "varchar"},
    {"bp", 1042, "ab   "},
    {"nm", 19, "pg_class"},
    {"ch", 18, "x"},
    {"u", 2950, "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"},
    {"j", 114, "{\"b\": 2, \"a\": [1, 2.50, null, true], \"s\": \"x\\\"y\"}"},
    {
      "jb",
      3802,
      "{\"big\": 123456789012345678901234567890.000000000000000000001, \"nested\": "
          + "{\"deep\": [{\"x\": \"é\"}]}}"
    },
    {"jb_scalar", 3802, "\"just a string\""},
    {"tstz", 1184, "2024-10-28 23:37:01.12747+02"},
    {"tstz_whole", 1184, "2024-10-28 21:37:01-03:30"},
    {"tstz_inf", 1184, "infinity"},
    {"tstz_bc", 1184, "0044-03-15 12:00:00+00:53:28 BC"},
    {"ts", 1114, "2024-10-28 21:37:01.1"},
    {"ts_ninf", 1114, "-infinity"},
    {"d", 1082, "2024-10-28"},
    {"d_bc", 1082, "0001-01-01 BC"},
    {"d_inf", 1082, "infinity"},
    {"tm", 1083, "04:05:06.789"},
    {"ttz", 1266, "04:05:06+05:30"},
    {"iv", 1186, "1 year 2 mons 3 days 04:05:06.789"},
    {"iv_neg", 1186, "-1 years -2 mons +3 days -04:05:06.5"},
    {"iv_zero", 1186, "00:00:00"},
    {"by", 17, "\\x00ff10"},
    {"int_arr", 1007, "{{1,2,NULL},{4,5,6}}"},
    {
      "txt_arr",
      1009,
      "{\"a,b\",\"say \\\"hi\\\"\",\"back\\\\slash\",NULL,\"NULL\",\"\",plain,\"{x}\"}"
    },
    {"tstz_arr", 1185, "{\"2024-10-28 23:37:01.12747+02\",infinity,NULL}"},
    {"jsonb_arr", 3807, "{\"{\\\"a\\\": 1}\",\"[1, 2]\",NULL}"},
    {"empty_arr", 1007, "{}"},
    {"dim_arr", 1007, "[0:1]={7,8}"},
    {"bytea_arr", 1001, "{\"\\\\x01\",\"\\\\xff\"}"},
    {"iv_arr", 1187, "{\"1 day\",-00:00:01.5}"},
    {"n_arr", 1231, "{1.50,NaN,-Infinity,12345678901234567890.123}"},
    {"f8_arr", 1022, "{1.5,NaN,Infinity,-Infinity,-0,1e+30}"},
    {"bool_arr", 1000, "{t,f,NULL}"},
    {"uuid_arr", 2951, "{a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11}"},
    {"mood", MOOD_ENUM_OID, "happy"},
    {"nul", 25, null},
  };

  private KitchenSink() {}

  static Relation relation() {
    List<Column> columns = new ArrayList<>();
    for (Object[] column : COLUMNS) {
      String name = (String) column[0];
      int oid = (Integer) column[1];
      columns.add(name.equals("id") ? key(name, oid) : col(name, oid));
    }
    return Fixtures.relation(16400, "public.kitchen_sink", 'd', columns, 0);
  }

  static Tuple row() {
    Tuple.Builder row = new Tuple.Builder(COLUMNS.length);
    for (Object[] column : COLUMNS) {
      if (column[2] == null) {
        row.sqlNull();
      } else {
        row.text((String) column[2]);
      }
    }
    return row.build();
  }
}
