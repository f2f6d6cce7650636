package io.runnel.decode;

/**
 * One column of a {@link Relation} as pgoutput describes it.
 *
 * @param typeOid the type values are converted as: pgoutput's type OID, except that domains are
 *     replaced by their base type and arrays of non-built-in types by {@code text[]} ({@link
 *     RelationCatalog#baseType})
 * @param replicaIdentity whether the column is part of the replica identity (pgoutput flag 1); with
 *     REPLICA IDENTITY FULL every column is, so this is not the primary key
 */
public record Column(String name, int typeOid, int typeModifier, boolean replicaIdentity) {}
