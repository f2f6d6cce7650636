-- Backfills per sink: where each one is, so a restart resumes it after the last settled page.
CREATE TABLE runnel.backfills (
  id             text        PRIMARY KEY,
  sink           text        NOT NULL,
  table_name     text        NOT NULL,
  state          text        NOT NULL,  -- running | done | failed
  cursor_key     text[],                -- the last read row's primary key, as text; null at start
  rows_read      bigint      NOT NULL DEFAULT 0,
  rows_estimated bigint      NOT NULL DEFAULT -1,
  last_error     text,
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX backfills_by_sink ON runnel.backfills (sink, created_at);
