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
    re.compile(r"[?&](?:id|aid|articleid|newsid|contentid|wbnewsid|infoid|docid)=\d{3,}", re.I),
    re.compile(r"/info/\d+/\d{3,}\.s?html?$", re.I),  # VSB (博达) sites: /info/1012/12345.htm
    re.compile(r"/\d{5,}\.s?html?$", re.I),  # a bare numeric article id: /news/1234567.html
)
#: List, index and column URLs.
LIST_URL_RES = (
    re.compile(r"/(?:index|list|default|more|node)(?:[_-]\d+|\d{1,4})?\.s?html?$", re.I),
    re.compile(r"/(?:list|node|column|channel|category|col)[_-]?\d*(?:[_-]\d+)?\.s?html?$", re.I),
    re.compile(r"/$"),
    # dynamic list pages: list.aspx?page=2, more.php?classid=3, list.jsp?urltype=tree.TreeTempUrl&wbtreeid=1012
    re.compile(r"/(?:list|more|node|column|channel|category|class|lanmu)\w*\.(?:aspx?|jsp|php|do|action)$", re.I),
)
#: Query parameters that carry a page number (list.aspx?page=2, ?pageNo=3, ?p=2).
PAGE_PARAM_RE = re.compile(r"^(?:page|pageno|pagenum|pageindex|pagenumber|curpage|currentpage|cpage|pn|p|pg)$", re.I)
#: Query parameters that only say where a link was shared or clicked (dropped from URLs).
TRACKING_PARAM_RE = re.compile(
    r"^(?:utm_\w+|spm|isappinstalled|scene|clicktime|enterid|share_?token|sharer_\w+|wxshare_\w+|"
    r"from_?source|wxfrom|wx_?share|mpshare|srcid|chksm|share_from|ivk_sa|sessionid|jsessionid)$",
    re.I,
)
#: ``from`` is tracking when it names a channel (from=singlemessage, from=timeline), not an offset.
TRACKING_FROM_RE = re.compile(r"^[A-Za-z_]+$")
#: A date written in a URL path: /2020/1113/, /2020-11/13/, /202011/t20201113_, /20201113/.
URL_DATE_RE = re.compile(r"(?<!\d)((?:19|20)\d{2})(?:[-/_]?([01]\d)[-/_]?([0-3]\d)|[-/_]([01]\d)/([0-3]\d))(?!\d)")

# --- Pagination -----------------------------------------------------------------------------
#: Anchor texts of "next page" and "last page" links.
NEXT_PAGE_RE = re.compile(
    r"^\s*[\[【(<]?\s*(?:(?:下一?页|下页|后一?页|next(?:\s*page)?)\s*(?:>>?|»|›|→)?|»|›|>>?|→)\s*[\]】)>]?\s*$", re.I
)
LAST_PAGE_RE = re.compile(
    r"^\s*[\[【(<]?\s*(?:末页|尾页|最后一页|last(?:\s*page)?)\s*(?:>>?|»|›)?\s*[\]】)>]?\s*$", re.I
)
PAGE_NUMBER_RE = re.compile(r"^\s*\[?\s*\d{1,4}\s*\]?\s*$")
PREV_PAGE_RE = re.compile(r"^\s*(?:上一?页|前一?页|首页|第一页|prev(?:ious)?|first|«|‹|<<?)\s*$", re.I)
#: "createPageHTML(10, 0, 'index', 'html')" — TRS / gov CMS script pagination: pages, current page
#: (from 0), file prefix, suffix; also "createPageHTML('page_div', 10, 0, 'index', 'html', 95)" and
#: arguments that are variables ("createPageHTML(countPage, currentPage, 'index', 'html')").
SCRIPT_PAGER_RE = re.compile(r"createPageHTML\s*\(([^()]*)\)")
#: The older TRS pager: "var countPage = 5 ... var currentPage = 0 ... index_" + nextPage + ".html".
SCRIPT_COUNT_PAGE_RE = re.compile(r"\bcountPage\s*=\s*(\d+)")
SCRIPT_CURRENT_PAGE_RE = re.compile(r"\bcurrentPage\s*=\s*(\d+)")
SCRIPT_PAGE_PREFIX_RE = re.compile(r"""["'](\w+)_["']\s*\+\s*\(?\s*(?:nextPage|currentPage|i)\b""")
#: One list item in a Hanweb (大汉) data island: <record><![CDATA[<li>...</li>]]></record>.
SCRIPT_RECORD_RE = re.compile(r"<record>\s*<!\[CDATA\[(.*?)\]\]>\s*</record>", re.S | re.I)
SCRIPT_PAGE_SUFFIX_RE = re.compile(r"""["']\.?(s?html?)["']""", re.I)

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
LINK_XPATH = "//a[@href] | //area[@href]"
#: <meta http-equiv="refresh" content="0; url=/index.shtml"> (a home page that forwards to the real one).
META_REFRESH_XPATH = "//meta[translate(@http-equiv, 'REFSH', 'refsh')='refresh']/@content"
META_REFRESH_URL_RE = re.compile(r"url\s*=\s*['\"]?([^'\"\s>]+)", re.I)
#: A script that sends the browser elsewhere: location.href = "/xxgk/", window.location.replace('/index.html').
SCRIPT_REDIRECT_RE = re.compile(
    r"(?:window\.|self\.|top\.|document\.)?location(?:\.href)?\s*(?:=\s*|\.(?:replace|assign)\(\s*)['\"]([^'\"]+)['\"]"
)
#: Elements that may hold an article's headline (with the date printed just after it).
HEADLINE_XPATH = (
    "//body//*[self::h1 or self::h2 or self::h3 or self::h4 or contains(@class, 'title') or contains(@class, 'tit') "
    "or contains(@id, 'title') or contains(@class, 'bt')]"
)
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
#: The start of an HTML document (for pages a server sends with a non-HTML Content-Type).
HTML_HEAD_RE = re.compile(
    rb"^(?:\xef\xbb\xbf)?\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|meta|title)\b", re.I | re.S
)
XML_HEAD_RE = re.compile(rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(urlset|sitemapindex|rss|feed|rdf:RDF)\b", re.S)
