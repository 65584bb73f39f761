-- Task history, the audit log and system config: what the store verticle writes and the API reads.
-- Ids are UUIDv7 (time-ordered), so primary-key inserts append at the right edge of the index.

-- Finished tasks (completed, dead, cancelled) in the state they finished in. Upserted by id: a replayed task
-- that finishes again replaces its row; an older state arriving late loses (WHERE updated_at <= EXCLUDED...).
CREATE TABLE tasks (
  id              uuid        PRIMARY KEY,
  queue           text        NOT NULL,
  type            text        NOT NULL,
  status          text        NOT NULL CHECK (status IN ('queued', 'delayed', 'active', 'completed', 'retrying', 'dead', 'cancelled')),
  priority        smallint    NOT NULL,
  attempts        integer     NOT NULL,
  max_attempts    integer     NOT NULL,
  payload         jsonb       NOT NULL,
  result          jsonb,
  last_error      text,
  idempotency_key text,
  run_at          timestamptz NOT NULL,
  created_at      timestamptz NOT NULL,
  updated_at      timestamptz NOT NULL,
  started_at      timestamptz,
  finished_at     timestamptz
);
-- GET /api/tasks?source=history&queue=..&status=.., newest first. Completed tasks are nearly every row, so a
-- status=completed listing walks the primary key; the rare statuses get a small partial index, which also keeps
-- the per-row insert cost down (every index is paid on each of the tens of thousands of rows a second).
CREATE INDEX tasks_queue_id_idx ON tasks (queue, id DESC);
CREATE INDEX tasks_unusual_status_id_idx ON tasks (status, id DESC) WHERE status <> 'completed';
-- retention deletes by last change
CREATE INDEX tasks_updated_at_idx ON tasks (updated_at);

-- Every fact worth keeping: manual actions with their actor and reason, state changes, outages.
CREATE TABLE audit_events (
  id        uuid        PRIMARY KEY,
  time      timestamptz NOT NULL,
  type      text        NOT NULL,
  severity  text        NOT NULL CHECK (severity IN ('info', 'warning', 'critical')),
  component text        NOT NULL,
  actor     text        NOT NULL,
  message   text        NOT NULL,
  details   jsonb       NOT NULL DEFAULT '{}'::jsonb
);
-- keyset paging newest first by (time, id); retention by time
CREATE INDEX audit_events_time_id_idx ON audit_events (time DESC, id DESC);
CREATE INDEX audit_events_type_time_idx ON audit_events (type, time DESC, id DESC);
CREATE INDEX audit_events_component_time_idx ON audit_events (component, time DESC, id DESC);

-- Small durable settings, read through a cache (ConfigCache); the system mode lives under 'system.mode'.
CREATE TABLE system_config (
  key        text        PRIMARY KEY,
  value      text        NOT NULL,
  updated_by text        NOT NULL,
  updated_at timestamptz NOT NULL
);
