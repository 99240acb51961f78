"""Two `zhnews crawl --redis` worker processes against the fixture portal and one real redis-server.

- both workers work, and their outputs together hold every article of the portal exactly once;
- a worker killed with SIGKILL mid-crawl loses nothing: the other one finishes the crawl;
- a second scheduled run across both workers emits nothing;
- workers started with no URL crawl what `zhnews seed-urls` pushes.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import REPO, read_jsonl, run_zhnews
from tests.portal_server import MANIFEST
from tests.redis_server import redis_server, redis_url  # noqa: F401  (pytest fixtures)

WORKER_TIMEOUT = 120
#: The portal minus its slow trap pages (those are the single-machine crawler's tests' business).
SITE = REPO / "fixtures" / "distributed" / "portal-fast.toml"
#: Fast on the local portal: no politeness delays; generous timeouts (cleaning keeps a worker's reactor busy).
FAST = {
    "AUTOTHROTTLE_ENABLED": "0",
    "DOWNLOAD_DELAY": "0",
    "DOWNLOAD_TIMEOUT": "20",
    "RETRY_TIMES": "1",
    "ZHNEWS_RETRY_BACKOFF_BASE": "0",
    "CONCURRENT_REQUESTS_PER_DOMAIN": "4",
    "MAX_IDLE_TIME_BEFORE_CLOSE": "1",
    "ZHNEWS_REDIS_WORKER_TTL": "2",
    "ZHNEWS_CLEAN_ENTITIES": "0",
}


@pytest.fixture(scope="module")
def portal() -> Iterator[object]:
    from crawler.demo import PortalMissing, PortalServer

    try:
        server = PortalServer().start()
    except PortalMissing as exc:  # pragma: no cover - always there in a checkout
        pytest.skip(str(exc))
    yield server
    server.stop()


def expected_urls(portal: object) -> set[str]:
    base = portal.base_url  # type: ignore[attr-defined]
    return {base + a["path"] for a in portal.manifest["articles"]}  # type: ignore[attr-defined]


class Worker:
    """One `zhnews crawl --redis` process writing OUT.<worker>.jsonl."""

    def __init__(
        self,
        name: str,
        redis: str,
        out: Path,
        urls: list[str],
        extra: dict[str, str] | None = None,
        site: Path | None = SITE,
    ):
        self.name = name
        self.out = out
        self.log = out.with_name(f"{name}.log")
        settings = {**FAST, "ZHNEWS_WORKER_ID": name, **(extra or {})}
        cmd = [
            sys.executable,
            "-m",
            "zhnews",
            "crawl",
            *urls,
            "-o",
            str(out),
            "--redis",
            redis,
            "--allow-private",
            "127.0.0.1",
            *(["--site", str(site)] if site else []),
        ]
        for key, value in settings.items():
            cmd += ["--set", f"{key}={value}"]
        self.log_fh = open(self.log, "wb")
        self.proc = subprocess.Popen(cmd, cwd=REPO, stdout=self.log_fh, stderr=subprocess.STDOUT)

    @property
    def output(self) -> Path:
        return self.out.with_name(f"{self.out.stem}.{self.name}{self.out.suffix}")

    def records(self) -> list[dict]:
        return read_jsonl(self.output) if self.output.is_file() else []

    def wait(self) -> int:
        try:
            return self.proc.wait(timeout=WORKER_TIMEOUT)
        finally:
            self.log_fh.close()

    def kill(self) -> None:
        os.kill(self.proc.pid, signal.SIGKILL)
        self.wait()

    def tail(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")[-3000:]


def run_pair(redis: str, out: Path, urls: list[str], tag: str) -> tuple[Worker, Worker]:
    a = Worker(f"{tag}a", redis, out, urls)
    time.sleep(0.3)
    b = Worker(f"{tag}b", redis, out, urls)
    for w in (a, b):
        assert w.wait() == 0, w.tail()
    return a, b


def urls_of(*workers: Worker) -> Counter[str]:
    """Emitted article URLs; the portal's one story under two URLs counts under its article URL,
    whichever of the two a worker fetched first (two workers race for it)."""
    return Counter(story_url(r["url"]) for w in workers for r in w.records())


def story_url(url: str) -> str:
    for article, *others in MANIFEST["duplicates"]:
        for other in others:
            if url.endswith(other):
                return url[: -len(other)] + article
    return url


def test_two_workers_share_the_crawl_then_a_second_run_emits_nothing(
    portal: object,
    redis_url: str,  # noqa: F811
    tmp_path: Path,
) -> None:
    start = [portal.base_url + "/"]  # type: ignore[attr-defined]
    a, b = run_pair(redis_url, tmp_path / "run1.jsonl", start, "r1")
    counts = urls_of(a, b)
    assert set(counts) == expected_urls(portal)
    assert [u for u, n in counts.items() if n > 1] == []
    assert a.records() and b.records(), "both workers should have emitted articles"
    assert f"wrote {a.output}" in a.tail()
    assert all(r.get("story_id") and r.get("revision") == 1 for r in a.records() + b.records())

    a2, b2 = run_pair(redis_url, tmp_path / "run2.jsonl", start, "r2")
    assert a2.records() == [] and b2.records() == []
    assert a2.output.is_file() and b2.output.is_file()


def test_killed_worker_loses_nothing(portal: object, redis_url: str, tmp_path: Path) -> None:  # noqa: F811
    start = [portal.base_url + "/"]  # type: ignore[attr-defined]
    out = tmp_path / "kill.jsonl"
    victim = Worker("victim", redis_url, out, start, {"DOWNLOAD_DELAY": "0.05"})
    time.sleep(0.3)
    survivor = Worker("survivor", redis_url, out, start, {"DOWNLOAD_DELAY": "0.05"})
    deadline = time.monotonic() + WORKER_TIMEOUT
    while len(victim.records()) < 3 and victim.proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert victim.proc.poll() is None, "the victim finished before it could be killed: " + victim.tail()
    victim.kill()
    assert survivor.wait() == 0, survivor.tail()
    counts = urls_of(victim, survivor)
    assert set(counts) == expected_urls(portal), "articles lost with the killed worker"
    # At-least-once (deploy/distributed/README.md): a record the victim wrote but had not yet committed to the
    # seen-store when the kill landed is emitted again by the survivor. The reactor writes and commits one record
    # at a time, so only the victim's last record can be in that window.
    twice = [u for u, n in counts.items() if n > 1]
    assert twice == [] or twice == [story_url(victim.records()[-1]["url"])], twice
    assert victim.records() and survivor.records()
    assert len(survivor.records()) < len(counts)


def test_seeded_workers_without_urls_and_collect(portal: object, redis_url: str, tmp_path: Path) -> None:  # noqa: F811
    """Workers started with no URL crawl what `zhnews seed-urls` pushed, also into the results stream,
    politely (shared per-host delay); `zhnews collect` drains the stream into one file."""
    out = tmp_path / "seeded.jsonl"
    seeded = run_zhnews("seed-urls", "--redis", redis_url, portal.base_url + "/")  # type: ignore[attr-defined]
    assert seeded.returncode == 0, seeded.stderr.decode()
    extra = {"ZHNEWS_RESULTS_STREAM": "zhnews:results", "ZHNEWS_REDIS_DOMAIN_DELAY": "0.01"}
    a = Worker("sa", redis_url, out, [], extra)
    time.sleep(0.3)
    b = Worker("sb", redis_url, out, [], extra)
    for w in (a, b):
        assert w.wait() == 0, w.tail()
    counts = urls_of(a, b)
    assert set(counts) == expected_urls(portal)
    assert max(counts.values()) == 1

    collected = tmp_path / "all.jsonl"
    proc = run_zhnews("collect", "--redis", redis_url, "-o", str(collected))
    assert proc.returncode == 0, proc.stderr.decode()
    records = read_jsonl(collected)
    assert Counter(story_url(r["url"]) for r in records) == counts
    by_url = {r["url"]: r for r in a.records() + b.records()}
    assert all(r == by_url[r["url"]] for r in records), "the stream holds the same records as the files"


def test_a_worker_that_gets_no_request_exits_0(redis_url: str, tmp_path: Path) -> None:  # noqa: F811
    """A worker that the shared frontier never gave a request (the others took it all, or it was
    empty) has not failed: it says so and exits 0, unlike a crawl that found nothing."""
    idle = Worker("idle", redis_url, tmp_path / "idle.jsonl", [])
    assert idle.wait() == 0, idle.tail()
    assert "this worker fetched nothing" in idle.tail()
    assert idle.records() == []


def test_a_worker_that_found_no_article_itself_is_ok_when_the_shared_crawl_holds_some(
    redis_url: str,  # noqa: F811
    tmp_path: Path,
) -> None:
    """A worker whose pages held no article of their own (the others took the article links first) exits 0
    when the shared seen-store holds articles; with an empty store it still says it found none (exit 1)."""
    import functools
    import http.server
    import threading

    from crawler.redis_state import RedisSeenStore
    from crawler.state import SeenEntry

    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("<html><body><p>本站正在维护。</p></body></html>", encoding="utf-8")
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        start = [f"http://127.0.0.1:{server.server_address[1]}/"]
        alone = Worker("alone", redis_url, tmp_path / "alone.jsonl", start, {"ZHNEWS_REDIS_PREFIX": "alone:"}, None)
        assert alone.wait() == 1, alone.tail()
        assert "found no articles" in alone.tail()

        store = RedisSeenStore.from_url(redis_url, "shared:")
        when = "2026-11-28T10:00:00+08:00"
        store.put(SeenEntry(start[0] + "a.html", "h", None, None, when, when, 1, "s1", None))
        store.close()
        late = Worker("late", redis_url, tmp_path / "late.jsonl", start, {"ZHNEWS_REDIS_PREFIX": "shared:"}, None)
        assert late.wait() == 0, late.tail()
        assert "found no article itself; the shared crawl's seen-store holds 1" in late.tail()
    finally:
        server.shutdown()
        server.server_close()
