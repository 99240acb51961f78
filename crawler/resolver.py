"""Scrapy's caching DNS resolver, with ``localhost`` names answered as the loopback address.

RFC 6761 (section 6.3) reserves ``localhost.`` and every name under it for the loopback
interface and asks resolvers to answer them without a lookup, as browsers do: a site served
on a developer's machine as ``localhost`` and ``news.localhost`` can be crawled like one on
``www.example.cn`` and ``news.example.cn``. Other names go to the system resolver as before.
:class:`crawler.middlewares.PrivateAddressMiddleware` treats these names as loopback too.
"""

from __future__ import annotations

from typing import Any

from scrapy.resolver import CachingThreadedResolver
from twisted.internet import defer

LOOPBACK = "127.0.0.1"


def is_localhost_name(host: str) -> bool:
    """True for ``localhost`` and names under it (``news.localhost``)."""
    host = (host or "").lower().rstrip(".")
    return host == "localhost" or host.endswith(".localhost")


class LocalhostResolver(CachingThreadedResolver):
    """:class:`scrapy.resolver.CachingThreadedResolver` answering ``*.localhost`` with 127.0.0.1."""

    def getHostByName(self, name: str, timeout: Any = ()) -> Any:
        if is_localhost_name(name):
            return defer.succeed(LOOPBACK)
        return super().getHostByName(name, timeout)
