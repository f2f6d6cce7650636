-- The LSN each slot was last acknowledged up to. A slot that disappears (a failover to a server
-- without it, a DBA's DROP) or is invalidated is then reported with this position instead of
-- being recreated silently past changes that were never delivered.
CREATE TABLE runnel.slots (
  database         text        NOT NULL,
  slot             text        NOT NULL,
  acknowledged_lsn pg_lsn      NOT NULL,
  updated_at       timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (database, slot)
);
