-- Graceful degradation: a task completed from a fallback or a cache while its type's breaker was open keeps how
-- ({"strategy", "breaker", "result_at"?}, as the API shows it). Null for the target's own answer (every task before V9).
ALTER TABLE tasks ADD COLUMN degraded jsonb;
