"""RedisSeenStore against a real redis-server: same answers as the SQLite store, atomic across workers."""

from __future__ import annotations

import threading
import time

import pytest

from crawler.redis_state import RedisSeenStore
from crawler.state import SeenEntry, SqliteSeenStore, open_store, simhash
from tests.redis_server import redis_server, redis_url  # noqa: F401  (pytest fixtures)

TEXT = "江苏省连云港市东海县今天举行了科技镇长大讲堂，邀请南京大学教授作专题报告。"
OTHER = "北京市政府发布新的交通管理规定，自下月起在五环路以内实行新的限行措施。"


def entry(
    url: str = "http://a.example/1.html",
    *,
    content_hash: str = "h1",
    revision: int = 1,
    story_id: str | None = "s1",
    text: str = TEXT,
    **kw: object,
) -> SeenEntry:
    fields: dict[str, object] = dict(
        url=url,
        content_hash=content_hash,
        etag=None,
        last_modified=None,
        first_seen="2026-11-26T00:00:00Z",
        last_seen="2026-11-26T00:00:00Z",
        revision=revision,
        story_id=story_id,
        simhash=simhash(text) if text else None,
    )
    fields.update(kw)
    return SeenEntry(**fields)  # type: ignore[arg-type]


@pytest.fixture()
def store(redis_url: str):  # noqa: F811
    with RedisSeenStore.from_url(redis_url) as s:
        yield s


def test_get_missing_is_none(store: RedisSeenStore) -> None:
    assert store.get("http://a.example/none.html") is None


def test_put_then_get_round_trips_every_field(store: RedisSeenStore) -> None:
    e = entry(etag='"abc"', last_modified="Wed, 25 Nov 2026 10:00:00 GMT")
    assert store.put(e) is True
    assert store.get(e.url) == e


def test_simhash_with_top_bit_set_round_trips(store: RedisSeenStore) -> None:
    e = entry(simhash=(1 << 63) | 12345)
    store.put(e)
    assert store.get(e.url) == e
    assert store.find_story((1 << 63) | 12345 ^ 0b101) == "s1"


def test_same_content_again_is_a_refresh_not_an_emit(store: RedisSeenStore) -> None:
    assert store.put(entry()) is True
    later = entry(last_seen="2026-11-27T00:00:00Z")
    assert store.put(later) is False
    assert store.get(later.url) == later


def test_new_revision_is_an_emit(store: RedisSeenStore) -> None:
    store.put(entry())
    assert store.put(entry(content_hash="h2", revision=2)) is True
    assert store.get("http://a.example/1.html").revision == 2  # type: ignore[union-attr]


def test_older_revision_never_overwrites(store: RedisSeenStore) -> None:
    store.put(entry(content_hash="h2", revision=2))
    assert store.put(entry(content_hash="h1", revision=1)) is False
    assert store.get("http://a.example/1.html").content_hash == "h2"  # type: ignore[union-attr]


def test_conflicting_content_under_a_stored_revision_is_refused(store: RedisSeenStore) -> None:
    store.put(entry(content_hash="h2", revision=2))
    assert store.put(entry(content_hash="h3", revision=2)) is False
    assert store.get("http://a.example/1.html").content_hash == "h2"  # type: ignore[union-attr]


def test_find_story_near_duplicate(store: RedisSeenStore) -> None:
    store.put(entry())
    assert store.find_story(simhash(TEXT + "。")) == "s1"
    assert store.find_story(simhash(OTHER)) is None
    assert store.find_story(0) is None


@pytest.mark.parametrize("flips", [0, 1, 2, 3])
def test_find_story_any_three_bits_across_bands(store: RedisSeenStore, flips: int) -> None:
    base = 0x0123_4567_89AB_CDEF
    store.put(entry(simhash=base))
    probe = base
    for band in range(flips):  # one flipped bit in each of `flips` bands
        probe ^= 1 << (16 * band + 3)
    assert store.find_story(probe) == "s1"


def test_find_story_beyond_distance(store: RedisSeenStore) -> None:
    base = 0x0123_4567_89AB_CDEF
    store.put(entry(simhash=base))
    probe = base ^ 0b1111  # 4 bits in one band: other bands still match, exact check refuses
    assert store.find_story(probe) is None
    assert store.find_story(probe, max_distance=4) == "s1"


def test_find_story_picks_nearest(store: RedisSeenStore) -> None:
    base = 0x0123_4567_89AB_CDEF
    store.put(entry("http://a.example/1.html", simhash=base ^ 0b11, story_id="far"))
    store.put(entry("http://a.example/2.html", simhash=base ^ 0b1, story_id="near"))
    assert store.find_story(base) == "near"


def test_same_answers_as_sqlite_store(store: RedisSeenStore) -> None:
    sqlite = SqliteSeenStore()
    entries = [
        entry(f"http://a.example/{i}.html", story_id=f"s{i}", text=t)
        for i, t in enumerate([TEXT, OTHER, "今天是个好日子，阳光明媚，适合出门散步。"])
    ]
    for e in entries:
        sqlite.put(e)
        store.put(e)
    for e in entries:
        assert store.get(e.url) == sqlite.get(e.url)
        assert store.find_story(e.simhash) == sqlite.find_story(e.simhash)  # type: ignore[arg-type]
    assert len(store) == len(sqlite) == 3
    sqlite.close()


def test_key_prefix_keeps_crawls_apart(redis_url: str) -> None:  # noqa: F811
    with RedisSeenStore.from_url(redis_url, prefix="a:") as a, RedisSeenStore.from_url(redis_url, prefix="b:") as b:
        a.put(entry())
        assert b.get("http://a.example/1.html") is None
        assert b.find_story(simhash(TEXT)) is None
        a.clear()
        assert a.get("http://a.example/1.html") is None and a.find_story(simhash(TEXT)) is None


def test_open_store_picks_redis(redis_url: str) -> None:  # noqa: F811
    store = open_store(None, redis_url=redis_url)
    assert isinstance(store, RedisSeenStore)
    store.close()


def test_concurrent_first_puts_emit_once(redis_url: str) -> None:  # noqa: F811
    """Eight clients race to store the same new revision: exactly one wins the emit."""
    stores = [RedisSeenStore.from_url(redis_url) for _ in range(8)]
    wins: list[bool] = []
    barrier = threading.Barrier(len(stores))

    def race(s: RedisSeenStore) -> None:
        barrier.wait()
        wins.append(s.put(entry(revision=1)))

    threads = [threading.Thread(target=race, args=(s,)) for s in stores]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(wins) == [False] * 7 + [True]
    for s in stores:
        s.close()


def test_near_duplicate_race_emits_one_story(redis_url: str) -> None:  # noqa: F811
    """Worker A found no story and is about to store it; worker B's lookup of a near text waits for A's put."""
    with RedisSeenStore.from_url(redis_url) as a, RedisSeenStore.from_url(redis_url) as b:
        sim = simhash(TEXT)
        assert a.find_story(sim) is None  # A reserves the story
        stored = threading.Timer(0.2, a.put, args=(entry(simhash=sim, story_id="story-a"),))
        stored.start()
        try:
            assert b.find_story(sim ^ 0b1) == "story-a"
        finally:
            stored.join()
        assert a.find_story(sim) == "story-a"


def test_reservation_of_a_vanished_worker_expires(redis_url: str, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: F811
    import crawler.redis_state as rs

    monkeypatch.setattr(rs, "RESERVATION_TTL", 0.3)
    a = RedisSeenStore.from_url(redis_url)
    b = RedisSeenStore.from_url(redis_url)
    sim = simhash(TEXT)
    assert a.find_story(sim) is None
    a.client.close()  # A dies without storing (its reservation stays behind)
    assert b.find_story(sim) is None  # waited for the reservation to expire, then reserved itself
    b.close()


def test_reservation_is_released_on_close(redis_url: str) -> None:  # noqa: F811
    a = RedisSeenStore.from_url(redis_url)
    sim = simhash(TEXT)
    assert a.find_story(sim) is None
    assert a.find_story(sim) is None  # the same store may look again
    a.close()
    with RedisSeenStore.from_url(redis_url) as b:
        started = time.monotonic()
        assert b.find_story(sim) is None
        assert time.monotonic() - started < 0.5
