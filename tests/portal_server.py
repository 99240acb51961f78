"""Helpers for the crawl tests: the fixture portals' server, fast test settings, running a crawl.

A portal (``fixtures/portal``, the news portal; ``fixtures/portal2``, a county government site
with a ``news.`` subdomain, crawled from ``http://localhost:PORT/``) is served by
:class:`crawler.demo.PortalServer` in a thread of the test process;
each crawl runs as ``python -m zhnews crawl`` in a subprocess (Twisted's reactor cannot be
restarted in one process, and the kill -9 test needs a process to kill).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

from crawler.demo import PortalServer, load_manifest

from .conftest import REPO

PORTAL = REPO / "fixtures" / "portal"
MANIFEST = load_manifest(PORTAL)
#: A local server: no politeness delays, short timeouts, quick backoff.
FAST = (
    "AUTOTHROTTLE_ENABLED=False",
    "DOWNLOAD_DELAY=0",
    "CONCURRENT_REQUESTS_PER_DOMAIN=8",
    "DOWNLOAD_TIMEOUT=1",
    "RETRY_TIMES=1",
    "ZHNEWS_RETRY_BACKOFF_BASE=0.05",
)
ARTICLES = {a["path"] for a in MANIFEST["articles"]}
EXTRA = {a["path"] for a in MANIFEST["extra_articles"]}
DUP_A, DUP_B = MANIFEST["duplicates"][0]
PORTAL2 = REPO / "fixtures" / "portal2"


def serve(*overlays: str, root: Path = PORTAL) -> PortalServer:
    return PortalServer(root, overlays=overlays).start()


def crawl_cmd(url: str, out: Path, *args: str, settings: tuple[str, ...] = FAST) -> list[str]:
    cmd = [sys.executable, "-m", "zhnews", "crawl", url, "-o", str(out), *args]
    for s in settings:
        cmd += ["--set", s]
    return cmd


def crawl(url: str, out: Path, *args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """Run one crawl to its end; stdout/stderr as text."""
    return subprocess.run(crawl_cmd(url, out, *args), capture_output=True, text=True, timeout=timeout, cwd=REPO)


def records(path: Path) -> list[dict]:
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def paths(recs: list[dict]) -> list[str]:
    """URL paths (with query) of records, in order."""
    out = []
    for r in recs:
        parts = urlsplit(r["url"])
        out.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    return out
