"""Scrapy components for a crawl shared by many workers through one Redis (built on scrapy-redis).

Loaded only through the settings that :func:`crawler.distributed.redis_settings` returns
(this module imports Scrapy; :mod:`crawler.distributed` does not).

- :class:`LeasedQueue` (``SCHEDULER_QUEUE_CLASS``): scrapy-redis' priority queue (a sorted
  set) where a pop *leases* the request: one Lua script moves it into the
  ``{prefix}{spider}:inflight`` hash under the worker's name. The lease is released when the
  spider has handled the response (:class:`LeaseAckMiddleware`) or when the request goes back
  to the scheduler (retry, redirect). If a worker dies (``kill -9``, power loss), its heartbeat
  in ``{prefix}{spider}:workers`` expires and another worker puts its leased requests back in
  the queue: nothing fetched by a dead worker is lost.
- :class:`Scheduler` (``SCHEDULER``): scrapy-redis' scheduler, with the de-duplication check
  and the push done in one Lua script (a crash between the two cannot lose a request), and a
  fresh de-duplication set for each *run*: the set is cleared whenever the shared frontier is
  empty (no queued and no leased request), so list pages are fetched again by the next
  scheduled run while, within a run, every URL is fetched once across all workers.
- :class:`RedisCoordinator` (extension): heartbeat, recovery of dead workers' leases, start
  URLs pushed by ``zhnews seed-urls``, and the idle rule: a worker closes once the whole
  frontier (queue, leases of every worker, start URLs) has stayed empty for
  ``MAX_IDLE_TIME_BEFORE_CLOSE`` seconds.
- :class:`RedisStreamPipeline` (item pipeline): ``XADD`` each record to the results stream
  that ``zhnews collect`` drains.
- :class:`SharedDomainDelay` (downloader middleware): at most one request per
  ``ZHNEWS_REDIS_DOMAIN_DELAY`` seconds to each domain across all workers.
- :class:`RedisAddon` (``ADDONS``): adds the components above to the project's own
  ``EXTENSIONS`` / ``SPIDER_MIDDLEWARES`` / ... without replacing them.

Needs a standalone Redis (not Redis Cluster): the scripts touch keys they compute.
"""

from __future__ import annotations

import json
import logging
import os
import socket
import threading
import time
from typing import Any
from urllib.parse import urlsplit

from scrapy import Request, signals
from scrapy.exceptions import DontCloseSpider, NotConfigured
from scrapy_redis import connection
from scrapy_redis.queue import Base as RedisQueueBase
from scrapy_redis.scheduler import Scheduler as RedisScheduler

logger = logging.getLogger(__name__)

LEASE = "zhnews_lease"
DEFAULT_PREFIX = "zhnews:"
DEFAULT_IDLE = 10
DEFAULT_TTL = 30

#: KEYS: queue, inflight. ARGV: worker, nonce. Moves the best request into the lease hash.
POP_SCRIPT = r"""
local r = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
if #r == 0 then return false end
redis.call('ZREM', KEYS[1], r[1])
local token = ARGV[1] .. '|' .. r[2] .. '|' .. ARGV[2]
redis.call('HSET', KEYS[2], token, r[1])
return {r[1], token}
"""

#: KEYS: dupefilter, queue, inflight. ARGV: fingerprint ('' = do not filter), score, request, lease ('' = none).
ENQUEUE_SCRIPT = r"""
if ARGV[4] ~= '' then redis.call('HDEL', KEYS[3], ARGV[4]) end
if ARGV[1] ~= '' and redis.call('SADD', KEYS[1], ARGV[1]) == 0 then return 0 end
redis.call('ZADD', KEYS[2], ARGV[2], ARGV[3])
return 1
"""

#: KEYS: workers. ARGV: worker, ttl ms. Server clock, so workers' clocks need not agree.
HEARTBEAT_SCRIPT = r"""
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('ZADD', KEYS[1], now + tonumber(ARGV[2]), ARGV[1])
return now
"""

#: KEYS: workers, inflight, queue. ARGV: worker to release ('' = every worker whose heartbeat expired).
#: Puts the leases of those workers back in the queue; returns how many.
REQUEUE_SCRIPT = r"""
local gone = {}
local any = false
if ARGV[1] ~= '' then
  gone[ARGV[1]] = true
  any = true
  redis.call('ZREM', KEYS[1], ARGV[1])
else
  local t = redis.call('TIME')
  local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
  for _, w in ipairs(redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', now)) do
    gone[w] = true
    any = true
    redis.call('ZREM', KEYS[1], w)
  end
end
if not any then return 0 end
local all = redis.call('HGETALL', KEYS[2])
local n = 0
for i = 1, #all, 2 do
  local w, score = string.match(all[i], '^(.*)|([^|]*)|[^|]*$')
  if w and gone[w] then
    redis.call('ZADD', KEYS[3], tonumber(score), all[i + 1])
    redis.call('HDEL', KEYS[2], all[i])
    n = n + 1
  end
end
return n
"""

#: KEYS: inflight. ARGV: worker. Drops that worker's leases (its engine is idle: they are all handled).
DROP_LEASES_SCRIPT = r"""
local all = redis.call('HKEYS', KEYS[1])
local n = 0
local prefix = ARGV[1] .. '|'
for _, field in ipairs(all) do
  if string.sub(field, 1, #prefix) == prefix then
    redis.call('HDEL', KEYS[1], field)
    n = n + 1
  end
end
return n
"""

#: KEYS: queue, inflight, dupefilter. Clears the de-duplication set when the frontier is empty.
NEW_RUN_SCRIPT = r"""
if redis.call('ZCARD', KEYS[1]) == 0 and redis.call('HLEN', KEYS[2]) == 0 then
  return redis.call('DEL', KEYS[3])
end
return -1
"""

#: KEYS: domain key. ARGV: delay ms. 0 = go now (slot taken), else ms to wait.
DOMAIN_SLOT_SCRIPT = r"""
local ttl = redis.call('PTTL', KEYS[1])
if ttl > 0 then return ttl end
redis.call('SET', KEYS[1], '1', 'PX', ARGV[1])
return 0
"""


def worker_id(settings: Any = None) -> str:
    """This worker's name: ``ZHNEWS_WORKER_ID`` if set, else ``<hostname>-<pid>``."""
    configured = settings.get("ZHNEWS_WORKER_ID") if settings is not None else None
    return str(configured or f"{socket.gethostname()}-{os.getpid()}")


class Keys:
    """The Redis keys of one spider's shared crawl."""

    def __init__(self, prefix: str, spider: str) -> None:
        base = f"{prefix}{spider}"
        self.queue = f"{base}:requests"
        self.dupefilter = f"{base}:dupefilter"
        self.inflight = f"{base}:inflight"
        self.workers = f"{base}:workers"
        self.start_urls = f"{base}:start_urls"
        self.scope = f"{base}:scope"

    @classmethod
    def from_settings(cls, settings: Any, spider_name: str) -> Keys:
        return cls(settings.get("ZHNEWS_REDIS_PREFIX", DEFAULT_PREFIX), spider_name)


def share_scope(server: Any, keys: Keys, spider: Any, known: set[str], urls: list[str] | None = None) -> None:
    """Add ``urls`` to the crawl's shared scope, then give the spider every start URL any worker added.

    The ``news`` spider follows links only within its start URLs' sites (and fetches private
    hosts only if a start URL named them); a worker that got its start URLs from another worker
    or from ``zhnews seed-urls`` learns them here. ``known``: the URLs the caller already gave it.
    """
    if urls:
        server.sadd(keys.scope, *urls)
        known.update(urls)
    add = getattr(spider, "add_start_urls", None)
    if add is None:
        return
    shared = {m.decode() if isinstance(m, bytes) else m for m in server.smembers(keys.scope)}
    new = sorted(shared - known)
    if new:
        add(new)
        known.update(new)


class LeasedQueue(RedisQueueBase):
    """Priority queue whose pop leases the request to this worker until it is handled."""

    def __init__(self, server: Any, spider: Any, key: str, serializer: Any = None) -> None:
        super().__init__(server, spider, key, serializer)
        self.keys = Keys.from_settings(spider.crawler.settings, spider.name)
        self.worker = worker_id(spider.crawler.settings)
        self._pop = server.register_script(POP_SCRIPT)
        self._enqueue = server.register_script(ENQUEUE_SCRIPT)
        self._nonce = 0
        self._scope: set[str] = set(getattr(spider, "start_urls", None) or ())

    def __len__(self) -> int:
        return int(self.server.zcard(self.key))

    def push(self, request: Request, fingerprint: str = "") -> bool:
        """Queue ``request`` (unless ``fingerprint`` was already seen); releases the lease it carried."""
        lease = request.meta.pop(LEASE, "") or ""
        data = self._encode_request(request)
        added = self._enqueue(
            keys=[self.keys.dupefilter, self.key, self.keys.inflight],
            args=[fingerprint, -request.priority, data, lease],
        )
        return bool(added)

    def pop(self, timeout: int = 0) -> Request | None:
        """Lease the best request (never blocks: the engine polls again)."""
        self._nonce += 1
        found = self._pop(keys=[self.key, self.keys.inflight], args=[self.worker, f"{time.time_ns():x}{self._nonce}"])
        if not found:
            return None
        data, token = found
        request = self._decode_request(data)
        request.meta[LEASE] = token.decode() if isinstance(token, bytes) else token
        hosts = getattr(self.spider, "start_hosts", None)
        if hosts is not None and urlsplit(request.url).hostname not in hosts:
            share_scope(self.server, self.keys, self.spider, self._scope)  # a site another worker started from
        return request


class Scheduler(RedisScheduler):
    """scrapy-redis' scheduler: atomic check-and-push, a fresh de-duplication set per run, leases."""

    crawler: Any = None

    @classmethod
    def from_crawler(cls, crawler: Any) -> Scheduler:
        instance = super().from_crawler(crawler)
        instance.crawler = crawler
        return instance  # type: ignore[no-any-return]

    def open(self, spider: Any) -> None:
        super().open(spider)
        keys = Keys.from_settings(spider.crawler.settings, spider.name)
        if int(self.server.register_script(NEW_RUN_SCRIPT)(keys=[keys.queue, keys.inflight, keys.dupefilter])) >= 0:
            logger.info("Starting a new run: the shared frontier was empty")

    def close(self, reason: str) -> None:
        """Keep the shared queue: other workers may still be using it (scrapy-redis would flush it)."""
        return None

    def next_request(self) -> Request | None:
        request = self.queue.pop()
        if request is not None and self.stats:
            self.stats.inc_value("scheduler/dequeued/redis")
        return request  # type: ignore[no-any-return]

    def enqueue_request(self, request: Request) -> bool:
        fingerprint = "" if request.dont_filter else self.df.request_fingerprint(request)
        if not self.queue.push(request, fingerprint):
            self.df.log(request, self.spider)
            return False
        if self.stats:
            self.stats.inc_value("scheduler/enqueued/redis")
        return True


class LeaseAckMiddleware:
    """Spider middleware: releases a request's lease once everything the spider made of its response is done.

    Done means: the callback's output was consumed (new requests are in the shared queue) and
    each item it yielded has left the item pipelines (``item_scraped``, ``item_dropped`` or
    ``item_error``; the feed export has written it). A worker killed before that leaves the
    lease behind, and another worker fetches the page again.
    """

    def __init__(self, crawler: Any, server: Any) -> None:
        self.crawler = crawler
        self.server = server
        self._inflight: str | None = None
        #: id(response) -> [items not yet done, output consumed, response]
        self.pending: dict[int, list[Any]] = {}

    @classmethod
    def from_crawler(cls, crawler: Any) -> LeaseAckMiddleware:
        if not crawler.settings.get("REDIS_URL"):
            raise NotConfigured("no REDIS_URL")
        mw = cls(crawler, connection.from_settings(crawler.settings))
        for signal in (signals.item_scraped, signals.item_dropped, signals.item_error):
            crawler.signals.connect(mw.item_done, signal=signal)
        return mw

    def _ack(self, request: Request | None) -> None:
        lease = request.meta.pop(LEASE, None) if request is not None else None
        if not lease:
            return
        if self._inflight is None:
            self._inflight = Keys.from_settings(self.crawler.settings, self.crawler.spider.name).inflight
        self.server.hdel(self._inflight, lease)

    def _maybe_ack(self, key: int) -> None:
        state = self.pending.get(key)
        if state is None or not state[1] or state[0] > 0:
            return
        del self.pending[key]
        from twisted.internet import reactor

        # after the other handlers of the same item signal (the seen-store's commit among them)
        reactor.callLater(0, self._ack, state[2].request)

    def item_done(self, item: Any, response: Any = None, **kwargs: Any) -> None:
        state = self.pending.get(id(response)) if response is not None else None
        if state is not None and state[2] is response:
            state[0] -= 1
            self._maybe_ack(id(response))

    async def process_spider_output(self, response: Any, result: Any) -> Any:
        key = id(response)
        state = self.pending.setdefault(key, [0, False, response])
        async for output in result:
            if not isinstance(output, Request):
                state[0] += 1
            yield output
        state[1] = True
        self._maybe_ack(key)

    def process_spider_exception(self, response: Any, exception: BaseException) -> None:
        state = self.pending.get(id(response))
        if state is not None:
            state[1] = True
            self._maybe_ack(id(response))
        else:
            self._ack(response.request)


class RedisCoordinator:
    """Extension: heartbeat, recovery of dead workers' leases, start URLs from Redis, the idle rule."""

    def __init__(self, crawler: Any, server: Any) -> None:
        settings = crawler.settings
        self.crawler = crawler
        self.server = server
        self.worker = worker_id(settings)
        self.idle = settings.getfloat("MAX_IDLE_TIME_BEFORE_CLOSE", DEFAULT_IDLE)
        self.ttl = settings.getfloat("ZHNEWS_REDIS_WORKER_TTL", DEFAULT_TTL)
        self.tick_every = min(1.0, self.ttl / 3)
        self.batch = settings.getint("CONCURRENT_REQUESTS", 16)
        self.keys: Keys | None = None
        self.idle_since: float | None = None
        self.loop: Any = None
        self._scope: set[str] = set()
        self._stop = threading.Event()
        self._beater: threading.Thread | None = None
        self._heartbeat = server.register_script(HEARTBEAT_SCRIPT)
        self._requeue = server.register_script(REQUEUE_SCRIPT)
        self._drop = server.register_script(DROP_LEASES_SCRIPT)
        self._new_run = server.register_script(NEW_RUN_SCRIPT)

    @classmethod
    def from_crawler(cls, crawler: Any) -> RedisCoordinator:
        if not crawler.settings.get("REDIS_URL"):
            raise NotConfigured("no REDIS_URL")
        ext = cls(crawler, connection.from_settings(crawler.settings))
        crawler.signals.connect(ext.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(ext.spider_idle, signal=signals.spider_idle)
        crawler.signals.connect(ext.spider_closed, signal=signals.spider_closed)
        return ext

    def spider_opened(self, spider: Any) -> None:
        from twisted.internet import task

        self.keys = Keys.from_settings(self.crawler.settings, spider.name)
        self._beat()
        self._scope = set()
        share_scope(self.server, self.keys, spider, self._scope, list(getattr(spider, "start_urls", None) or ()))
        logger.info("Worker %s joined the shared crawl in Redis", self.worker)
        self.loop = task.LoopingCall(self.tick)
        self.loop.start(self.tick_every, now=False)
        self._stop = threading.Event()
        self._beater = threading.Thread(target=self._beat_forever, name="zhnews-heartbeat", daemon=True)
        self._beater.start()

    def _beat(self) -> None:
        assert self.keys is not None
        self._heartbeat(keys=[self.keys.workers], args=[self.worker, int(self.ttl * 1000)])

    def _beat_forever(self) -> None:
        """The heartbeat, in a thread of its own: a worker busy cleaning a page (its event loop
        blocked for seconds) is alive all the same; a killed one stops beating at once."""
        while not self._stop.wait(self.tick_every):
            try:
                self._beat()
            except Exception:
                logger.warning("heartbeat to Redis failed", exc_info=True)

    def tick(self) -> None:
        """Every second or so: recover dead workers' leases, adopt shared start URLs, wake the engine."""
        assert self.keys is not None
        try:
            share_scope(self.server, self.keys, self.crawler.spider, self._scope)
            recovered = int(self._requeue(keys=[self.keys.workers, self.keys.inflight, self.keys.queue], args=[""]))
            if recovered:
                logger.warning("Requeued %d requests leased by workers that stopped answering", recovered)
                self.crawler.stats.inc_value("redis/requeued_from_dead_workers", recovered)
            self._wake()
        except Exception:  # a Redis hiccup must not kill the loop
            logger.exception("Redis coordinator tick failed")

    def _wake(self) -> None:
        """Ask the engine to look at the scheduler now rather than at its next 5 s heartbeat."""
        slot = getattr(self.crawler.engine, "_slot", None)
        nextcall = getattr(slot, "nextcall", None)
        if nextcall is not None:
            nextcall.schedule()

    def seed_requests(self, spider: Any) -> list[Request]:
        """Requests for the start URLs waiting in Redis (``{"url": ...}`` JSON or plain URLs).

        Uses the spider's ``seed_requests(url)`` (the ``news`` spider's: the page, robots.txt,
        sitemaps, feeds) when it has one, else one ``Request(url, dont_filter=True)``.
        """
        assert self.keys is not None
        raw = self.server.lpop(self.keys.start_urls, self.batch) or []
        urls = []
        for item in raw:
            text = item.decode("utf-8") if isinstance(item, bytes) else str(item)
            try:
                data = json.loads(text) if text.startswith("{") else {"url": text}
            except ValueError:
                data = {}
            if not data.get("url"):
                logger.warning("Ignored a start URL entry without url: %r", text[:200])
                continue
            urls.append(str(data["url"]))
        if not urls:
            return []
        share_scope(self.server, self.keys, spider, self._scope, urls)
        make = getattr(spider, "seed_requests", None)
        requests: list[Request] = []
        for url in urls:
            requests.extend(make(url) if callable(make) else [Request(url, dont_filter=True)])
        logger.info("Took %d start URLs from %s", len(urls), self.keys.start_urls)
        return requests

    def spider_idle(self, spider: Any) -> None:
        """Keep the worker while the shared frontier has work or until it has been empty long enough."""
        assert self.keys is not None
        keys = self.keys
        # The engine is idle: every request this worker leased has been handled (some failed for good).
        self._drop(keys=[keys.inflight], args=[self.worker])
        seeds = self.seed_requests(spider)
        for request in seeds:
            self.crawler.engine.crawl(request)
        pipe = self.server.pipeline(transaction=False)
        pipe.zcard(keys.queue).hlen(keys.inflight).llen(keys.start_urls)
        queued, leased, waiting = pipe.execute()
        if seeds or queued or leased or waiting:
            self.idle_since = None
            raise DontCloseSpider
        # The frontier is empty: this run is over; the next one starts with a fresh de-duplication set.
        self._new_run(keys=[keys.queue, keys.inflight, keys.dupefilter])
        now = time.monotonic()
        if self.idle_since is None:
            self.idle_since = now
        if now - self.idle_since < self.idle:
            raise DontCloseSpider
        logger.info("Frontier empty for %g s: worker %s closes", self.idle, self.worker)

    def spider_closed(self, spider: Any, reason: str) -> None:
        assert self.keys is not None
        if self.loop is not None and self.loop.running:
            self.loop.stop()
        self._stop.set()
        if self._beater is not None:
            self._beater.join(timeout=5)
        keys = self.keys
        if reason == "finished":
            self._drop(keys=[keys.inflight], args=[self.worker])
            self.server.zrem(keys.workers, self.worker)
        else:  # shut down early (Ctrl-C, SIGTERM, CLOSESPIDER_*): hand what it held back to the others
            n = int(self._requeue(keys=[keys.workers, keys.inflight, keys.queue], args=[self.worker]))
            if n:
                logger.info("Put %d unfinished requests back in the shared queue", n)


class RedisStreamPipeline:
    """Item pipeline: ``XADD`` every record (as JSON) to the results stream that ``zhnews collect`` drains."""

    def __init__(self, server: Any, stream: str, worker: str) -> None:
        self.server = server
        self.stream = stream
        self.worker = worker

    @classmethod
    def from_crawler(cls, crawler: Any) -> RedisStreamPipeline:
        settings = crawler.settings
        stream = settings.get("ZHNEWS_RESULTS_STREAM")
        if not stream or not settings.get("REDIS_URL"):
            raise NotConfigured("no ZHNEWS_RESULTS_STREAM")
        return cls(connection.from_settings(settings), stream, worker_id(settings))

    def process_item(self, item: Any) -> Any:
        from itemadapter import ItemAdapter

        data = item.record if isinstance(getattr(item, "record", None), dict) else ItemAdapter(item).asdict()
        record = json.dumps(data, ensure_ascii=False, default=str)
        self.server.xadd(self.stream, {"record": record, "worker": self.worker})
        return item


class SharedDomainDelay:
    """Downloader middleware: one request per domain per ``ZHNEWS_REDIS_DOMAIN_DELAY`` seconds, all workers together."""

    def __init__(self, server: Any, prefix: str, delay: float) -> None:
        self.server = server
        self.prefix = prefix
        self.delay_ms = max(1, int(delay * 1000))
        self._slot = server.register_script(DOMAIN_SLOT_SCRIPT)

    @classmethod
    def from_crawler(cls, crawler: Any) -> SharedDomainDelay:
        settings = crawler.settings
        delay = settings.getfloat("ZHNEWS_REDIS_DOMAIN_DELAY", 0.0)
        if delay <= 0 or not settings.get("REDIS_URL"):
            raise NotConfigured("ZHNEWS_REDIS_DOMAIN_DELAY is 0")
        return cls(connection.from_settings(settings), settings.get("ZHNEWS_REDIS_PREFIX", DEFAULT_PREFIX), delay)

    async def process_request(self, request: Request) -> None:
        from urllib.parse import urlsplit

        from scrapy.utils.defer import maybe_deferred_to_future
        from twisted.internet import reactor, task

        key = f"{self.prefix}polite:{urlsplit(request.url).hostname or ''}"
        while True:
            wait_ms = int(self._slot(keys=[key], args=[self.delay_ms]))
            if wait_ms <= 0:
                return None
            await maybe_deferred_to_future(task.deferLater(reactor, wait_ms / 1000, lambda: None))


def per_worker_uri(uri: str, worker: str) -> str:
    """A feed URI for one worker: local files get the worker's name (see ``worker_output``); others stay."""
    from crawler.distributed import WORKER_FIELD, worker_output

    if uri.startswith("file://"):
        return "file://" + str(worker_output(uri[len("file://") :], worker))
    scheme = urlsplit(uri).scheme
    if uri in ("-", "") or (len(scheme) > 1 and WORKER_FIELD not in uri):  # stdout:, s3://, ...: unchanged
        return uri
    return str(worker_output(uri, worker))


#: (setting, class in this module, order) that the add-on adds.
COMPONENTS = (
    ("EXTENSIONS", "RedisCoordinator", 500),
    ("SPIDER_MIDDLEWARES", "LeaseAckMiddleware", 10),
    ("DOWNLOADER_MIDDLEWARES", "SharedDomainDelay", 90),
    ("ITEM_PIPELINES", "RedisStreamPipeline", 950),  # after the project's last one (the record dict)
)


class RedisAddon:
    """Scrapy add-on: adds the Redis components to the project's component dicts instead of replacing them,
    and gives each worker its own output files, feeds and WARC (``ZHNEWS_WORKER_OUTPUT``, on by default)."""

    def update_settings(self, settings: Any) -> None:
        # Not set_in_component_priority_dict: it imports every component already listed, and a
        # component module that imports twisted.internet.reactor would install the wrong reactor.
        for name, component, order in COMPONENTS:
            current = settings[name]
            if hasattr(current, "set"):
                current.set(f"{__name__}.{component}", order, priority="addon")
            else:
                settings.set(
                    name,
                    {**(current or {}), f"{__name__}.{component}": order},
                    priority=settings.getpriority(name) or "addon",
                )
        feeds = settings.getdict("FEEDS")
        worker = worker_id(settings)
        if feeds and settings.getbool("ZHNEWS_WORKER_OUTPUT", True):
            renamed = {per_worker_uri(str(uri), worker): options for uri, options in feeds.items()}
            for old, new in zip(feeds, renamed, strict=True):
                if old != new:
                    logger.info("Worker %s writes %s (not %s)", worker, new, old)
            settings.set("FEEDS", renamed, priority=settings.getpriority("FEEDS"))
        warc = settings.get("ZHNEWS_WARC")
        if warc and settings.getbool("ZHNEWS_WORKER_OUTPUT", True):  # two writers must not share one archive
            from crawler.distributed import worker_output

            gz = ".gz" if warc.endswith(".gz") else ""
            name = str(worker_output(warc.removesuffix(".gz"), worker)) + gz
            settings.set("ZHNEWS_WARC", name, priority=settings.getpriority("ZHNEWS_WARC"))
