-- Schedules (issue 19). Those defined over the API live here so they survive a restart (the file's are read from
-- the file); every schedule's state lives here so that a new leader or a restarted node enqueues each due time once.

-- An API schedule: its definition is the JSON the operator posted, read again with the file's rules at load.
CREATE TABLE schedules (
  id         text        PRIMARY KEY,
  definition text        NOT NULL,
  created_by text        NOT NULL,
  created_at timestamptz NOT NULL
);

-- Every schedule's progress (file and API schedules). Written by compare-and-set on cursor_at.
CREATE TABLE schedule_states (
  id           text        PRIMARY KEY,
  cursor_at    timestamptz NOT NULL,  -- every due time up to and including it is handled
  last_due     timestamptz,           -- the last due time enqueued
  last_task_id text,                  -- the task enqueued for it (overlap: skip looks at it)
  skipped      bigint      NOT NULL DEFAULT 0 CHECK (skipped >= 0)
);
