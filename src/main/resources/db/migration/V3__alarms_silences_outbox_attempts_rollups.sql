-- The stores the guard capabilities read and write (issues 15-17). V2 shaped alarms, recovery_attempts and
-- probe_rollups before those issues were written; nothing ever wrote to them, so they are dropped and made again in
-- the shape the issues need rather than altered column by column. Times in these tables are kept to the millisecond
-- by the application.

DROP TABLE recovery_attempts;  -- references alarms
DROP TABLE probe_rollups;
DROP TABLE alarms;

-- One alarm from first breach to resolution. Read-modify-write by the alarm engine: every update names the version
-- it read (optimistic lock); at most one open (not resolved) alarm per fingerprint.
CREATE TABLE alarms (
  id               uuid        PRIMARY KEY,
  fingerprint      text        NOT NULL,               -- the rule and the labels it fired on: the dedup key
  rule             text        NOT NULL,
  severity         text        NOT NULL CHECK (severity IN ('info', 'warning', 'critical')),
  state            text        NOT NULL CHECK (state IN ('pending', 'firing', 'acknowledged', 'resolved')),
  suppressed       boolean     NOT NULL DEFAULT false, -- its component's parent is down: shown, not sent
  silenced         boolean     NOT NULL DEFAULT false, -- a silence matches it: shown, not sent
  labels           jsonb       NOT NULL DEFAULT '{}'::jsonb,
  annotations      jsonb       NOT NULL DEFAULT '{}'::jsonb,
  started_at       timestamptz NOT NULL,               -- first breach
  fired_at         timestamptz,
  acknowledged_at  timestamptz,
  acknowledged_by  text,
  resolved_at      timestamptz,
  resolved_by      text,                               -- an actor, or 'system' when the condition cleared
  escalation_level integer     NOT NULL DEFAULT 0 CHECK (escalation_level >= 0),
  notifications    integer     NOT NULL DEFAULT 0 CHECK (notifications >= 0),
  last_notified_at timestamptz,                        -- reminders back off from here
  updated_at       timestamptz NOT NULL,
  version          bigint      NOT NULL CHECK (version >= 1)
);
-- at most one open alarm per fingerprint; also how an open alarm is found by fingerprint
CREATE UNIQUE INDEX alarms_open_fingerprint_idx ON alarms (fingerprint) WHERE state <> 'resolved';
-- GET /api/alarms?state=&severity=, newest first; reconcile reads the open states
CREATE INDEX alarms_state_started_idx ON alarms (state, started_at DESC, id DESC);
-- retention deletes resolved alarms by resolution time
CREATE INDEX alarms_resolved_at_idx ON alarms (resolved_at) WHERE state = 'resolved';

-- What happened to an alarm, oldest first: transitions, notifications, escalations, notes. Goes with its alarm.
CREATE TABLE alarm_timeline (
  id        uuid        PRIMARY KEY,
  alarm_id  uuid        NOT NULL REFERENCES alarms (id) ON DELETE CASCADE,
  at        timestamptz NOT NULL,
  kind      text        NOT NULL CHECK (kind IN ('transition', 'notification', 'escalation', 'note')),
  from_state text       CHECK (from_state IN ('pending', 'firing', 'acknowledged', 'resolved')),
  to_state   text       CHECK (to_state IN ('pending', 'firing', 'acknowledged', 'resolved')),
  actor     text        NOT NULL,
  message   text        NOT NULL,
  details   jsonb       NOT NULL DEFAULT '{}'::jsonb
);
CREATE INDEX alarm_timeline_alarm_at_idx ON alarm_timeline (alarm_id, at, id);

-- Operators' silences: alarms matching every matcher notify nobody in [starts_at, ends_at).
CREATE TABLE silences (
  id         uuid        PRIMARY KEY,
  matchers   jsonb       NOT NULL,                     -- [{"name":..,"op":"=|!=|=~|!~","value":..}]
  starts_at  timestamptz NOT NULL,
  ends_at    timestamptz NOT NULL,
  created_by text        NOT NULL,
  comment    text        NOT NULL,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  CHECK (ends_at >= starts_at)
);
-- active at an instant, listing, and retention all start from the end
CREATE INDEX silences_ends_at_idx ON silences (ends_at);

-- The durable notification outbox: one row per message per channel, claimed under a lease by one notifier.
CREATE TABLE notification_outbox (
  id              uuid        PRIMARY KEY,
  channel         text        NOT NULL,
  alarm_id        uuid,                                -- no foreign key: mode switches have none, and alarm
                                                       -- retention must not take delivery records with it
  dedup_key       text        UNIQUE,                  -- a message is queued once per key (NULLs never collide)
  payload         text        NOT NULL,                -- opaque to the store, kept byte for byte (signatures)
  status          text        NOT NULL CHECK (status IN ('pending', 'sending', 'sent', 'failed', 'dead')),
  attempts        integer     NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  next_attempt_at timestamptz NOT NULL,
  lease_owner     text,
  lease_until     timestamptz,
  last_error      text,
  created_at      timestamptz NOT NULL,
  updated_at      timestamptz NOT NULL,
  sent_at         timestamptz,
  CHECK ((status = 'sending') = (lease_owner IS NOT NULL AND lease_until IS NOT NULL))
);
-- the claim: waiting rows by due time, sending rows by lease end (both partial: finished rows are most rows)
CREATE INDEX notification_outbox_due_idx ON notification_outbox (next_attempt_at) WHERE status IN ('pending', 'failed');
CREATE INDEX notification_outbox_lease_idx ON notification_outbox (lease_until) WHERE status = 'sending';
-- GET /api/notifications?channel=&status=, newest first
CREATE INDEX notification_outbox_channel_idx ON notification_outbox (channel, created_at DESC, id DESC);
CREATE INDEX notification_outbox_status_idx ON notification_outbox (status, created_at DESC, id DESC);
CREATE INDEX notification_outbox_alarm_idx ON notification_outbox (alarm_id) WHERE alarm_id IS NOT NULL;
-- retention deletes finished rows by last change
CREATE INDEX notification_outbox_finished_idx ON notification_outbox (updated_at) WHERE status IN ('sent', 'dead');

-- One recovery action run against one component; saved when it starts and again when it ends.
CREATE TABLE recovery_attempts (
  id          uuid        PRIMARY KEY,
  run_id      uuid,                                    -- the plan run; the time to recover counts from its first attempt
  component   text        NOT NULL,
  action      text        NOT NULL,
  trigger     text        NOT NULL,                    -- unhealthy, alarm, manual
  actor       text        NOT NULL,
  started_at  timestamptz NOT NULL,
  duration_ms bigint      CHECK (duration_ms >= 0),    -- null while running
  outcome     text        NOT NULL CHECK (outcome IN ('running', 'succeeded', 'failed')),
  error       text,
  details     jsonb       NOT NULL DEFAULT '{}'::jsonb
);
-- listing by component, newest first; stats and retention by start
CREATE INDEX recovery_attempts_component_started_idx ON recovery_attempts (component, started_at DESC, id DESC);
CREATE INDEX recovery_attempts_started_idx ON recovery_attempts (started_at DESC, id DESC);

-- Probe checks rolled up per component and minute: uptime and latency history. Written in batches that merge into
-- their minute (counts add, the max and the worst status win, latency histograms add bucket by bucket).
CREATE TABLE probe_rollups (
  component       text             NOT NULL,
  minute          timestamptz      NOT NULL,           -- start of the minute (UTC)
  checks          bigint           NOT NULL CHECK (checks >= 0),
  failures        bigint           NOT NULL CHECK (failures >= 0 AND failures <= checks),
  worst_status    text             NOT NULL CHECK (worst_status IN ('healthy', 'degraded', 'unknown', 'unhealthy')),
  latency_max_ms  double precision NOT NULL,
  latency_sum_ms  double precision NOT NULL,
  latency_buckets integer[]        NOT NULL,           -- counts per fixed bucket (LatencyHistogram), for p50/p95
  PRIMARY KEY (component, minute)
);
-- retention by minute (uptime windows read the primary key)
CREATE INDEX probe_rollups_minute_idx ON probe_rollups (minute);
