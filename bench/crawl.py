"""Crawl throughput: pages per second over the fixture portal with cleaning on and off, and peak memory.

The portal (``fixtures/portal``, trap pages switched off) is served on 127.0.0.1; each crawl
runs in its own process (Twisted's reactor cannot restart) at full speed (no AutoThrottle,
no delay, 32 concurrent requests; robots.txt still obeyed), and the modes alternate:
``off`` (bare fetch records, no cleaning: the baseline), ``on-no-entities`` and ``on`` (the
whole cleaning pipeline in one thread beside the crawl, as ``zhnews crawl`` runs it by default). Pages per second
count every response between spider open and close; peak memory is the crawl process's
maximum resident set. Medians over ``--repeat`` runs, and ratios against ``off``.

    .venv/bin/python bench/crawl.py [--repeat 3]
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

logger = logging.getLogger(__name__)

REPO = Path(__file__).resolve().parents[1]
MODES = {
    "off": ["--no-clean"],
    "on-no-entities": ["--no-entities"],
    "on": [],
}
FULL_SPEED = {
    "AUTOTHROTTLE_ENABLED": False,
    "DOWNLOAD_DELAY": 0,
    "CONCURRENT_REQUESTS": 32,
    "CONCURRENT_REQUESTS_PER_DOMAIN": 32,
    "LOG_LEVEL": "WARNING",
}


def child(mode: str, url: str, out: str) -> None:
    """Run one crawl in this process and print its figures as JSON."""
    import resource

    from crawler.cli import crawl_settings, register, run_crawl

    parser = argparse.ArgumentParser()
    register(parser.add_subparsers())
    args = parser.parse_args(["crawl", url, "-o", out, *MODES[mode]])
    settings = crawl_settings(args)
    settings.update(FULL_SPEED, priority="cmdline")
    stats = run_crawl(settings, {"start_urls": [url]})
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(
        json.dumps(
            {
                "pages": stats.get("response_received_count", 0),
                "records": stats.get("item_scraped_count", 0),
                "seconds": stats.get("elapsed_time_seconds", 0.0),
                "peak_mb": peak_kb / 1024,
            }
        )
    )


def run_once(mode: str, url: str, tmp: str) -> dict[str, float]:
    out = os.path.join(tmp, f"{mode}.jsonl")
    res = subprocess.run(
        [sys.executable, __file__, "--child", mode, url, out], capture_output=True, text=True, cwd=REPO, timeout=600
    )
    if res.returncode != 0:
        raise SystemExit(f"crawl ({mode}) failed:\n{res.stderr[-3000:]}")
    return json.loads(res.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--child", nargs=3, metavar=("MODE", "URL", "OUT"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        child(*args.child)
        return 0
    sys.path.insert(0, str(REPO))
    from crawler.demo import PortalServer

    results: dict[str, list[dict[str, float]]] = {m: [] for m in MODES}
    with PortalServer(traps=False) as server, tempfile.TemporaryDirectory() as tmp:
        url = server.base_url + "/"
        for i in range(args.repeat):
            for mode in MODES:
                r = run_once(mode, url, tmp)
                results[mode].append(r)
                print(
                    f"  run {i + 1} {mode:>15}: {r['pages']} pages, {r['records']} records, "
                    f"{r['seconds']:.2f} s, {r['pages'] / r['seconds']:.1f} pages/s, peak {r['peak_mb']:.0f} MB",
                    file=sys.stderr,
                )
    base = statistics.median(r["pages"] / r["seconds"] for r in results["off"])
    print(f"crawl of the fixture portal, median of {args.repeat} runs per mode (same run, alternating):")
    print(f"{'cleaning':>15} {'pages':>6} {'records':>8} {'pages/s':>8} {'vs off':>7} {'peak MB':>8}")
    for mode, rs in results.items():
        rate = statistics.median(r["pages"] / r["seconds"] for r in rs)
        print(
            f"{mode:>15} {statistics.median(r['pages'] for r in rs):>6.0f} "
            f"{statistics.median(r['records'] for r in rs):>8.0f} {rate:>8.1f} {rate / base:>7.2f} "
            f"{max(r['peak_mb'] for r in rs):>8.0f}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
