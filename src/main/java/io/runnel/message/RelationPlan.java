package io.runnel.message;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import io.runnel.decode.Action;
import io.runnel.decode.Change;
import io.runnel.decode.Column;
import io.runnel.decode.Relation;
import io.runnel.decode.Tuple;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the encoder works out once per {@link Relation} and sink rather than per message: quoted
 * column names, one {@link ValueWriter} per column, which old values pgoutput sends, and the key
 * and group columns. Immutable and thread-safe.
 */
final class RelationPlan {
  /** What {@code record} shows for an unchanged TOASTed value whose old value is unknown. */
  static final String UNCHANGED_TOAST = "unchanged_toast";

  final Relation relation;
  final SerializedString[] names;
  final ValueWriter[] writers;

  /** Column names and type OIDs, and each name's position, for functions' {@code record}. */
  final String[] columnNames;

  final int[] typeOids;
  final Map<String, Integer> columnIndex;

  /** Per column: whether a non-null old row carries its value (else pgoutput sent it as null). */
  final boolean[] inOldRow;

  final int[] primaryKey;

  /** Indexes of the group columns, -1 for a name the relation lacks; null to group by key. */
  final int[] groupColumns;

  RelationPlan(Relation relation, TimestampFormat format, List<String> groupColumnNames) {
    this.relation = relation;
    List<Column> columns = relation.columns();
    names = new SerializedString[columns.size()];
    writers = new ValueWriter[columns.size()];
    inOldRow = new boolean[columns.size()];
    columnNames = new String[columns.size()];
    typeOids = new int[columns.size()];
    columnIndex = new HashMap<>();
    for (int i = 0; i < columns.size(); i++) {
      Column column = columns.get(i);
      columnNames[i] = column.name();
      typeOids[i] = column.typeOid();
      columnIndex.putIfAbsent(column.name(), i);
      names[i] = new SerializedString(column.name());
      writers[i] = ValueWriters.forType(column.typeOid(), format);
      // With REPLICA IDENTITY FULL the old row is whole; otherwise pgoutput sends only the
      // identity's columns and the rest arrive as nulls that say nothing about the old value.
      inOldRow[i] = relation.replicaIdentity() == 'f' || column.replicaIdentity();
    }
    primaryKey = relation.primaryKey().stream().mapToInt(Integer::intValue).toArray();
    groupColumns =
        groupColumnNames == null
            ? null
            : groupColumnNames.stream().mapToInt(relation::columnIndex).toArray();
  }

  private RelationPlan(RelationPlan plan, Relation relation) {
    this.relation = relation;
    names = plan.names;
    writers = plan.writers;
    columnNames = plan.columnNames;
    typeOids = plan.typeOids;
    columnIndex = plan.columnIndex;
    inOldRow = plan.inOldRow;
    primaryKey = plan.primaryKey;
    groupColumns = plan.groupColumns;
  }

  /** This plan for an equal Relation instance, so later lookups of that instance hit at once. */
  RelationPlan withRelation(Relation equal) {
    return new RelationPlan(this, equal);
  }

  /**
   * Whether the old value of column {@code i} is known for a change whose {@code record()} has an
   * unchanged TOASTed value there: only an update's old row can carry it.
   */
  boolean oldValueKnown(Change change, int i) {
    Tuple old = change.oldRow();
    return change.action() == Action.UPDATE
        && old != null
        && inOldRow[i]
        && !old.isUnchangedToast(i);
  }

  /**
   * Whether an update's {@code changes} lists column {@code i}: the old row carries its value, it
   * differs from the new one, and neither is an unchanged TOASTed value.
   */
  boolean changed(Change change, int i) {
    Tuple old = change.oldRow();
    Tuple row = change.newRow();
    return old != null
        && inOldRow[i]
        && !row.isUnchangedToast(i)
        && !old.isUnchangedToast(i)
        && !Objects.equals(old.text(i), row.text(i));
  }

  /** Writes column {@code i} of {@code change.record()}, resolving an unchanged TOASTed value. */
  void writeRecordValue(JsonGenerator out, Change change, int i) throws IOException {
    Tuple row = change.record();
    if (!row.isUnchangedToast(i)) {
      writeValue(out, row, i);
    } else if (oldValueKnown(change, i)) {
      writeValue(out, change.oldRow(), i);
    } else {
      out.writeString(UNCHANGED_TOAST);
    }
  }

  /** Writes column {@code i} of {@code row}, which holds no unchanged TOASTed value there. */
  void writeValue(JsonGenerator out, Tuple row, int i) throws IOException {
    String text = row.text(i);
    if (text == null) {
      out.writeNull();
    } else {
      writers[i].write(out, text);
    }
  }

  /**
   * The text of column {@code i} as {@code record} shows it, for keys: an unchanged TOASTed value
   * resolved as in {@link #writeRecordValue}; SQL NULL (or {@code i == -1}, a group column the
   * relation lacks) as the empty string, as Sequin's {@code to_string(nil)} does.
   */
  String keyText(Change change, int i) {
    if (i < 0) {
      return "";
    }
    Tuple row = change.record();
    String text;
    if (!row.isUnchangedToast(i)) {
      text = row.text(i);
    } else {
      text = oldValueKnown(change, i) ? change.oldRow().text(i) : UNCHANGED_TOAST;
    }
    return text == null ? "" : text;
  }
}
