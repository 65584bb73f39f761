-- Fails leased tasks: each waits in `retry` until its retry time, or goes to `dead` when it has none.
-- A failure whose lease is no longer the live one is refused and changes nothing.
-- KEYS[1]: queue base.  ARGV: now, count, then per failure:
--   id, token, retryAt ('' = dead-letter), error ('' = none, else '=' followed by the text)
-- Returns {applied, refusedId, ...}.
local base = KEYS[1]
local now = tonumber(ARGV[1])
local n = tonumber(ARGV[2])
local sNow = int(now)

local ids = {}
for i = 1, n do ids[i] = ARGV[-1 + i * 4] end
local states = hmget(key(base, 'state'), ids)

local out = { 0 }
local settled = {}
local ended, stateArgs, retryArgs, deadArgs = {}, {}, {}, {}
for i = 1, n do
  local id = ids[i]
  local s = parse(states[i])
  local o = -1 + i * 4
  if settled[id] or not held(s, ARGV[o + 1]) then
    out[#out + 1] = id
  else
    settled[id] = true
    ended[#ended + 1] = id
    local retryAt = ARGV[o + 2]
    s.upd = sNow
    s.tok = ''
    s.err = ARGV[o + 3]
    if retryAt == '' then
      s.st = 'X'
      s.fin = sNow
      append(deadArgs, { sNow, id })
    else
      s.st = 'R'
      s.run = retryAt
      s.fin = ''
      append(retryArgs, { retryAt, id })
    end
    append(stateArgs, { id, format(s) })
  end
end

if #ended > 0 then
  chunked('ZREM', key(base, 'lease'), ended, 1)
  chunked('HSET', key(base, 'state'), stateArgs, 2)
  if #retryArgs > 0 then
    chunked('ZADD', key(base, 'retry'), retryArgs, 2)
    redis.call('HDEL', key(base, 'meta'), 'nd') -- the claim looks at retry again
  end
  if #deadArgs > 0 then chunked('ZADD', key(base, 'dead'), deadArgs, 2) end
  record(base, now, 0, #ended)
end
out[1] = #ended
return out
