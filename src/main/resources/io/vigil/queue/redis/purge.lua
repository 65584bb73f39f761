-- Deletes up to `limit` of the queue's dead tasks, oldest death first; the caller repeats while it gets `limit`.
-- KEYS[1]: queue base.  ARGV: limit.  Returns how many were deleted.
local base = KEYS[1]
local deadKey = key(base, 'dead')
local ids = redis.call('ZRANGE', deadKey, 0, tonumber(ARGV[1]) - 1)
if #ids == 0 then return 0 end
chunked('ZREM', deadKey, ids, 1)
forget(base, ids)
return #ids
