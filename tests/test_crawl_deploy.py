"""The deployment examples in deploy/ run as written: cron line, systemd units, the flock wrapper, scrapyd.

Paths of the examples (/opt/zhnews, /var/lib/zhnews, /etc/zhnews, /var/log/zhnews) are
replaced by the checkout and a temporary directory; the crawl goes to the fixture portal
(trap pages off) with politeness delays off (``ZHNEWS_ARGS``).
"""

from __future__ import annotations

import fcntl
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from crawler.demo import PortalServer

from .conftest import REPO
from .portal_server import ARTICLES, FAST, PORTAL, records

DEPLOY = REPO / "deploy"
CRON_FIELD_RE = re.compile(r"^(\*|\d+(-\d+)?)(/\d+)?(,(\*|\d+(-\d+)?)(/\d+)?)*$")
FAST_ARGS = " ".join(f"--set {s}" for s in FAST) + " --no-entities"


@pytest.fixture(scope="module")
def portal():
    with PortalServer(PORTAL, traps=False) as server:
        yield server


def local(text: str, tmp: Path) -> str:
    """An example's text with its system paths moved into the checkout and ``tmp``."""
    for system, here in (
        ("/opt/zhnews", str(REPO)),
        ("/var/lib/zhnews", str(tmp / "var")),
        ("/etc/zhnews", str(tmp / "etc")),
        ("/var/log/zhnews", str(tmp / "log")),
    ):
        text = text.replace(system, here)
    return text


def prepare(tmp: Path, base_url: str) -> dict[str, str]:
    for d in ("var", "etc", "log"):
        (tmp / d).mkdir(exist_ok=True)
    (tmp / "etc" / "site.toml").write_text(f'start_urls = ["{base_url}/"]\n', encoding="utf-8")
    env = dict(os.environ, ZHNEWS_ARGS=FAST_ARGS)
    env["PATH"] = f"{Path(sys.executable).parent}:{env.get('PATH', '/usr/bin:/bin')}"
    return env


def outputs(tmp: Path) -> list[Path]:
    return sorted((tmp / "var" / "out").glob("*.jsonl"))


def test_cron_line_runs_an_incremental_crawl(tmp_path: Path, portal: PortalServer) -> None:
    env = prepare(tmp_path, portal.base_url)
    lines = [ln for ln in (DEPLOY / "cron" / "zhnews.cron").read_text().splitlines() if ln and not ln.startswith("#")]
    jobs = [ln for ln in lines if not re.match(r"^[A-Z_]+=", ln)]
    for ln in lines:
        if ln not in jobs:
            name, _, value = ln.partition("=")
            env[name] = local(value, tmp_path) if name != "PATH" else env["PATH"]
    (job,) = jobs
    fields = job.split(None, 6)
    assert all(CRON_FIELD_RE.match(f) for f in fields[:5]), fields[:5]
    assert fields[5] == "zhnews"  # /etc/cron.d lines name the user
    res = subprocess.run(["/bin/sh", "-c", local(fields[6], tmp_path)], env=env, timeout=120, capture_output=True)
    log = (tmp_path / "log" / "crawl.log").read_text()
    assert res.returncode == 0, log[-3000:]
    (out,) = outputs(tmp_path)
    assert len(records(out)) == len(ARTICLES)
    assert "records" in log and "wrote" in log


def test_systemd_units_verify_and_run(tmp_path: Path, portal: PortalServer) -> None:
    env = prepare(tmp_path, portal.base_url)
    units = tmp_path / "units"
    units.mkdir()
    for name in ("zhnews-crawl.service", "zhnews-crawl.timer"):
        (units / name).write_text(local((DEPLOY / "systemd" / name).read_text(), tmp_path), encoding="utf-8")
    if shutil.which("systemd-analyze"):
        check = subprocess.run(
            ["systemd-analyze", "verify", str(units / "zhnews-crawl.timer"), str(units / "zhnews-crawl.service")],
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert check.returncode == 0, check.stderr
    service = (units / "zhnews-crawl.service").read_text()
    for value in re.findall(r"^Environment=(.*)$", service, re.M):
        name, _, val = value.partition("=")
        env[name] = val
    (exec_start,) = re.findall(r"^ExecStart=(.*)$", service, re.M)
    res = subprocess.run(shlex.split(exec_start), env=env, timeout=120, capture_output=True, text=True)
    assert res.returncode == 0, res.stderr[-3000:]
    (out,) = outputs(tmp_path)
    assert len(records(out)) == len(ARTICLES)
    timer = (DEPLOY / "systemd" / "zhnews-crawl.timer").read_text()
    assert "Persistent=true" in timer and "OnCalendar=" in timer


def test_wrapper_skips_a_run_while_another_holds_the_lock(tmp_path: Path) -> None:
    env = prepare(tmp_path, "http://127.0.0.1:9")
    env.update(
        ZHNEWS_STATE_DIR=str(tmp_path / "var" / "state"),
        ZHNEWS_OUT_DIR=str(tmp_path / "var" / "out"),
        ZHNEWS_LOCK=str(tmp_path / "var" / "crawl.lock"),
        ZHNEWS=str(REPO / ".venv" / "bin" / "zhnews"),
    )
    with open(tmp_path / "var" / "crawl.lock", "a") as held:
        fcntl.flock(held, fcntl.LOCK_EX | fcntl.LOCK_NB)
        res = subprocess.run([str(DEPLOY / "zhnews-crawl.sh")], env=env, timeout=30, capture_output=True, text=True)
    assert res.returncode == 0
    assert "skipping this run" in res.stderr
    assert outputs(tmp_path) == []


def test_scrapyd_egg_names_the_settings_module(tmp_path: Path) -> None:
    build = tmp_path / "build"
    shutil.copytree(DEPLOY / "scrapyd", build)
    res = subprocess.run(
        [sys.executable, "setup.py", "-q", "bdist_egg", "-d", str(tmp_path / "dist")],
        cwd=build,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert res.returncode == 0, res.stderr[-2000:]
    (egg,) = (tmp_path / "dist").glob("*.egg")
    import zipfile

    entry_points = zipfile.ZipFile(egg).read("EGG-INFO/entry_points.txt").decode()
    assert re.search(r"\[scrapy\]\s*settings = crawler\.settings", entry_points)
    # the job it schedules is `scrapy crawl news -a start_urls=... -a state=... -s FEEDS=...`, which
    # test_crawl_runs.test_scrapy_crawl_news_from_the_project_root runs
    schedule = (DEPLOY / "scrapyd" / "schedule.sh").read_text()
    for part in ("-d spider=news", "-d start_urls=", "-d state=", "-d setting=FEEDS="):
        assert part in schedule
