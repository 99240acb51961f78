"""Crawler middlewares: no private addresses, retries with backoff, skip articles already seen.

* :class:`PrivateAddressMiddleware` (downloader) refuses requests to loopback, private,
  link-local and other non-public addresses, unless the host is one of the crawl's start
  hosts (the user named it), a subdomain of a start host that is itself private (the user
  is crawling an internal site: ``news.intranet.example`` from ``intranet.example``), or
  listed in ``ZHNEWS_ALLOW_PRIVATE``. Links and redirects from crawled pages cannot reach
  a machine's or a network's internal services. ``localhost`` and names under it are
  loopback (RFC 6761) whatever DNS says.
* :class:`BackoffRetryMiddleware` is Scrapy's retry with an exponential pause before each
  retry (``ZHNEWS_RETRY_BACKOFF_BASE`` doubled per attempt, at most ``..._MAX``).
* :class:`SeenFilterMiddleware` (spider) drops requests for article URLs the seen-store
  knows, or, with ``ZHNEWS_RECHECK``, turns them into conditional requests.
"""

from __future__ import annotations

import ipaddress
import logging
import socket
from typing import Any

from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.exceptions import IgnoreRequest, NotConfigured
from scrapy.http import Request, Response
from scrapy.spidermiddlewares.base import BaseSpiderMiddleware
from scrapy.utils.defer import maybe_deferred_to_future
from twisted.internet.task import deferLater

logger = logging.getLogger(__name__)

Network = ipaddress.IPv4Network | ipaddress.IPv6Network
Address = ipaddress.IPv4Address | ipaddress.IPv6Address


def is_public(address: Address) -> bool:
    """True for globally routable unicast addresses."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        address = address.ipv4_mapped
    return address.is_global and not address.is_multicast


def parse_allowed(values: list[str]) -> tuple[frozenset[str], tuple[Network, ...]]:
    """``ZHNEWS_ALLOW_PRIVATE`` entries as host names and networks (an IP is a /32 network)."""
    hosts: set[str] = set()
    nets: list[Network] = []
    for value in values:
        value = value.strip().lower()
        if not value:
            continue
        try:
            nets.append(ipaddress.ip_network(value, strict=False))
        except ValueError:
            hosts.add(value)
    return frozenset(hosts), tuple(nets)


class PrivateAddressMiddleware:
    """Refuse requests whose host is, or resolves to, a non-public address."""

    def __init__(self, allowed: list[str], crawler: Any = None) -> None:
        self.hosts, self.networks = parse_allowed(allowed)
        self.crawler = crawler
        self._verdicts: dict[str, str | None] = {}

    @classmethod
    def from_crawler(cls, crawler: Any) -> PrivateAddressMiddleware:
        if crawler.settings.getbool("ZHNEWS_ALLOW_ALL_ADDRESSES"):
            raise NotConfigured
        return cls(crawler.settings.getlist("ZHNEWS_ALLOW_PRIVATE"), crawler)

    def _start_hosts(self) -> set[str]:
        spider = getattr(self.crawler, "spider", None)
        return getattr(spider, "start_hosts", set())

    def addresses(self, host: str) -> list[Address]:
        """The addresses ``host`` is, or resolves to (none if it does not resolve)."""
        from .resolver import LOOPBACK, is_localhost_name

        if is_localhost_name(host):
            return [ipaddress.ip_address(LOOPBACK)]
        try:
            return [ipaddress.ip_address(host)]
        except ValueError:
            pass
        try:
            infos = socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
        except (OSError, UnicodeError):
            infos = []  # unresolvable: the download fails with a DNS error on its own
        return [ipaddress.ip_address(str(info[4][0]).split("%", 1)[0]) for info in infos]

    def _private(self, host: str) -> str | None:
        """Why ``host``'s addresses are not public, or None if they are (or it does not resolve)."""
        for address in self.addresses(host):
            if not is_public(address) and not any(address in net for net in self.networks):
                return f"{host} is a non-public address ({address})"
        return None

    def _under_private_start_host(self, host: str) -> bool:
        """True if ``host`` is a subdomain of a start host that is itself private (an internal site)."""
        from .classify import site_key

        for start in self._start_hosts():
            start = start.lower()
            key = site_key(start)
            if key and host.endswith("." + key) and not key.replace(".", "").isdigit() and self._private(start):
                return True
        return False

    def refusal(self, host: str) -> str | None:
        """Why ``host`` may not be fetched, or None if it may."""
        host = host.lower().strip("[]")
        if host in self.hosts or host in self._start_hosts():
            return None
        if host in self._verdicts:
            return self._verdicts[host]
        verdict = self._private(host)
        if verdict and self._under_private_start_host(host):
            verdict = None
        self._verdicts[host] = verdict
        return verdict

    def process_request(self, request: Request, spider: Any = None) -> None:
        from urllib.parse import urlsplit

        reason = self.refusal(urlsplit(request.url).hostname or "")
        if reason:
            if self.crawler is not None:
                self.crawler.stats.inc_value("zhnews/refused_private_address")
            logger.warning("refusing %s: %s (allow it with ZHNEWS_ALLOW_PRIVATE)", request.url, reason)
            raise IgnoreRequest(reason)


class BackoffRetryMiddleware(RetryMiddleware):
    """Scrapy's RetryMiddleware, waiting base * 2**(n-1) seconds before the n-th retry."""

    def __init__(self, settings: Any) -> None:
        super().__init__(settings)
        self.backoff_base = settings.getfloat("ZHNEWS_RETRY_BACKOFF_BASE", 1.0)
        self.backoff_max = settings.getfloat("ZHNEWS_RETRY_BACKOFF_MAX", 60.0)

    def delay(self, retry_times: int) -> float:
        return float(min(self.backoff_max, self.backoff_base * 2 ** max(0, retry_times - 1)))

    async def _pause(self, result: Any) -> Any:
        if isinstance(result, Request) and self.backoff_base > 0:
            # imported here: at module level it would install the default reactor before Scrapy picks one
            from twisted.internet import reactor

            wait = self.delay(result.meta.get("retry_times", 1))
            await maybe_deferred_to_future(deferLater(reactor, wait, lambda: None))
        return result

    async def process_response(self, request: Request, response: Response, spider: Any = None) -> Any:  # type: ignore[override]
        return await self._pause(super().process_response(request, response))

    async def process_exception(self, request: Request, exception: Exception, spider: Any = None) -> Any:  # type: ignore[override]
        return await self._pause(super().process_exception(request, exception))


class SeenFilterMiddleware(BaseSpiderMiddleware):
    """Skip requests for articles the seen-store knows; with recheck, ask the server if they changed."""

    def __init__(self, crawler: Any) -> None:
        super().__init__(crawler)
        self.recheck_default = crawler.settings.getbool("ZHNEWS_RECHECK")
        self.skipped: set[str] = set()

    def get_processed_request(self, request: Request, response: Response | None) -> Request | None:
        spider = self.crawler.spider
        store = getattr(spider, "seen_store", None)
        if store is None or request.meta.get("zhnews_kind") in ("seed", "robots", "sitemap", "feed", "list"):
            return request
        entry = store.get(request.url)
        if entry is None:
            return request
        if request.url in getattr(spider, "urls_this_run", ()):
            return None  # stored by this very run: a duplicate link, not an article seen before
        recheck = getattr(spider, "recheck", None)
        if not (self.recheck_default if recheck is None else recheck):
            self.skipped.add(request.url)
            self.crawler.stats.set_value("zhnews/articles/skipped_seen", len(self.skipped))
            return None
        self.crawler.stats.inc_value("zhnews/articles/rechecked")
        headers = {}
        if entry.etag:
            headers["If-None-Match"] = entry.etag
        if entry.last_modified:
            headers["If-Modified-Since"] = entry.last_modified
        request.headers.update(headers)
        handled = [*request.meta.get("handle_httpstatus_list", ()), 304]
        return request.replace(
            dont_filter=request.dont_filter, meta={**request.meta, "handle_httpstatus_list": handled}
        )
