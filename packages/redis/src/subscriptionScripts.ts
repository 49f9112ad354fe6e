import { RedisScript } from './redisScript'

// Shared Lua: the history's epoch (created on first use, so a Redis that lost its data starts a new one),
// the server's clock in ms, and a stream's last generated id as ms and n (it survives trimming).
const PRELUDE = `
local epoch = redis.call('GET', KEYS[2])
if not epoch then
  redis.call('SET', KEYS[2], ARGV[1])
  epoch = ARGV[1]
end
local function lastId(key)
  if redis.call('EXISTS', key) == 0 then return 0, 0 end
  local info = redis.call('XINFO', 'STREAM', key)
  for i = 1, #info, 2 do
    if info[i] == 'last-generated-id' then
      local id = info[i + 1]
      local dash = string.find(id, '-', 1, true)
      return tonumber(string.sub(id, 1, dash - 1)), tonumber(string.sub(id, dash + 1))
    end
  end
  return 0, 0
end
local function now()
  local time = redis.call('TIME')
  return tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
end
`

/**
 * Appends an item. Ids are `<ms>-<n>`: `ms` the server's clock (never going back within a stream), `n` the
 * item's number in its stream (1, 2, 3 …), so ids grow, MINID trims by age and gaps can be counted.
 * KEYS: stream, epoch[, adapter stream]. ARGV: candidate epoch, item field, item value, count, age ('' for
 * none)[, adapter maxLen, uid, nsp, data before the cursor, data after it]: with the adapter's stream, the
 * item's broadcast is written there in the same step, its cursor spliced into the data.
 * Returns `{ epoch, id }`. @internal
 */
export const APPEND = new RedisScript(`${PRELUDE}
local lastMs, lastN = lastId(KEYS[1])
local at = now()
local id = string.format('%.0f-%.0f', math.max(at, lastMs), lastN + 1)
redis.call('XADD', KEYS[1], 'MAXLEN', '=', ARGV[4], id, 'a', ARGV[5], ARGV[2], ARGV[3])
if ARGV[5] ~= '' then
  redis.call('XTRIM', KEYS[1], 'MINID', string.format('%.0f', at - tonumber(ARGV[5])))
end
if KEYS[3] then
  redis.call('XADD', KEYS[3], 'MAXLEN', '~', ARGV[6], '*', 'uid', ARGV[7], 'nsp', ARGV[8], 'type', '3',
    'data', ARGV[9] .. epoch .. ':' .. id .. ARGV[10])
end
return {epoch, id}
`)

/**
 * Reads after an id (or from the oldest item kept), first dropping items older than the age retention the
 * newest item was appended with. KEYS: stream, epoch. ARGV: candidate epoch, the cursor's epoch, the
 * cursor's id ('' for none), the most entries to return. Reads from the start when the cursor's epoch is
 * not the history's. Returns `{ epoch, lastId, firstId or false, entries }`. @internal
 */
export const READ = new RedisScript(`${PRELUDE}
if redis.call('EXISTS', KEYS[1]) == 0 then return {epoch, '0-0', false, {}} end
local newest = redis.call('XREVRANGE', KEYS[1], '+', '-', 'COUNT', 1)
if newest[1] then
  local fields = newest[1][2]
  for i = 1, #fields, 2 do
    if fields[i] == 'a' and fields[i + 1] ~= '' then
      redis.call('XTRIM', KEYS[1], 'MINID', string.format('%.0f', now() - tonumber(fields[i + 1])))
    end
  end
end
local lastMs, lastN = lastId(KEYS[1])
local first = redis.call('XRANGE', KEYS[1], '-', '+', 'COUNT', 1)
local firstId = false
if first[1] then firstId = first[1][1] end
local from = '-'
if ARGV[3] ~= '' and ARGV[2] == epoch then from = '(' .. ARGV[3] end
local entries = redis.call('XRANGE', KEYS[1], from, '+', 'COUNT', tonumber(ARGV[4]))
return {epoch, string.format('%.0f-%.0f', lastMs, lastN), firstId, entries}
`)

/** The history's epoch and a stream's last id. KEYS: stream, epoch. ARGV: candidate epoch. @internal */
export const HEAD = new RedisScript(`${PRELUDE}
local lastMs, lastN = lastId(KEYS[1])
return {epoch, string.format('%.0f-%.0f', lastMs, lastN)}
`)
