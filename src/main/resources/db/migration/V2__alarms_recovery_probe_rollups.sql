-- Tables the alarm, recovery and probe capabilities fill (DESIGN.md sections 1 and 7). Shaped now so that those
-- issues only add columns if they must.

-- One alarm from first breach to resolution: pending -> firing -> acknowledged -> resolved.
CREATE TABLE alarms (
  id               uuid        PRIMARY KEY,
  rule             text        NOT NULL,
  fingerprint      text        NOT NULL,                -- dedup key: the rule and what it fired on
  severity         text        NOT NULL CHECK (severity IN ('info', 'warning', 'critical')),
  state            text        NOT NULL CHECK (state IN ('pending', 'firing', 'acknowledged', 'resolved')),
  component        text        NOT NULL,
  summary          text        NOT NULL,
  labels           jsonb       NOT NULL DEFAULT '{}'::jsonb,
  details          jsonb       NOT NULL DEFAULT '{}'::jsonb,
  parent_id        uuid        REFERENCES alarms (id),  -- set while suppressed as a child of a failed parent
  started_at       timestamptz NOT NULL,                -- first breach (pending)
  fired_at         timestamptz,
  acknowledged_at  timestamptz,
  acknowledged_by  text,
  resolved_at      timestamptz,
  resolved_by      text,                                -- an actor, or 'system' when the condition cleared
  escalation_level integer     NOT NULL DEFAULT 0,
  notified_at      timestamptz,                         -- last notification (reminders count from here)
  notifications    integer     NOT NULL DEFAULT 0,
  updated_at       timestamptz NOT NULL
);
-- at most one open alarm per fingerprint
CREATE UNIQUE INDEX alarms_open_fingerprint_idx ON alarms (fingerprint) WHERE state <> 'resolved';
CREATE INDEX alarms_state_started_idx ON alarms (state, started_at DESC);
CREATE INDEX alarms_resolved_at_idx ON alarms (resolved_at) WHERE resolved_at IS NOT NULL;

-- One recovery action run against one component, with its verification.
CREATE TABLE recovery_attempts (
  id          uuid        PRIMARY KEY,
  component   text        NOT NULL,
  action      text        NOT NULL,                     -- reconnect, reset_breaker, requeue_stalled, drain_to_dlq, fail_over, restart_hook
  trigger     text        NOT NULL CHECK (trigger IN ('alarm', 'probe', 'manual')),
  alarm_id    uuid        REFERENCES alarms (id),
  actor       text        NOT NULL,
  attempt     integer     NOT NULL,                     -- 1-based within the plan's budget window
  status      text        NOT NULL CHECK (status IN ('running', 'succeeded', 'failed', 'skipped', 'escalated')),
  verified    boolean,                                  -- the re-probe after the action: null until it ran
  started_at  timestamptz NOT NULL,
  finished_at timestamptz,
  error       text,
  details     jsonb       NOT NULL DEFAULT '{}'::jsonb
);
CREATE INDEX recovery_attempts_component_started_idx ON recovery_attempts (component, started_at DESC);
CREATE INDEX recovery_attempts_started_idx ON recovery_attempts (started_at);

-- Probe results rolled up per probe and minute, for uptime and latency history.
CREATE TABLE probe_rollups (
  probe          text             NOT NULL,
  minute         timestamptz      NOT NULL,             -- start of the minute (UTC)
  checks         integer          NOT NULL,
  failures       integer          NOT NULL,
  status         text             NOT NULL CHECK (status IN ('healthy', 'degraded', 'unhealthy', 'unknown')),  -- worst in the minute
  latency_avg_ms double precision,
  latency_max_ms double precision,
  PRIMARY KEY (probe, minute)
);
CREATE INDEX probe_rollups_minute_idx ON probe_rollups (minute);
