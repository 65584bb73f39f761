-- Gives leased tasks back without counting the attempt; each keeps its place (its ready time).
-- KEYS[1]: queue base.  ARGV: now, count, then per lease: id, token.  Returns {applied, refusedId, ...}.
local base = KEYS[1]
local now = tonumber(ARGV[1])
local n = tonumber(ARGV[2])
local sNow = int(now)

local ids = {}
for i = 1, n do ids[i] = ARGV[1 + i * 2] end
local states = hmget(key(base, 'state'), ids)

local out = { 0 }
local seen = {}
local ended, stateArgs, waitArgs = {}, {}, {}
for i = 1, n do
  local id = ids[i]
  local s = parse(states[i])
  if seen[id] or not held(s, ARGV[2 + i * 2]) then
    out[#out + 1] = id
  else
    seen[id] = true
    ended[#ended + 1] = id
    s.st = 'Q'
    if s.att > 0 then s.att = s.att - 1 end
    s.upd = sNow
    s.fin = ''
    s.tok = ''
    append(stateArgs, { id, format(s) })
    append(waitArgs, { waitScore(s.pri, tonumber(s.run)), id })
  end
end
if #ended > 0 then
  chunked('ZREM', key(base, 'lease'), ended, 1)
  chunked('HSET', key(base, 'state'), stateArgs, 2)
  toWait(base, waitArgs)
end
out[1] = #ended
return out
