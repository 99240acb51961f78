"""Item pipelines: clean each article, decide with the seen-store if it is new, archive it, emit the record.

Order (``ITEM_PIPELINES``): :class:`CleanPipeline` (300) runs the cleaning library on the
raw bytes, exactly as ``zhnews clean`` does, and adds ``fetched_at`` and ``http``;
:class:`SeenPipeline` (400) drops articles the store already has unchanged, numbers
changed ones (``revision``) and gives near-duplicate texts under other URLs the story's
``story_id`` (and drops them unless ``ZHNEWS_EMIT_DUPLICATES``); :class:`WarcPipeline`
(500) archives the raw response of every emitted article in a WARC file.
:class:`SeenPipeline` writes a new entry to the store only once the feed exports have
written the record (``item_scraped``): a crawl killed at any moment loses no article and,
run again with the same state, emits each one once.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import replace
from functools import partial
from typing import Any

from scrapy import signals
from scrapy.exceptions import DropItem, NotConfigured

from cleaning import CleanConfig, clean_bytes, error_record
from cleaning.record import SCHEMA_VERSION

from .items import Cleaned, FetchedPage
from .state import SeenEntry, simhash

logger = logging.getLogger(__name__)

#: Texts shorter than this (characters) are not compared for near-duplicates.
MIN_STORY_CHARS = 80
HOP_BY_HOP = {"content-encoding", "transfer-encoding", "content-length", "connection", "keep-alive"}


def sha1(data: bytes | str) -> str:
    return hashlib.sha1(data.encode("utf-8") if isinstance(data, str) else data).hexdigest()


def clean_config(settings: Any) -> CleanConfig:
    """A :class:`CleanConfig` from the ``ZHNEWS_CLEAN_*`` settings."""
    scrub = settings.getlist("ZHNEWS_CLEAN_SCRUB") if settings.get("ZHNEWS_CLEAN_SCRUB") is not None else None
    kwargs: dict[str, Any] = {
        "scrub_steps": tuple(scrub) if scrub is not None else None,
        "skip_steps": frozenset(settings.getlist("ZHNEWS_CLEAN_SKIP")),
        "entities": settings.getbool("ZHNEWS_CLEAN_ENTITIES", True),
    }
    if settings.get("ZHNEWS_CLEAN_MAX_BYTES"):
        kwargs["max_bytes"] = settings.getint("ZHNEWS_CLEAN_MAX_BYTES")
    return CleanConfig(**kwargs)


def page_record(page: FetchedPage, config: CleanConfig | None) -> dict[str, Any]:
    """The record of one fetched article: the cleaning pipeline's record, or an error record.

    With ``config`` None (cleaning off) a bare record of the fetch. Never raises.
    """
    if config is None:
        record: dict[str, Any] = {
            "schema_version": SCHEMA_VERSION,
            "input": page.url,
            "url": page.url,
            "bytes": len(page.body),
        }
    else:
        try:
            record = clean_bytes(
                page.body, input_name=page.url, kind="html", url=page.url, content_type=page.content_type, config=config
            )
        except Exception as exc:
            logger.debug("cleaning %s failed", page.url, exc_info=True)
            record = error_record(page.url, exc, url=page.url)
    record["url"] = page.url
    record["fetched_at"] = page.fetched_at
    record["http"] = {"status": page.status, "etag": page.etag, "last_modified": page.last_modified}
    return record


def cleaned(page: FetchedPage, record: dict[str, Any]) -> Cleaned:
    text = record.get("text_simplified") or record.get("text") or ""
    content_hash = sha1(text) if text.strip() else sha1(page.body)
    return Cleaned(page, record, content_hash, text)


class CleanPipeline:
    """:class:`FetchedPage` -> :class:`Cleaned`, by ``cleaning.clean_bytes`` on the raw bytes.

    Cleaning is CPU work: it runs off the reactor thread (so downloads in flight do not
    time out behind it), in one worker thread (``ZHNEWS_CLEAN_WORKERS = 0``) or in that many
    worker processes. :meth:`clean` is the same work done inline, for tests.
    """

    def __init__(self, config: CleanConfig | None, workers: int = 0) -> None:
        self.config = config
        self.workers = max(0, workers)
        self._threads: Any = None
        self._processes: Any = None

    @classmethod
    def from_crawler(cls, crawler: Any) -> CleanPipeline:
        s = crawler.settings
        config = clean_config(s) if s.getbool("ZHNEWS_CLEAN", True) else None
        return cls(config, s.getint("ZHNEWS_CLEAN_WORKERS", 0))

    def open_spider(self) -> None:
        from twisted.python.threadpool import ThreadPool

        if self.config is None:
            return
        self._threads = ThreadPool(minthreads=1, maxthreads=max(1, self.workers), name="zhnews-clean")
        self._threads.start()
        if self.workers:
            import multiprocessing
            from concurrent.futures import ProcessPoolExecutor

            ctx = multiprocessing.get_context("forkserver")
            self._processes = ProcessPoolExecutor(max_workers=self.workers, mp_context=ctx)

    def close_spider(self) -> None:
        if self._threads is not None:
            self._threads.stop()
            self._threads = None
        if self._processes is not None:
            self._processes.shutdown(wait=True, cancel_futures=True)
            self._processes = None

    def clean(self, item: FetchedPage) -> Cleaned:
        return cleaned(item, page_record(item, self.config))

    def _in_process(self, item: FetchedPage) -> dict[str, Any]:
        from cleaning.errors import WorkerCrashed

        try:
            return self._processes.submit(page_record, item, self.config).result()  # type: ignore[no-any-return]
        except Exception as exc:  # a worker died (out of memory, a crash in a C library)
            logger.warning("cleaning worker failed on %s: %s", item.url, exc)
            crash = WorkerCrashed(f"the worker process cleaning this page died: {exc.__class__.__name__}")
            record = error_record(item.url, crash, url=item.url)
            record.update(url=item.url, fetched_at=item.fetched_at)
            record["http"] = {"status": item.status, "etag": item.etag, "last_modified": item.last_modified}
            return record

    async def process_item(self, item: Any) -> Any:
        if not isinstance(item, FetchedPage):
            return item
        if self._threads is None:  # cleaning off, or used outside a crawl
            return self.clean(item)
        from scrapy.utils.defer import maybe_deferred_to_future
        from twisted.internet import reactor
        from twisted.internet.threads import deferToThreadPool

        work = self._in_process if self._processes is not None else partial(page_record, config=self.config)
        record = await maybe_deferred_to_future(deferToThreadPool(reactor, self._threads, work, item))
        return cleaned(item, record)


class SeenPipeline:
    """Drop what the store already has; number revisions; give near-duplicates a shared ``story_id``."""

    def __init__(self, crawler: Any, distance: int, emit_duplicates: bool) -> None:
        self.crawler = crawler
        self.distance = distance
        self.emit_duplicates = emit_duplicates
        self.pending: dict[str, SeenEntry] = {}
        self.pending_pages: dict[str, FetchedPage] = {}

    @classmethod
    def from_crawler(cls, crawler: Any) -> SeenPipeline:
        s = crawler.settings
        pipe = cls(crawler, s.getint("ZHNEWS_STORY_DISTANCE", 3), s.getbool("ZHNEWS_EMIT_DUPLICATES"))
        crawler.signals.connect(pipe.item_scraped, signal=signals.item_scraped)
        return pipe

    @property
    def store(self) -> Any:
        return getattr(self.crawler.spider, "seen_store", None)

    def inc(self, key: str) -> None:
        self.crawler.stats.inc_value(f"zhnews/{key}")

    def find_story(self, sim: int) -> str | None:
        found = self.store.find_story(sim, self.distance)
        if found:
            return found  # type: ignore[no-any-return]
        from .state import hamming

        for entry in self.pending.values():  # written to the feed but not yet committed
            if entry.simhash is not None and entry.story_id and hamming(entry.simhash, sim) <= self.distance:
                return entry.story_id
        return None

    def process_item(self, item: Any) -> Any:
        if not isinstance(item, Cleaned) or self.store is None:
            return item
        page, record = item.page, item.record
        this_run: set[str] = getattr(self.crawler.spider, "urls_this_run", set())
        this_run.add(page.url)
        prev = self.store.get(page.url)
        sim = simhash(item.text) if len(item.text) >= MIN_STORY_CHARS else None
        now = page.fetched_at
        if prev is not None:
            if prev.content_hash == item.content_hash:
                self.remember(replace(prev, etag=page.etag, last_modified=page.last_modified, last_seen=now), page)
                self.inc("articles/unchanged")
                raise DropItem(f"unchanged since {prev.last_seen}: {page.url}", log_level="DEBUG")
            revision, story_id, first_seen = prev.revision + 1, prev.story_id, prev.first_seen
            self.inc("articles/revised")
        else:
            revision, first_seen = 1, now
            story_id = self.find_story(sim) if sim else None
            if story_id:
                self.remember(
                    SeenEntry(page.url, item.content_hash, page.etag, page.last_modified, now, now, 1, story_id, sim),
                    page,
                )
                self.inc("articles/duplicate_story")
                if not self.emit_duplicates:
                    raise DropItem(f"near-duplicate of story {story_id}: {page.url}", log_level="INFO")
            else:
                story_id = sha1(page.url)[:16]
        since = getattr(self.crawler.spider, "since", None)
        published = (record.get("published_at") or "")[:10]
        entry = SeenEntry(
            page.url, item.content_hash, page.etag, page.last_modified, first_seen, now, revision, story_id, sim
        )
        if since and published and published < since:
            self.remember(entry, page)
            self.inc("articles/older_than_since")
            raise DropItem(f"published {published}, before {since}: {page.url}", log_level="DEBUG")
        record["revision"] = revision
        record["story_id"] = story_id
        self.pending[page.url] = entry
        self.pending_pages[page.url] = page
        return item

    def remember(self, entry: SeenEntry, page: FetchedPage) -> None:
        """Store ``entry``, and the same under each URL that redirected to it (not fetched again next run)."""
        self.store.put(entry)
        for alias in page.aliases:
            if alias != entry.url:
                self.store.put(replace(entry, url=alias))

    def item_scraped(self, item: Any, response: Any = None, spider: Any = None) -> None:
        """The feed exports have written the record: now the store may remember the article."""
        url = item.get("url") if isinstance(item, dict) else getattr(getattr(item, "page", None), "url", None)
        entry = self.pending.pop(url, None) if url else None
        page = self.pending_pages.pop(url, None) if url else None
        if entry is not None and page is not None and self.store is not None:
            self.remember(entry, page)


class WarcPipeline:
    """Archive the raw response of every emitted article in a WARC file (``ZHNEWS_WARC``)."""

    def __init__(self, path: str) -> None:
        self.path = path
        self._fh: Any = None
        self._writer: Any = None

    @classmethod
    def from_crawler(cls, crawler: Any) -> WarcPipeline:
        path = crawler.settings.get("ZHNEWS_WARC")
        if not path:
            raise NotConfigured
        return cls(path)

    def open_spider(self) -> None:
        from pathlib import Path

        from warcio.warcwriter import WARCWriter

        Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        self._fh = open(self.path, "ab")
        self._writer = WARCWriter(self._fh, gzip=self.path.endswith(".gz"))

    def close_spider(self) -> None:
        if self._fh is not None:
            self._fh.close()
            self._fh = None

    def process_item(self, item: Any) -> Any:
        if not isinstance(item, Cleaned) or self._writer is None:
            return item
        from io import BytesIO

        from warcio.statusandheaders import StatusAndHeaders

        page = item.page
        headers = [(k, v) for k, v in page.headers if k.lower() not in HOP_BY_HOP]
        headers.append(("Content-Length", str(len(page.body))))
        http_headers = StatusAndHeaders(f"{page.status} OK", headers, protocol="HTTP/1.1")
        record = self._writer.create_warc_record(
            page.url,
            "response",
            payload=BytesIO(page.body),
            http_headers=http_headers,
            warc_headers_dict={"WARC-Date": page.fetched_at},
        )
        self._writer.write_record(record)
        self._fh.flush()
        return item


class RecordPipeline:
    """The last pipeline: hand the record dict to the feed exports."""

    def process_item(self, item: Any) -> Any:
        return item.record if isinstance(item, Cleaned) else item
