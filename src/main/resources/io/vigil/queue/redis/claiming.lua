-- The claim: shared by claim.lua and by the enqueue and ack scripts, which claim for the caller in the same call
-- (issue 14, fix 2: one round trip instead of two right after each enqueue and each ack). RedisScript puts this
-- file after common.lua in exactly those three scripts.
--
-- claimTasks(base, now, c) promotes due delayed and retrying tasks, then leases up to `c.max` waiting tasks (none
-- when paused or out of rate-limit tokens). With max = 0 it only promotes (promoteDue).
-- c (claimArgs reads it from ARGV): max, leaseMs, promoteMax, rate (per second, 0 = unlimited), burst, tokenPrefix,
--   groupConcurrency (0 = unlimited), groupRate (per second, 0 = unlimited); and `handoff`, optional: the calling
--   script's new ready ungrouped tasks ({score, id, body, state}, state queued), not yet written as queued. When
--   nothing else waits (the common case of a queue that keeps up), the claim leases the first of them by claim order
--   straight away — no write as queued, no trip through `wait`, no read back — and places the rest as queued; in
--   every other case it places them all first and claims as usual. Either way the result is what placing them and
--   then claiming would have given.
-- Returns {promoted, deadline, id, body, state, id, body, state, ...}.
--
-- Promotion is skipped while meta `nd` ("nothing delayed") is set: the claim sets it when it finds `delay` and
-- `retry` both empty; enqueue (a delayed task) and fail (a retry) delete it when they add to those sets.
--
-- Fair queues: while grouped tasks wait (meta gq > 0), the claim looks at the groups of the ring in turn (the next
-- `max` of them, or `max` + 64 when the queue has group limits, so groups held back by them cannot hide the others)
-- and stops as soon as `max` members may take something: ungrouped `wait` first (a share in every claim), then the
-- groups, each with a room (its backlog, its concurrency room, its rate tokens); `max` is dealt out one task at a time
-- in turn — with more groups than `max` every group it reached takes one task, with fewer each takes up to an equal share and
-- what a small group cannot use goes to the others. Then the groups served, and those its limits held back, go to
-- the back of the ring; a group the claim did not reach, or that `max` left out, keeps its turn. A group with a huge
-- backlog therefore gets one share per claim like any other. Without grouped tasks the claim is the ungrouped path:
-- one ZRANGE and one ZREMRANGEBYRANK on wait (popFirst).
--
-- Cost (stop 24, docs/performance.md "Fair queues (issue 19)"): one popFirst per group served — the floor while each
-- group has its own set — and per claim one ZRANGE of the ring, one ZMSCORE and one ZADD of gsize, one ZADD of the
-- ring and one HSET of meta (gq and gt, read in the HMGET above). With limits, per group looked at one SCARD of its
-- concurrency set (its finished members are looked up with SMEMBERS/HMGET and dropped only when the count could hold
-- the group back or the set holds more than ACTIVE_SLACK), per claim one MGET of the rate buckets, and per group
-- served one SADD and one SET of its bucket.

local CLAIM_ARGS = 8 -- values claimArgs reads

-- The claim's values from ARGV[at] on; nil when the caller asked for no claim (they are absent).
local function claimArgs(at)
  if ARGV[at] == nil then return nil end
  return { max = tonumber(ARGV[at]), leaseMs = tonumber(ARGV[at + 1]), promoteMax = tonumber(ARGV[at + 2]),
           rate = tonumber(ARGV[at + 3]), burst = tonumber(ARGV[at + 4]), tokenPrefix = ARGV[at + 5],
           groupConcurrency = tonumber(ARGV[at + 6]), groupRate = tonumber(ARGV[at + 7]) }
end

-- The first n members of zset k, taken out of it: ZPOPMIN without the scores. A ZPOPMIN answer carries each score,
-- which Redis formats as text and Lua parses back only to drop it: in a claim of 50 that was a sixth of Redis's work
-- (bench/redis-cost.sh, docs/performance.md "8. Redis's work per task, counted").
local function popFirst(k, n)
  local ids = redis.call('ZRANGE', k, 0, n - 1)
  if #ids > 0 then redis.call('ZREMRANGEBYRANK', k, 0, #ids - 1) end
  return ids
end

-- Writes handed-off tasks as queued (see claimTasks).
local function placeQueued(base, tasks)
  if #tasks == 0 then return end
  local stateArgs, waitArgs = {}, {}
  for _, t in ipairs(tasks) do
    append(stateArgs, { t.id, t.state })
    append(waitArgs, { t.score, t.id })
  end
  chunked('HSET', key(base, 'state'), stateArgs, 2)
  chunked('ZADD', key(base, 'wait'), waitArgs, 2)
end

local function claimTasks(base, now, c)
  local max, leaseMs, promoteMax, rate, burst = c.max, c.leaseMs, c.promoteMax, c.rate, c.burst
  local tokenPrefix, groupConcurrency, groupRate = c.tokenPrefix, c.groupConcurrency, c.groupRate
  local sNow = int(now)
  local GROUPS_LOOKED_AT = 64 -- groups one claim may look at beyond max when groups have limits, so groups held
  -- back by them cannot hide the others
  local ACTIVE_SLACK = 64 -- ids a group's concurrency set may hold before the finished ones among them are dropped

  local meta = key(base, 'meta')
  local m = redis.call('HMGET', meta, 'paused', 'tk', 'tkt', 'gq', 'nd', 'gt')

  -- Due tasks of both sets, earliest first, at most promoteMax in all.
  local function promote()
    if promoteMax <= 0 or m[5] then return 0 end
    -- most claims find nothing delayed or retrying: remembered in meta until something is added to either set
    if redis.call('EXISTS', key(base, 'delay'), key(base, 'retry')) == 0 then
      redis.call('HSET', meta, 'nd', '1')
      return 0
    end
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
      toWait(base, waitArgs)
    end
    return count
  end

  local promoted = promote()
  if promoted > 0 then m[4] = redis.call('HGET', meta, 'gq') end -- promoted grouped tasks count in gq
  -- handed-off tasks skip `wait` only when nothing else could be claimed before them
  local handoff = c.handoff
  local known = {} -- id -> handed-off task: leasing it needs no read of Redis
  for _, t in ipairs(handoff or {}) do known[t.id] = t end
  if handoff and #handoff > 0 and (max <= 0 or m[1] or (tonumber(m[4]) or 0) > 0
      or redis.call('EXISTS', key(base, 'wait')) == 1) then
    placeQueued(base, handoff)
    handoff = nil
  end
  if max <= 0 then return { promoted } end

  if m[1] then return { promoted } end

  -- The cluster-wide token bucket: rate tokens a second accrue up to burst.
  local tokens
  if rate > 0 then
    tokens = tonumber(m[2]) or burst
    local last = tonumber(m[3]) or now
    if now > last then tokens = math.min(burst, tokens + (now - last) * rate / 1000) end
    if math.floor(tokens) < max then max = math.floor(tokens) end
    if max <= 0 then
      if handoff then placeQueued(base, handoff) end
      redis.call('HSET', meta, 'tk', tostring(tokens), 'tkt', sNow)
      return { promoted }
    end
  end

  -- How many of `room` tasks group g may start now (its concurrency room, its rate tokens), and its tokens; bucket
  -- is the group's gtk value (read for all groups at once) or nil.
  local function groupRoom(g, room, bucket)
    if groupConcurrency > 0 then
      local actKey = key(base, 'gact:' .. g)
      -- the set's size counts tasks that have finished since too: they are looked up and dropped only when that
      -- could hold the group back, or when there are more than ACTIVE_SLACK of them
      local active = redis.call('SCARD', actKey)
      if active + room > groupConcurrency or active > ACTIVE_SLACK then
        local members = redis.call('SMEMBERS', actKey)
        local states = hmget(key(base, 'state'), members)
        local gone = {}
        for i = 1, #members do
          if not (states[i] and string.sub(states[i], 1, 1) == 'A') then gone[#gone + 1] = members[i] end
        end
        if #gone > 0 then chunked('SREM', actKey, gone, 1) end
        active = #members - #gone
      end
      room = math.min(room, groupConcurrency - active)
    end
    local tokens
    if groupRate > 0 and room > 0 then
      tokens = math.max(1, groupRate) -- a full bucket: one second's worth, at least one task
      if bucket then
        local t, at = string.match(bucket, '^([^|]+)|(.+)$')
        tokens = math.min(tokens, tonumber(t) + math.max(0, now - tonumber(at)) * groupRate / 1000)
      end
      room = math.min(room, math.floor(tokens))
    end
    return math.max(0, room), tokens
  end

  -- After group g started the `taken` tasks: its rate bucket pays for them, its concurrency set holds them.
  local function groupTook(g, taken, tokens)
    if groupRate > 0 then
      local left = tokens - #taken
      local refillMs = math.ceil((math.max(1, groupRate) - left) * 1000 / groupRate) + 1
      redis.call('SET', key(base, 'gtk:' .. g), tostring(left) .. '|' .. sNow, 'PX', refillMs)
    end
    if groupConcurrency > 0 then chunked('SADD', key(base, 'gact:' .. g), taken, 1) end
  end

  local ids = {}
  local gq = tonumber(m[4]) or 0
  if handoff and #handoff > 0 then
    -- nothing waits but them: the first `max` by claim order (score, then id, as in the zset) are leased
    local function before(a, b)
      if a.score ~= b.score then return tonumber(a.score) < tonumber(b.score) end
      return a.id < b.id
    end
    for i = 2, #handoff do
      -- usually already in order (same priority, ids and ready times both by creation)
      if before(handoff[i], handoff[i - 1]) then
        table.sort(handoff, before)
        break
      end
    end
    local rest = {}
    for i = 1, #handoff do
      if i <= max then ids[i] = handoff[i].id else rest[#rest + 1] = handoff[i] end
    end
    placeQueued(base, rest)
  elseif gq <= 0 then
    -- ungrouped path
    ids = popFirst(key(base, 'wait'), max)
  else
    local ring, gsize = key(base, 'gring'), key(base, 'gsize')
    -- without limits every group in the ring can take a task: the next `max` are all this claim can serve
    local limited = groupConcurrency > 0 or groupRate > 0
    local names = redis.call('ZRANGE', ring, 0, math.min(max + (limited and GROUPS_LOOKED_AT or 0), CHUNK) - 1)
    local sizes = #names > 0 and redis.call('ZMSCORE', gsize, unpack(names)) or {}
    local buckets = {}
    if groupRate > 0 and #names > 0 then
      local keys = {}
      for i = 1, #names do keys[i] = key(base, 'gtk:' .. names[i]) end
      buckets = redis.call('MGET', unpack(keys))
    end
    -- members: ungrouped wait first (group false: one share in every claim, however many groups wait), then each
    -- group that may take something, in turn, until there are `max` members (the first pass of the share below gives
    -- each one task, so later groups could get nothing: they are not looked at and keep their turn)
    local members, stale = {}, {}
    local plain = redis.call('ZCARD', key(base, 'wait'))
    if plain > 0 then members[1] = { g = false, room = math.min(plain, max), take = 0 } end
    local looked = 0
    for i = 1, #names do
      if #members >= max then break end
      looked = i
      local backlog = tonumber(sizes[i]) or 0
      if backlog <= 0 then
        stale[#stale + 1] = names[i]
      else
        local room, tokens = groupRoom(names[i], math.min(backlog, max), buckets[i] or nil)
        if room > 0 then
          members[#members + 1] = { g = names[i], room = room, tokens = tokens, backlog = backlog, take = 0 }
        end
      end
    end
    -- share max one task at a time in turn
    local left, moved = max, true
    while left > 0 and moved do
      moved = false
      for _, member in ipairs(members) do
        if left > 0 and member.take < member.room then
          member.take = member.take + 1
          left = left - 1
          moved = true
        end
      end
    end
    local taken, sizeArgs, emptied = 0, {}, {}
    local keep = {} -- groups that could have taken some but `max` ran out first: they keep their turn
    for _, member in ipairs(members) do
      if member.g and member.take == 0 then keep[member.g] = true end
      if member.take > 0 then
        local setKey = member.g and key(base, 'gw:' .. member.g) or key(base, 'wait')
        local first = #ids
        append(ids, popFirst(setKey, member.take))
        if member.g then
          local got = #ids - first
          taken = taken + got
          if limited then groupTook(member.g, { unpack(ids, first + 1) }, member.tokens) end
          local rest = member.backlog - got
          if rest <= 0 then
            emptied[#emptied + 1] = member.g
            stale[#stale + 1] = member.g
            keep[member.g] = true -- it leaves the ring
          else
            sizeArgs[#sizeArgs + 1] = rest
            sizeArgs[#sizeArgs + 1] = member.g
          end
        end
      end
    end
    if #sizeArgs > 0 then redis.call('ZADD', gsize, unpack(sizeArgs)) end
    if #emptied > 0 then redis.call('ZREM', gsize, unpack(emptied)) end
    -- the groups served or held back by their limits go to the back of the ring, in the order they were looked at;
    -- emptied groups leave it
    local back = {}
    local turn = tonumber(m[6]) or 0
    for i = 1, looked do
      if not keep[names[i]] and sizes[i] and tonumber(sizes[i]) > 0 then
        turn = turn + 1
        back[#back + 1] = turn
        back[#back + 1] = names[i]
      end
    end
    if #back > 0 then redis.call('ZADD', ring, 'XX', unpack(back)) end
    if #stale > 0 then redis.call('ZREM', ring, unpack(stale)) end
    if taken > 0 or #back > 0 then redis.call('HSET', meta, 'gq', gq - taken, 'gt', turn) end
  end
  if rate > 0 then
    redis.call('HSET', meta, 'tk', tostring(tokens - #ids), 'tkt', sNow)
  end
  if #ids == 0 then return { promoted } end

  local deadline = int(now + leaseMs)
  local states, bodies = {}, {}
  for i = 1, #ids do
    local k = known[ids[i]]
    if not k then
      states, bodies = hmget(key(base, 'state'), ids), hmget(key(base, 'body'), ids)
      break
    end
    bodies[i], states[i] = k.body, k.state
  end
  local out = { promoted, deadline }
  local stateArgs, leaseArgs = {}, {}
  -- hot path: only the attempts are read; the suffix after the token is copied as it is
  local head = 'A|'
  local times = '|' .. sNow .. '|' .. sNow .. '||'
  for i = 1, #ids do
    local att, rest = string.match(states[i] or '', '^Q|(%d+)|[^|]*|[^|]*|[^|]*|[^|]*|(.*)$')
    if att then
      local text = head .. int(att + 1) .. times .. tokenPrefix .. int(i) .. '|' .. rest
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
end
