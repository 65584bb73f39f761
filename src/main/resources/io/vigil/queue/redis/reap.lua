-- Takes back up to `max` tasks whose lease deadline has passed: the attempt counts; the task waits again from
-- now, or is dead when it has no attempts left.
-- KEYS[1]: queue base.  ARGV: now, max.  Returns the reaped tasks as {id, body, state, result, ...}.
local base = KEYS[1]
local now = tonumber(ARGV[1])
local sNow = int(now)

local ids = redis.call('ZRANGEBYSCORE', key(base, 'lease'), '-inf', sNow, 'LIMIT', 0, tonumber(ARGV[2]))
if #ids == 0 then return {} end
local states = hmget(key(base, 'state'), ids)

local reaped, stateArgs, waitArgs, deadArgs = {}, {}, {}, {}
for i = 1, #ids do
  local s = parse(states[i])
  if s and s.st == 'A' then
    reaped[#reaped + 1] = ids[i]
    s.err = '=lease expired (attempt ' .. int(s.att) .. ')'
    s.upd = sNow
    s.tok = ''
    if s.att >= s.mx then
      s.st = 'X'
      s.fin = sNow
      append(deadArgs, { sNow, ids[i] })
    else
      s.st = 'Q'
      s.run = sNow
      s.fin = ''
      append(waitArgs, { waitScore(s.pri, now), ids[i] })
    end
    append(stateArgs, { ids[i], format(s) })
  end
end
chunked('ZREM', key(base, 'lease'), ids, 1)
if #stateArgs > 0 then chunked('HSET', key(base, 'state'), stateArgs, 2) end
toWait(base, waitArgs)
if #deadArgs > 0 then chunked('ZADD', key(base, 'dead'), deadArgs, 2) end
record(base, now, 0, #reaped)
return pushTasks({}, base, reaped, true)
