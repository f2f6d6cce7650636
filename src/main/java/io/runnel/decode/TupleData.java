package io.runnel.decode;

/**
 * Reads pgoutput {@code TupleData}: an Int16 column count, then per column a kind byte ('n' null,
 * 'u' unchanged TOASTed value, 't' Int32 length and text). Binary values ('b') are only sent when
 * the client asks for them ({@code binary 'true'}), which Runnel never does, so they are an error.
 */
final class TupleData {
  private TupleData() {}

  static Tuple read(PgOutputReader in, Relation relation) {
    int count = in.int16("tuple column count");
    int expected = relation.columns().size();
    if (count != expected) {
      throw in.fail("tuple has " + count + " columns, the Relation message announced " + expected);
    }
    Tuple.Builder row = new Tuple.Builder(count);
    for (int i = 0; i < count; i++) {
      byte kind = in.byte1("column kind");
      switch (kind) {
        case 'n' -> row.sqlNull();
        case 'u' -> row.unchangedToast();
        case 't' -> row.text(in.text(in.int32("text length"), "text value"));
        case 'b' ->
            throw in.fail(
                "binary value for column "
                    + columnName(relation, i)
                    + " (binary was not requested)");
        default ->
            throw in.fail(
                "unknown tuple column kind "
                    + PgOutputReader.describe(kind)
                    + " for column "
                    + columnName(relation, i));
      }
    }
    return row.build();
  }

  private static String columnName(Relation relation, int index) {
    return "\"" + relation.columns().get(index).name() + "\"";
  }
}
