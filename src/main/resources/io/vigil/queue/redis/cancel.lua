-- Cancels a waiting (queued, delayed or retrying) task; active and finished ones cannot be cancelled. With a lease
-- token (ARGV[5]) it cancels the active task that lease holds instead (a running task its runner stopped; a grouped
-- task's slot in its group's active set is dropped lazily by the next claim, as for ack).
-- KEYS[1]: queue base.  ARGV: now, id, retentionAgeMs, retentionMax, [leaseToken]
-- Returns {0} when unknown, else {1 = cancelled | 2 = not cancellable, id, body, state, result}.
local base = KEYS[1]
local now = tonumber(ARGV[1])
local id = ARGV[2]
local sNow = int(now)
local from = { Q = 'wait', D = 'delay', R = 'retry' }

local s = parse(redis.call('HGET', key(base, 'state'), id))
if not s then return { 0 } end
local token = ARGV[5]
if token then
  if s.st ~= 'A' or s.tok ~= token then return pushTasks({ 2 }, base, { id }, true) end
  redis.call('ZREM', key(base, 'lease'), id)
  s.tok = ''
else
  if not from[s.st] then return pushTasks({ 2 }, base, { id }, true) end
  if s.st == 'Q' then
    local set, g = waitSet(base, id)
    if g then groupRemove(base, g, { id }) else redis.call('ZREM', key(base, set), id) end
  else
    redis.call('ZREM', key(base, from[s.st]), id)
  end
end
s.st = 'N'
s.upd = sNow
s.fin = sNow
redis.call('HSET', key(base, 'state'), id, format(s))
redis.call('ZADD', key(base, 'done'), sNow, id)
redis.call('HINCRBY', key(base, 'meta'), 'cx', 1)
redis.call('HDEL', key(base, 'meta'), 'tg') -- the next ack's trim looks at `done` in full (ack.lua)
local out = pushTasks({ 1 }, base, { id }, true)
trim(base, now, tonumber(ARGV[3]), tonumber(ARGV[4]))
return out
