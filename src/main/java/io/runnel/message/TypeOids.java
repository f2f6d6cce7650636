package io.runnel.message;

import java.util.Set;

/** PostgreSQL built-in type OIDs (from {@code pg_type.dat}) that the message encoder converts. */
final class TypeOids {
  static final int BOOL = 16;
  static final int BYTEA = 17;
  static final int CHAR = 18;
  static final int NAME = 19;
  static final int INT8 = 20;
  static final int INT2 = 21;
  static final int INT4 = 23;
  static final int TEXT = 25;
  static final int OID = 26;
  static final int JSON = 114;
  static final int FLOAT4 = 700;
  static final int FLOAT8 = 701;
  static final int MONEY = 790;
  static final int BPCHAR = 1042;
  static final int VARCHAR = 1043;
  static final int DATE = 1082;
  static final int TIME = 1083;
  static final int TIMESTAMP = 1114;
  static final int TIMESTAMPTZ = 1184;
  static final int INTERVAL = 1186;
  static final int TIMETZ = 1266;
  static final int NUMERIC = 1700;
  static final int UUID = 2950;
  static final int JSONB = 3802;

  /**
   * Built-in arrays whose element types are written as their text form: xml, xid8, line, cidr,
   * circle, macaddr8, point, lseg, path, box, polygon, macaddr, inet, bit, varbit, txid_snapshot,
   * pg_lsn, tsvector, tsquery, the ranges, jsonpath, pg_snapshot and the multiranges.
   */
  private static final Set<Integer> TEXT_FORM_ARRAYS =
      Set.of(
          143, 271, 629, 651, 719, 775, 1017, 1018, 1019, 1020, 1027, 1040, 1041, 1561, 1563, 2949,
          3221, 3643, 3645, 3905, 3907, 3909, 3911, 3913, 3927, 4073, 5039, 6150, 6151, 6152, 6153,
          6155, 6157);

  private TypeOids() {}

  /**
   * The element type of a built-in array type, or 0 when it is not one; {@link #TEXT} for arrays
   * whose elements Runnel writes as their text form.
   */
  static int arrayElement(int arrayOid) {
    return switch (arrayOid) {
      case 1000 -> BOOL;
      case 1001 -> BYTEA;
      case 1002 -> CHAR;
      case 1003 -> NAME;
      case 1005 -> INT2;
      case 1007 -> INT4;
      case 1009 -> TEXT;
      case 1014 -> BPCHAR;
      case 1015 -> VARCHAR;
      case 1016 -> INT8;
      case 1021 -> FLOAT4;
      case 1022 -> FLOAT8;
      case 1028 -> OID;
      case 199 -> JSON;
      case 791 -> MONEY;
      case 1115 -> TIMESTAMP;
      case 1182 -> DATE;
      case 1183 -> TIME;
      case 1185 -> TIMESTAMPTZ;
      case 1187 -> INTERVAL;
      case 1231 -> NUMERIC;
      case 1270 -> TIMETZ;
      case 2951 -> UUID;
      case 3807 -> JSONB;
      default -> TEXT_FORM_ARRAYS.contains(arrayOid) ? TEXT : 0;
    };
  }
}
