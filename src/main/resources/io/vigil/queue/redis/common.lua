-- Shared by every Vigil script: RedisScripts prepends this file to each script before SCRIPT LOAD.
--
-- A queue's keys all share the hash tag of its base key, e.g. base = "vigil:{q:jobs}", so every script that
-- touches one queue touches one cluster slot. Keys under a base:
--   body   hash  id -> immutable envelope written by Java (header line + payload); Lua never parses it
--   state  hash  id -> "status|attempts|updatedAt|startedAt|finishedAt|token|maxAttempts|priority|runAt|error"
--   res    hash  id -> result JSON text (completed tasks that returned one or answered degraded); a degraded answer's
--                 mark is in the same value (TaskRecords.resultValue), so forgetting the result forgets the mark
--   ids    zset  every task of the queue, score 0: lexicographic order = id order = creation order
--   wait   zset  queued tasks, score (9 - priority) * 1e13 + readyMillis
--   delay  zset  delayed tasks by due time;   retry zset  retrying tasks by retry time
--   lease  zset  active tasks by lease deadline
--   done   zset  completed and cancelled tasks by finish time (retention);   dead zset  dead tasks by death time
--   meta   hash  paused, rate-limit bucket (tk, tkt), throughput window (w0..w59), last completion, cx
--   idem:<key> string "taskId\nexpiresAt\nfingerprint"
-- Fair queues (only a queue that has had grouped tasks has these; an ungrouped queue never reads them):
--   grp    hash  id -> group, for grouped tasks only
--   gw:<g> zset  the group's queued tasks, scored like wait (a grouped task waits here, never in wait)
--   gring  zset  groups with queued tasks by turn: the lowest score is looked at next (new groups score 0)
--   gsize  zset  group -> queued tasks (top groups by backlog)
--   gact:<g> set  tasks the group leased while it had a concurrency limit; a member no longer active is dropped
--                 when the claim counts them
--   gtk:<g> string the group's rate bucket "tokens|millis", expiring when it would be full again
--   meta gq (queued grouped tasks in all: 0 or absent = the claim's ungrouped path), gt (the turn counter)
-- Time is always ARGV `now` (epoch millis from the caller's clock); Redis's own clock decides nothing.

local CHUNK = 2000 -- arguments per variadic call: Lua's unpack() has a stack limit

local function key(base, name)
  return base .. ':' .. name
end

-- Integer-valued doubles as plain digits (tostring would switch to exponent notation past 14 digits). Every caller
-- passes whole numbers (millis, counts, scores), well inside a C long; '%d' formats them at a tenth of the cost of
-- '%.0f' (bench/redis-cost.sh), which matters on the hot paths: a few calls per script call, two per leased task.
local function int(x)
  return string.format('%d', x)
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

-- The answers of cmd (HMGET, ZMSCORE: one answer a name) for names of k, in calls of at most CHUNK names.
local function readChunked(cmd, k, names)
  if #names == 0 then return {} end
  if #names <= CHUNK then return redis.call(cmd, k, unpack(names)) end
  local out = {}
  for i = 1, #names, CHUNK do
    append(out, redis.call(cmd, k, unpack(names, i, math.min(i + CHUNK - 1, #names))))
  end
  return out
end

local function hmget(k, fields)
  return readChunked('HMGET', k, fields)
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
-- windowField names the field for `now`; windowValue adds to what it holds (cur: its value or nil).
local function windowField(now)
  return 'w' .. int(math.floor(now / 1000) % 60)
end

local function windowValue(cur, now, ok, failed)
  local sec = math.floor(now / 1000)
  local o, f = 0, 0
  if cur then
    local cs, co, cf = string.match(cur, '^(%-?%d+)|(%d+)|(%d+)$')
    if tonumber(cs) == sec then o, f = tonumber(co), tonumber(cf) end
  end
  return int(sec) .. '|' .. int(o + ok) .. '|' .. int(f + failed)
end

local function record(base, now, ok, failed)
  if ok == 0 and failed == 0 then return end
  local meta = key(base, 'meta')
  local field = windowField(now)
  local value = windowValue(redis.call('HGET', meta, field), now, ok, failed)
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
  if redis.call('EXISTS', key(base, 'grp')) == 1 then chunked('HDEL', key(base, 'grp'), ids, 1) end
end

local TRIM_MAX = 1000 -- finished tasks forgotten per call, so one call never holds Redis for long

-- Forgets finished (completed, cancelled) tasks older than the retention age or beyond the maximum count,
-- oldest first. Dead tasks are not in `done`: they stay until replayed or purged. Returns how many it forgot and
-- how many finished tasks are left.
local function trim(base, now, ageMs, maxCount)
  local done = key(base, 'done')
  local card = redis.call('ZCARD', done)
  if card == 0 then return 0, 0 end
  local n = card - maxCount
  local old = redis.call('ZCOUNT', done, '-inf', '(' .. int(now - ageMs))
  if old > n then n = old end
  if n <= 0 then return 0, card end
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
  return n, card - n
end

-- The lease a settle call names, when it is still the live one: state active and the same token.
local function held(state, token)
  return state ~= nil and state.st == 'A' and state.tok == token
end

-- Adds the {score, id, ...} pairs of byGroup (group -> pairs) to their groups' queued tasks and keeps the groups'
-- counts and places in the ring: one ZADD per group, then one read and one write of gsize, one ZADD of the ring
-- and one HINCRBY of meta for all of them.
local function groupAdd(base, byGroup)
  local names, added, total = {}, {}, 0
  for g, args in pairs(byGroup) do
    local n = chunked('ZADD', key(base, 'gw:' .. g), args, 2)
    if n > 0 then
      names[#names + 1] = g
      added[#added + 1] = n
      total = total + n
    end
  end
  if total == 0 then return end
  local sizes = readChunked('ZMSCORE', key(base, 'gsize'), names) -- nil where absent
  local sizeArgs, ringArgs = {}, {}
  for i = 1, #names do
    append(sizeArgs, { (tonumber(sizes[i]) or 0) + added[i], names[i] })
    append(ringArgs, { 0, names[i] })
  end
  chunked('ZADD', key(base, 'gsize'), sizeArgs, 2)
  for i = 1, #ringArgs, CHUNK do
    redis.call('ZADD', key(base, 'gring'), 'NX', unpack(ringArgs, i, math.min(i + CHUNK - 1, #ringArgs)))
  end
  redis.call('HINCRBY', key(base, 'meta'), 'gq', total)
end

-- Takes ids out of group g's queued tasks (cancel); returns how many were there.
local function groupRemove(base, g, ids)
  local removed = chunked('ZREM', key(base, 'gw:' .. g), ids, 1)
  if removed == 0 then return 0 end
  local left = tonumber(redis.call('ZINCRBY', key(base, 'gsize'), -removed, g))
  if left <= 0 then
    redis.call('ZREM', key(base, 'gsize'), g)
    redis.call('ZREM', key(base, 'gring'), g)
  end
  redis.call('HINCRBY', key(base, 'meta'), 'gq', -removed)
  return removed
end

-- Queues {score, id, ...} pairs: each in its group's set when it has a group, else in wait. A queue that never
-- had a grouped task pays one EXISTS.
local function toWait(base, args)
  if #args == 0 then return end
  local grpKey = key(base, 'grp')
  if redis.call('EXISTS', grpKey) == 0 then
    chunked('ZADD', key(base, 'wait'), args, 2)
    return
  end
  local ids = {}
  for i = 2, #args, 2 do ids[#ids + 1] = args[i] end
  local groups = hmget(grpKey, ids)
  local plain, byGroup = {}, {}
  for i = 1, #ids do
    local g = groups[i]
    local into = plain
    if g then
      into = byGroup[g] or {}
      byGroup[g] = into
    end
    append(into, { args[2 * i - 1], ids[i] })
  end
  if #plain > 0 then chunked('ZADD', key(base, 'wait'), plain, 2) end
  groupAdd(base, byGroup)
end

-- The set a queued task waits in: its group's, or wait.
local function waitSet(base, id)
  local g = redis.call('HGET', key(base, 'grp'), id)
  if g then return 'gw:' .. g, g end
  return 'wait', nil
end
