"""Article metadata from a page: title, canonical URL, publication time, source, authors, column.

Each question is one function. Dates are normalised to ISO 8601 with ``+08:00``
when the page names no zone.

>>> strip_site_suffix("连云港开发区用好科技镇长“智囊” 助推区域创新发展_连云港新闻网")
'连云港开发区用好科技镇长“智囊” 助推区域创新发展'
>>> find_date("发布时间：2020年11月13日 10:30")
'2020-11-13T10:30:00+08:00'
>>> url_date("http://www.gov.cn/xinwen/2020-11/13/content_1.htm")
'2020-11-13T00:00:00+08:00'
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterator
from datetime import datetime
from typing import TypeAlias

import lxml.etree
import lxml.html

from . import patterns as pt
from .dom import PageIndex, clean_text, index_page, text_content

logger = logging.getLogger(__name__)

HtmlElement: TypeAlias = lxml.html.HtmlElement
#: Oldest and newest years taken as a publication date.
MIN_YEAR, MAX_YEAR = 1995, 2035


_HEADLINE_TAGS = ("h1", "h2")


def _title_rounds(doc: HtmlElement, index: PageIndex | None) -> Iterator[list[HtmlElement]]:
    """Headline candidates in two rounds: h1/h2, then also elements with a title-like class or id."""
    yield list(doc.iter(*_HEADLINE_TAGS))
    yield (index or index_page(doc)).title_like


def meta_map(doc: HtmlElement, index: PageIndex | None = None) -> dict[str, str]:
    """<meta> name/property/itemprop (lower-cased) -> content, first occurrence wins."""
    out: dict[str, str] = {}
    for m in doc.iter("meta"):
        content = m.get("content")
        if content is None:
            continue
        content = clean_text(content)
        for attr in ("name", "property", "itemprop", "http-equiv"):
            key = (m.get(attr) or "").strip().lower()
            if key and content:
                out.setdefault(key, content)
    index = index or index_page(doc)
    for el in index.date_published:
        val = el.get("datetime") or el.get("content") or text_content(el)
        if val:
            out.setdefault("itemprop:datepublished", clean_text(val))
    for el in index.ld_json:
        val = ld_value(el.text or "", "datePublished")
        if val:
            out.setdefault("ld:datepublished", clean_text(val))
    for el in doc.iter("time"):
        if el.get("pubdate") is not None and el.get("datetime"):
            out.setdefault("pubdate", el.get("datetime", ""))
    return out


#: A headline left after a site prefix is at least this long.
TIGHT_REST_MIN = 6


def ld_value(data: str, key: str) -> str | None:
    """The first string value of ``key`` in a JSON-LD block (top level first, then nested objects, an
    ``@graph`` included), or None when there is none or the block is not JSON.

    >>> ld_value('{"@graph": [{"@type": "WebPage"}, {"@type": "NewsArticle", "datePublished": "2023-10-18"}]}',
    ...          "datePublished")
    '2023-10-18'
    >>> ld_value("{not json", "datePublished") is None
    True
    """
    try:
        todo = [json.loads(data, strict=False)]
    except ValueError:
        return None
    while todo:
        node = todo.pop(0)
        if isinstance(node, dict):
            val = node.get(key)
            if isinstance(val, str) and val.strip():
                return val
            todo.extend(v for v in node.values() if isinstance(v, dict | list))
        elif isinstance(node, list):
            todo.extend(v for v in node if isinstance(v, dict | list))
    return None


def title_parts(title: str) -> list[str]:
    """<title> split at site-name separators.

    >>> title_parts("市里召开会议 - 某某网")
    ['市里召开会议', '某某网']
    """
    return [p for p in (x.strip() for x in pt.TITLE_SEP_RE.split(title)) if p]


def strip_site_suffix(title: str, candidates: tuple[str, ...] = ()) -> str:
    """The headline of a <title>: without site and column names.

    A heading of the page (h1/og:title) that matches a part of the title wins; else the
    first part, unless it is a site name and a later part is longer.
    """
    title = clean_text(title)
    parts = title_parts(title)
    if len(parts) <= 1:
        m = pt.TIGHT_SUFFIX_RE.search(title)
        if m and m.start() >= 4:
            return title[: m.start()]
        m = pt.TIGHT_PREFIX_RE.match(title)
        if m and len(title) - m.end() >= TIGHT_REST_MIN and not pt.SITE_WORDS_RE.search(title):
            return title[m.end() :]
        return title
    for cand in candidates:
        cand = clean_text(cand)
        if len(cand) >= 4 and title.startswith(cand) and len(cand) < len(title):
            return cand
    first = parts[0]
    longest = max(parts, key=len)
    if pt.SITE_WORDS_RE.search(first) and len(longest) > len(first) + 4:
        return longest
    if pt.SITE_WORDS_RE.search(first) and len(parts) == 2 and not names_site(parts[1]) and len(parts[1]) >= 6:
        return parts[1]  # "某某省人民政府门户网站--2005年省政府工作报告": the site first, then the headline
    return first


def find_title(doc: HtmlElement, meta: dict[str, str], index: PageIndex | None = None) -> str | None:
    """The headline: the <title> without site suffix, checked against og:title and h1/h2."""
    raw = doc.findtext(".//title") or ""
    if not raw.strip():
        wrapper = doc.find(".//text[@title]")  # the CleanEval-style <text id=URL title=...> wrapper
        raw = wrapper.get("title", "") if wrapper is not None else ""
    raw = clean_text(raw)
    # ArticleTitle: the headline government sites give by the national site standard's <meta> fields
    heads = [meta[k] for k in ("og:title", "twitter:title", "title", "headline", "articletitle") if meta.get(k)]
    for found in _title_rounds(doc, index):
        for h in found:
            t = clean_text(text_content(h))
            if 4 <= len(t) <= 100 and t not in heads:
                heads.append(t)
        if raw:
            matching = []
            for h in heads:
                h = strip_site_suffix(h) if h == meta.get("og:title") else h
                if (
                    len(h) >= 4
                    and (raw.startswith(h) or h in raw)
                    and (len(h) >= 0.3 * len(raw) or _opens_with(raw, h))
                    and not (h[0] in "（(【[" and h[-1] in "）)】]")  # a qualifier under the headline
                ):
                    matching.append(h)
            if matching:
                # the heading the <title> opens with: a blog's name in its <h1> is a later part of the title
                # ("<post>_<blog name>_新浪博客") than the post's own heading
                return next((h for h in matching if raw.startswith(h)), matching[0])
    if raw and names_site(raw):
        # a <title> of only the site's or column's name (图片新闻, 某某县人民政府--图片新闻): the headline is the
        # page's first heading (an <h1>, else a title-like element) that is no such name either
        shown = next((h for h in _title_elements(doc, index) if not names_site(h)), None)
        if shown is not None:
            return shown
        named = clean_text(meta.get("articletitle", ""))
        if len(named) >= 4 and not names_site(named):
            return named
    if raw:
        return strip_site_suffix(raw, tuple(heads)) or None
    return strip_site_suffix(heads[0]) if heads else None


def _opens_with(raw: str, head: str) -> bool:
    """``raw`` (a <title>) is ``head`` followed by a subtitle (a short <h1> of "<h1>——<subtitle>_<site>"):
    ``head`` ends at a dash or a colon. (Not at a site separator: "新竹尖石_美樹營地賞楓" is one headline.)"""
    return raw.startswith(head) and raw[len(head) : len(head) + 1] in "—：:"


#: Headings shown on the page that may stand for a missing headline: this long, in characters.
SHOWN_TITLE_MIN = 6
SHOWN_TITLE_MAX = 80


def _title_elements(doc: HtmlElement, index: PageIndex | None) -> Iterator[str]:
    """The texts of the page's headings, h1/h2 first, then title-like elements; not links (a list's titles)."""
    for found in _title_rounds(doc, index):
        for el in found:
            if el.tag == "a" or el.find(".//a") is not None:
                continue
            text = clean_text(text_content(el))
            if SHOWN_TITLE_MIN <= len(text) <= SHOWN_TITLE_MAX and pt.HAN_RE.search(text):
                yield text


def names_site(title: str) -> bool:
    """A <title> that names only the site and its column, not an article: each of its parts is a site's name
    (…网, …人民政府, …新闻) or a column's (图片新闻, 通知公告, 正文).

    >>> names_site("泾川县人民政府--图片新闻"), names_site("图片新闻")
    (True, True)
    >>> names_site("城关镇开展义务植树活动_泾川县人民政府")
    False
    >>> names_site("习近平主持召开深入推进长三角一体化发展座谈会-中国科普网")
    False
    """
    parts = title_parts(clean_text(title))
    return bool(parts) and all(
        len(part) <= SITE_NAME_MAX and (pt.SITE_WORDS_RE.search(part) or pt.COLUMN_NAME_RE.fullmatch(part))
        for part in parts
    )


#: A site's name is at most this long (a headline glued to one by a bare hyphen is longer).
SITE_NAME_MAX = 20


def find_url(doc: HtmlElement, meta: dict[str, str], given: str | None, page: str) -> str | None:
    """rel=canonical, og:url, the CleanEval wrapper's id, else the URL given."""
    for link in doc.iter("link"):
        if (link.get("rel") or "").lower() == "canonical" and (link.get("href") or "").startswith("http"):
            return link.get("href", "").strip()
    if meta.get("og:url", "").startswith("http"):
        return meta["og:url"]
    m = pt.WRAPPER_URL_RE.match(page[:2000])
    if m and m.group(1).startswith("http"):
        return m.group(1)
    return given


def _iso(
    y: int, mo: int, d: int, hh: int | None = None, mi: int | None = None, ss: int | None = None, tz: str | None = None
) -> str | None:
    try:
        dt = datetime(y, mo, d, hh or 0, mi or 0, ss or 0)
    except ValueError:
        return None
    if not MIN_YEAR <= y <= MAX_YEAR:
        return None
    if tz in (None, ""):
        zone = "+08:00"
    elif tz == "Z":
        zone = "Z"
    else:
        zone = tz if ":" in tz else f"{tz[:3]}:{tz[3:]}"
    return dt.strftime("%Y-%m-%dT%H:%M:%S") + zone


def find_date(text: str) -> str | None:
    """The first full date (with time if given) in ``text`` as ISO 8601.

    >>> find_date("2020/11/13"), find_date("2019-02-25T09:30:00+0800")
    ('2020-11-13T00:00:00+08:00', '2019-02-25T09:30:00+08:00')
    """
    for m in pt.DATE_RE.finditer(text):
        y, mo, d = int(m[1]), int(m[2]), int(m[3])
        hh = int(m[4]) if m[4] else None
        mi = int(m[5]) if m[5] else None
        ss = int(m[6]) if m[6] else None
        if hh is not None and (hh > 23 or (mi or 0) > 59 or (ss or 0) > 59):
            hh = mi = ss = None
        iso = _iso(y, mo, d, hh, mi, ss, m[7])
        if iso:
            return iso
    if "年" in text:  # (the rarer forms are looked for only when their mark is there: this runs on every line)
        for m in pt.DATE_ROC_RE.finditer(text) if "民國" in text else ():
            iso = _iso(int(m[1]) + 1911, int(m[2]), int(m[3]))
            if iso:
                return iso
        for m in pt.DATE_HAN_RE.finditer(text) if _HAN_ZERO_RE.search(text) else ():
            iso = _iso(int("".join(str(_HAN_DIGITS[c]) for c in m[1])), _han_number(m[2]), _han_number(m[3]))
            if iso:
                return iso
    for m in pt.DATE_EN_RE.finditer(text) if _MONTH_HINT_RE.search(text) else ():
        month = pt.MONTHS[(m[1] or m[4])[:3].lower()]
        iso = _iso(int(m[5]), month, int(m[2] or m[3]))
        if iso:
            return iso
    for m in pt.DATE_US_RE.finditer(text):
        hh = int(m[4]) if m[4] else None
        if hh is not None and m[7] and m[7].upper() == "PM" and hh < 12:
            hh += 12
        iso = _iso(int(m[3]), int(m[1]), int(m[2]), hh, int(m[5]) if m[5] else None, int(m[6]) if m[6] else None)
        if iso:
            return iso
    return None


_HAN_ZERO_RE = re.compile("[〇○零]")
#: A month's name may be in the text (case by case, no re.I: sre scans for the first letters at C speed).
_MONTH_HINT_RE = re.compile("[JFMASOND][a-z]{2}|[jfmasond][a-z]{2}|JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC")
_HAN_DIGITS = {
    "〇": 0,
    "○": 0,
    "零": 0,
    "一": 1,
    "二": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}


def _han_number(text: str) -> int:
    """一 to 三十一 in Chinese numerals: 十二 -> 12, 二十 -> 20, 三十一 -> 31.

    >>> _han_number("十二"), _han_number("二十"), _han_number("三十一"), _han_number("八")
    (12, 20, 31, 8)
    """
    if "十" not in text:
        return _HAN_DIGITS.get(text, 0)
    tens, _, ones = text.partition("十")
    return (_HAN_DIGITS.get(tens, 0) if tens else 1) * 10 + (_HAN_DIGITS.get(ones, 0) if ones else 0)


def date_positions(text: str) -> list[tuple[int, str]]:
    """Every valid date in ``text`` with its offset."""
    out: list[tuple[int, str]] = []
    if "20" not in text and "19" not in text and "年" not in text:
        return out  # every form has a year of 19xx/20xx, or 年 (民國, Chinese numerals): this runs on every line
    for rx in (pt.DATE_RE, pt.DATE_US_RE, pt.DATE_EN_RE, pt.DATE_ROC_RE, pt.DATE_HAN_RE):
        for m in rx.finditer(text):
            iso = find_date(m.group(0))
            if iso:
                out.append((m.start(), iso))
    return sorted(out)


def time_date(times: list[HtmlElement], lines: list[str]) -> str | None:
    """The ``datetime`` of the first ``<time>`` element whose text is shown in ``lines`` (the lines around
    the headline): the page's own machine-readable form of the date it shows there, which may be run together
    with the text beside it (简书: ``2.12018.11.04 22:27:00字数 1,506``: no date is read in that line)."""
    for el in times:
        shown = " ".join(text_content(el).split())
        if len(shown) >= TIME_TEXT_MIN and any(shown in line for line in lines):
            iso = find_date(el.get("datetime", ""))
            if iso:
                return iso
    return None


#: The shortest text of a <time> element that is matched in the lines around the headline.
TIME_TEXT_MIN = 6


def meta_date(meta: dict[str, str], names: tuple[str, ...] = pt.DATE_META_NAMES) -> str | None:
    """The publication time from <meta> tags (``names``, best first)."""
    for name in names:
        val = meta.get(name)
        if val:
            iso = find_date(val) or _compact_date(val)
            if iso:
                return iso
    return None


def _compact_date(val: str) -> str | None:
    m = re.match(r"^\s*((?:19|20)\d{2})(\d{2})(\d{2})", val)
    return _iso(int(m[1]), int(m[2]), int(m[3])) if m else None


def url_date(url: str | None) -> str | None:
    """A date in the URL path: /2020/1113/, /202011/13/, /2020-11/13/, t20201113_."""
    if not url:
        return None
    path = re.sub(r"^[a-z]+://[^/]+", "", url, flags=re.I)
    for rx in pt.URL_DATE_RES:
        for m in rx.finditer(path):
            iso = _iso(int(m[1]), int(m[2]), int(m[3]))
            if iso:
                return iso
    return None


def comment_date(page: str) -> str | None:
    """``published at 2005-03-21 11:21:30`` in a CMS comment near the top of the page."""
    m = pt.COMMENT_DATE_RE.search(page)
    return find_date(m.group(1)) if m else None


def labelled_date(lines: list[str]) -> str | None:
    """A date right after a label such as 发布时间： in the given lines (or in the next line: a label cell and a
    value cell of a table). A publication label (发布日期) wins over another (成文日期, 时间).

    >>> labelled_date(["成文日期：", "2023-01-04", "发布日期：", "2023-01-05"])
    '2023-01-05T00:00:00+08:00'
    """
    found = []
    for i, line in enumerate(lines):
        for pos, iso in date_positions(line):
            before = line[max(0, pos - 12) : pos]
            if not before.strip() and i > 0 and pos <= 2:
                before = lines[i - 1][-12:]  # the label in the cell before
            m = pt.DATE_LABEL_RE.search(before)
            if m and not pt.TODAY_LINE_RE.search(before):  # (当前时间：… is a top bar's clock)
                if pt.PUBLISH_LABEL_RE.search(m.group(0)):
                    return iso
                found.append(iso)
    return found[0] if found else None


def first_date(lines: list[str]) -> str | None:
    """The first date in the given lines, but for a top bar's today's date (pt.TODAY_LINE_RE)."""
    for line in lines:
        iso = find_date(line)
        if iso and not pt.TODAY_LINE_RE.search(line):
            return iso
    return None


def find_source(lines: list[str], meta: dict[str, str]) -> str | None:
    """来源：xxx from meta lines near the title, else from <meta>."""
    for line in lines:
        m = pt.SOURCE_RE.search(line + " ")
        if m:
            val = m.group(1).strip("：:　 ")
            if val and not pt.DATE_RE.match(val):
                return val
    for name in pt.SOURCE_META_NAMES:
        if meta.get(name) and len(meta[name]) <= 30:
            return meta[name]
    return None


def split_names(text: str) -> list[str]:
    """Names (2-4 Han characters) in a byline fragment.

    >>> split_names("记者 张三 李四")
    ['张三', '李四']
    >>> split_names("孙浩　我要评论")  # a meta line's 我要评论 link: the names end there
    ['孙浩']
    """
    text = pt.BYLINE_ROLE_RE.sub(" ", text)
    out = []
    for part in pt.NAME_SPLIT_RE.split(text):
        part = part.strip()
        if part and pt.find_boilerplate(part):
            break
        if not pt.NAME_RE.match(part) or part in pt.NOT_NAME_WORDS or part in out:
            continue
        if not pt.FIELD_WORD_RE.search(part):
            out.append(part)
    return out


def find_authors(lines: list[str], meta: dict[str, str]) -> tuple[str, ...]:
    """作者/记者/通讯员 names from meta lines, else from <meta name=author>."""
    names: list[str] = []
    for line in lines:
        for m in pt.AUTHOR_RE.finditer(line):
            for n in split_names(m.group(1)):
                if n not in names:
                    names.append(n)
    if not names:
        for name in pt.AUTHOR_META_NAMES:
            val = meta.get(name)
            if val and pt.HAN_RE.search(val):
                names = split_names(val)
                if names:
                    break
    return tuple(names)


def find_column(meta: dict[str, str]) -> str | None:
    """The column (栏目) named by <meta>."""
    for name in pt.COLUMN_META_NAMES:
        val = meta.get(name)
        if val and len(val) <= 30:
            return val
    return None
