"""The seen-store: what earlier crawl runs fetched, so that a scheduled run fetches only what is new.

One :class:`SeenEntry` per article URL: its content hash, the validators the server
sent (ETag, Last-Modified), when it was first and last seen, its revision, the
story it belongs to and the 64-bit :func:`simhash` of its text (near-duplicate
texts under two URLs share a ``story_id``).

:class:`SqliteSeenStore` keeps the entries in one SQLite file under the ``--state``
directory (no server needed; ``:memory:`` when no state directory is given).
``crawler.redis_state.RedisSeenStore`` implements the same :class:`SeenStore`
protocol on Redis for several workers; :func:`open_store` picks one.

>>> store = open_store(None)
>>> text = "江苏省连云港市东海县今天举行了科技镇长大讲堂"
>>> store.put(SeenEntry("http://a.example/1.html", "h1", None, None, "t0", "t0", 1, "s1", simhash(text)))
>>> store.get("http://a.example/1.html").revision
1
>>> store.find_story(simhash("江苏省连云港市东海县今天举行了科技镇长大讲堂。"))
's1'
>>> store.close()
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

logger = logging.getLogger(__name__)

#: File name of the SQLite store inside the ``--state`` directory.
STATE_FILE = "seen.sqlite3"
#: Characters that take part in the text shingles (CJK ideographs, letters, digits).
SHINGLE_CHARS_RE = re.compile(r"[\u3400-\u9fff\uf900-\ufaffA-Za-z0-9]+")
SHINGLE = 3
BITS = 64
MASK = (1 << BITS) - 1
#: Four 16-bit bands: two hashes within distance 3 agree on at least one band (pigeonhole).
BANDS = 4
BAND_BITS = BITS // BANDS


@dataclass(frozen=True, slots=True)
class SeenEntry:
    """One article URL as the store remembers it."""

    url: str
    content_hash: str | None
    etag: str | None
    last_modified: str | None
    first_seen: str
    last_seen: str
    revision: int
    story_id: str | None
    simhash: int | None


class SeenStore(Protocol):
    """What the crawler needs from a seen-store (SQLite here, Redis in ``crawler.redis_state``)."""

    def get(self, url: str) -> SeenEntry | None: ...

    def put(self, entry: SeenEntry) -> None:
        """Insert or replace the entry for ``entry.url``."""

    def find_story(self, simhash: int, max_distance: int = 3) -> str | None:
        """The ``story_id`` of a stored entry whose simhash is within ``max_distance`` bits."""

    def close(self) -> None: ...


def _shingles(text: str) -> list[str]:
    compact = "".join(SHINGLE_CHARS_RE.findall(text.lower()))
    if len(compact) <= SHINGLE:
        return [compact] if compact else []
    return [compact[i : i + SHINGLE] for i in range(len(compact) - SHINGLE + 1)]


def simhash(text: str) -> int:
    """A 64-bit simhash of ``text`` over character 3-shingles (punctuation and spaces ignored).

    >>> simhash("连云港市东海县举行科技镇长大讲堂") == simhash("连云港市，东海县 举行科技镇长大讲堂！")
    True
    >>> hamming(simhash("今天连云港下雨了，明天放晴"), simhash("北京市政府发布新的交通管理规定")) > 3
    True
    >>> simhash("")
    0
    """
    shingles = _shingles(text)
    if not shingles:
        return 0
    hashes = [int.from_bytes(hashlib.blake2b(s.encode("utf-8"), digest_size=8).digest(), "big") for s in shingles]
    try:
        import numpy as np
    except ImportError:  # pragma: no cover - numpy ships with the model runtime
        counts = [sum(1 if (h >> b) & 1 else -1 for h in hashes) for b in range(BITS)]
    else:
        arr = np.array(hashes, dtype=np.uint64)
        ones = ((arr[:, None] >> np.arange(BITS, dtype=np.uint64)) & np.uint64(1)).sum(axis=0)
        counts = [2 * int(n) - len(hashes) for n in ones]
    return sum(1 << b for b, c in enumerate(counts) if c > 0)


def hamming(a: int, b: int) -> int:
    """Number of differing bits between two 64-bit hashes."""
    return ((a ^ b) & MASK).bit_count()


def _signed(value: int) -> int:
    """A 64-bit unsigned hash as SQLite's signed INTEGER."""
    return value - (1 << BITS) if value >= 1 << (BITS - 1) else value


def _bands(value: int) -> list[int]:
    return [(value >> (i * BAND_BITS)) & ((1 << BAND_BITS) - 1) for i in range(BANDS)]


SCHEMA = """
CREATE TABLE IF NOT EXISTS seen (
    url TEXT PRIMARY KEY,
    content_hash TEXT,
    etag TEXT,
    last_modified TEXT,
    first_seen TEXT NOT NULL,
    last_seen TEXT NOT NULL,
    revision INTEGER NOT NULL,
    story_id TEXT,
    simhash INTEGER,
    b0 INTEGER, b1 INTEGER, b2 INTEGER, b3 INTEGER
);
CREATE INDEX IF NOT EXISTS seen_b0 ON seen (b0);
CREATE INDEX IF NOT EXISTS seen_b1 ON seen (b1);
CREATE INDEX IF NOT EXISTS seen_b2 ON seen (b2);
CREATE INDEX IF NOT EXISTS seen_b3 ON seen (b3);
"""


class SqliteSeenStore:
    """A :class:`SeenStore` in one SQLite file (or ``:memory:``); every ``put`` is committed at once.

    One process at a time: the crawl commands guard scheduled runs with ``flock``.
    """

    def __init__(self, path: str | os.PathLike[str] = ":memory:") -> None:
        self.path = str(path)
        self._db = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
        if self.path != ":memory:":
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.executescript(SCHEMA)

    @classmethod
    def in_dir(cls, state_dir: str | os.PathLike[str]) -> SqliteSeenStore:
        """The store of a ``--state`` directory, created if missing."""
        directory = Path(state_dir)
        directory.mkdir(parents=True, exist_ok=True)
        return cls(directory / STATE_FILE)

    def get(self, url: str) -> SeenEntry | None:
        row = self._db.execute(
            "SELECT url, content_hash, etag, last_modified, first_seen, last_seen, revision, story_id, simhash"
            " FROM seen WHERE url = ?",
            (url,),
        ).fetchone()
        if row is None:
            return None
        sim = row[8]
        url, content_hash, etag, last_modified, first_seen, last_seen, revision, story_id = row[:8]
        return SeenEntry(
            url,
            content_hash,
            etag,
            last_modified,
            first_seen,
            last_seen,
            revision,
            story_id,
            None if sim is None else sim & MASK,
        )

    def put(self, entry: SeenEntry) -> None:
        bands = _bands(entry.simhash) if entry.simhash is not None else [None] * BANDS
        self._db.execute(
            "INSERT OR REPLACE INTO seen VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                entry.url,
                entry.content_hash,
                entry.etag,
                entry.last_modified,
                entry.first_seen,
                entry.last_seen,
                entry.revision,
                entry.story_id,
                None if entry.simhash is None else _signed(entry.simhash),
                *bands,
            ),
        )

    def find_story(self, simhash: int, max_distance: int = 3) -> str | None:
        if not simhash:
            return None
        if max_distance < BANDS:
            where = " OR ".join(f"b{i} = ?" for i in range(BANDS))
            rows = self._db.execute(
                f"SELECT simhash, story_id FROM seen WHERE story_id IS NOT NULL AND ({where})", _bands(simhash)
            )
        else:  # bands no longer guarantee a hit: scan
            rows = self._db.execute("SELECT simhash, story_id FROM seen WHERE story_id IS NOT NULL")
        best: tuple[int, str] | None = None
        for sim, story in rows:
            if sim is None:
                continue
            dist = hamming(sim & MASK, simhash)
            if dist <= max_distance and (best is None or dist < best[0]):
                best = (dist, story)
        return best[1] if best else None

    def __len__(self) -> int:
        return int(self._db.execute("SELECT COUNT(*) FROM seen").fetchone()[0])

    def close(self) -> None:
        self._db.close()


def open_store(state: str | None, redis_url: str | None = None, prefix: str | None = None) -> SeenStore:
    """The seen-store to use: Redis when ``redis_url`` is given (keys under ``prefix``, default
    ``zhnews:``), else SQLite under ``state`` (memory if None)."""
    if redis_url:
        from crawler.redis_state import DEFAULT_PREFIX, RedisSeenStore

        return RedisSeenStore.from_url(redis_url, prefix or DEFAULT_PREFIX)  # type: ignore[no-any-return,return-value]
    if state:
        return SqliteSeenStore.in_dir(state)
    return SqliteSeenStore()
