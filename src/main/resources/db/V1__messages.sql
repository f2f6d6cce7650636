-- Messages that left the normal flow, per sink. Runnel's decoder ignores schema runnel.
CREATE TABLE runnel.messages (
  sink            text        NOT NULL,
  idempotency_key text        NOT NULL,
  state           text        NOT NULL,
  table_name      text        NOT NULL,
  action          text        NOT NULL,
  group_key       text,
  park_group      text,        -- the delivery group while parked, else null
  deliver_count   int         NOT NULL,
  last_error      text,
  queue_url       text,
  committed_at    timestamptz NOT NULL,
  updated_at      timestamptz NOT NULL DEFAULT now(),
  seq             bigserial,
  body            text        NOT NULL,
  PRIMARY KEY (sink, idempotency_key)
);
CREATE INDEX messages_by_state ON runnel.messages (sink, state, seq);
CREATE INDEX messages_parked ON runnel.messages (sink, park_group, seq) WHERE state = 'parked';
