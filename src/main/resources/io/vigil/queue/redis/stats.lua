-- One queue at `now`, after forgetting finished tasks past retention.
-- KEYS[1]: queue base.  ARGV: now, retentionAgeMs, retentionMax
-- Returns {paused, waiting, delayed, active, completed, retrying, dead, ok60s, failed60s, oldestReadyMillis, lastCompleted}
-- (oldestReadyMillis and lastCompleted are -1 when there is none; oldestReadyMillis looks at ungrouped tasks only).
local base = KEYS[1]
local now = tonumber(ARGV[1])
trim(base, now, tonumber(ARGV[2]), tonumber(ARGV[3]))

local meta = redis.call('HGETALL', key(base, 'meta'))
local fields = {}
for i = 1, #meta, 2 do fields[meta[i]] = meta[i + 1] end

local sec = math.floor(now / 1000)
local ok, failed = 0, 0
for slot = 0, 59 do
  local v = fields['w' .. slot]
  if v then
    local s, o, f = string.match(v, '^(%-?%d+)|(%d+)|(%d+)$')
    s = tonumber(s)
    if s and s > sec - 60 and s <= sec then
      ok = ok + tonumber(o)
      failed = failed + tonumber(f)
    end
  end
end

local waitKey = key(base, 'wait')
local plainWaiting = redis.call('ZCARD', waitKey)
local waiting = plainWaiting + math.max(0, tonumber(fields['gq'] or '0'))
local oldest = -1
if plainWaiting > 0 then
  -- the head of each priority band is the band's oldest ready time
  for band = 0, 9 do
    local low = band * 1e13
    local head = redis.call('ZRANGEBYSCORE', waitKey, int(low), '(' .. int(low + 1e13), 'WITHSCORES', 'LIMIT', 0, 1)
    if #head > 0 then
      local ready = tonumber(head[2]) - low
      if oldest < 0 or ready < oldest then oldest = ready end
    end
  end
end

local cancelled = tonumber(fields['cx'] or '0')
return {
  fields['paused'] and 1 or 0,
  waiting,
  redis.call('ZCARD', key(base, 'delay')),
  redis.call('ZCARD', key(base, 'lease')),
  redis.call('ZCARD', key(base, 'done')) - cancelled,
  redis.call('ZCARD', key(base, 'retry')),
  redis.call('ZCARD', key(base, 'dead')),
  ok,
  failed,
  int(oldest),
  fields['last'] or '-1'
}
