"""The shared frontier's Redis scripts on a real redis-server: leases, requeue of dead workers, runs, politeness."""

from __future__ import annotations

import time

import pytest
import redis

from crawler.redis_scrapy import (
    DOMAIN_SLOT_SCRIPT,
    DROP_LEASES_SCRIPT,
    ENQUEUE_SCRIPT,
    HEARTBEAT_SCRIPT,
    NEW_RUN_SCRIPT,
    POP_SCRIPT,
    REQUEUE_SCRIPT,
    Keys,
    per_worker_uri,
)
from tests.redis_server import redis_server, redis_url  # noqa: F401  (pytest fixtures)

K = Keys("zhnews:", "news")


@pytest.fixture()
def r(redis_url: str):  # noqa: F811
    client = redis.Redis.from_url(redis_url)
    yield client
    client.close()


def enqueue(r: redis.Redis, data: bytes, fingerprint: str = "", priority: int = 0, lease: str = "") -> int:
    return int(
        r.register_script(ENQUEUE_SCRIPT)(
            keys=[K.dupefilter, K.queue, K.inflight], args=[fingerprint, -priority, data, lease]
        )
    )


def pop(r: redis.Redis, worker: str, nonce: str = "n") -> tuple[bytes, str] | None:
    found = r.register_script(POP_SCRIPT)(keys=[K.queue, K.inflight], args=[worker, nonce])
    return (found[0], found[1].decode()) if found else None


def test_enqueue_filters_seen_fingerprints_atomically(r: redis.Redis) -> None:
    assert enqueue(r, b"req-a", "fp-a") == 1
    assert enqueue(r, b"req-a-again", "fp-a") == 0
    assert enqueue(r, b"list-page", "") == 1  # dont_filter: always queued
    assert r.zcard(K.queue) == 2 and r.scard(K.dupefilter) == 1


def test_pop_takes_highest_priority_and_leases_it(r: redis.Redis) -> None:
    enqueue(r, b"article", "fa", priority=0)
    enqueue(r, b"seed", "fs", priority=100)
    data, lease = pop(r, "w1")  # type: ignore[misc]
    assert data == b"seed"
    assert lease.startswith("w1|-100|")
    assert r.hget(K.inflight, lease) == b"seed"
    assert r.zcard(K.queue) == 1


def test_requeued_request_releases_its_old_lease(r: redis.Redis) -> None:
    enqueue(r, b"page", "fp")
    _data, lease = pop(r, "w1")  # type: ignore[misc]
    assert enqueue(r, b"page-retry", "", lease=lease) == 1  # a retry goes back through the scheduler
    assert r.hlen(K.inflight) == 0 and r.zcard(K.queue) == 1


def test_dead_workers_leases_go_back_to_the_queue(r: redis.Redis) -> None:
    beat = r.register_script(HEARTBEAT_SCRIPT)
    requeue = r.register_script(REQUEUE_SCRIPT)
    beat(keys=[K.workers], args=["dead", 100])
    beat(keys=[K.workers], args=["alive", 60000])
    for i, prio in enumerate((5, 4)):
        enqueue(r, f"d{i}".encode(), f"fd{i}", priority=prio)
    enqueue(r, b"a0", "fa0")
    pop(r, "dead", "1")
    pop(r, "dead", "2")
    pop(r, "alive", "3")
    assert r.zcard(K.queue) == 0
    assert int(requeue(keys=[K.workers, K.inflight, K.queue], args=[""])) == 0  # nobody expired yet
    time.sleep(0.15)
    assert int(requeue(keys=[K.workers, K.inflight, K.queue], args=[""])) == 2
    assert r.zrange(K.queue, 0, -1, withscores=True) == [(b"d0", -5.0), (b"d1", -4.0)]  # priorities kept
    assert r.hlen(K.inflight) == 1  # the live worker's lease stays
    assert r.zrange(K.workers, 0, -1) == [b"alive"]


def test_worker_hands_back_its_own_leases_on_shutdown(r: redis.Redis) -> None:
    enqueue(r, b"x", "fx")
    enqueue(r, b"y", "fy")
    pop(r, "w1", "1")
    pop(r, "w2", "2")
    requeue = r.register_script(REQUEUE_SCRIPT)
    assert int(requeue(keys=[K.workers, K.inflight, K.queue], args=["w1"])) == 1
    assert r.zcard(K.queue) == 1 and r.hlen(K.inflight) == 1


def test_idle_worker_drops_only_its_own_leases(r: redis.Redis) -> None:
    enqueue(r, b"x", "fx")
    enqueue(r, b"y", "fy")
    pop(r, "w1", "1")
    pop(r, "w10", "2")  # a name that starts like the other one
    drop = r.register_script(DROP_LEASES_SCRIPT)
    assert int(drop(keys=[K.inflight], args=["w1"])) == 1
    assert [k.decode().split("|")[0] for k in r.hkeys(K.inflight)] == ["w10"]


def test_new_run_clears_dedup_only_when_frontier_is_empty(r: redis.Redis) -> None:
    new_run = r.register_script(NEW_RUN_SCRIPT)
    enqueue(r, b"x", "fx")
    assert int(new_run(keys=[K.queue, K.inflight, K.dupefilter])) == -1  # queued work: same run
    pop(r, "w1")
    assert int(new_run(keys=[K.queue, K.inflight, K.dupefilter])) == -1  # leased work: same run
    r.delete(K.inflight)
    assert int(new_run(keys=[K.queue, K.inflight, K.dupefilter])) == 1
    assert r.scard(K.dupefilter) == 0
    assert enqueue(r, b"x", "fx") == 1  # the list page is fetched again in the new run


def test_domain_slot_spaces_requests_across_workers(r: redis.Redis) -> None:
    slot = r.register_script(DOMAIN_SLOT_SCRIPT)
    assert int(slot(keys=["zhnews:polite:a.example"], args=[300])) == 0
    wait = int(slot(keys=["zhnews:polite:a.example"], args=[300]))
    assert 0 < wait <= 300
    assert int(slot(keys=["zhnews:polite:b.example"], args=[300])) == 0  # per host
    time.sleep(wait / 1000 + 0.02)
    assert int(slot(keys=["zhnews:polite:a.example"], args=[300])) == 0


@pytest.mark.parametrize(
    ("uri", "expected"),
    [
        ("out/news.jsonl", "out/news.w1.jsonl"),
        ("file:///data/news.jsonl", "file:///data/news.w1.jsonl"),
        ("stdout:", "stdout:"),
        ("s3://bucket/news.jsonl", "s3://bucket/news.jsonl"),
        ("out/{worker}.jsonl", "out/w1.jsonl"),
    ],
)
def test_per_worker_feed_uri(uri: str, expected: str) -> None:
    assert per_worker_uri(uri, "w1") == expected
