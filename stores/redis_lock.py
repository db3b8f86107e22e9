"""Rasa's Redis lock store, with every change to a lock made atomically in Redis.

Rasa 3.6's ``RedisLockStore`` changes a lock in Python: GET the lock, change
it, SET it back. Two servers handling messages for the same conversation at
the same instant can both read the same lock, both take ticket 0 (or one
overwrites the other's ticket), and then both handle a message at once: a
turn is lost (RasaHQ/rasa#9213, fixed only in Rasa Pro). Here each change
(issue a ticket, drop expired tickets, remove a ticket and delete the lock
if nobody waits) is one Lua script: Redis runs a script with nothing else in
between, on every server.

A drop-in for Rasa's store: the same constructor arguments, the same key
(``lock:<conversation id>``, with ``key_prefix`` as Rasa's), the same JSON
value byte for byte, the same ticket lifetime (``TICKET_LOCK_LIFETIME``, 60 s)
with expiry by each server's clock. Reading a lock, and waiting for one, is
Rasa's code. Two additions: a new ticket's number follows the last ticket
still recorded in the lock, expired or not (Rasa's follows the last live one);
this narrows, but does not close, the case of a server that overran the 60 s
ticket lifetime and, on finishing, removes a newer ticket with the same
number once the lock was emptied and recreated in between; and the key expires in Redis one second after its last
ticket, so a lock left by a crashed server does not stay in Redis forever.

Configure it in the endpoints file with the arguments of Rasa's ``redis``
lock store::

    lock_store:
      type: stores.redis_lock.AtomicRedisLockStore
      url: localhost
      port: 6379
      db: 1
"""

from __future__ import annotations

import json
import logging
import time
from typing import Any, List, Optional, Text

from rasa.core.lock_store import LOCK_LIFETIME, LockError, RedisLockStore
from rasa.utils.endpoints import EndpointConfig

logger = logging.getLogger(__name__)

# How long (ms) a lock key outlives its last ticket in Redis: only a garbage collector for locks left behind.
KEY_GRACE_MS = 1000

# Shared by the scripts. KEYS[1] is the lock key; ARGV[1] the caller's time (s), ARGV[2] the conversation
# id as JSON, ARGV[3] KEY_GRACE_MS. The value is what rasa.core.lock.TicketLock.dumps() writes:
# {"conversation_id": "...", "tickets": ["{\"number\": 0, \"expires\": 1700000000.5}", ...]}, each ticket
# itself a JSON string. Ticket strings are kept verbatim; the value is rebuilt exactly as Python's json.dumps.
_LUA_COMMON = """
local key, now, conversation_json, grace_ms = KEYS[1], tonumber(ARGV[1]), ARGV[2], tonumber(ARGV[3])

-- live tickets in order as {number, expires, raw}; the number of the last ticket, expired or not (-1: none);
-- whether the lock exists
local function load()
  local value = redis.call('GET', key)
  local live, last = {}, -1
  if not value then
    return live, last, false
  end
  local tickets = cjson.decode(value)['tickets']
  if type(tickets) ~= 'table' then
    tickets = {}
  end
  for _, raw in ipairs(tickets) do
    local ticket = cjson.decode(raw)
    last = ticket['number']
    if ticket['expires'] >= now then  -- rasa.core.lock.Ticket.has_expired: now > expires
      live[#live + 1] = {number = ticket['number'], expires = ticket['expires'], raw = raw}
    end
  end
  return live, last, true
end

local function save(live)
  local parts, latest = {}, now
  for i, ticket in ipairs(live) do
    parts[i] = cjson.encode(ticket.raw)
    if ticket.expires > latest then
      latest = ticket.expires
    end
  end
  local value = '{"conversation_id": ' .. conversation_json .. ', "tickets": [' .. table.concat(parts, ', ') .. ']}'
  redis.call('SET', key, value, 'PX', math.ceil((latest - now) * 1000) + grace_ms)
end
"""

# ARGV[4]: the new ticket's expiry time as JSON. Returns the new ticket's number.
_ISSUE_TICKET = _LUA_COMMON + """
local live, last = load()
local number = last + 1
local expires_json = ARGV[4]
live[#live + 1] = {
  number = number,
  expires = tonumber(expires_json),
  raw = '{"number": ' .. string.format('%d', number) .. ', "expires": ' .. expires_json .. '}',
}
save(live)
return number
"""

# ARGV[4]: the ticket number to remove, ARGV[5]: '1' to delete the lock if no live ticket is left.
# Returns the number of live tickets left (0 also when the lock was deleted), -1 if there was no lock.
_REMOVE_TICKET = _LUA_COMMON + """
local live, _, exists = load()
if not exists then
  return -1
end
local number, kept = tonumber(ARGV[4]), {}
for _, ticket in ipairs(live) do
  if ticket.number ~= number then
    kept[#kept + 1] = ticket
  end
end
if #kept == 0 and ARGV[5] == '1' then
  redis.call('DEL', key)
else
  save(kept)
end
return #kept
"""

# Drops expired tickets. Returns the number of live tickets, -1 if there was no lock.
_REMOVE_EXPIRED = _LUA_COMMON + """
local live, _, exists = load()
if not exists then
  return -1
end
save(live)
return #live
"""


class AtomicRedisLockStore(RedisLockStore):
    """``RedisLockStore`` whose ticket changes are atomic Lua scripts: safe for several Rasa servers."""

    def __init__(self, endpoint_config: Optional[EndpointConfig] = None, **kwargs: Any) -> None:
        """Connect to Redis with the arguments of Rasa's ``RedisLockStore``.

        Rasa creates a custom lock store as ``AtomicRedisLockStore(endpoint_config=...)``: the endpoint's
        ``url`` is the host and its other keys (``port``, ``db``, ``password``, ``key_prefix``, ...) are
        passed on, as for ``type: redis``.
        """
        if endpoint_config is not None:
            kwargs = {"host": endpoint_config.url or "localhost", **endpoint_config.kwargs, **kwargs}
        super().__init__(**kwargs)
        self._issue_ticket = self.red.register_script(_ISSUE_TICKET)
        self._remove_ticket = self.red.register_script(_REMOVE_TICKET)
        self._remove_expired = self.red.register_script(_REMOVE_EXPIRED)

    def _arguments(self, conversation_id: Text, now: float) -> List[Any]:
        """ARGV[1:3] of every script: the time now, the conversation id as JSON, the key's grace time."""
        return [repr(now), json.dumps(conversation_id), KEY_GRACE_MS]

    def issue_ticket(self, conversation_id: Text, lock_lifetime: float = LOCK_LIFETIME) -> int:
        """Add a ticket valid for ``lock_lifetime`` seconds to the lock, creating it if needed; return its number."""
        logger.debug(f"Issuing ticket for conversation '{conversation_id}'.")
        now = time.time()
        expires = json.dumps(now + float(lock_lifetime))  # as Rasa's Ticket.dumps() writes it
        try:
            number = self._issue_ticket(keys=[self.key_prefix + conversation_id],
                                        args=[*self._arguments(conversation_id, now), expires])
        except Exception as error:
            raise LockError(f"Error while acquiring lock. Error:\n{error}") from error
        return int(number)

    def update_lock(self, conversation_id: Text) -> None:
        """Remove the expired tickets of the lock, if it exists."""
        self._remove_expired(keys=[self.key_prefix + conversation_id], args=self._arguments(conversation_id, time.time()))

    def finish_serving(self, conversation_id: Text, ticket_number: int) -> None:
        """Remove ticket ``ticket_number`` (and expired ones) from the lock, if it exists; keep the lock."""
        self._remove_ticket(keys=[self.key_prefix + conversation_id],
                            args=[*self._arguments(conversation_id, time.time()), int(ticket_number), 0])

    def cleanup(self, conversation_id: Text, ticket_number: int) -> None:
        """Remove ticket ``ticket_number``, and delete the lock if no one else holds a live ticket: in one step."""
        left = self._remove_ticket(keys=[self.key_prefix + conversation_id],
                                   args=[*self._arguments(conversation_id, time.time()), int(ticket_number), 1])
        if left == 0:
            self._log_deletion(conversation_id, deletion_successful=True)
