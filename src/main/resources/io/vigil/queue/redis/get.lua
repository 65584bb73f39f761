-- One task as it is now. KEYS[1]: queue base.  ARGV: id.  Returns {id, body, state, result} or {}.
local base = KEYS[1]
if redis.call('HEXISTS', key(base, 'state'), ARGV[1]) == 0 then return {} end
return pushTasks({}, base, { ARGV[1] }, true)
