-- Promotes due delayed and retrying tasks, then leases up to `max` waiting tasks (none when paused or out of
-- rate-limit tokens). With max = 0 it only promotes (promoteDue).
-- KEYS[1]: queue base.  ARGV: now, max, leaseMs, promoteMax, ratePerSecond (0 = unlimited), burst, tokenPrefix
-- Returns {promoted, deadline, id, body, state, id, body, state, ...}.
local base = KEYS[1]
local now = tonumber(ARGV[1])
local max = tonumber(ARGV[2])
local leaseMs = tonumber(ARGV[3])
local promoteMax = tonumber(ARGV[4])
local rate = tonumber(ARGV[5])
local burst = tonumber(ARGV[6])
local tokenPrefix = ARGV[7]
local sNow = int(now)

-- Due tasks of both sets, earliest first, at most promoteMax in all.
local function promote()
  if promoteMax <= 0 then return 0 end
  local due = {}
  for _, name in ipairs({ 'delay', 'retry' }) do
    local found = redis.call('ZRANGEBYSCORE', key(base, name), '-inf', sNow, 'WITHSCORES', 'LIMIT', 0, promoteMax)
    for i = 1, #found, 2 do
      due[#due + 1] = { id = found[i], at = tonumber(found[i + 1]), set = name }
    end
  end
  if #due == 0 then return 0 end
  table.sort(due, function(a, b)
    if a.at ~= b.at then return a.at < b.at end
    return a.id < b.id
  end)
  local count = math.min(#due, promoteMax)
  local ids = {}
  local from = { delay = {}, retry = {} }
  for i = 1, count do
    ids[i] = due[i].id
    local list = from[due[i].set]
    list[#list + 1] = due[i].id
  end
  local states = hmget(key(base, 'state'), ids)
  local stateArgs, waitArgs = {}, {}
  for i = 1, count do
    local s = parse(states[i])
    if s then
      s.st = 'Q'
      s.upd = sNow
      append(stateArgs, { ids[i], format(s) })
      append(waitArgs, { waitScore(s.pri, tonumber(s.run)), ids[i] })
    end
  end
  for name, list in pairs(from) do
    if #list > 0 then chunked('ZREM', key(base, name), list, 1) end
  end
  if #stateArgs > 0 then
    chunked('HSET', key(base, 'state'), stateArgs, 2)
    chunked('ZADD', key(base, 'wait'), waitArgs, 2)
  end
  return count
end

local promoted = promote()
if max <= 0 then return { promoted } end

local meta = key(base, 'meta')
local m = redis.call('HMGET', meta, 'paused', 'tk', 'tkt')
if m[1] then return { promoted } end

-- The cluster-wide token bucket: rate tokens a second accrue up to burst.
local tokens
if rate > 0 then
  tokens = tonumber(m[2]) or burst
  local last = tonumber(m[3]) or now
  if now > last then tokens = math.min(burst, tokens + (now - last) * rate / 1000) end
  if math.floor(tokens) < max then max = math.floor(tokens) end
  if max <= 0 then
    redis.call('HSET', meta, 'tk', tostring(tokens), 'tkt', sNow)
    return { promoted }
  end
end

local popped = redis.call('ZPOPMIN', key(base, 'wait'), max)
local ids = {}
for i = 1, #popped, 2 do ids[#ids + 1] = popped[i] end
if rate > 0 then
  redis.call('HSET', meta, 'tk', tostring(tokens - #ids), 'tkt', sNow)
end
if #ids == 0 then return { promoted } end

local deadline = int(now + leaseMs)
local states = hmget(key(base, 'state'), ids)
local bodies = hmget(key(base, 'body'), ids)
local out = { promoted, deadline }
local stateArgs, leaseArgs = {}, {}
-- hot path: only the attempts are read; the suffix after the token is copied as it is
local head = 'A|'
local times = '|' .. sNow .. '|' .. sNow .. '||'
for i = 1, #ids do
  local att, rest = string.match(states[i] or '', '^Q|(%d+)|[^|]*|[^|]*|[^|]*|[^|]*|(.*)$')
  if att then
    local text = head .. (att + 1) .. times .. tokenPrefix .. i .. '|' .. rest
    stateArgs[#stateArgs + 1] = ids[i]
    stateArgs[#stateArgs + 1] = text
    leaseArgs[#leaseArgs + 1] = deadline
    leaseArgs[#leaseArgs + 1] = ids[i]
    out[#out + 1] = ids[i]
    out[#out + 1] = bodies[i]
    out[#out + 1] = text
  end
end
if #stateArgs > 0 then
  chunked('HSET', key(base, 'state'), stateArgs, 2)
  chunked('ZADD', key(base, 'lease'), leaseArgs, 2)
end
return out
