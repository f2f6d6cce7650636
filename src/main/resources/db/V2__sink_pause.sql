-- A sink paused or resumed through the API. configured_status is the config's status when the
-- operator acted: once the config says something else, the config wins again (see README).
CREATE TABLE runnel.sinks (
  sink              text        PRIMARY KEY,
  paused            boolean     NOT NULL,
  configured_status text        NOT NULL,
  updated_at        timestamptz NOT NULL DEFAULT now()
);
