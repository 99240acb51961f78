"""Crawl runs beyond the scheduled story: kill -9 and resume, revisions, --since, --demo, nothing found,
and the same spider through ``scrapy crawl`` from the project root."""

from __future__ import annotations

import collections
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from crawler.demo import PortalServer

from .conftest import REPO
from .portal_server import ARTICLES, DUP_A, DUP_B, FAST, MANIFEST, crawl, crawl_cmd, paths, records, serve


def as_stories(found: list[str]) -> list[str]:
    return [DUP_A if p == DUP_B else p for p in found]


def test_kill_9_mid_crawl_then_rerun_gives_every_article_once(tmp_path: Path) -> None:
    state, out1, out2 = tmp_path / "state", tmp_path / "run1.jsonl", tmp_path / "run2.jsonl"
    slow = (*FAST, "CONCURRENT_REQUESTS_PER_DOMAIN=2", "DOWNLOAD_DELAY=0.02")
    with serve() as server:
        cmd = crawl_cmd(server.base_url + "/", out1, "--state", str(state), "--no-entities", settings=slow)
        proc = subprocess.Popen(cmd, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and proc.poll() is None:
            if out1.exists() and out1.read_bytes().count(b"\n") >= 12:
                break
            time.sleep(0.02)
        assert proc.poll() is None, "the crawl ended before it could be killed"
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)
        first = records(out1)  # every line complete: the feed is written unbuffered
        rerun = crawl(server.base_url + "/", out2, "--state", str(state), "--no-entities")
    assert rerun.returncode == 0, rerun.stderr[-3000:]
    assert 12 <= len(first) < len(ARTICLES)
    counts = collections.Counter(as_stories(paths(first) + paths(records(out2))))
    assert {p for p, n in counts.items() if n != 1} == set()
    assert set(counts) == ARTICLES


def test_since_skips_older_articles_and_stops_pagination(tmp_path: Path) -> None:
    since = "2020-11-25"
    with serve() as server:
        run = crawl(server.base_url + "/", tmp_path / "out.jsonl", "--since", since, "--no-entities")
        requested = set(server.requests)
    assert run.returncode == 0, run.stderr[-3000:]
    got = set(as_stories(paths(records(tmp_path / "out.jsonl"))))
    assert got == {a["path"] for a in MANIFEST["articles"] if a["date"] >= since}
    assert "/yaowen/index_2.html" in requested  # the first page with only older articles is read...
    assert "/yaowen/index_3.html" not in requested  # ...and pagination stops there


def test_demo_serves_and_crawls_the_bundled_portal(tmp_path: Path) -> None:
    out = tmp_path / "portal.jsonl"
    res = subprocess.run(
        [sys.executable, "-m", "zhnews", "crawl", "--demo", "-o", str(out), "--no-entities"],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=tmp_path,
    )
    assert res.returncode == 0, res.stderr[-3000:]
    assert f"wrote {out}" in res.stderr
    assert len(records(out)) == len(ARTICLES)


@pytest.mark.parametrize("command", ["zhnews crawl", "scrapy crawl"])
def test_a_run_that_finds_nothing_says_so_and_fails(tmp_path: Path, command: str) -> None:
    root = tmp_path / "empty"
    (root / "site").mkdir(parents=True)
    (root / "manifest.json").write_text(json.dumps({"traps": {}}), encoding="utf-8")
    (root / "site" / "index.html").write_text("<html><body><p>建设中</p></body></html>", encoding="utf-8")
    with PortalServer(root) as server:
        if command == "zhnews crawl":
            res = crawl(server.base_url + "/", tmp_path / "out.jsonl")
        else:
            cmd = [sys.executable, "-m", "scrapy", "crawl", "news", "-a", f"start_urls={server.base_url}/"]
            res = subprocess.run(cmd, capture_output=True, text=True, timeout=120, cwd=REPO)
    assert res.returncode == 1
    assert "found no articles" in res.stderr


def test_scrapy_crawl_news_from_the_project_root(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    with serve() as server:
        cmd = [
            sys.executable,
            "-m",
            "scrapy",
            "crawl",
            "news",
            "-a",
            f"start_urls={server.base_url}/",
            "-a",
            f"state={tmp_path / 'state'}",
            "-s",
            f'FEEDS={{"{out}": {{"format": "jsonlines"}}}}',  # as deploy/scrapyd/schedule.sh passes it
            "-s",
            "ZHNEWS_CLEAN_ENTITIES=False",
            "-s",
            "LOG_LEVEL=WARNING",
        ]
        for s in FAST:
            cmd += ["-s", s]
        res = subprocess.run(cmd, capture_output=True, text=True, timeout=120, cwd=REPO)
    assert res.returncode == 0, res.stderr[-3000:]
    assert sorted(as_stories(paths(records(out)))) == sorted(ARTICLES)
    assert (tmp_path / "state" / "seen.sqlite3").exists()


@pytest.mark.parametrize("option", ["--site", "--since"])
def test_bad_options_are_usage_errors(tmp_path: Path, option: str) -> None:
    bad = tmp_path / "site.toml"
    bad.write_text('since = "last week"\n', encoding="utf-8")
    value = str(bad) if option == "--site" else "last week"
    res = subprocess.run(
        [sys.executable, "-m", "zhnews", "crawl", "http://127.0.0.1:9/", option, value],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=REPO,
    )
    assert res.returncode == 2
    assert "since" in res.stderr
