-- Shared by every Vigil script: RedisScripts prepends this file to each script before SCRIPT LOAD.
--
-- A queue's keys all share the hash tag of its base key, e.g. base = "vigil:{q:jobs}", so every script that
-- touches one queue touches one cluster slot. Keys under a base:
--   body   hash  id -> immutable envelope written by Java (header line + payload); Lua never parses it
--   state  hash  id -> "status|attempts|updatedAt|startedAt|finishedAt|token|maxAttempts|priority|runAt|error"
--   res    hash  id -> result JSON text (completed tasks that returned one)
--   ids    zset  every task of the queue, score 0: lexicographic order = id order = creation order
--   wait   zset  queued tasks, score (9 - priority) * 1e13 + readyMillis
--   delay  zset  delayed tasks by due time;   retry zset  retrying tasks by retry time
--   lease  zset  active tasks by lease deadline
--   done   zset  completed and cancelled tasks by finish time (retention);   dead zset  dead tasks by death time
--   meta   hash  paused, rate-limit bucket (tk, tkt), throughput window (w0..w59), last completion, cx
--   idem:<key> string "taskId\nexpiresAt\nfingerprint"
-- Time is always ARGV `now` (epoch millis from the caller's clock); Redis's own clock decides nothing.

local CHUNK = 2000 -- arguments per variadic call: Lua's unpack() has a stack limit

local function key(base, name)
  return base .. ':' .. name
end

-- Integer-valued doubles as plain digits (tostring would switch to exponent notation past 14 digits).
local function int(x)
  return string.format('%.0f', x)
end

-- A task's mutable state: "status|attempts|updatedAt|startedAt|finishedAt|token|maxAttempts|priority|runAt|error".
-- What claim and ack change comes first; the rest is a suffix they copy without parsing (see claim.lua, ack.lua).
-- Numbers that Lua does not change stay the strings they were written as.
local function parse(s)
  if not s then return nil end
  local st, att, upd, sta, fin, tok, mx, pri, run, err =
    string.match(s, '^(%u)|(%d+)|(%-?%d+)|(%-?%d*)|(%-?%d*)|([^|]*)|(%d+)|(%d)|(%-?%d+)|(.*)$')
  if not st then return nil end
  return { st = st, att = tonumber(att), upd = upd, sta = sta, fin = fin, tok = tok, mx = tonumber(mx),
           pri = tonumber(pri), run = run, err = err }
end

local function format(t)
  return t.st .. '|' .. int(t.att) .. '|' .. t.upd .. '|' .. t.sta .. '|' .. t.fin .. '|' .. t.tok .. '|' .. int(t.mx)
    .. '|' .. int(t.pri) .. '|' .. t.run .. '|' .. t.err
end

-- Claim order: higher priority first, then older ready time; equal scores fall back to the (time-ordered) id.
local function waitScore(pri, readyMillis)
  return int((9 - pri) * 1e13 + readyMillis)
end

local function append(into, items)
  for i = 1, #items do into[#into + 1] = items[i] end
  return into
end

-- cmd key args..., in chunks that keep groups of `stride` arguments (e.g. field/value pairs) together.
local function chunked(cmd, k, args, stride)
  local n = #args
  local per = CHUNK - (CHUNK % stride)
  local total = 0
  for i = 1, n, per do
    total = total + redis.call(cmd, k, unpack(args, i, math.min(i + per - 1, n)))
  end
  return total
end

local function hmget(k, fields)
  if #fields == 0 then return {} end
  if #fields <= CHUNK then return redis.call('HMGET', k, unpack(fields)) end
  local out = {}
  for i = 1, #fields, CHUNK do
    append(out, redis.call('HMGET', k, unpack(fields, i, math.min(i + CHUNK - 1, #fields))))
  end
  return out
end

-- Appends id, body, state, result of each task (a missing field is nil on the wire).
local function pushTasks(out, base, ids, withResult)
  local bodies = hmget(key(base, 'body'), ids)
  local states = hmget(key(base, 'state'), ids)
  local results = withResult and hmget(key(base, 'res'), ids) or {}
  for i = 1, #ids do
    out[#out + 1] = ids[i]
    out[#out + 1] = bodies[i]
    out[#out + 1] = states[i]
    out[#out + 1] = results[i] or false
  end
  return out
end

-- Successes and failures per second over the last 60 seconds: 60 fields wS = "second|ok|failed", S = second % 60.
local function record(base, now, ok, failed)
  if ok == 0 and failed == 0 then return end
  local meta = key(base, 'meta')
  local sec = math.floor(now / 1000)
  local field = 'w' .. int(sec % 60)
  local cur = redis.call('HGET', meta, field)
  local s, o, f = 0, 0, 0
  if cur then
    local cs, co, cf = string.match(cur, '^(%-?%d+)|(%d+)|(%d+)$')
    if tonumber(cs) == sec then o, f = tonumber(co), tonumber(cf) end
  end
  local value = int(sec) .. '|' .. int(o + ok) .. '|' .. int(f + failed)
  if ok > 0 then
    redis.call('HSET', meta, field, value, 'last', int(now))
  else
    redis.call('HSET', meta, field, value)
  end
end

-- Deletes every trace of tasks (ids must already be out of wait/delay/retry/lease/done/dead).
local function forget(base, ids)
  if #ids == 0 then return end
  chunked('HDEL', key(base, 'body'), ids, 1)
  chunked('HDEL', key(base, 'state'), ids, 1)
  chunked('HDEL', key(base, 'res'), ids, 1)
  chunked('ZREM', key(base, 'ids'), ids, 1)
end

local TRIM_MAX = 1000 -- finished tasks forgotten per call, so one call never holds Redis for long

-- Forgets finished (completed, cancelled) tasks older than the retention age or beyond the maximum count,
-- oldest first. Dead tasks are not in `done`: they stay until replayed or purged.
local function trim(base, now, ageMs, maxCount)
  local done = key(base, 'done')
  local card = redis.call('ZCARD', done)
  if card == 0 then return 0 end
  local n = card - maxCount
  local old = redis.call('ZCOUNT', done, '-inf', '(' .. int(now - ageMs))
  if old > n then n = old end
  if n <= 0 then return 0 end
  if n > TRIM_MAX then n = TRIM_MAX end
  local ids = redis.call('ZRANGE', done, 0, n - 1)
  local states = hmget(key(base, 'state'), ids)
  local cancelled = 0
  for i = 1, #ids do
    local s = parse(states[i])
    if s and s.st == 'N' then cancelled = cancelled + 1 end
  end
  redis.call('ZREMRANGEBYRANK', done, 0, n - 1)
  forget(base, ids)
  if cancelled > 0 then redis.call('HINCRBY', key(base, 'meta'), 'cx', -cancelled) end
  return n
end

-- The lease a settle call names, when it is still the live one: state active and the same token.
local function held(state, token)
  return state ~= nil and state.st == 'A' and state.tok == token
end
