-- What the alarm engine needs to pick an open alarm up again on a new leader (issue 16): the metric and series it
-- watches, the value of its last decision, the hysteresis in progress, and what was sent about it (so a restarted
-- or new leader neither sends its firing message again nor forgets to send its resolve to every channel told).
ALTER TABLE alarms
  ADD COLUMN metric           text             NOT NULL DEFAULT '',
  ADD COLUMN series           jsonb            NOT NULL DEFAULT '{}'::jsonb, -- the labels of the series it fired on
  ADD COLUMN value            double precision NOT NULL DEFAULT 0,           -- at its last decision
  ADD COLUMN value_at         timestamptz,
  ADD COLUMN clearing_since   timestamptz,                                   -- hysteresis: clearing since then
  ADD COLUMN notified         boolean          NOT NULL DEFAULT false,       -- its firing message went out
  ADD COLUMN reminder_step    integer          NOT NULL DEFAULT 0 CHECK (reminder_step >= 0),
  ADD COLUMN next_reminder_at timestamptz,
  ADD COLUMN told             jsonb            NOT NULL DEFAULT '[]'::jsonb; -- channels told, in order: the resolve goes there
