/**
 * The Lua the Redis stores share: reading a packed u32 as the 8-hex-digit spelling of keys, the
 * check-or-write of a prefix's layout hash, and the removal of a document (a hash `{prefix}:d:{id}`
 * listing, packed, the sets it belongs to, and its entry in the `{prefix}:ids` sorted set). Keys
 * are built by concatenation, not string.format('%s'), so prefixes with NUL bytes stay intact.
 */
import type { LuaScript } from './connection.js';

/** `hex(s, i)`: the i-th little-endian u32 of the string `s` as 8 lowercase hex digits. */
export const LUA_HEX = `
local function hex(s, i) return string.format('%08x', (struct.unpack('<I4', s, 4 * i + 1))) end
`;

/**
 * `checkLayout(key, fingerprint, field, value, …)`: writes the layout hash if it has no
 * fingerprint yet; returns the error reply `{'layout', stored}` if it holds another, else nil.
 */
export const LUA_CHECK_LAYOUT = `
local function checkLayout(key, fingerprint, ...)
  local fp = redis.call('HGET', key, 'fingerprint')
  if not fp then
    redis.call('HSET', key, 'fingerprint', fingerprint, ...)
    return nil
  end
  if fp ~= fingerprint then return {'layout', fp} end
  return nil
end
`;

/**
 * Opens a prefix. KEYS: layout. ARGV: n, then n field/value pairs written if the layout hash does
 * not exist, then the fields to read → their stored values (HMGET).
 */
export const OPEN_SCRIPT: LuaScript = {
  keys: 1,
  lua: `
local n = tonumber(ARGV[1])
if redis.call('EXISTS', KEYS[1]) == 0 then redis.call('HSET', KEYS[1], unpack(ARGV, 2, 1 + 2 * n)) end
return redis.call('HMGET', KEYS[1], unpack(ARGV, 2 + 2 * n))`,
};

/** The ARGV of OPEN_SCRIPT: the fields to write when new, then the fields to read back. */
export function openArgs(write: Readonly<Record<string, string | number>>, read: readonly string[]): (string | number)[] {
  const pairs = Object.entries(write);
  return [pairs.length, ...pairs.flat(), ...read];
}

/**
 * The `remove` and `expire` scripts of a store whose documents are hashes `{prefix}:d:{id}` whose
 * field `field` lists, as packed u32s, the sets the id was added to; `setKey` is a Lua expression
 * of `prefix`, `s` (that field) and `i` naming the i-th set. A set that is gone (saturated
 * postings) makes SREM a no-op.
 */
export function documentRemovalScripts(field: string, setKey: string, helpers = ''): { remove: LuaScript; expire: LuaScript } {
  const removeDoc = `${LUA_HEX}${helpers}
local function removeDoc(prefix, idsKey, id)
  local docKey = prefix .. ':d:' .. id
  local s = redis.call('HGET', docKey, '${field}')
  if not s then return 0 end
  for i = 0, #s / 4 - 1 do redis.call('SREM', ${setKey}, id) end
  redis.call('DEL', docKey)
  redis.call('ZREM', idsKey, id)
  return 1
end
`;
  return {
    /** KEYS: ids. ARGV: prefix, id → 1 if removed, 0 if unknown. */
    remove: { keys: 1, lua: `${removeDoc}return removeDoc(ARGV[1], KEYS[1], ARGV[2])` },
    /** KEYS: ids. ARGV: prefix, exclusive max score ('(123'), limit → how many were removed. */
    expire: {
      keys: 1,
      lua: `${removeDoc}
local ids = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[2], 'LIMIT', 0, tonumber(ARGV[3]))
for _, id in ipairs(ids) do removeDoc(ARGV[1], KEYS[1], id) end
return #ids`,
    },
  };
}
