-- Tasks of a queue, newest first, optionally of one status, optionally only those answered degraded.
-- KEYS[1]: queue base.  ARGV: limit, status code ('' = any), degraded only ('1', else '' or absent).
-- Returns {id, body, state, result, ...}.
local base = KEYS[1]
local limit = tonumber(ARGV[1])
local status = ARGV[2]
local degradedOnly = ARGV[3] == '1'
local SMALL_SET = 10000 -- a status set this small is sorted whole instead of scanning every task
local PAGE = 500
local sets = { Q = 'wait', D = 'delay', R = 'retry', A = 'lease', C = 'done', N = 'done', X = 'dead' }
if limit <= 0 then return {} end
if degradedOnly then
  -- a degraded answer is a completed task whose result value carries the mark (TaskRecords.resultValue: U+0001 first)
  if status ~= '' and status ~= 'C' then return {} end
  status = 'C'
end

local found = {}
local stateKey = key(base, 'state')

-- Keeps the ids (already newest first) whose state has the wanted status, until the limit.
local function keep(ids)
  local states = hmget(stateKey, ids)
  local results = degradedOnly and hmget(key(base, 'res'), ids) or {}
  for i = 1, #ids do
    local s = parse(states[i])
    if s and (status == '' or s.st == status) and (not degradedOnly or string.byte(results[i] or '', 1) == 1) then
      found[#found + 1] = ids[i]
      if #found >= limit then return true end
    end
  end
  return false
end

local set = sets[status]
-- grouped queued tasks are not in wait: a queue with groups lists them by scanning
if status == 'Q' and redis.call('EXISTS', key(base, 'grp')) == 1 then set = nil end
if set and redis.call('ZCARD', key(base, set)) <= SMALL_SET then
  local ids = redis.call('ZRANGE', key(base, set), 0, -1)
  table.sort(ids, function(a, b) return a > b end)
  for i = 1, #ids, PAGE do
    local page = {}
    for j = i, math.min(i + PAGE - 1, #ids) do page[#page + 1] = ids[j] end
    if keep(page) then break end
  end
else
  local from = '+'
  while true do
    local page = redis.call('ZRANGE', key(base, 'ids'), from, '-', 'BYLEX', 'REV', 'LIMIT', 0, PAGE)
    if #page == 0 or keep(page) then break end
    from = '(' .. page[#page]
  end
end
return pushTasks({}, base, found, true)
