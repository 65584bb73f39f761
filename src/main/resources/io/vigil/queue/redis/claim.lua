-- Promotes due delayed and retrying tasks, then leases up to `max` waiting tasks: claimTasks (claiming.lua).
-- KEYS[1]: queue base.  ARGV: now, max, leaseMs, promoteMax, ratePerSecond (0 = unlimited), burst, tokenPrefix,
--   groupConcurrency (0 = unlimited), groupRatePerSecond (0 = unlimited)
-- Returns {promoted, deadline, id, body, state, id, body, state, ...}.
return claimTasks(KEYS[1], tonumber(ARGV[1]), claimArgs(2))
