-- Completes leased tasks. A completion whose lease is no longer the live one is refused and changes nothing.
-- KEYS[1]: queue base.  ARGV: now, retentionAgeMs, retentionMax, count, then per completion:
--   id, token, result ('' = none, else '=' followed by the JSON text, or by it and a degraded mark: the value
--   TaskRecords.resultValue writes, kept as it is)
--   then, optionally, a claim to make after settling: the values of claimArgs (claiming.lua)
-- Returns {{applied, refusedId, ...}, claimed}: claimed is claimTasks' answer ({} when no claim was asked for).
local base = KEYS[1]
local now = tonumber(ARGV[1])
local n = tonumber(ARGV[4])
local sNow = int(now)

-- The throughput window and retention, in one read and one write of meta. Meta `tg` ("room|until|max|age") says
-- how many more finished tasks fit under retention_max and until when none can be older than the retention age,
-- as of the last full look (for those settings); while both hold, the ack does not look at `done` at all. Only
-- ack and cancel add to `done`; cancel deletes `tg`, so the next ack looks in full.
local function recordAndTrim(ok, ageMs, maxCount)
  local meta = key(base, 'meta')
  local field = windowField(now)
  local m = redis.call('HMGET', meta, field, 'tg')
  local room, until_, gMax, gAge = string.match(m[2] or '', '^(%-?%d+)|(%-?%d+)|(%d+)|(%d+)$')
  local gate
  if room and tonumber(gMax) == maxCount and tonumber(gAge) == ageMs and tonumber(room) >= ok
      and now <= tonumber(until_) then
    gate = int(tonumber(room) - ok) .. '|' .. until_
  else
    local _, left = trim(base, now, ageMs, maxCount)
    local oldest = left > 0 and tonumber(redis.call('ZRANGE', key(base, 'done'), 0, 0, 'WITHSCORES')[2]) or now
    gate = int(maxCount - left) .. '|' .. int(oldest + ageMs)
  end
  redis.call('HSET', meta, field, windowValue(m[1], now, ok, 0), 'last', sNow,
    'tg', gate .. '|' .. int(maxCount) .. '|' .. int(ageMs))
end

local ids = {}
for i = 1, n do ids[i] = ARGV[2 + i * 3] end
local states = hmget(key(base, 'state'), ids)

local out = { 0 }
local done = {}
local stateArgs, doneArgs, resultArgs = {}, {}, {}
for i = 1, n do
  local id = ids[i]
  -- hot path: status, attempts, startedAt and token are read; the suffix after the token is copied as it is
  local st, att, sta, tok, rest =
    string.match(states[i] or '', '^(%u)|(%d+)|[^|]*|([^|]*)|[^|]*|([^|]*)|(.*)$')
  if done[id] or st ~= 'A' or tok ~= ARGV[3 + i * 3] then
    out[#out + 1] = id
  else
    done[id] = true
    stateArgs[#stateArgs + 1] = id
    stateArgs[#stateArgs + 1] = 'C|' .. att .. '|' .. sNow .. '|' .. sta .. '|' .. sNow .. '||' .. rest
    doneArgs[#doneArgs + 1] = sNow
    doneArgs[#doneArgs + 1] = id
    local result = ARGV[4 + i * 3]
    if result ~= '' then append(resultArgs, { id, string.sub(result, 2) }) end
  end
end

local applied = #doneArgs / 2
if applied > 0 then
  local finished = {}
  for i = 2, #doneArgs, 2 do finished[#finished + 1] = doneArgs[i] end
  chunked('ZREM', key(base, 'lease'), finished, 1)
  chunked('HSET', key(base, 'state'), stateArgs, 2)
  chunked('ZADD', key(base, 'done'), doneArgs, 2)
  if #resultArgs > 0 then chunked('HSET', key(base, 'res'), resultArgs, 2) end
  recordAndTrim(applied, tonumber(ARGV[2]), tonumber(ARGV[3]))
end
out[1] = applied
local c = claimArgs(5 + n * 3)
return { out, c and claimTasks(base, now, c) or {} }
