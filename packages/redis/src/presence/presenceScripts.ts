import { RedisScript } from '../redisScript'

// A topic is a hash: field = ref, value = `<order>\n<JSON [key, meta]>`. `order` comes from a counter when
// a ref first joins and is kept by updates, so `list` returns members in the order they arrived. Each
// process keeps the set of `<topic>\n<ref>` it wrote, so that whoever finds its lease gone removes them.

/** Adds or replaces an entry. KEYS: topic hash, node's set, order counter. ARGV: ref, `<topic>\n<ref>`, JSON. */
export const SET_ENTRY = new RedisScript(`
local old = redis.call('HGET', KEYS[1], ARGV[1])
local order = old and string.match(old, '^(%d+)\\n')
if not order then order = redis.call('INCR', KEYS[3]) end
redis.call('HSET', KEYS[1], ARGV[1], order .. '\\n' .. ARGV[3])
redis.call('SADD', KEYS[2], ARGV[2])
return 1
`)

/** Removes an entry; returns its value when it was there. KEYS: topic hash, node's set. ARGV: ref, `<topic>\n<ref>`. */
export const DELETE_ENTRY = new RedisScript(`
local old = redis.call('HGET', KEYS[1], ARGV[1])
if old then redis.call('HDEL', KEYS[1], ARGV[1]) end
redis.call('SREM', KEYS[2], ARGV[2])
return old
`)

/**
 * Removes every entry of a process whose lease is gone (or, with force, of this process as it closes),
 * atomically, so that of several processes sweeping at once one removes each entry and reports it.
 * KEYS: node's set, nodes set, node's lease. ARGV: node id, topic hash prefix, force ('1' or '0').
 * Returns [topic, ref, value, topic, ref, value, …] for the entries it removed.
 */
export const REMOVE_NODE = new RedisScript(`
if ARGV[3] ~= '1' and redis.call('EXISTS', KEYS[3]) == 1 then return {} end
local removed = {}
for _, member in ipairs(redis.call('SMEMBERS', KEYS[1])) do
  local cut = string.find(member, '\\n[^\\n]*$')
  if cut then
    local topic = string.sub(member, 1, cut - 1)
    local ref = string.sub(member, cut + 1)
    local hash = ARGV[2] .. topic
    local old = redis.call('HGET', hash, ref)
    if old then
      redis.call('HDEL', hash, ref)
      removed[#removed + 1] = topic
      removed[#removed + 1] = ref
      removed[#removed + 1] = old
    end
  end
end
redis.call('DEL', KEYS[1])
redis.call('SREM', KEYS[2], ARGV[1])
if ARGV[3] == '1' then redis.call('DEL', KEYS[3]) end
return removed
`)
