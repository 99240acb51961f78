"""Tell article pages from list pages, and read the links, dates and pagination of a page.

Pure functions over a URL and an lxml tree; the spider calls them, the tests call them
directly. A page is an article when it has a block of running text (paragraphs that are
not links), a low share of link text, and a sign of being one story: an article-shaped URL
(``/2020/1113/c123.html``, ``t20201113_1.html``, ``content_1.htm``), a publish date in a
``<meta>`` or after a 发布时间 label, or ``og:type=article``. A page with none of these signs
and no date anywhere in its text is a reference page (政务公开 guides, 机构职能, 县情概况, 关于我们),
not news, however long: a user crawling a site's news does not expect those as records.

Before scripts are dropped, TRS-style script pagers (``createPageHTML(3, 0, "index", "html")``)
are written into the tree as the links a browser would show, so they are followed like
下一页/末页 links; link labels fall back to ``title`` and image ``alt`` (``<a title="下一页"><img>``);
share-tracking query parameters (``from=singlemessage``, ``utm_*``, ``isappinstalled``) are
dropped from link URLs so that a shared copy of an article is the same URL.

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
import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit, urlunsplit

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
#: A headline has this many characters (column names are shorter); its date follows within the window.
MIN_HEADLINE_CHARS = 8
MAX_HEADLINE_CHARS = 80
HEADLINE_DATE_WINDOW = 120


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
    headline_date: str | None = None  # a date printed just after a headline that the <title> repeats
    items: int = 0  # list items: a link to a story with a summary beside it
    item_chars: int = 0  # characters of those summaries

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
    render_script_pagers(tree)
    render_script_records(tree)
    frames_as_links(tree)
    redirects_as_links(tree)
    for el in list(tree.iter(*P.DROP_TAGS)):
        if el.getparent() is not None:
            el.drop_tree()
    return tree


def render_script_records(tree: lxml_html.HtmlElement) -> int:
    """Write the list items a page keeps in a ``<script type="text/xml">`` data island into the tree.

    Hanweb (大汉) JCMS column pages, common on government sites, hold their list as
    ``<datastore><recordset><record><![CDATA[<li><a href=...>...</a></li>]]></record>...``
    in such a script and let JavaScript show it; a crawler that drops scripts sees no articles.
    """
    done = 0
    for script in list(tree.iter("script")):
        code = script.text or ""
        if "xml" not in (script.get("type") or "").lower() or "<record" not in code:
            continue
        items = P.SCRIPT_RECORD_RE.findall(code)
        if not items or script.getparent() is None:
            continue
        try:
            parts = lxml_html.fragments_fromstring("".join(items))
        except (ValueError, lxml_html.etree.ParserError):
            continue
        from lxml.html import builder as E

        box = E.DIV(**{"class": "zhnews-script-records"})
        for part in parts:
            if isinstance(part, str):
                box.text = (box.text or "") + part
            else:
                box.append(part)
        box.tail = script.tail
        script.getparent().replace(script, box)
        done += 1
    return done


#: Scripts longer than this are not read for a redirect (a page's own code, not a forwarding stub).
MAX_REDIRECT_SCRIPT = 600


def redirects_as_links(tree: lxml_html.HtmlElement) -> None:
    """A ``<meta http-equiv=refresh>`` target and a short script's ``location.href = "..."`` become links.

    Many government home pages are a stub that forwards to the real one (``index.shtml``,
    ``/col/col1/index.html``); a crawler that follows only ``<a href>`` finds nothing there.
    """
    targets = []
    for content in tree.xpath(P.META_REFRESH_XPATH):
        m = P.META_REFRESH_URL_RE.search(str(content))
        if m:
            targets.append(m.group(1))
    for script in tree.iter("script"):
        code = script.text or ""
        if code and len(code) <= MAX_REDIRECT_SCRIPT:
            targets += [t for t in P.SCRIPT_REDIRECT_RE.findall(code) if not t.lower().startswith("javascript:")]
    if not targets:
        return
    body = tree.find("body")
    if body is None:
        body = lxml_html.Element("body")
        tree.append(body)
    for target in targets:
        body.append(lxml_html.Element("a", href=target.strip()))


def frames_as_links(tree: lxml_html.HtmlElement) -> None:
    """``<iframe src>`` and ``<frame src>`` become links: old column pages load their list in a frame."""
    for el in list(tree.iter("iframe", "frame")):
        src = (el.get("src") or "").strip()
        if not src or el.getparent() is None or src.lower().startswith(("javascript:", "about:", "data:")):
            continue
        a = lxml_html.Element("a", href=src)
        a.tail = el.tail
        el.getparent().replace(el, a)


def _script_number(arg: str, script: str) -> int | None:
    """A createPageHTML argument as a number: a literal, or a variable assigned a number in the script."""
    arg = arg.strip()
    if arg.isdigit():
        return int(arg)
    if re.fullmatch(r"[A-Za-z_$][\w$]*", arg):
        m = re.search(rf"\b{re.escape(arg)}\s*=\s*(\d+)", script)
        return int(m.group(1)) if m else None
    return None


def script_pager(script: str) -> tuple[int, int, str, str] | None:
    """(pages, current page from 0, prefix, suffix) of a TRS-style script pager, or None.

    >>> script_pager('createPageHTML(3, 0, "index", "html");')
    (3, 0, 'index', 'html')
    >>> script_pager("createPageHTML('page_div',7, 2,'fg','shtml',130);")
    (7, 2, 'fg', 'shtml')
    >>> script_pager('var countPage = 4;var currentPage = 1;document.write("index_"+nextPage+".htm")')
    (4, 1, 'index', 'htm')
    """
    calls = list(P.SCRIPT_PAGER_RE.finditer(script))
    for m in calls:  # the first call that can be read (not the function's own definition)
        if re.search(r"function\s*$", script[: m.start()]):
            continue
        args = [a.strip() for a in m.group(1).split(",")]
        strings = [i for i, a in enumerate(args) if len(a) >= 2 and a[0] == a[-1] and a[0] in "'\""]
        if len(args) >= 5 and strings and strings[0] == 0:
            args = args[1:]  # createPageHTML('page_div', pages, current, prefix, suffix, records)
        if len(args) >= 4:
            pages, current = _script_number(args[0], script), _script_number(args[1], script)
            prefix, suffix = args[2].strip("'\" "), args[3].strip("'\" ")
            names = re.fullmatch(r"\w+", prefix) and re.fullmatch(r"\w+", suffix)
            if pages is not None and current is not None and names:
                return pages, current, prefix, suffix
    if calls:
        return None
    count, current_m = P.SCRIPT_COUNT_PAGE_RE.search(script), P.SCRIPT_CURRENT_PAGE_RE.search(script)
    if count and current_m:
        prefix_m = P.SCRIPT_PAGE_PREFIX_RE.search(script)
        suffix_m = P.SCRIPT_PAGE_SUFFIX_RE.search(script)
        prefix = prefix_m.group(1) if prefix_m else "index"
        suffix = suffix_m.group(1).lower() if suffix_m else "html"
        return int(count.group(1)), int(current_m.group(1)), prefix, suffix
    if "nextPage" in script and "countPage" in script:
        logger.debug("unrecognised script pager: %.200s", script)
    return None


#: At most this many page links are written for one script pager.
MAX_SCRIPT_PAGES = 2000


def render_script_pagers(tree: lxml_html.HtmlElement) -> int:
    """Write TRS-style script pagers into the tree as the links a browser would show; how many.

    ``createPageHTML(3, 0, "index", "html")`` on a column's first page writes links to
    ``index_1.html`` (下一页) ... ``index_2.html`` (尾页): page 0 is ``index.html``, page n
    ``index_n.html``. The links are relative, like the ones the script writes, so a
    ``<base href>`` applies to them as it does in a browser.
    """
    from lxml.html import builder as E

    done = 0
    for script in list(tree.iter("script")):
        code = script.text or ""
        if "Page" not in code:
            continue
        found = script_pager(code)
        if found is None or script.getparent() is None:
            continue
        pages, current, prefix, suffix = found
        pages = min(pages, MAX_SCRIPT_PAGES)

        def href(n: int, prefix: str = prefix, suffix: str = suffix) -> str:
            return f"{prefix}.{suffix}" if n == 0 else f"{prefix}_{n}.{suffix}"

        links = []
        if current > 0:
            links += [E.A("首页", href=href(0)), E.A("上一页", href=href(current - 1))]
        links += [E.A(str(n + 1), href=href(n)) for n in range(pages) if n != current]
        if current + 1 < pages:
            links += [E.A("下一页", href=href(current + 1)), E.A("尾页", href=href(pages - 1))]
        span = E.SPAN(*links, **{"class": "zhnews-script-pager"})
        span.tail = script.tail
        script.getparent().replace(script, span)
        done += 1
    return done


def headline_date(tree: lxml_html.HtmlElement, text: str) -> str | None:
    """A date printed within a few characters after the page's headline (the start of its ``<title>``).

    The date line under an article's headline often has no label (``2020-11-13 09:30 来源：...``).
    Column names are short, so a list page's heading (政务要闻) does not count.
    """
    title = P.SPACE_RE.sub("", tree.findtext(".//title") or "")
    if not title:
        return None
    flat = P.SPACE_RE.sub("", text)
    for el in tree.xpath(P.HEADLINE_XPATH)[:50]:
        head = P.SPACE_RE.sub("", el.text_content())
        if not (MIN_HEADLINE_CHARS <= len(head) <= MAX_HEADLINE_CHARS) or not title.startswith(head):
            continue  # "标题_栏目_站点": the headline begins the title (a site name or column ends it)
        if el.xpath("ancestor-or-self::a"):
            continue  # a logo or a link to another story
        pos = flat.find(head)
        for _ in range(3):  # the headline may first appear in the breadcrumb
            if pos < 0:
                break
            found = parse_date(flat[pos + len(head) : pos + len(head) + HEADLINE_DATE_WINDOW])
            if found:
                return found
            pos = flat.find(head, pos + len(head))
    return None


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
    items, item_chars = list_items(body)
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
        headline_date=headline_date(tree, text),
        items=items,
        item_chars=item_chars,
    )


#: A link with this many characters of anchor text can be a story's title in a list.
ITEM_TITLE_CHARS = 6
#: A list item's text beside its link (a summary, a date, a source) has this many characters.
ITEM_SUMMARY_CHARS = 20
#: How far up from its link a list item may end.
ITEM_LEVELS = 4
#: A page with this many items whose summaries hold at least ITEM_SHARE of its running text is a list.
LIST_ITEMS = 4
ITEM_SHARE = 0.5


def list_items(body: lxml_html.HtmlElement) -> tuple[int, int]:
    """(items, characters of their summaries): links to stories with some text beside them, one per item.

    An item is the largest element around a title-like link (up to ITEM_LEVELS up) that holds no
    other such link; it counts when its text beside the link has ITEM_SUMMARY_CHARS characters.
    """
    titled = [a for a in body.iter("a") if a.get("href") and count_chars(a.text_content()) >= ITEM_TITLE_CHARS]
    if len(titled) < LIST_ITEMS:
        return 0, 0
    counts: dict[Any, int] = {}
    for a in titled:
        for anc in a.iterancestors():
            counts[anc] = counts.get(anc, 0) + 1
    items, chars = 0, 0
    seen: set[Any] = set()
    for a in titled:
        item = a
        for level, anc in enumerate(a.iterancestors()):
            if level >= ITEM_LEVELS or counts.get(anc, 0) > 1 or anc is body:
                break
            item = anc
        if item is a or item in seen:
            continue
        seen.add(item)
        beside = count_chars(item.text_content()) - count_chars(a.text_content())
        if beside >= ITEM_SUMMARY_CHARS:
            items += 1
            chars += beside
    return items, chars


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
    dated_headline = bool(f.headline_date) and not f.published and f.dates < LIST_DATES
    signs = f.article_url + bool(f.published) + f.og_article + dated_headline
    if f.list_url and not (f.published and f.og_article):
        return False
    if f.dates >= LIST_DATES and f.dates * LIST_DATE_CHARS >= f.body_chars and not (f.og_article or f.article_url):
        return False  # a list of dated items
    if f.items >= LIST_ITEMS and f.item_chars >= ITEM_SHARE * f.body_chars and not (f.og_article or f.headline_date):
        return False  # a list whose items carry a summary (not a short story under its dated headline, with teasers)
    if f.link_share > MAX_LINK_SHARE:  # heavy navigation: only with a sign and a long body
        return (
            signs >= 1
            and f.body_chars >= LONG_BODY_CHARS
            and f.long_paragraphs >= 2
            and f.link_share <= MAX_LINK_SHARE_WITH_SIGNS
        )
    if signs:
        return f.long_paragraphs >= 1 or f.body_chars >= 2 * MIN_BODY_CHARS
    if not f.dates:
        return False  # no sign and no date anywhere: a reference page (机构职能, 公开指南, 县情概况), not news
    if f.body_chars >= 2 * LONG_BODY_CHARS and f.long_paragraphs >= 3:
        return True
    return f.body_chars >= STRONG_BODY_CHARS and f.link_share < MAX_LIST_LINKS_SHARE


def canonical_url(url: str) -> str:
    """``url`` without its fragment and the query parameters that only track where it was shared.

    >>> canonical_url("http://a.example/show.aspx?id=4318&from=singlemessage&isappinstalled=0#top")
    'http://a.example/show.aspx?id=4318'
    >>> canonical_url("http://a.example/list.php?from=20&utm_source=wx")
    'http://a.example/list.php?from=20'
    """
    url = url.split("#", 1)[0]
    parts = urlsplit(url)
    if not parts.query:
        return url
    kept = []
    for param in parts.query.split("&"):
        name, _, value = param.partition("=")
        if P.TRACKING_PARAM_RE.match(name) or (name.lower() == "from" and P.TRACKING_FROM_RE.match(value)):
            continue
        kept.append(param)
    if len(kept) == len(parts.query.split("&")):
        return url
    return urlunsplit((parts.scheme, parts.netloc, parts.path, "&".join(kept), ""))


def pager_key(url: str) -> str:
    """``url`` with its page number taken out: the pages of one list share it.

    >>> pager_key("http://a.example/xwzx/bmdt/2.htm") == pager_key("http://a.example/xwzx/bmdt.htm")
    True
    >>> pager_key("http://a.example/list.aspx?cid=3&page=2") == pager_key("http://a.example/list.aspx?cid=3")
    True
    >>> pager_key("http://a.example/zwyw/index_2.html") == pager_key("http://a.example/zwyw/index.html")
    True
    """
    parts = urlsplit(url)
    path = re.sub(r"(?:[_/-]|(?<=/))\d{1,4}(?=\.\w+$)", "", parts.path)
    path = re.sub(r"/index(?=\.\w+$)", "/", path).rstrip("/") if path.endswith(("index.html", "index.htm")) else path
    query = [q for q in parts.query.split("&") if q and not P.PAGE_PARAM_RE.match(q.partition("=")[0])]
    return f"{parts.netloc}{path}?{'&'.join(sorted(query))}"


def pagination_kind(url: str, text: str, page_url: str | None = None) -> str | None:
    """``next``, ``last`` or ``number`` for pager links, None for others.

    A page number links to a list-shaped URL or to another page of the list ``page_url`` is one of.

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
    if P.PAGE_NUMBER_RE.match(text) and (
        url_looks_like_list(url) or (page_url is not None and url != page_url and pager_key(url) == pager_key(page_url))
    ):
        return "number"
    return None


def link_label(a: lxml_html.HtmlElement) -> tuple[str, str]:
    """(text, label) of a link: its text, and what it says to a reader (text, else title, else image alt)."""
    text = P.SPACE_RE.sub(" ", a.text_content()).strip()
    if text and not P.PAGE_NUMBER_RE.match(text) and len(text) > 3:
        return text, text
    title = (a.get("title") or "").strip()
    alts = [(img.get("alt") or "").strip() for img in a.iter("img")] + [(a.get("alt") or "").strip()]
    for label in (title, *alts):
        if label and (P.NEXT_PAGE_RE.match(label) or P.LAST_PAGE_RE.match(label) or P.PREV_PAGE_RE.match(label)):
            return text, label
    return text, text or title or next((alt for alt in alts if alt), "")


def page_links(url: str, tree: lxml_html.HtmlElement) -> list[Link]:
    """Every ``<a href>`` of the page as an absolute URL (fragment dropped), with its text and nearby date."""
    out: list[Link] = []
    seen: set[str] = set()
    tree.make_links_absolute(url, resolve_base_href=True, handle_failures="discard")
    own = url.split("#", 1)[0]
    for a in tree.xpath(P.LINK_XPATH):
        href = (a.get("href") or "").strip()
        scheme = href.split(":", 1)[0].lower()
        if scheme not in ("http", "https"):
            continue
        href = canonical_url(href)
        if href == own:
            continue  # "#", "#top": the page itself
        text, label = link_label(a)
        pagination = pagination_kind(href, label, own)
        if pagination is None and label != text:
            pagination = pagination_kind(href, text, own)
        text = text or label
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
