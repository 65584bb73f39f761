-- Adds batches atomically, with idempotency keys checked first. One call carries one or more batches (groups):
-- concurrent enqueue calls are merged into one script call, and each group behaves exactly as if it had been
-- sent alone, after the groups before it: a conflict drops its whole group and nothing else.
-- KEYS: the base of each queue the groups touch (usually one).
-- ARGV: now, windowMs, gcMs, groupCount, the size of each group, then per task 8 values:
--   queue index (1-based into KEYS), id, idempotency key ('' = none), fingerprint, body, state, zset, score
--   (zset is 'wait' or 'delay', or 'wait:<group>' / 'delay:<group>' for a grouped task)
--   then the number of claims to make after placing them (0 or more; absent = 0), and per claim: its queue's index
--   (into KEYS), then the values of claimArgs (claiming.lua)
-- Returns {placed, claimed}: claimed holds claimTasks' answer per claim, in order; placed per group either
--   0, conflictCount, then per conflict: index in group, key, existing id          (nothing of it was added)
--   1, duplicateCount, then per duplicate: index in group, earlier (index of the original in the whole call,
--      or -1 when it was stored before: its id, body, state and result follow), id, body, state, result
local now = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
local gc = ARGV[3]
local groups = tonumber(ARGV[4])
local STRIDE = 8
local expires = int(now + window)
local total = 0
for g = 1, groups do total = total + tonumber(ARGV[4 + g]) end
local claimsAt = 5 + groups + total * STRIDE -- the number of claims, when there are any
local CLAIM_STRIDE = 1 + CLAIM_ARGS
-- per claimed queue, its new ungrouped ready tasks: not written as queued here but handed to the queue's claim,
-- which leases what it takes straight away and places the rest (claimTasks, `handoff`)
local handoffs = {}
for i = 1, tonumber(ARGV[claimsAt] or '0') do handoffs[tonumber(ARGV[claimsAt + 1 + (i - 1) * CLAIM_STRIDE])] = {} end

-- What a key remembers: the original task while the window is open and the task is still kept.
local function lookup(base, idemKey)
  local v = redis.call('GET', key(base, 'idem:' .. idemKey))
  if not v then return nil end
  local id, until_, fp = string.match(v, '^([^\n]*)\n([^\n]*)\n(.*)$')
  if not id or tonumber(until_) < now then return nil end
  if redis.call('HEXISTS', key(base, 'state'), id) == 0 then return nil end
  return { id = id, fp = fp, index = -1 }
end

-- One variadic write per key and queue for the whole call, however many tasks and groups.
local writes = {}
local function add(qi, name, a, b)
  local w = writes[qi]
  if not w then
    w = { body = {}, state = {}, wait = {}, delay = {}, ids = {}, grp = {}, groups = {} }
    writes[qi] = w
  end
  local list = w[name]
  list[#list + 1] = a
  list[#list + 1] = b
end

local added = {} -- keys placed by earlier groups of this call: their tasks are written at the end
local out = {}
local at = 4 + groups -- ARGV position before the first task
local first = 0 -- index in the whole call of the group's first task
for g = 1, groups do
  local n = tonumber(ARGV[4 + g])
  local conflicts, dups, isDup, seen = {}, {}, {}, {}
  for i = 0, n - 1 do
    local o = at + i * STRIDE
    local idemKey = ARGV[o + 3]
    if idemKey ~= '' then
      local qi = tonumber(ARGV[o + 1])
      local fp = ARGV[o + 4]
      local scoped = qi .. '\0' .. idemKey
      -- a key stored before (or by an earlier group) wins over an earlier use inside this group
      local known = seen[scoped]
      if not known then known = added[scoped] or lookup(KEYS[qi], idemKey) end
      if not known then
        seen[scoped] = { id = ARGV[o + 2], fp = fp, index = first + i }
      elseif known.fp == fp then
        dups[#dups + 1] = { i, known.index, known.id, qi }
        isDup[i] = true
      else
        append(conflicts, { i, idemKey, known.id })
      end
      if known and not seen[scoped] then seen[scoped] = known end
    end
  end

  if #conflicts > 0 then
    append(out, { 0, #conflicts / 3 })
    append(out, conflicts)
  else
    for i = 0, n - 1 do
      if not isDup[i] then
        local o = at + i * STRIDE
        local qi = tonumber(ARGV[o + 1])
        local id = ARGV[o + 2]
        add(qi, 'body', id, ARGV[o + 5])
        local zset = ARGV[o + 7]
        local handoff = handoffs[qi]
        if zset == 'wait' and handoff then
          -- ready and ungrouped, on a queue this call claims: the claim leases it straight away or places it
          handoff[#handoff + 1] = { score = ARGV[o + 8], id = id, body = ARGV[o + 5], state = ARGV[o + 6] }
        elseif zset == 'wait' or zset == 'delay' then
          add(qi, 'state', id, ARGV[o + 6])
          add(qi, zset, ARGV[o + 8], id)
        else
          local set, g = string.match(zset, '^(%a+):(.+)$')
          add(qi, 'state', id, ARGV[o + 6])
          add(qi, 'grp', id, g)
          if set == 'wait' then
            local list = writes[qi].groups[g] or {}
            writes[qi].groups[g] = list
            append(list, { ARGV[o + 8], id })
          else
            add(qi, set, ARGV[o + 8], id)
          end
        end
        add(qi, 'ids', '0', id) -- a string: a Lua number would be formatted by Redis for every task
        local idemKey = ARGV[o + 3]
        if idemKey ~= '' then
          added[qi .. '\0' .. idemKey] = { id = id, fp = ARGV[o + 4], index = first + i }
          redis.call('SET', key(KEYS[qi], 'idem:' .. idemKey), id .. '\n' .. expires .. '\n' .. ARGV[o + 4], 'PX', gc)
        end
      end
    end
    append(out, { 1, #dups })
    for _, d in ipairs(dups) do
      append(out, { d[1], d[2] })
      if d[2] >= 0 then
        append(out, { d[3], false, false, false })
      else
        pushTasks(out, KEYS[d[4]], { d[3] }, true)
      end
    end
  end
  at = at + n * STRIDE
  first = first + n
end

for qi, w in pairs(writes) do
  local base = KEYS[qi]
  for _, name in ipairs({ 'body', 'state', 'grp' }) do
    if #w[name] > 0 then chunked('HSET', key(base, name), w[name], 2) end
  end
  for _, name in ipairs({ 'wait', 'delay', 'ids' }) do
    if #w[name] > 0 then chunked('ZADD', key(base, name), w[name], 2) end
  end
  if #w.delay > 0 then redis.call('HDEL', key(base, 'meta'), 'nd') end -- the claim looks at delay again
  groupAdd(base, w.groups)
end
local claimed = {}
for i = 1, tonumber(ARGV[claimsAt] or '0') do
  local at = claimsAt + 1 + (i - 1) * CLAIM_STRIDE
  local qi = tonumber(ARGV[at])
  local c = claimArgs(at + 1)
  c.handoff = handoffs[qi]
  handoffs[qi] = nil -- a second claim of the same queue finds them placed
  claimed[i] = claimTasks(KEYS[qi], now, c)
end
return { out, claimed }
