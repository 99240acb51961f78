"""Distributed crawling: many ``zhnews crawl --redis URL`` workers share one crawl frontier in Redis.

- :func:`redis_settings` gives the Scrapy settings that switch a crawl to scrapy-redis (shared
  queue and de-duplication, leases so a dead worker loses nothing, idle close); ``zhnews crawl
  --redis URL`` merges them into the crawl's settings.
- :func:`worker_output` names each worker's own JSON Lines file.
- ``zhnews seed-urls`` pushes start URLs into Redis (a timer on one machine feeds workers on others);
  ``zhnews collect`` drains the results stream into one JSON Lines file, without loss or duplication.

This module does not import Scrapy (the components live in :mod:`crawler.redis_scrapy`), so that
``zhnews clean`` stays fast.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import socket
import sys
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

logger = logging.getLogger(__name__)

DEFAULT_PREFIX = "zhnews:"
DEFAULT_SPIDER = "news"
DEFAULT_IDLE = 10.0
DEFAULT_TTL = 30.0
RESULTS = "results"
WORKER_FIELD = "{worker}"


def redis_settings(
    redis_url: str,
    *,
    prefix: str = DEFAULT_PREFIX,
    idle: float = DEFAULT_IDLE,
    results_stream: bool | str = False,
    domain_delay: float = 0.0,
    worker: str | None = None,
    worker_ttl: float = DEFAULT_TTL,
) -> dict[str, Any]:
    """Scrapy settings for a worker of a crawl shared through the Redis at ``redis_url``.

    ``idle``: seconds the whole shared frontier must stay empty before a worker closes.
    ``results_stream``: True (``{prefix}results``) or a key: also ``XADD`` every record there.
    ``domain_delay``: seconds between two requests to one domain, across all workers (0 = off).
    ``worker_ttl``: seconds without a heartbeat after which a worker counts as dead and its
    leased requests go back to the queue.

    >>> s = redis_settings("redis://127.0.0.1:6379/0", idle=5)
    >>> s["SCHEDULER"], s["DUPEFILTER_CLASS"], s["SCHEDULER_PERSIST"], s["MAX_IDLE_TIME_BEFORE_CLOSE"]
    ('crawler.redis_scrapy.Scheduler', 'scrapy_redis.dupefilter.RFPDupeFilter', True, 5)
    >>> s["SCHEDULER_QUEUE_KEY"]
    'zhnews:%(spider)s:requests'
    """
    stream = f"{prefix}{RESULTS}" if results_stream is True else (results_stream or "")
    settings: dict[str, Any] = {
        # scrapy_redis.scheduler.Scheduler with an atomic check-and-push, leases and a fresh
        # de-duplication set per run (see crawler.redis_scrapy).
        "SCHEDULER": "crawler.redis_scrapy.Scheduler",
        "SCHEDULER_QUEUE_CLASS": "crawler.redis_scrapy.LeasedQueue",
        "DUPEFILTER_CLASS": "scrapy_redis.dupefilter.RFPDupeFilter",
        "SCHEDULER_PERSIST": True,  # a worker that finishes must not flush the queue the others use
        "SCHEDULER_FLUSH_ON_START": False,
        "SCHEDULER_IDLE_BEFORE_CLOSE": 0,  # never block the reactor on a pop; idling is the coordinator's
        "SCHEDULER_QUEUE_KEY": f"{prefix}%(spider)s:requests",
        "SCHEDULER_DUPEFILTER_KEY": f"{prefix}%(spider)s:dupefilter",
        "REDIS_START_URLS_KEY": f"{prefix}%(name)s:start_urls",
        "REDIS_URL": redis_url,
        "MAX_IDLE_TIME_BEFORE_CLOSE": idle,
        "ZHNEWS_REDIS_URL": redis_url,
        "ZHNEWS_REDIS_PREFIX": prefix,
        "ZHNEWS_REDIS_WORKER_TTL": worker_ttl,
        "ZHNEWS_REDIS_DOMAIN_DELAY": domain_delay,
        "ZHNEWS_RESULTS_STREAM": stream,
        "ZHNEWS_WORKER_OUTPUT": True,  # -o OUT becomes OUT.<worker>.jsonl (see worker_output)
        # Adds the coordinator, lease middleware, results pipeline and shared politeness to the
        # project's EXTENSIONS / *_MIDDLEWARES / ITEM_PIPELINES without replacing them.
        "ADDONS": {"crawler.redis_scrapy.RedisAddon": 0},
    }
    if worker:
        settings["ZHNEWS_WORKER_ID"] = worker
    return settings


def worker_name(worker: str | None = None) -> str:
    """``worker`` if given, else ``<hostname>-<pid>`` (the name a worker logs and leases under)."""
    return worker or f"{socket.gethostname()}-{os.getpid()}"


def worker_output(out: str | os.PathLike[str], worker: str | None = None) -> Path:
    """Each worker's own JSON Lines file: ``{worker}`` in ``out`` is replaced by the worker name,
    else the name goes before the suffix.

    >>> str(worker_output("out/news.jsonl", "host1-42"))
    'out/news.host1-42.jsonl'
    >>> str(worker_output("out/{worker}/news.jsonl", "host1-42"))
    'out/host1-42/news.jsonl'
    >>> str(worker_output("out/news", "h-1"))
    'out/news.h-1'
    """
    text = os.fspath(out)
    name = worker_name(worker)
    if WORKER_FIELD in text:
        return Path(text.replace(WORKER_FIELD, name))
    path = Path(text)
    return path.with_name(f"{path.stem}.{name}{path.suffix}") if path.suffix else path.with_name(f"{path.name}.{name}")


class RedisUnreachable(RuntimeError):
    """The Redis of ``--redis`` does not answer."""


def _client(url: str) -> Any:
    import redis

    try:
        client = redis.Redis.from_url(url, socket_connect_timeout=10, socket_timeout=60)
        client.ping()
    except (redis.exceptions.ConnectionError, redis.exceptions.TimeoutError, ValueError) as exc:
        raise RedisUnreachable(f"cannot reach Redis at {url}: {exc}") from exc
    return client


# --- seed-urls ---------------------------------------------------------------------------------


def start_urls_key(prefix: str = DEFAULT_PREFIX, spider: str = DEFAULT_SPIDER) -> str:
    return f"{prefix}{spider}:start_urls"


def seed_urls(client: Any, urls: Iterable[str], *, key: str) -> int:
    """Push start URLs (as ``{"url": ...}`` JSON) to the list the workers read; returns how many."""
    entries = [json.dumps({"url": u.strip()}, ensure_ascii=False) for u in urls if u.strip() and not u.startswith("#")]
    if entries:
        client.rpush(key, *entries)
    return len(entries)


def _read_url_lines(path: str) -> list[str]:
    text = sys.stdin.read() if path == "-" else Path(path).read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines()]


def _cmd_seed_urls(args: argparse.Namespace) -> int:
    urls = list(args.urls)
    for path in args.file or []:
        urls += _read_url_lines(path)
    if not [u for u in urls if u.strip()]:
        print("zhnews seed-urls: no URLs given (arguments or --file)", file=sys.stderr)
        return 2
    try:
        client = _client(args.redis)
    except RedisUnreachable as exc:
        print(f"zhnews seed-urls: {exc}", file=sys.stderr)
        return 1
    key = start_urls_key(args.prefix, args.spider)
    n = seed_urls(client, urls, key=key)
    print(f"pushed {n} start URLs to {key} ({client.llen(key)} waiting)", file=sys.stderr)
    client.close()
    return 0


# --- collect -----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Checkpoint:
    """What ``collect`` has written: the last stream entry id and the output size after it."""

    last_id: str
    size: int


def checkpoint_path(out: Path) -> Path:
    return out.with_name(out.name + ".collect")


def load_checkpoint(out: Path) -> Checkpoint:
    path = checkpoint_path(out)
    if path.is_file():
        data = json.loads(path.read_text(encoding="utf-8"))
        return Checkpoint(str(data["last_id"]), int(data["size"]))
    return Checkpoint("0-0", out.stat().st_size if out.is_file() else 0)


def save_checkpoint(out: Path, checkpoint: Checkpoint) -> None:
    path = checkpoint_path(out)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(json.dumps({"last_id": checkpoint.last_id, "size": checkpoint.size}), encoding="utf-8")
    os.replace(tmp, path)


def _text(value: Any) -> str:
    return value.decode("utf-8") if isinstance(value, bytes) else str(value)


def drain(client: Any, stream: str, out: Path, *, batch: int = 500, follow: float = 0.0) -> int:
    """Move every record of ``stream`` into ``out`` (appending), then delete it from the stream.

    Exactly once across crashes: each batch is appended and fsynced, then a checkpoint (last
    entry id, file size) is replaced atomically, then the entries are deleted. A rerun cuts the
    file back to the checkpointed size and skips entries up to the checkpointed id.
    ``follow``: keep waiting for new records until none came for that many seconds.
    Returns the number of records written.
    """
    out.parent.mkdir(parents=True, exist_ok=True)
    checkpoint = load_checkpoint(out)
    if checkpoint.last_id != "0-0":  # delete what an interrupted run wrote but did not delete
        stale = [entry_id for entry_id, _ in client.xrange(stream, "-", checkpoint.last_id)]
        if stale:
            client.xdel(stream, *stale)
    written = 0
    quiet_since = time.monotonic()
    with open(out, "a+b") as fh:
        while True:
            start = "-" if checkpoint.last_id == "0-0" else f"({checkpoint.last_id}"
            entries = client.xrange(stream, start, "+", count=batch)
            if not entries:
                if follow > 0 and time.monotonic() - quiet_since < follow:
                    time.sleep(0.2)
                    continue
                break
            quiet_since = time.monotonic()
            lines = []
            for _entry_id, fields in entries:
                record = {_text(k): v for k, v in fields.items()}.get("record")
                if record is not None:
                    lines.append(_text(record).rstrip("\n").encode("utf-8") + b"\n")
            fh.truncate(checkpoint.size)
            fh.seek(checkpoint.size)
            fh.write(b"".join(lines))
            fh.flush()
            os.fsync(fh.fileno())
            ids = [entry_id for entry_id, _ in entries]
            checkpoint = Checkpoint(_text(ids[-1]), fh.tell())
            save_checkpoint(out, checkpoint)
            client.xdel(stream, *ids)
            written += len(lines)
    return written


def _cmd_collect(args: argparse.Namespace) -> int:
    try:
        client = _client(args.redis)
    except RedisUnreachable as exc:
        print(f"zhnews collect: {exc}", file=sys.stderr)
        return 1
    stream = args.stream or f"{args.prefix}{RESULTS}"
    out = Path(args.output)
    n = drain(client, stream, out, batch=args.batch, follow=args.follow)
    print(f"collected {n} records from {stream} into {out} ({client.xlen(stream)} left)", file=sys.stderr)
    client.close()
    return 0


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add the ``seed-urls`` and ``collect`` verbs to the ``zhnews`` parser."""
    redis_help = "the shared Redis, redis://HOST:PORT/DB"
    prefix_help = f"key prefix of the shared crawl (default {DEFAULT_PREFIX})"

    seed = sub.add_parser(
        "seed-urls",
        help="push start URLs into Redis for the distributed crawl workers",
        description="Push start URLs (list pages, feeds) into Redis, where every `zhnews crawl --redis` worker "
        "picks them up. Run it from a timer on one machine to start a scheduled run on all workers.",
    )
    seed.add_argument("urls", nargs="*", metavar="URL", help="start URLs")
    seed.add_argument("-f", "--file", action="append", metavar="FILE", help="file with one URL a line ('-' = stdin)")
    seed.add_argument("--redis", required=True, metavar="URL", help=redis_help)
    seed.add_argument("--prefix", default=DEFAULT_PREFIX, help=prefix_help)
    seed.add_argument("--spider", default=DEFAULT_SPIDER, help=f"spider name (default {DEFAULT_SPIDER})")
    seed.set_defaults(func=_cmd_seed_urls)

    collect = sub.add_parser(
        "collect",
        help="drain the distributed crawl's results stream into one JSON Lines file",
        description="Append the records that `zhnews crawl --redis URL --set ZHNEWS_RESULTS_STREAM=zhnews:results` "
        "workers pushed to that Redis stream to one JSON Lines file, and delete them from the stream. Exactly once, "
        "even if interrupted: progress is checkpointed in OUT.collect. Run one collector per stream at a time.",
    )
    collect.add_argument("-o", "--output", required=True, metavar="OUT", help="JSON Lines file to append to")
    collect.add_argument("--redis", required=True, metavar="URL", help=redis_help)
    collect.add_argument("--prefix", default=DEFAULT_PREFIX, help=prefix_help)
    collect.add_argument("--stream", default=None, help=f"stream key (default {DEFAULT_PREFIX}{RESULTS})")
    collect.add_argument("--batch", type=int, default=500, help="records per read (default 500)")
    collect.add_argument(
        "--follow",
        type=float,
        default=0.0,
        metavar="SECONDS",
        help="keep collecting until no record came for SECONDS (default 0: drain what is there and exit)",
    )
    collect.set_defaults(func=_cmd_collect)
