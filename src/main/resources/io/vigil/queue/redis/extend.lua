-- Moves a live lease's deadline to now + extension. KEYS[1]: queue base.  ARGV: now, extensionMs, id, token
-- Returns the new deadline, or nil when the lease is no longer held.
local base = KEYS[1]
local s = parse(redis.call('HGET', key(base, 'state'), ARGV[3]))
if not held(s, ARGV[4]) then return false end
local deadline = int(tonumber(ARGV[1]) + tonumber(ARGV[2]))
redis.call('ZADD', key(base, 'lease'), 'XX', deadline, ARGV[3])
return deadline
