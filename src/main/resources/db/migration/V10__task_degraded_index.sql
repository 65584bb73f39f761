-- GET /api/tasks?source=history&degraded=true: the few tasks answered degraded, newest first, without reading the rest.
CREATE INDEX tasks_degraded_idx ON tasks (id DESC) WHERE degraded IS NOT NULL;
