"""The ``news`` spider: from a portal's home page to every article on it, one item per article.

Discovery: the start page, ``/robots.txt`` (its Sitemap lines), the usual sitemap and feed
paths and the feeds pages advertise; then every same-site link. List pages (columns,
pagination by 下一页/末页) are fetched on every run; article pages the seen-store knows are
skipped by :class:`~crawler.middlewares.SeenFilterMiddleware`. Each page is decoded with the
cleaning library's robust decoder (header and meta lies included) and classified with
:func:`crawler.classify.is_article` (or the site's ``article_xpath``); an article becomes a
:class:`~crawler.items.FetchedPage` for the item pipelines.

``scrapy crawl news -a start_urls=URL[,URL...] [-a site=site.toml] [-a since=YYYY-MM-DD]
[-a max_pages=N] [-a state=DIR] [-a recheck=1]``. A distributed (scrapy-redis) spider can
subclass this one and feed URLs to :meth:`NewsSpider.seed_requests`.
"""

from __future__ import annotations

import email.utils
import logging
from collections.abc import AsyncIterator, Iterable, Iterator
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urljoin, urlsplit

import scrapy
from scrapy import signals
from scrapy.exceptions import CloseSpider, IgnoreRequest
from scrapy.http import Request, Response
from scrapy.linkextractors import IGNORED_EXTENSIONS

from cleaning.decode import decode

from .. import classify
from .. import patterns as P
from ..items import FetchedPage
from ..siteconfig import SiteConfig, load_site_config
from ..state import SeenEntry, SeenStore, open_store

logger = logging.getLogger(__name__)

KIND = "zhnews_kind"  # request meta: seed, robots, sitemap, feed, list, article, page
LISTED_DATE = "zhnews_listed_date"
HOPS = "zhnews_hops"  # links followed from a start page, not counting pagination
IGNORED_SUFFIXES = (*("." + e for e in IGNORED_EXTENSIONS), ".xml.gz")
TRUE = ("1", "true", "yes", "on")


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def split_urls(value: str | Iterable[str] | None) -> list[str]:
    """``a,b c`` or a list -> ``[a, b, c]``."""
    if not value:
        return []
    items = value.replace(",", " ").split() if isinstance(value, str) else list(value)
    return [u.strip() for u in items if u.strip()]


def xml_root(body: bytes) -> str | None:
    """``urlset``, ``sitemapindex``, ``rss``, ``feed`` or ``rdf:RDF`` for sitemaps and feeds, else None."""
    m = P.XML_HEAD_RE.match(body[:4096])
    return m.group(1).decode() if m else None


def feed_date(value: str | None) -> str | None:
    """A feed's pubDate (RFC 822) or Atom date (ISO 8601) as YYYY-MM-DD."""
    if not value:
        return None
    value = value.strip()
    try:
        return email.utils.parsedate_to_datetime(value).date().isoformat()
    except (TypeError, ValueError, IndexError):
        return classify.parse_date(value)


class NewsSpider(scrapy.Spider):
    """Collect the articles of Chinese news portals, starting from their home pages."""

    name = "news"

    def __init__(
        self,
        start_urls: str | Iterable[str] | None = None,
        site: str | SiteConfig | None = None,
        since: str | None = None,
        max_pages: str | int | None = None,
        state: str | None = None,
        recheck: str | bool | None = None,
        *args: Any,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.site = site if isinstance(site, SiteConfig) else load_site_config(site)
        self.start_urls = split_urls(start_urls) or list(self.site.start_urls)
        self.since = since or self.site.since
        self.max_pages = int(max_pages) if max_pages else self.site.max_pages
        self.max_articles = self.site.max_articles
        self.state_dir = state
        self.recheck = str(recheck).lower() in TRUE if recheck is not None else None
        self.start_hosts: set[str] = set()
        self.hosts: frozenset[str] = frozenset()
        self.seen_store: SeenStore | None = None
        self.urls_this_run: set[str] = set()
        self.pages = 0
        self.add_start_urls(self.start_urls)

    @classmethod
    def from_crawler(cls, crawler: Any, *args: Any, **kwargs: Any) -> NewsSpider:
        spider: NewsSpider = super().from_crawler(crawler, *args, **kwargs)
        settings = crawler.settings
        spider.since = spider.since or settings.get("ZHNEWS_SINCE")
        if spider.recheck is None:
            spider.recheck = settings.getbool("ZHNEWS_RECHECK")
        spider.seen_store = open_store(
            spider.state_dir or settings.get("ZHNEWS_STATE"),
            settings.get("ZHNEWS_REDIS_URL"),
            settings.get("ZHNEWS_REDIS_PREFIX"),
        )
        crawler.signals.connect(spider.close_store, signal=signals.spider_closed)
        return spider

    def close_store(self, spider: scrapy.Spider) -> None:
        if self.seen_store is not None:
            self.seen_store.close()
            self.seen_store = None

    def add_start_urls(self, urls: Iterable[str]) -> None:
        """Make ``urls``' sites part of this crawl (same-site links are followed; private hosts allowed)."""
        for url in urls:
            host = urlsplit(url).hostname or ""
            self.start_hosts.add(host)
            self.hosts = self.hosts | {classify.site_key(host)}

    # --- start ----------------------------------------------------------------------------
    async def start(self) -> AsyncIterator[Any]:
        if not self.start_urls and self.settings.get("REDIS_URL"):
            return  # a distributed worker: its start URLs come from Redis (`zhnews seed-urls`, other workers)
        if not self.start_urls:
            raise CloseSpider("no start URLs: give -a start_urls=URL[,URL...] or start_urls in the site config")
        for url in self.start_urls:
            for request in self.seed_requests(url):
                yield request

    def seed_requests(self, url: str) -> Iterator[Request]:
        """The requests a start URL begins with: the page itself, robots.txt, usual sitemaps and feeds.

        Override point for scrapy-redis spiders (call it from ``make_request_from_data``).
        """
        self.add_start_urls([url])
        yield Request(url, callback=self.parse, dont_filter=True, priority=100, meta={KIND: "seed"})
        parts = urlsplit(url)
        root = f"{parts.scheme}://{parts.netloc}"
        yield Request(
            root + "/robots.txt",
            callback=self.parse_robots,
            errback=self.on_error,
            priority=90,
            meta={KIND: "robots", "dont_retry": True},
        )
        usual = [(path, "sitemap") for path in P.USUAL_SITEMAPS] + [(path, "feed") for path in P.USUAL_FEEDS]
        for path, kind in usual:
            yield Request(
                root + path,
                callback=self.parse,
                errback=self.on_error,
                priority=80,
                meta={KIND: kind, "dont_retry": True},
            )

    # --- limits -----------------------------------------------------------------------------
    def count_page(self) -> None:
        self.pages += 1
        if self.max_pages and self.pages > self.max_pages:
            raise CloseSpider(f"max_pages ({self.max_pages}) reached")
        if self.max_articles and self.crawler.stats.get_value("item_scraped_count", 0) >= self.max_articles:
            raise CloseSpider(f"max_articles ({self.max_articles}) reached")

    def inc(self, key: str, n: int = 1) -> None:
        self.crawler.stats.inc_value(f"zhnews/{key}", n)

    # --- callbacks ----------------------------------------------------------------------------
    def parse(self, response: Response, **kwargs: Any) -> Iterator[Any]:
        self.count_page()
        if response.status == 304:
            yield from self.not_modified(response)
            return
        body = response.body
        if body[:2] == b"\x1f\x8b" and response.meta.get(KIND) == "sitemap":  # sitemap.xml.gz as a file
            body = self.gunzip(body, response.url)
            response = response.replace(body=body)
        root = xml_root(body)
        if root in ("urlset", "sitemapindex"):
            yield from self.parse_sitemap(response, root)
            return
        if root in ("rss", "feed", "rdf:RDF"):
            yield from self.parse_feed(response)
            return
        ctype = (response.headers.get(b"Content-Type") or b"").decode("latin-1") or None
        if ctype and not any(t in ctype.lower() for t in ("html", "xml", "text/plain")):
            if not P.HTML_HEAD_RE.match(body[:2048]):
                return
            ctype = None  # an HTML page sent as application/octet-stream (or the like): its charset is unknown
        if response.meta.get(KIND) in ("sitemap", "feed", "robots"):
            return  # a probed path that answered with something else (often the home page)
        yield from self.parse_page(response, ctype)

    def gunzip(self, body: bytes, url: str) -> bytes:
        """A gzipped sitemap, unpacked to at most DOWNLOAD_MAXSIZE bytes (b"" if bigger or broken)."""
        from scrapy.utils.gz import gunzip

        limit = self.settings.getint("DOWNLOAD_MAXSIZE")
        try:
            return gunzip(body, max_size=limit)
        except (OSError, EOFError, ValueError) as exc:  # ValueError: over max_size
            self.inc("sitemaps/refused")
            logger.warning("ignoring gzipped sitemap %s: %s", url, exc or "over DOWNLOAD_MAXSIZE")
            return b""

    def parse_page(self, response: Response, ctype: str | None) -> Iterator[Any]:
        if self.site.encoding:
            ctype = f"text/html; charset={self.site.encoding}"
        tree = classify.parse_tree(decode(response.body, ctype).text)
        if tree is None:
            return
        url = response.url
        if self.site.article_xpath:
            article = bool(tree.xpath(self.site.article_xpath))
            published = classify.published_date(tree)
        else:
            f = classify.features(url, tree)
            article = classify.is_article(f)
            published = f.published or f.headline_date
        self.inc("pages/article" if article else "pages/other")
        if article:
            date = published or classify.url_date(url) or response.meta.get(LISTED_DATE)
            if self.since and date and date < self.since:
                self.inc("articles/older_than_since")
            else:
                yield self.fetched(response, date)
        for feed in classify.feed_links(url, tree):
            yield Request(feed, callback=self.parse, errback=self.on_error, priority=80, meta={KIND: "feed"})
        yield from self.follow(url, tree, article, response.meta.get(HOPS, 0))

    def fetched(self, response: Response, date: str | None) -> FetchedPage:
        def header(name: bytes) -> str | None:
            value = response.headers.get(name)
            return value.decode("latin-1") if value else None

        headers = tuple((k.decode("latin-1"), v.decode("latin-1")) for k, vs in response.headers.items() for v in vs)
        ctype = header(b"Content-Type")
        if self.site.encoding:  # the site config knows better than the server
            ctype = f"text/html; charset={self.site.encoding}"
        return FetchedPage(
            url=response.url,
            body=response.body,
            status=response.status,
            content_type=ctype,
            etag=header(b"ETag"),
            last_modified=header(b"Last-Modified"),
            fetched_at=now_iso(),
            headers=headers,
            listed_date=date,
            aliases=tuple(response.meta.get("redirect_urls", ())),
        )

    def follow(self, url: str, tree: Any, article: bool, hops: int = 0) -> Iterator[Request]:
        """Requests for the page's same-site links: pagination at the same hop count, others one hop further."""
        links = classify.page_links(url, tree)
        max_hops = self.settings.getint("ZHNEWS_MAX_HOPS", 0) if self.settings else 0
        if self.site.list_xpath and not article:
            region = {a.get("href") for el in tree.xpath(self.site.list_xpath) for a in el.iter("a") if a.get("href")}
            links = [link for link in links if link.pagination or link.url in region]
        dated = [link.date for link in links if link.date and not link.pagination]
        stale = bool(self.since and dated and all(d < self.since for d in dated))
        for link in links:
            if not self.wanted(link.url):
                continue
            if link.pagination:
                if self.since and (stale or link.pagination != "next"):
                    # with a since-date, walk the pages one by one and stop at the first all-old page
                    self.inc("pagination/stopped_by_since" if stale else "pagination/skipped_jump")
                    continue
                yield Request(
                    link.url, callback=self.parse, errback=self.on_error, priority=20, meta={KIND: "list", HOPS: hops}
                )
                continue
            if max_hops and hops + 1 > max_hops:
                self.inc("links/beyond_max_hops")
                continue
            looks_article = classify.url_looks_like_article(link.url)
            if self.since and link.date and link.date < self.since and looks_article:
                self.inc("articles/older_than_since")
                continue
            yield Request(
                link.url,
                callback=self.parse,
                errback=self.on_error,
                priority=0 if looks_article else 10,
                meta={KIND: "article" if looks_article else "page", LISTED_DATE: link.date, HOPS: hops + 1},
            )

    def wanted(self, url: str) -> bool:
        """Same site, not a file download, allowed by the site config."""
        path = urlsplit(url).path.lower()
        return classify.same_site(url, self.hosts) and not path.endswith(IGNORED_SUFFIXES) and self.site.follows(url)

    def parse_robots(self, response: Response) -> Iterator[Request]:
        self.count_page()
        text = response.body[: 512 * 1024].decode("utf-8", "replace")
        for m in P.SITEMAP_LINE_RE.finditer(text):
            yield Request(
                urljoin(response.url, m.group(1)),
                callback=self.parse,
                errback=self.on_error,
                priority=80,
                meta={KIND: "sitemap"},
            )

    def parse_sitemap(self, response: Response, root: str) -> Iterator[Request]:
        from lxml import etree

        limit = self.settings.getint("ZHNEWS_MAX_SITEMAP_URLS", 50000)
        parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, recover=True)
        try:
            doc = etree.fromstring(response.body, parser=parser)
        except etree.XMLSyntaxError:
            doc = None
        if doc is None:
            return
        self.inc("sitemaps")
        n = 0
        for entry in doc:
            if not isinstance(entry.tag, str):
                continue
            # direct children (loc, lastmod) and nested ones (news:news/news:publication_date)
            values = {
                etree.QName(c).localname: (c.text or "").strip()
                for c in reversed(list(entry.iter()))
                if isinstance(c.tag, str) and c is not entry
            }
            loc = values.get("loc")
            if not loc:
                continue
            n += 1
            if n > limit:
                self.inc("sitemaps/capped")
                logger.warning("sitemap %s lists more than %d URLs; the rest are ignored", response.url, limit)
                break
            loc = classify.canonical_url(urljoin(response.url, loc))
            if root == "sitemapindex":
                if classify.same_site(loc, self.hosts):
                    yield Request(loc, callback=self.parse, errback=self.on_error, priority=80, meta={KIND: "sitemap"})
                continue
            date = classify.parse_date(values.get("publication_date") or values.get("lastmod", ""))
            request = self.listed_article(loc, date)
            if request is not None:
                yield request

    def listed_article(self, url: str, date: str | None) -> Request | None:
        """The request for an article a sitemap or feed lists, unless unwanted or older than --since."""
        if not self.wanted(url):
            return None
        if self.since and date and date < self.since:
            self.inc("articles/older_than_since")
            return None
        return Request(
            url, callback=self.parse, errback=self.on_error, meta={KIND: "article", LISTED_DATE: date, HOPS: 1}
        )

    def parse_feed(self, response: Response) -> Iterator[Request]:
        from lxml import etree

        parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, recover=True)
        try:
            doc = etree.fromstring(response.body, parser=parser)
        except etree.XMLSyntaxError:
            doc = None
        if doc is None:
            return
        self.inc("feeds")
        for item in doc.iter():
            if not isinstance(item.tag, str) or etree.QName(item).localname not in ("item", "entry"):
                continue
            link, date = None, None
            for child in item:
                if not isinstance(child.tag, str):
                    continue
                name = etree.QName(child).localname
                if name == "link" and child.get("rel", "alternate") == "alternate":
                    link = child.get("href") or (child.text or "").strip() or link
                elif name in ("pubDate", "published", "updated", "date") and date is None:
                    date = feed_date(child.text)
            if not link:
                continue
            request = self.listed_article(classify.canonical_url(urljoin(response.url, link)), date)
            if request is not None:
                yield request

    def not_modified(self, response: Response) -> Iterator[Any]:
        """A recheck answered 304: the article is unchanged; remember when it was last seen."""
        self.inc("articles/not_modified")
        store = self.seen_store
        prev = store.get(response.url) if store else None
        if store and prev:
            store.put(
                SeenEntry(
                    prev.url,
                    prev.content_hash,
                    prev.etag,
                    prev.last_modified,
                    prev.first_seen,
                    now_iso(),
                    prev.revision,
                    prev.story_id,
                    prev.simhash,
                )
            )
        return iter(())

    def on_error(self, failure: Any) -> None:
        request = failure.request
        kind = request.meta.get(KIND, "page")
        exc = failure.value
        response = getattr(exc, "response", None)
        reason = f"HTTP {response.status}" if response is not None else exc.__class__.__name__
        if kind in ("robots", "sitemap", "feed") and response is not None and response.status == 404:
            return
        message = str(exc)
        if response is None and isinstance(exc, IgnoreRequest):
            if "robots.txt" in message or "non-public address" in message:
                self.inc("ignored_requests")
                logger.debug("not fetching %s: %s", request.url, exc)
                return
            reason = "body over DOWNLOAD_MAXSIZE" if "DOWNLOAD_MAXSIZE" in message else message[:60] or reason
        self.inc(f"fetch_errors/{reason}")
        level = logging.WARNING if kind in ("article", "list", "seed", "page") else logging.INFO
        logger.log(level, "could not fetch %s (%s): %s", request.url, kind, reason)
