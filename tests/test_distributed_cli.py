"""`zhnews seed-urls` and `zhnews collect` against a real redis-server; the worker settings and file names."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import redis

from crawler.distributed import (
    Checkpoint,
    checkpoint_path,
    drain,
    redis_settings,
    save_checkpoint,
    start_urls_key,
    worker_output,
)
from tests.conftest import read_jsonl, run_zhnews
from tests.redis_server import redis_server, redis_url  # noqa: F401  (pytest fixtures)

STREAM = "zhnews:results"


def push_records(client: redis.Redis, n: int, start: int = 0) -> None:
    for i in range(start, start + n):
        record = json.dumps({"url": f"http://a.example/{i}.html", "title": f"第{i}条新闻"}, ensure_ascii=False)
        client.xadd(STREAM, {"record": record, "worker": "w1"})


@pytest.fixture()
def client(redis_url: str):  # noqa: F811
    c = redis.Redis.from_url(redis_url)
    yield c
    c.close()


def test_redis_settings_switch_to_scrapy_redis() -> None:
    s = redis_settings("redis://127.0.0.1:1/0", idle=3, results_stream=True, domain_delay=0.5, worker="w9")
    assert s["SCHEDULER"] == "crawler.redis_scrapy.Scheduler"
    assert s["DUPEFILTER_CLASS"] == "scrapy_redis.dupefilter.RFPDupeFilter"
    assert s["SCHEDULER_PERSIST"] is True and s["SCHEDULER_FLUSH_ON_START"] is False
    assert s["REDIS_URL"] == "redis://127.0.0.1:1/0"
    assert s["MAX_IDLE_TIME_BEFORE_CLOSE"] == 3
    assert s["ZHNEWS_RESULTS_STREAM"] == "zhnews:results"
    assert s["ZHNEWS_REDIS_DOMAIN_DELAY"] == 0.5 and s["ZHNEWS_WORKER_ID"] == "w9"


def test_redis_settings_load_into_scrapy() -> None:
    """Every class named in the settings imports, and the add-on adds its parts next to the project's."""
    from scrapy.settings import Settings
    from scrapy.utils.misc import load_object

    settings = Settings({"EXTENSIONS": {"scrapy.extensions.logstats.LogStats": 0}})
    settings.setdict(redis_settings("redis://127.0.0.1:1/0", results_stream=True), priority="cmdline")
    for name in ("SCHEDULER", "SCHEDULER_QUEUE_CLASS", "DUPEFILTER_CLASS"):
        load_object(settings[name])
    for addon in settings.getdict("ADDONS"):
        load_object(addon)().update_settings(settings)
    extensions = settings.getdict("EXTENSIONS")
    assert "scrapy.extensions.logstats.LogStats" in extensions
    assert any("RedisCoordinator" in str(k) for k in extensions)
    assert any("RedisStreamPipeline" in str(k) for k in settings.getdict("ITEM_PIPELINES"))


def test_addon_gives_each_worker_its_own_files() -> None:
    from scrapy.settings import Settings

    from crawler.redis_scrapy import RedisAddon

    settings = Settings(
        {
            "FEEDS": {"out/news.jsonl": {"format": "jsonlines"}, "stdout:": {"format": "jsonlines"}},
            "ZHNEWS_WARC": "out/pages.warc.gz",
        }
    )
    settings.setdict(redis_settings("redis://127.0.0.1:1/0", worker="h-7"), priority="cmdline")
    RedisAddon().update_settings(settings)
    assert sorted(settings.getdict("FEEDS")) == ["out/news.h-7.jsonl", "stdout:"]
    assert settings["ZHNEWS_WARC"] == "out/pages.h-7.warc.gz"


@pytest.mark.parametrize(
    ("out", "expected"),
    [
        ("out/news.jsonl", "out/news.host1-42.jsonl"),
        ("out/{worker}.jsonl", "out/host1-42.jsonl"),
        ("out/{worker}/news.jsonl", "out/host1-42/news.jsonl"),
    ],
)
def test_worker_output_names(out: str, expected: str) -> None:
    assert str(worker_output(out, "host1-42")) == expected


def test_worker_output_default_is_host_and_pid() -> None:
    import os
    import socket

    assert worker_output("news.jsonl").name == f"news.{socket.gethostname()}-{os.getpid()}.jsonl"


def test_seed_urls_pushes_json_entries(redis_url: str, client: redis.Redis, tmp_path: Path) -> None:  # noqa: F811
    listing = tmp_path / "urls.txt"
    listing.write_text("http://b.example/list.html\n# a comment\n\nhttp://c.example/\n", encoding="utf-8")
    proc = run_zhnews("seed-urls", "--redis", redis_url, "http://a.example/", "--file", str(listing))
    assert proc.returncode == 0, proc.stderr.decode()
    entries = [json.loads(x) for x in client.lrange(start_urls_key(), 0, -1)]
    assert entries == [
        {"url": "http://a.example/"},
        {"url": "http://b.example/list.html"},
        {"url": "http://c.example/"},
    ]
    assert b"pushed 3 start URLs" in proc.stderr


def test_seed_urls_without_urls_is_an_error(redis_url: str) -> None:  # noqa: F811
    proc = run_zhnews("seed-urls", "--redis", redis_url)
    assert proc.returncode == 2
    assert b"no URLs" in proc.stderr


def test_seed_urls_unreachable_redis_fails_clearly(tmp_path: Path) -> None:
    from tests.redis_server import free_port

    url = f"redis://127.0.0.1:{free_port()}/0"
    proc = run_zhnews("seed-urls", "--redis", url, "http://a.example/")
    assert proc.returncode == 1
    assert f"cannot reach Redis at {url}".encode() in proc.stderr
    assert b"Traceback" not in proc.stderr


def test_collect_drains_stream_into_one_file(redis_url: str, client: redis.Redis, tmp_path: Path) -> None:  # noqa: F811
    push_records(client, 7)
    out = tmp_path / "all.jsonl"
    proc = run_zhnews("collect", "--redis", redis_url, "-o", str(out))
    assert proc.returncode == 0, proc.stderr.decode()
    records = read_jsonl(out)
    assert [r["url"] for r in records] == [f"http://a.example/{i}.html" for i in range(7)]
    assert records[3]["title"] == "第3条新闻"
    assert client.xlen(STREAM) == 0
    push_records(client, 2, start=7)  # a second collect appends only the new ones
    assert run_zhnews("collect", "--redis", redis_url, "-o", str(out)).returncode == 0
    assert len(read_jsonl(out)) == 9


def test_drain_in_small_batches(client: redis.Redis, tmp_path: Path) -> None:
    push_records(client, 23)
    out = tmp_path / "all.jsonl"
    assert drain(client, STREAM, out, batch=5) == 23
    assert [r["url"] for r in read_jsonl(out)] == [f"http://a.example/{i}.html" for i in range(23)]


def test_drain_after_crash_before_checkpoint_writes_nothing_twice(client: redis.Redis, tmp_path: Path) -> None:
    """A collector died after appending a batch (and half a line) but before its checkpoint."""
    push_records(client, 6)
    out = tmp_path / "all.jsonl"
    assert drain(client, STREAM, out, batch=10) == 6
    done = out.stat().st_size
    push_records(client, 3, start=6)
    with open(out, "ab") as fh:  # what the dead collector had appended: 2 lines and a torn third
        fh.write(b'{"url": "http://a.example/6.html"}\n{"url": "http://a.example/7.html"}\n{"url": "htt')
    assert drain(client, STREAM, out) == 3
    assert out.stat().st_size > done
    assert [r["url"] for r in read_jsonl(out)] == [f"http://a.example/{i}.html" for i in range(9)]


def test_drain_after_crash_before_delete_skips_written_entries(client: redis.Redis, tmp_path: Path) -> None:
    """A collector died after its checkpoint but before deleting the entries from the stream."""
    push_records(client, 4)
    out = tmp_path / "all.jsonl"
    ids = [i for i, _ in client.xrange(STREAM)]
    out.write_bytes(b"".join(json.dumps({"url": f"http://a.example/{i}.html"}).encode() + b"\n" for i in range(2)))
    save_checkpoint(out, Checkpoint(ids[1].decode(), out.stat().st_size))
    assert drain(client, STREAM, out) == 2
    assert [r["url"] for r in read_jsonl(out)] == [f"http://a.example/{i}.html" for i in range(4)]
    assert client.xlen(STREAM) == 0
    assert checkpoint_path(out).is_file()


def test_collect_follow_waits_for_late_records(client: redis.Redis, tmp_path: Path) -> None:
    import threading

    out = tmp_path / "all.jsonl"
    late = threading.Timer(0.5, push_records, args=(client, 3))
    late.start()
    try:
        assert drain(client, STREAM, out, follow=1.5) == 3
    finally:
        late.join()
