-- Fair queues (issue 19): a task's group key, kept in history. Null for ungrouped tasks (every task before V8).
-- "group" is an SQL keyword, hence task_group.
ALTER TABLE tasks ADD COLUMN task_group text;
