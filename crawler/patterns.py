"""Patterns the crawler reads pages and URLs with: compiled regexes and XPaths, grouped by purpose.

Data only; the functions that use them live in :mod:`crawler.classify` and the spider.
"""

from __future__ import annotations

import logging
import re

logger = logging.getLogger(__name__)

# --- URL shapes -----------------------------------------------------------------------------
#: Article URLs of Chinese portals: a date in the path and/or a numeric article id.
ARTICLE_URL_RES = (
    re.compile(
        r"/(?:19|20)\d{2}[-/_]?[01]\d[-/_]?[0-3]\d/(?:[^/]*/)*[^/]*\d{2,}[^/]*\.s?html?$", re.I
    ),  # /2020/1113/c1.html
    re.compile(r"/(?:19|20)\d{2}[-_]?[01]\d/(?:[^/]*/)*[^/]*\d{3,}[^/]*\.s?html?$", re.I),  # /202011/t20201113_1.html
    re.compile(r"/t(?:19|20)\d{6}_\d+\.s?html?$", re.I),  # gov.cn style
    re.compile(r"/(?:content|article|art|detail|show|news|c|a|n)[_-]?\d{3,}(?:[_-]\d+)*\.s?html?$", re.I),
    re.compile(r"/(?:content|article|art|detail|show)/(?:[^/]*/)*\d{3,}(?:\.s?html?)?$", re.I),
    re.compile(r"[?&](?:id|aid|articleid|newsid|contentid)=\d{3,}", re.I),
    re.compile(r"/info/\d+/\d{3,}\.s?html?$", re.I),  # VSB (博达) sites: /info/1012/12345.htm
    re.compile(r"/\d{5,}\.s?html?$", re.I),  # a bare numeric article id: /news/1234567.html
)
#: List, index and column URLs.
LIST_URL_RES = (
    re.compile(r"/(?:index|list|default|more|node)(?:[_-]\d+)?\.s?html?$", re.I),
    re.compile(r"/(?:list|node|column|channel|category|col)[_-]?\d*(?:[_-]\d+)?\.s?html?$", re.I),
    re.compile(r"/$"),
)
#: A date written in a URL path: /2020/1113/, /2020-11/13/, /202011/t20201113_, /20201113/.
URL_DATE_RE = re.compile(r"(?<!\d)((?:19|20)\d{2})(?:[-/_]?([01]\d)[-/_]?([0-3]\d)|[-/_]([01]\d)/([0-3]\d))(?!\d)")

# --- Pagination -----------------------------------------------------------------------------
#: Anchor texts of "next page" and "last page" links.
NEXT_PAGE_RE = re.compile(r"^\s*(?:下一?页|下页|后一?页|next(?:\s*page)?|»|›|>>?)\s*$", re.I)
LAST_PAGE_RE = re.compile(r"^\s*(?:末页|尾页|最后一页|last(?:\s*page)?)\s*$", re.I)
PAGE_NUMBER_RE = re.compile(r"^\s*\[?\s*\d{1,4}\s*\]?\s*$")
PREV_PAGE_RE = re.compile(r"^\s*(?:上一?页|前一?页|首页|第一页|prev(?:ious)?|first|«|‹|<<?)\s*$", re.I)
#: "createPageHTML(10, 0, 'index', 'html')" — TRS / gov CMS script pagination.
SCRIPT_PAGER_RE = re.compile(r"createPageHTML\(\s*(\d+)\s*,\s*(\d+)\s*,\s*['\"](\w+)['\"]\s*,\s*['\"](\w+)['\"]")

# --- Dates in text --------------------------------------------------------------------------
TEXT_DATE_RE = re.compile(r"((?:19|20)\d{2})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?")
#: Labels that precede an article's own publish date.
PUBLISHED_LABEL_RE = re.compile(
    r"(?:发布|发表|更新|出版)?(?:时间|日期)\s*[:：]\s*((?:19|20)\d{2}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2})"
)
#: <meta> names and properties that carry an article's publish date.
PUBLISHED_META_XPATH = (
    "//meta[@name='publishdate' or @name='PubDate' or @name='pubdate' or @name='publishDate' "
    "or @property='article:published_time' or @name='article:published_time' or @itemprop='datePublished' "
    "or @name='og:release_date' or @name='weibo:article:create_at']/@content"
)
OG_ARTICLE_XPATH = "//meta[@property='og:type' and @content='article']"

# --- Page structure -------------------------------------------------------------------------
DROP_TAGS = ("script", "style", "noscript", "template", "iframe", "svg", "select", "option", "textarea")
LINK_XPATH = "//a[@href]"
FEED_LINK_XPATH = (
    "//link[@rel='alternate' and (@type='application/rss+xml' or @type='application/atom+xml' "
    "or @type='application/feed+json' or @type='application/xml')]/@href"
)
CANONICAL_XPATH = "//link[@rel='canonical']/@href"
OG_URL_XPATH = "//meta[@property='og:url']/@content"
#: Containers of list items, to pair a link with the date printed next to it.
LIST_ITEM_XPATH = "ancestor::*[self::li or self::tr or self::dd or self::dl][1]"
#: Characters that count as text (ideographs, letters, digits).
TEXT_CHAR_RE = re.compile(r"[\u3400-\u9fff\uf900-\ufaffA-Za-z0-9]")
SPACE_RE = re.compile(r"\s+")

# --- Feeds and sitemaps ---------------------------------------------------------------------
USUAL_SITEMAPS = ("/sitemap.xml", "/sitemap_index.xml")
USUAL_FEEDS = ("/rss.xml", "/feed", "/atom.xml")
SITEMAP_LINE_RE = re.compile(r"^\s*sitemap\s*:\s*(\S+)", re.I | re.M)
XML_HEAD_RE = re.compile(rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(urlset|sitemapindex|rss|feed|rdf:RDF)\b", re.S)
