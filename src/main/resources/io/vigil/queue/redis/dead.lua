-- Dead tasks of a queue, oldest death first. KEYS[1]: queue base.  ARGV: limit.  Returns {id, body, state, result, ...}.
local base = KEYS[1]
local limit = tonumber(ARGV[1])
if limit <= 0 then return {} end
return pushTasks({}, base, redis.call('ZRANGE', key(base, 'dead'), 0, limit - 1), true)
