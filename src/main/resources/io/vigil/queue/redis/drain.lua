-- Recovery's drain-to-dlq: moves up to `max` waiting tasks that have been ready since before `cutoff` to the dead
-- letters, oldest first within each priority band (the wait score is (9 - priority) * 1e13 + readyMillis, so each
-- band's old tasks are one score range). Dead tasks stay replayable like any other.
-- KEYS[1]: queue base.  ARGV: now, cutoff (millis), max.  Returns the drained tasks as {id, body, state, result, ...}.
local base = KEYS[1]
local now = tonumber(ARGV[1])
local sNow = int(now)
local cutoff = tonumber(ARGV[2])
local room = tonumber(ARGV[3])
local waitKey = key(base, 'wait')

local ids = {}
for pri = 9, 0, -1 do
  if room <= 0 then break end
  local band = (9 - pri) * 1e13
  local found = redis.call('ZRANGEBYSCORE', waitKey, int(band), '(' .. int(band + cutoff), 'LIMIT', 0, room)
  append(ids, found)
  room = room - #found
end
chunked('ZREM', waitKey, ids, 1)
-- grouped tasks wait in their groups' sets (fair queues): the groups with the most waiting first
if room > 0 and (tonumber(redis.call('HGET', key(base, 'meta'), 'gq')) or 0) > 0 then
  local groups = redis.call('ZRANGE', key(base, 'gsize'), '+inf', '1', 'BYSCORE', 'REV', 'LIMIT', 0, 1000)
  for _, g in ipairs(groups) do
    if room <= 0 then break end
    local found = {}
    for pri = 9, 0, -1 do
      if room <= 0 then break end
      local band = (9 - pri) * 1e13
      local some = redis.call('ZRANGEBYSCORE', key(base, 'gw:' .. g), int(band), '(' .. int(band + cutoff), 'LIMIT', 0, room)
      append(found, some)
      room = room - #some
    end
    if #found > 0 then
      groupRemove(base, g, found)
      append(ids, found)
    end
  end
end
if #ids == 0 then return {} end

local states = hmget(key(base, 'state'), ids)
local drained, stateArgs, deadArgs = {}, {}, {}
for i = 1, #ids do
  local s = parse(states[i])
  if s and s.st == 'Q' then
    drained[#drained + 1] = ids[i]
    s.st = 'X'
    s.upd = sNow
    s.fin = sNow
    s.tok = ''
    s.err = '=drained to dead letters by recovery'
    append(stateArgs, { ids[i], format(s) })
    append(deadArgs, { sNow, ids[i] })
  end
end
if #stateArgs > 0 then chunked('HSET', key(base, 'state'), stateArgs, 2) end
if #deadArgs > 0 then chunked('ZADD', key(base, 'dead'), deadArgs, 2) end
return pushTasks({}, base, drained, true)
