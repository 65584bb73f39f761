-- Completes leased tasks. A completion whose lease is no longer the live one is refused and changes nothing.
-- KEYS[1]: queue base.  ARGV: now, retentionAgeMs, retentionMax, count, then per completion:
--   id, token, result ('' = none, else '=' followed by the JSON text)
-- Returns {applied, refusedId, ...}.
local base = KEYS[1]
local now = tonumber(ARGV[1])
local n = tonumber(ARGV[4])
local sNow = int(now)

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
  record(base, now, applied, 0)
  trim(base, now, tonumber(ARGV[2]), tonumber(ARGV[3]))
end
out[1] = applied
return out
