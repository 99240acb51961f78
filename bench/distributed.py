"""Benchmark: articles per second of a distributed crawl with 1 and with 2 workers, in the same run.

Serves the fixture portal (``fixtures/portal``, minus its slow trap pages) on 127.0.0.1, starts a
private ``redis-server``, and crawls the portal from scratch ``--repeat`` times with 1 worker and
with 2 workers (``zhnews crawl --redis``, full cleaning), alternating so that load from other
processes hits both alike. Two rates per crawl: *overall* = articles / (start of the workers ->
last record written; worker start-up included, the idle wait before they exit not), and
*steady* = articles after the first / (first record -> last record), the rate of workers that
are already running (the usual case: long-lived workers fed by ``zhnews seed-urls``). Prints
the medians of each and the ratios 2 workers / 1 worker.

    .venv/bin/python bench/distributed.py [--repeat 3] [--no-entities | --no-clean]
"""

from __future__ import annotations

import argparse
import logging
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tests.redis_server import RedisServer, redis_binary  # noqa: E402

logger = logging.getLogger(__name__)

SITE = REPO / "fixtures" / "distributed" / "portal-fast.toml"
SETTINGS = {
    "AUTOTHROTTLE_ENABLED": "0",
    "DOWNLOAD_DELAY": "0",
    "DOWNLOAD_TIMEOUT": "20",
    "RETRY_TIMES": "1",
    "CONCURRENT_REQUESTS_PER_DOMAIN": "8",
    "MAX_IDLE_TIME_BEFORE_CLOSE": "1",
}


def count_lines(files: list[Path]) -> int:
    total = 0
    for f in files:
        try:
            total += f.read_bytes().count(b"\n")
        except FileNotFoundError:
            pass
    return total


def crawl(redis_url: str, start: str, workers: int, out_dir: Path, extra: dict[str, str]) -> tuple[int, float, float]:
    """One crawl from an empty Redis with ``workers`` processes: (records, overall s, steady s)."""
    import redis

    redis.Redis.from_url(redis_url).flushall()
    out = out_dir / f"w{workers}-{time.time_ns()}.jsonl"
    procs = []
    t0 = time.monotonic()
    for i in range(workers):
        cmd = [
            sys.executable,
            "-m",
            "zhnews",
            "crawl",
            start,
            "-o",
            str(out),
            "--redis",
            redis_url,
            "--allow-private",
            "127.0.0.1",
            "--site",
            str(SITE),
        ]
        for key, value in {**SETTINGS, **extra, "ZHNEWS_WORKER_ID": f"bench{i}"}.items():
            cmd += ["--set", f"{key}={value}"]
        procs.append(subprocess.Popen(cmd, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
    files = [out.with_name(f"{out.stem}.bench{i}{out.suffix}") for i in range(workers)]
    first = last = None
    seen = 0
    while any(p.poll() is None for p in procs):  # note when records arrive (every 20 ms)
        n = count_lines(files)
        now = time.monotonic()
        if n > seen:
            first = first if first is not None else now
            last, seen = now, n
        time.sleep(0.02)
    if any(p.returncode != 0 for p in procs):
        raise RuntimeError("a worker failed: " + ", ".join(str(p.returncode) for p in procs))
    records = count_lines(files)
    if records > seen or last is None:
        last = time.monotonic()
        first = first if first is not None else last
    return records, last - t0, max(last - first, 1e-3)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=3, help="crawls per worker count (default 3)")
    parser.add_argument("--no-entities", action="store_true", help="skip entity extraction (cheaper cleaning)")
    parser.add_argument("--no-clean", action="store_true", help="no cleaning at all: the crawl machinery alone")
    parser.add_argument(
        "--delay",
        type=float,
        default=0.0,
        metavar="SECONDS",
        help="per-worker DOWNLOAD_DELAY with 1 request at a time: a crawl bound by fetching "
        "(network, politeness), as against the local portal's instant answers (default 0)",
    )
    args = parser.parse_args(argv)
    binary = redis_binary()
    if binary is None:
        print("redis-server is not installed (apt-get install redis-server)", file=sys.stderr)
        return 2
    from crawler.demo import PortalServer

    extra = {"ZHNEWS_CLEAN_ENTITIES": "0" if args.no_entities else "1", "ZHNEWS_CLEAN": "0" if args.no_clean else "1"}
    if args.delay > 0:
        extra.update(DOWNLOAD_DELAY=str(args.delay), CONCURRENT_REQUESTS_PER_DOMAIN="1")
    overall: dict[int, list[float]] = {1: [], 2: []}
    steady: dict[int, list[float]] = {1: [], 2: []}
    counts: dict[int, list[int]] = {1: [], 2: []}
    with RedisServer(binary) as server, PortalServer() as portal, tempfile.TemporaryDirectory() as tmp:
        start = portal.base_url + "/"
        for i in range(args.repeat):
            for workers in (1, 2) if i % 2 == 0 else (2, 1):
                records, total, busy = crawl(server.url, start, workers, Path(tmp), extra)
                overall[workers].append(records / total)
                steady[workers].append((records - 1) / busy)
                counts[workers].append(records)
                print(
                    f"run {i + 1}: {workers} worker(s): {records} articles, {total:.2f} s from start "
                    f"({records / total:.2f}/s), first->last record {busy:.2f} s ({(records - 1) / busy:.2f}/s)",
                    flush=True,
                )
    med = {w: (statistics.median(overall[w]), statistics.median(steady[w])) for w in (1, 2)}
    print()
    print(f"| workers | articles per crawl | overall articles/s | steady articles/s |  (medians of {args.repeat})")
    print("|---|---|---|---|")
    for w in (1, 2):
        print(f"| {w} | {statistics.median(counts[w]):.0f} | {med[w][0]:.2f} | {med[w][1]:.2f} |")
    print(
        f"\nratio 2 workers / 1 worker (same run): overall {med[2][0] / med[1][0]:.2f}x, "
        f"steady {med[2][1] / med[1][1]:.2f}x"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
