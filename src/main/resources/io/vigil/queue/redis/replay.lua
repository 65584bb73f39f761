-- Puts dead tasks back to waiting with fresh attempts: the named ones that are dead, or all when none is named.
-- KEYS[1]: queue base.  ARGV: now, id...  Returns the replayed tasks as {id, body, state, result, ...}.
local base = KEYS[1]
local now = tonumber(ARGV[1])
local sNow = int(now)
local deadKey = key(base, 'dead')

local targets = {}
if #ARGV == 1 then
  targets = redis.call('ZRANGE', deadKey, 0, -1)
else
  local seen = {}
  for i = 2, #ARGV do
    local id = ARGV[i]
    if not seen[id] and redis.call('ZSCORE', deadKey, id) then
      seen[id] = true
      targets[#targets + 1] = id
    end
  end
end
if #targets == 0 then return {} end

local states = hmget(key(base, 'state'), targets)
local replayed, stateArgs, waitArgs = {}, {}, {}
for i = 1, #targets do
  local s = parse(states[i])
  if s then
    replayed[#replayed + 1] = targets[i]
    s.st = 'Q'
    s.att = 0
    s.run = sNow
    s.upd = sNow
    s.sta = ''
    s.fin = ''
    s.tok = ''
    append(stateArgs, { targets[i], format(s) })
    append(waitArgs, { waitScore(s.pri, now), targets[i] })
  end
end
chunked('ZREM', deadKey, targets, 1)
if #replayed > 0 then
  chunked('HSET', key(base, 'state'), stateArgs, 2)
  chunked('HDEL', key(base, 'res'), replayed, 1)
  toWait(base, waitArgs)
end
return pushTasks({}, base, replayed, true)
