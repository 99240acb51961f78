"""Tell article pages from list pages, and read the links, dates and pagination of a page.

Pure functions over a URL and an lxml tree; the spider calls them, the tests call them
directly. A page is an article when it has a block of running text (paragraphs that are
not links), a low share of link text, and a sign of being one story: an article-shaped URL
(``/2020/1113/c123.html``, ``t20201113_1.html``, ``content_1.htm``), a publish date in a
``<meta>`` or after a 发布时间 label, or ``og:type=article``.

>>> url_looks_like_article("http://a.example/yaowen/2020/1113/c123.html")
True
>>> url_looks_like_article("http://a.example/yaowen/index_2.html")
False
>>> url_date("http://a.example/jingji/202011/t20201113_9.html")
'2020-11-13'
>>> parse_date("发布时间：2020年11月3日 09:30")
'2020-11-03'
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from urllib.parse import urlsplit

from lxml import html as lxml_html

from . import patterns as P

logger = logging.getLogger(__name__)

#: Thresholds of :func:`is_article` (characters are ideographs, letters and digits).
MIN_BODY_CHARS = 150
STRONG_BODY_CHARS = 600
MAX_LINK_SHARE = 0.5
MIN_PARAGRAPH_CHARS = 12
MAX_LIST_LINKS_SHARE = 0.35
#: A page whose text holds this many different dates, at least one per LIST_DATE_CHARS characters of
#: running text, is a list of dated items (unless marked an article).
LIST_DATES = 6
LIST_DATE_CHARS = 100
#: Link share allowed on a page with a sign of being an article and a long body (heavy navigation).
MAX_LINK_SHARE_WITH_SIGNS = 0.75
LONG_BODY_CHARS = 500


@dataclass(frozen=True, slots=True)
class PageFeatures:
    """What :func:`is_article` decides on."""

    text_chars: int
    link_chars: int
    body_chars: int
    long_paragraphs: int
    links: int
    published: str | None
    og_article: bool
    article_url: bool
    list_url: bool
    dates: int = 0

    @property
    def link_share(self) -> float:
        return self.link_chars / self.text_chars if self.text_chars else 1.0


@dataclass(frozen=True, slots=True)
class Link:
    """A link found on a page: absolute URL, anchor text and the date printed beside it (if any).

    ``pagination`` is ``next`` (下一页), ``last`` (末页/尾页), ``number`` (a page number
    linking to a list-shaped URL) or None for other links.
    """

    url: str
    text: str
    date: str | None
    pagination: str | None


def count_chars(text: str) -> int:
    return len(P.TEXT_CHAR_RE.findall(text))


def url_looks_like_article(url: str) -> bool:
    """True for URL shapes that portals give single articles."""
    parts = urlsplit(url)
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    if any(r.search(parts.path) for r in P.LIST_URL_RES):
        return False
    return any(r.search(path) for r in P.ARTICLE_URL_RES)


def url_looks_like_list(url: str) -> bool:
    return any(r.search(urlsplit(url).path) for r in P.LIST_URL_RES)


def _ymd(y: str, m: str, d: str) -> str | None:
    year, month, day = int(y), int(m), int(d)
    if not (1 <= month <= 12 and 1 <= day <= 31 and 1990 <= year <= 2100):
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


def url_date(url: str) -> str | None:
    """The date written in a URL's path (``YYYY-MM-DD``), if any."""
    m = P.URL_DATE_RE.search(urlsplit(url).path)
    if not m:
        return None
    y, m1, d1, m2, d2 = m.groups()
    return _ymd(y, m1 or m2, d1 or d2)


def parse_date(text: str) -> str | None:
    """The first date in ``text`` (2020-11-13, 2020/11/13, 2020年11月13日) as ``YYYY-MM-DD``."""
    for m in P.TEXT_DATE_RE.finditer(text or ""):
        found = _ymd(*m.groups())
        if found:
            return found
    return None


def parse_tree(text: str) -> lxml_html.HtmlElement | None:
    """An lxml tree of a decoded page, without scripts and styles; None for an empty page."""
    if not text.strip():
        return None
    try:
        tree = lxml_html.document_fromstring(text)
    except (ValueError, lxml_html.etree.ParserError):
        return None
    for el in list(tree.iter(*P.DROP_TAGS)):
        if el.getparent() is not None:
            el.drop_tree()
    return tree


def published_date(tree: lxml_html.HtmlElement) -> str | None:
    """The page's own publish date: a ``<meta>``, else the first 发布时间/日期 label."""
    for value in tree.xpath(P.PUBLISHED_META_XPATH):
        found = parse_date(str(value))
        if found:
            return found
    body = tree.find("body")
    text = body.text_content() if body is not None else ""
    m = P.PUBLISHED_LABEL_RE.search(text)
    return parse_date(m.group(1)) if m else None


def features(url: str, tree: lxml_html.HtmlElement) -> PageFeatures:
    body = tree.find("body")
    if body is None:
        body = tree
    text = body.text_content()
    text_chars = count_chars(text)
    link_chars = sum(count_chars(a.text_content()) for a in body.iter("a"))
    body_chars = 0
    long_paragraphs = 0
    for el in body.iter("p", "div", "td", "section", "article"):
        # text directly in this element (own text and tails of inline children), not in links
        own = (el.text or "") + "".join((child.tail or "") for child in el)
        own += "".join(
            child.text_content() for child in el if child.tag in ("strong", "b", "em", "i", "u", "font", "span", "br")
        )
        n = count_chars(own)
        if n >= MIN_PARAGRAPH_CHARS:
            body_chars += n
            long_paragraphs += n >= 40
    return PageFeatures(
        text_chars=text_chars,
        link_chars=link_chars,
        body_chars=body_chars,
        long_paragraphs=long_paragraphs,
        links=len(body.xpath(".//a[@href]")),
        published=published_date(tree),
        og_article=bool(tree.xpath(P.OG_ARTICLE_XPATH)),
        article_url=url_looks_like_article(url) or any(url_looks_like_article(c) for c in declared_urls(url, tree)),
        list_url=url_looks_like_list(url),
        dates=len({m.group(0) for m in P.TEXT_DATE_RE.finditer(text)}),
    )


def declared_urls(url: str, tree: lxml_html.HtmlElement) -> list[str]:
    """The page's own idea of its URL: ``<link rel=canonical>`` and ``og:url``."""
    from urllib.parse import urljoin

    found = tree.xpath(P.CANONICAL_XPATH) + tree.xpath(P.OG_URL_XPATH)
    return [urljoin(url, str(u).strip()) for u in found if str(u).strip() and urljoin(url, str(u).strip()) != url]


def is_article(f: PageFeatures) -> bool:
    """Decide from :class:`PageFeatures` whether a page is one article.

    >>> base = dict(text_chars=900, link_chars=120, body_chars=700, long_paragraphs=5, links=30,
    ...             published=None, og_article=False, article_url=True, list_url=False)
    >>> is_article(PageFeatures(**base))
    True
    >>> is_article(PageFeatures(**{**base, "link_chars": 700, "body_chars": 90, "long_paragraphs": 0}))
    False
    """
    if f.body_chars < MIN_BODY_CHARS:
        return False
    signs = f.article_url + bool(f.published) + f.og_article
    if f.list_url and not (f.published and f.og_article):
        return False
    if f.dates >= LIST_DATES and f.dates * LIST_DATE_CHARS >= f.body_chars and not (f.og_article or f.article_url):
        return False  # a list of dated items
    if f.link_share > MAX_LINK_SHARE:  # heavy navigation: only with a sign and a long body
        return (
            signs >= 1
            and f.body_chars >= LONG_BODY_CHARS
            and f.long_paragraphs >= 2
            and f.link_share <= MAX_LINK_SHARE_WITH_SIGNS
        )
    if signs:
        return f.long_paragraphs >= 1 or f.body_chars >= 2 * MIN_BODY_CHARS
    if f.body_chars >= 2 * LONG_BODY_CHARS and f.long_paragraphs >= 3:
        return True
    return f.body_chars >= STRONG_BODY_CHARS and f.link_share < MAX_LIST_LINKS_SHARE


def pagination_kind(url: str, text: str) -> str | None:
    """``next``, ``last`` or ``number`` for pager links, None for others.

    >>> pagination_kind("http://a.example/news/index_2.html", "下一页")
    'next'
    >>> pagination_kind("http://a.example/news/index_9.html", "末页")
    'last'
    >>> pagination_kind("http://a.example/news/index_3.html", "3")
    'number'
    >>> pagination_kind("http://a.example/c/2024.html", "2024") is None
    True
    """
    if P.NEXT_PAGE_RE.match(text):
        return "next"
    if P.LAST_PAGE_RE.match(text):
        return "last"
    if P.PAGE_NUMBER_RE.match(text) and url_looks_like_list(url):
        return "number"
    return None


def page_links(url: str, tree: lxml_html.HtmlElement) -> list[Link]:
    """Every ``<a href>`` of the page as an absolute URL (fragment dropped), with its text and nearby date."""
    out: list[Link] = []
    seen: set[str] = set()
    tree.make_links_absolute(url, resolve_base_href=True, handle_failures="discard")
    for a in tree.xpath(P.LINK_XPATH):
        href = (a.get("href") or "").strip()
        scheme = href.split(":", 1)[0].lower()
        if scheme not in ("http", "https"):
            continue
        href = href.split("#", 1)[0]
        text = P.SPACE_RE.sub(" ", a.text_content()).strip()
        pagination = pagination_kind(href, text)
        key = href + (f"#{pagination}" if pagination else "")
        if key in seen:
            continue
        seen.add(key)
        date = None
        if not pagination:
            item = a.xpath(P.LIST_ITEM_XPATH)
            if item:
                date = parse_date(item[0].text_content())
        out.append(Link(href, text, date or url_date(href), pagination))
    return out


def feed_links(url: str, tree: lxml_html.HtmlElement) -> list[str]:
    """RSS/Atom feeds the page advertises with ``<link rel=alternate>``."""
    from urllib.parse import urljoin

    return [urljoin(url, str(h).strip()) for h in tree.xpath(P.FEED_LINK_XPATH) if str(h).strip()]


def site_key(host: str) -> str:
    """The host without ``www.``/``m.``/``wap.``, for same-site tests."""
    host = (host or "").lower().rstrip(".")
    for prefix in ("www.", "m.", "wap."):
        if host.startswith(prefix):
            return host[len(prefix) :]
    return host


def same_site(url: str, hosts: frozenset[str]) -> bool:
    """True if ``url``'s host is one of ``hosts`` (site keys) or a subdomain of one."""
    host = site_key(urlsplit(url).hostname or "")
    return any(host == h or host.endswith("." + h) for h in hosts)
