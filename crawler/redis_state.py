"""The seen-store in Redis, shared by every worker of a distributed crawl.

Same semantics as the SQLite store in :mod:`crawler.state` (``get``, ``put``,
``find_story``, ``close``), laid out as:

``{prefix}seen``
    one hash, field = URL, value = the :class:`~crawler.state.SeenEntry` as JSON.
``{prefix}simhash:{band}:{value}``
    the near-duplicate index: the 64-bit simhash cut into 4 bands of 16 bits, one
    set per band value, members ``{simhash:016x}|{story_id}``. Two hashes within
    Hamming distance 3 share at least one band (pigeonhole), so a lookup reads 4
    small sets and checks the exact distance of each candidate.

Two workers may meet two near-duplicate texts (one story under two URLs) at the same
moment. So that only one of them emits the story, ``find_story`` is one Lua script that,
when it finds no story, *reserves* the simhash (a ``{simhash}|~{nonce}|{expiry}`` member in
the band sets) until this worker's ``put`` of that simhash replaces the reservation with the
real story. A worker whose lookup meets another worker's live reservation waits (a few
milliseconds, at most ``RESERVATION_TTL``) for that ``put`` and then answers with its story.

``put`` is one Lua script, so it is atomic across workers: it writes when the URL is
new or the revision goes up, refreshes an unchanged entry, and refuses a write that
would go back or that brings different content under a revision another worker
already stored. It returns True only for a new URL or a new revision: the worker
that gets True is the one that emits the article, so each revision is emitted by
exactly one worker.
"""

from __future__ import annotations

import dataclasses
import json
import logging
import os
import time
from typing import Any

from .state import BAND_BITS, BANDS, SeenEntry, hamming

logger = logging.getLogger(__name__)

DEFAULT_PREFIX = "zhnews:"
BAND_MASK = (1 << BAND_BITS) - 1
#: Largest distance the band index answers exactly (pigeonhole over 4 bands).
BANDED_DISTANCE = BANDS - 1

#: Seconds a near-duplicate reservation lives if its worker never stores the entry (died, dropped it).
RESERVATION_TTL = 5.0
RESERVATION_POLL = 0.01

#: KEYS = the 4 band sets of the probe. ARGV = probe high 32 bits, low 32 bits, max distance,
#: reservation name ('{simhash}|~{nonce}', '' = look only), reservation lifetime (ms; the server's clock).
#: Returns {1, story_id} (found), {2} (another worker holds a reservation nearby), {0, member} (reserved).
FIND_SCRIPT = r"""
local qhi, qlo, maxd = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local function pop32(x)
  local n = 0
  while x ~= 0 do x = bit.band(x, x - 1); n = n + 1 end
  return n
end
local own = ARGV[4] .. '|'
local best, bestd, pending = nil, nil, false
for i = 1, #KEYS do
  for _, m in ipairs(redis.call('SMEMBERS', KEYS[i])) do
    local hex, rest = string.match(m, '^(%x+)|(.*)$')
    if hex then
      local d = pop32(bit.bxor(tonumber(string.sub(hex, 1, 8), 16), qhi))
              + pop32(bit.bxor(tonumber(string.sub(hex, 9, 16), 16), qlo))
      if string.sub(rest, 1, 1) == '~' then
        local expiry = tonumber(string.match(rest, '|(%d+)$')) or 0
        if expiry < now or (ARGV[4] ~= '' and string.sub(m, 1, #own) == own) then
          redis.call('SREM', KEYS[i], m)
        elseif d <= maxd then
          pending = true
        end
      elseif d <= maxd and (bestd == nil or d < bestd or (d == bestd and rest < best)) then
        best, bestd = rest, d
      end
    end
  end
end
if best then return {1, best} end
if pending then return {2} end
if ARGV[4] == '' then return {0, ''} end
local member = own .. (now + tonumber(ARGV[5]))
for i = 1, #KEYS do redis.call('SADD', KEYS[i], member) end
return {0, member}
"""

#: KEYS[1] = seen hash, KEYS[2..] = band sets; ARGV = url, entry JSON, revision, content hash, band member,
#: reservation member to replace ('' = none).
#: Returns 1 (new URL or higher revision: the caller emits), 0 (same content refreshed), -1 (refused).
PUT_SCRIPT = r"""
local old = redis.call('HGET', KEYS[1], ARGV[1])
local rev = tonumber(ARGV[3])
local result = 1
if old then
  if ARGV[6] ~= '' then
    for i = 2, #KEYS do redis.call('SREM', KEYS[i], ARGV[6]) end
  end
  local prev = cjson.decode(old)
  local prev_rev = tonumber(prev['revision']) or 0
  if prev_rev > rev then
    return -1
  end
  if prev_rev == rev then
    if tostring(prev['content_hash']) ~= ARGV[4] then
      return -1
    end
    result = 0
  end
end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
local member = ARGV[5]
for i = 2, #KEYS do
  if ARGV[6] ~= '' then redis.call('SREM', KEYS[i], ARGV[6]) end
  if member ~= '' then redis.call('SADD', KEYS[i], member) end
end
return result
"""


def bands(simhash: int) -> list[int]:
    """The 4 16-bit bands of a 64-bit simhash, low band first.

    >>> [hex(b) for b in bands(0x1111222233334444)]
    ['0x4444', '0x3333', '0x2222', '0x1111']
    """
    return [(simhash >> (BAND_BITS * i)) & BAND_MASK for i in range(BANDS)]


def entry_to_json(entry: SeenEntry) -> str:
    return json.dumps(dataclasses.asdict(entry), ensure_ascii=False, sort_keys=True)


def entry_from_json(text: str | bytes) -> SeenEntry:
    data = json.loads(text)
    names = {f.name for f in dataclasses.fields(SeenEntry)}
    return SeenEntry(**{k: v for k, v in data.items() if k in names})


class RedisSeenStore:
    """A :class:`~crawler.state.SeenStore` in Redis; safe with many workers at once."""

    def __init__(self, client: Any, prefix: str = DEFAULT_PREFIX) -> None:
        self.client = client
        self.prefix = prefix
        self.seen_key = f"{prefix}seen"
        self._put = client.register_script(PUT_SCRIPT)
        self._find = client.register_script(FIND_SCRIPT)
        #: simhash -> the reservation member this store holds for it
        self._reserved: dict[int, str] = {}
        self._nonce = f"{os.getpid():x}.{time.time_ns():x}"

    @classmethod
    def from_url(cls, url: str, prefix: str = DEFAULT_PREFIX) -> RedisSeenStore:
        """Connect to ``redis://HOST:PORT/DB`` (fails early if the server does not answer)."""
        import redis

        client = redis.Redis.from_url(url, decode_responses=True, socket_connect_timeout=10, socket_timeout=30)
        client.ping()
        return cls(client, prefix)

    def band_key(self, band: int, value: int) -> str:
        return f"{self.prefix}simhash:{band}:{value:04x}"

    def get(self, url: str) -> SeenEntry | None:
        raw = self.client.hget(self.seen_key, url)
        return entry_from_json(raw) if raw is not None else None

    def put(self, entry: SeenEntry) -> bool:
        """Upsert by URL, atomically; True if the URL was new or its revision went up (emit it)."""
        band_keys: list[str] = []
        member = reservation = ""
        if entry.simhash is not None:
            sim = int(entry.simhash)
            band_keys = [self.band_key(i, v) for i, v in enumerate(bands(sim))]
            reservation = self._reserved.pop(sim, "")
            if entry.story_id:
                member = f"{sim:016x}|{entry.story_id}"
        result = self._put(
            keys=[self.seen_key, *band_keys],
            args=[
                entry.url,
                entry_to_json(entry),
                int(entry.revision or 0),
                str(entry.content_hash),
                member,
                reservation,
            ],
        )
        if int(result) < 0:
            logger.debug("seen-store kept the stored entry for %s (revision %s not newer)", entry.url, entry.revision)
        return int(result) == 1

    def find_story(self, simhash: int, max_distance: int = 3) -> str | None:
        """story_id of the nearest stored simhash within ``max_distance`` bits, or None.

        None also reserves the simhash for this store's next ``put`` of it (see the module doc).
        """
        simhash = int(simhash)
        if not simhash:
            return None
        if max_distance > BANDED_DISTANCE:
            return self._scan_story(simhash, max_distance)
        keys = [self.band_key(i, v) for i, v in enumerate(bands(simhash))]
        deadline = time.monotonic() + RESERVATION_TTL
        name = f"{simhash:016x}|~{self._nonce}"
        while True:
            found = self._find(
                keys=keys,
                args=[simhash >> 32, simhash & 0xFFFFFFFF, max_distance, name, int(RESERVATION_TTL * 1000)],
            )
            status = int(found[0])
            if status == 1:
                return str(found[1])
            if status == 0:
                self._reserved[simhash] = str(found[1])
                return None
            if time.monotonic() > deadline:  # pragma: no cover - the other worker vanished mid-put
                return None
            time.sleep(RESERVATION_POLL)

    def _scan_story(self, simhash: int, max_distance: int) -> str | None:
        """Beyond what the bands guarantee: look at every stored entry."""
        best: tuple[int, str] | None = None
        for _url, raw in self.client.hscan_iter(self.seen_key, count=1000):
            data = json.loads(raw)
            if data.get("simhash") is None or not data.get("story_id"):
                continue
            distance = hamming(simhash, int(data["simhash"]))
            if distance <= max_distance and (best is None or (distance, data["story_id"]) < best):
                best = (distance, str(data["story_id"]))
        return best[1] if best else None

    def __len__(self) -> int:
        return int(self.client.hlen(self.seen_key))

    def clear(self) -> None:
        """Delete every key under the prefix that this store wrote."""
        keys = [self.seen_key, *self.client.scan_iter(match=f"{self.prefix}simhash:*", count=1000)]
        for start in range(0, len(keys), 500):
            self.client.delete(*keys[start : start + 500])

    def close(self) -> None:
        """Give up reservations that were never stored, then disconnect."""
        for sim, member in self._reserved.items():
            for key in (self.band_key(i, v) for i, v in enumerate(bands(sim))):
                self.client.srem(key, member)
        self._reserved.clear()
        self.client.close()

    def __enter__(self) -> RedisSeenStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
