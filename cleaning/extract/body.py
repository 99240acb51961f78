"""Find the article body of a stripped page: text blocks, the content container, captions, images.

The page is cut into *segments* (runs of text between block-level boundaries, ``<br>``
and images). Each segment gets a value: running text with Chinese punctuation counts
for its length, link text and short unpunctuated furniture count against. Every
element sums the values of the segments under it; the element with the highest sum is
the content container (a content-like id/class such as ``TRS_Editor`` or ``content``
helps, a chrome-like one such as ``nav`` or ``comment`` hurts). Inside it, link
lists, boilerplate (分享到, 责任编辑, 上一篇 ...) and meta lines are dropped, and short
text right under an image becomes its caption.

The text under the headline wins back over a longer winner that lies past a "related stories"
heading or another story's <h1> (feeds, endless pages); stamped comments after a story and the
replies of a thread are cut; lines written without punctuation count as text when they come in
runs or under pictures (photo blogs).

>>> page = ("<div id=nav><a>首页</a><a>新闻</a></div>"
...         "<div class=content><p>今天，天气很好。我们去公园散步，看到了很多花。</p></div>")
>>> from .dom import parse, strip_page
>>> doc = parse(page); _ = strip_page(doc)
>>> [s.text for s in choose(segments(doc.find("body"))).kept]
['今天，天气很好。我们去公园散步，看到了很多花。']
"""

from __future__ import annotations

import itertools
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TypeAlias
from urllib.parse import urljoin

import lxml.etree
import lxml.html

from . import patterns as pt
from .dom import (
    clean_text,
    hint_in,
    hinted,
    is_prose,
    link_chars,
    punct_count,
    self_and_ancestors,
    text_content,
    text_len,
)

logger = logging.getLogger(__name__)

HtmlElement: TypeAlias = lxml.html.HtmlElement

#: Segments at most this long may be boilerplate or captions.
SHORT = 60
#: Link text share above which a segment is a link (list) segment.
LINK_SHARE = 0.5
#: Anchors under one element from which a link-dense element is a link block.
LINK_BLOCK_ANCHORS = 8
#: Multipliers for container candidates whose id/class says content or chrome.
CONTENT_BONUS = 1.15
CHROME_MALUS = 0.6
#: Teaser lists: levels between a link and its item, items needed, share of items with a link, item size.
TEASER_DEPTH = 5
TEASER_MIN_ITEMS = 3
TEASER_SHARE = 0.6
TEASER_MAX_CHARS = 600
TEASER_LINK_SHARE = 0.15
#: Shortest link that marks its list item as a teaser's (a headline), when it is not a "more" link.
TEASER_LINK_CHARS = 6
#: Shortest all-link headline that makes a list item a teaser.
TEASER_HEADLINE = 8
#: Tags of list items (teaser items without a class).
TEASER_ITEM_TAGS = frozenset(("li", "dd", "dt", "tr"))
#: A line with at most this many punctuation marks is not a sentence when they are only a label's colons
#: and an address's dots (contact lines), or when it holds boilerplate up to 2 * SHORT long (a footer).
FOOTER_PUNCT = 2
#: Factor on text without punctuation (long lines, lines under pictures).
UNPUNCTUATED_FACTOR = 0.3
#: Shortest unpunctuated line that may count as a line of text.
PLAIN_LINE_MIN = 6
#: ... and the share of it that must be Han characters (not a phone number or an address line).
PLAIN_HAN_SHARE = 0.7
#: Factor on running text inside comment lists, sidebars and related lists.
ASIDE_FACTOR = 0.25
#: An aside-named element is the story's column when its running text is at least this long and this many
#: times all running text outside asides (see :func:`_story_column`).
STORY_ASIDE_MIN = 300
#: ... or this long when the text right under the headline opens it and it outweighs all running text outside.
STORY_UNDER_MIN = 100
#: ... unless it is stamped as posts are: a date-and-time line to every this many paragraphs of running text.
COLUMN_POSTS = 3
STORY_ASIDE_RATIO = 4.0
#: How much more direct running text another element needs to replace the chosen container.
DENSER_FACTOR = 1.5
#: Segments after the headline searched for the first paragraph; share of the winner's score it needs.
TITLE_WINDOW = 25
NEAR_SHARE = 0.35
#: The winner starts this many segments below the headline: the text under the headline is the article.
TITLE_FAR = 40
#: Lengths of a subheading whose style (in bold, or classed) marks lines under pictures as subheadings too.
HEADING_STYLE_MIN = 4
HEADING_STYLE_MAX = 40
#: Lines of furniture that may stand between a lead under the headline and the body that continues it.
CONTINUE_GAP = 4
#: A heading holding this share of the title (and nothing else) is the headline.
TITLE_PART_SHARE = 0.6
#: A child holding this share of its container's score becomes the container.
DESCEND_SHARE = 0.7
#: ... and keeps this share of its running text ...
KEEP_SHARE = 0.9
#: ... unless this many paragraphs of running text (each this long, punctuated) come before it.
STAIR_PARAGRAPHS = 2
STAIR_PARAGRAPH_MIN = 30
#: Shortest headline of a second story that ends the first.
NEXT_HEADLINE_MIN = 8
#: Posts: longest stamp line, stamps needed, running text the first post needs.
POST_STAMP_MAX = 60
#: A 上一篇：/下一篇： line (the pager between a site's stories) is at most this long.
PAGER_LINE_MAX = 60
#: A bulletin board's post header (发信人, 信区, 标题 and 发信站 with its time, on one line) is at most this long.
BBS_HEADER_MAX = 160
POST_STAMP_EXTRA = 30
POST_MIN = 3
POST_MIN_CHARS = 100
#: Median text under a stamp up to which the stamped notes after a story are its comments.
COMMENT_MAX_CHARS = 150
#: ... and the story above them needs at least this much text.
COMMENT_BODY_MIN = 50
#: Longest text under an image taken as its caption.
CAPTION_MAX = 80
#: ... and a caption that ends in a photographer's credit (新华社记者 谢环驰 摄) at most this long.
CREDIT_CAPTION_MAX = 160
#: Unmarked text under a picture this long that is a full sentence is text, not a caption.
SENTENCE_CAPTION_MIN = 25
#: Longest line of a closing signature (issuing body or date).
SIGNATURE_MAX = 30


@dataclass(slots=True)
class Segment:
    """A run of text (or one image) in reading order, with what it is made of."""

    owner: HtmlElement
    parts: list[str] = field(default_factory=list)
    link_parts: list[str] = field(default_factory=list)
    bold_parts: list[str] = field(default_factory=list)
    anchors: int = 0
    image: HtmlElement | None = None
    text: str = ""
    length: int = 0
    link_length: int = 0
    bold_length: int = 0
    punct: int = 0
    value: float = 0.0
    index: int = 0
    aside: bool = False
    #: in a teaser list's item (a summary under another story's headline link)
    teaser: bool = False

    @property
    def link_share(self) -> float:
        return self.link_length / self.length if self.length else 0.0


@dataclass(slots=True)
class Choice:
    """The chosen container, the segments kept in it, and what was dropped on the way."""

    container: HtmlElement | None
    kept: list[Segment]
    boilerplate: list[str]
    link_blocks: list[str]
    all_segments: list[Segment]


class _Builder:
    """Walks the tree once and cuts it into segments."""

    def __init__(self) -> None:
        self.out: list[Segment] = []
        self.cur: Segment | None = None
        #: the ``<a>`` elements that are links (:func:`is_link`), in document order
        self.links: list[HtmlElement] = []

    def start(self, owner: HtmlElement) -> None:
        cur = self.cur
        if cur is not None and not cur.parts and cur.image is None:
            cur.owner = owner
            cur.anchors = 0
            return
        if cur is not None:
            self._emit(cur)
        self.cur = Segment(owner)

    def flush(self) -> None:
        cur = self.cur
        if cur is None:
            return
        if cur.image is None and not cur.parts:
            cur.anchors = 0
            return
        self._emit(cur)
        self.cur = Segment(cur.owner)

    def _emit(self, cur: Segment) -> None:
        """Queue ``cur`` (which has text or an image); :meth:`finish` measures the queue."""
        self.out.append(cur)

    def finish(self) -> list[Segment]:
        """The queued segments that hold text or an image, measured and numbered.

        The texts of all segments are cleaned and measured together (see :func:`_clean_texts`), so
        each regular expression runs once per page instead of once per segment (a page has hundreds).
        Cleaning drops only white space and zero-width characters, so the raw text has the same text
        characters and punctuation as the clean one.
        """
        queued, self.out = self.out, []
        texts = [seg for seg in queued if seg.image is None]
        raws = ["".join(seg.parts) for seg in texts]
        cleaned = _clean_texts(raws)
        lengths = _text_lengths(raws)
        puncts = _punct_counts(raws)
        links = _text_lengths(["".join(seg.link_parts) for seg in texts])
        bolds = _text_lengths(["".join(seg.bold_parts) for seg in texts])
        measured = iter(zip(cleaned, lengths, puncts, links, bolds, strict=True))
        out: list[Segment] = []
        for seg in queued:
            if seg.image is None:
                text, seg.length, seg.punct, seg.link_length, seg.bold_length = next(measured)
                if not text:
                    continue
                seg.text = text
            seg.index = len(out)
            out.append(seg)
        return out

    def add(self, text: str | None, in_link: bool, in_bold: bool) -> None:
        if not text:
            return
        assert self.cur is not None
        self.cur.parts.append(text)
        if in_link:
            self.cur.link_parts.append(text)
        if in_bold:
            self.cur.bold_parts.append(text)

    def walk(self, el: HtmlElement, owner: HtmlElement, in_link: bool, in_bold: bool) -> None:
        tag = el.tag
        if tag.__class__ is not str:
            tag = ""
        outer = owner
        block = tag in _BLOCK_TAGS
        if block:
            cur = self.cur
            if cur is not None and not cur.parts and cur.image is None:  # start(el), inlined
                cur.owner = el
                cur.anchors = 0
            else:
                self.start(el)
            owner = el
        elif tag == "br":
            self.flush()
            return
        elif tag == "img":
            self.flush()
            assert self.cur is not None
            self.cur.image = el
            self.flush()
            return
        elif tag == "a" and is_link(el):
            assert self.cur is not None
            self.links.append(el)
            if not in_link:
                self.cur.anchors += 1
            in_link = True
        elif tag == "b" or tag == "strong":
            in_bold = True
        # white space that would open a segment (the indentation between tags) is left out: it would only make
        # a segment of nothing, dropped by finish, where the block that follows can take the empty one over
        text = el.text
        if text:
            cur = self.cur
            if cur.parts or not text.isspace():  # type: ignore[union-attr]
                cur.parts.append(text)  # type: ignore[union-attr]
                if in_link:
                    cur.link_parts.append(text)  # type: ignore[union-attr]
                if in_bold:
                    cur.bold_parts.append(text)  # type: ignore[union-attr]
        walk = self.walk
        for child in el:
            walk(child, owner, in_link, in_bold)
            text = child.tail
            if text:
                cur = self.cur
                if not cur.parts and text.isspace():  # type: ignore[union-attr]
                    continue
                cur.parts.append(text)  # type: ignore[union-attr]
                if in_link:
                    cur.link_parts.append(text)  # type: ignore[union-attr]
                if in_bold:
                    cur.bold_parts.append(text)  # type: ignore[union-attr]
        if block:
            cur = self.cur
            if cur is not None and not cur.parts and cur.image is None:  # start(outer), inlined
                cur.owner = outer
                cur.anchors = 0
            else:
                self.start(outer)


_BLOCK_TAGS = pt.BLOCK_TAGS
#: An <a> around at least this many paragraphs that end a sentence wraps a story, not a link.
LINK_SPAN_PARAGRAPHS = 3
_PARAGRAPH_TAGS = ("p", "li", "dd", "td", "blockquote")


#: Links that all go to one address and each hold a sentence of running text (at least this long, with a
#: sentence end) are a story's paragraphs made clickable (a page turns when its text is clicked) when there are
#: at least PAGE_TURN_LINKS of them: a list of teasers links each to its own story.
PAGE_TURN_LINKS = 3
PAGE_TURN_CHARS = 40


def _page_turn_links(links: list[HtmlElement]) -> list[HtmlElement]:
    """Of ``links`` (a page's), those that make a story's paragraphs clickable, all to one address (the next
    page): PAGE_TURN_LINKS or more links to the same href, each holding a sentence of PAGE_TURN_CHARS or more."""
    groups: dict[str, list[HtmlElement]] = {}
    for a in links:
        href = a.get("href")
        if href:
            groups.setdefault(href, []).append(a)
    out = []
    for href, links in groups.items():
        if len(links) < PAGE_TURN_LINKS or href.lstrip().startswith(("#", "javascript", "JavaScript")):
            continue  # (teasers that a script opens share these)
        prose = [a for a in links if _sentence_text(text_content(a))]
        if len(prose) >= PAGE_TURN_LINKS:
            out += prose
    return out


def _sentence_text(text: str) -> bool:
    return len(text) >= PAGE_TURN_CHARS and ("。" in text or "！" in text or "？" in text)


def is_link(a: HtmlElement) -> bool:
    """Whether an ``<a>``'s text is link text. Not for a named anchor without href (``<A name=zw>``, which an
    old hand-written page leaves unclosed before the story, so that the parser nests the whole story in it),
    nor for an element around paragraphs of running text (an unclosed link before the story); a teaser card
    (a headline and a summary in one link) stays a link."""
    href = a.get("href")
    if href is None and (a.get("name") is not None or a.get("id") is not None):
        return False
    if href is not None and "." in href[-6:] and pt.DOCUMENT_HREF_RE.search(href) and _attachment(a):
        return False  # (".xlsx" is the longest extension: a look at the end of the href first, at C speed)
    if not len(a):
        text = a.text
        return not (text and is_prose(text))
    if not any(child.tag in _BLOCK_TAGS for child in a if isinstance(child.tag, str)):
        # lines of running text split by <br>s (an unclosed keyword link before the rest of the story)
        if len(a) >= LINK_SPAN_PARAGRAPHS and _br_paragraphs(a):
            return False
        if len(a) == 1 and a[0].tag == "img" and not (a.text or a[0].tail):
            return True  # a picture's link (the commonest kind with a child)
        return not is_prose(text_content(a))
    paragraphs = 0
    for el in a.iter(*_PARAGRAPH_TAGS):
        if any(c in "。！？" for c in text_content(el)):
            paragraphs += 1
            if paragraphs >= LINK_SPAN_PARAGRAPHS:
                return False
    return not is_prose(text_content(a))


#: How many attachment lines above a link its "附件：" label may be.
ATTACHMENT_LIST_MAX = 12


def _attachment(a: HtmlElement) -> bool:
    """A link to a document file that the text names as an attachment of the story (附件1：名单.xls, or a
    file name shown as such): part of a notice, not a link to other pages. (A download list's file titles
    without 附件 or a file name stay links.)"""
    text = text_content(a)
    if pt.names_attachment(text):
        return True
    prev = a.getprevious()
    parent = a.getparent()
    before = (prev.tail if prev is not None else parent.text if parent is not None else "") or ""
    if "附件" in before[-12:]:
        return True
    # a list of attachments under a "附件：" line of its own: <p>附件：</p><p><a>1.名单</a></p><p><a>2.…</a></p>
    for sib in itertools.islice(parent.itersiblings(preceding=True), ATTACHMENT_LIST_MAX) if parent is not None else ():
        if not isinstance(sib.tag, str):
            continue
        label = text_content(sib).strip()
        if pt.ATTACHMENT_LABEL_RE.match(label):
            return True
        link = sib.find(".//a")
        if link is None or not pt.DOCUMENT_HREF_RE.search(link.get("href", "")):
            return False
    return False


def _br_paragraphs(a: HtmlElement) -> bool:
    """At least LINK_SPAN_PARAGRAPHS lines inside ``a`` that end a sentence right before a <br>."""
    ends = 0
    for br in a.iter("br"):
        prev = br.getprevious()
        parent = br.getparent()
        before = ((prev.tail if prev is not None else parent.text if parent is not None else "") or "").rstrip()
        if before and before[-1] in "。！？”":
            ends += 1
            if ends >= LINK_SPAN_PARAGRAPHS:
                return True
    return False


#: Joins segment texts for :meth:`_Builder.finish`: not white space, not text, not punctuation.
_SEP = "\x01"
_WS_SUB = pt.WHITESPACE_RE.sub
_ZW_SUB = pt.ZERO_WIDTH_RE.sub
_TEXT_RUN_SUB = pt.TEXT_RUN_RE.sub
_PUNCT_SUB = pt.PUNCT_RE.sub


def _joined(texts: list[str]) -> str | None:
    """``texts`` joined by :data:`_SEP`, or None when a text holds it itself (or there is none)."""
    joined = _SEP.join(texts)
    return joined if texts and joined.count(_SEP) == len(texts) - 1 else None


def _clean_texts(texts: list[str]) -> list[str]:
    """:func:`clean_text` of each text, each regular expression run once over all of them."""
    joined = _joined(texts)
    if joined is None:
        return [clean_text(t) for t in texts]
    return [t.strip() for t in _WS_SUB(" ", _ZW_SUB("", joined)).split(_SEP)]


def _text_lengths(texts: list[str]) -> list[int]:
    """:func:`text_len` of each text, with one regular expression run."""
    joined = _joined(texts)
    if joined is None:
        return [text_len(t) for t in texts]
    return [len(t) - len(o) for t, o in zip(texts, _TEXT_RUN_SUB("", joined).split(_SEP), strict=True)]


def _punct_counts(texts: list[str]) -> list[int]:
    """:func:`punct_count` of each text, with one regular expression run (the marks are single characters)."""
    joined = _joined(texts)
    if joined is None:
        return [punct_count(t) for t in texts]
    return [len(t) - len(o) for t, o in zip(texts, _PUNCT_SUB("", joined).split(_SEP), strict=True)]


def segments(root: HtmlElement, title: str | None = None) -> list[Segment]:
    """The page under ``root`` cut into text and image segments, in reading order.

    ``title`` (the page's headline) keeps the story's own headline link from making it look like a teaser.
    """
    for lst in root.iter("ol", "ul", "dl"):
        if _introduced_list(lst):
            # the story's own list: its links are words of the story, not headlines of others
            for a in lst.iter("a"):
                a.tag = "span"
    b = _build(root)
    turns = _page_turn_links(b.links)
    if turns:
        for a in turns:
            a.tag = "span"  # the story's paragraphs, each a link to the next page: text, not headlines
        b = _build(root)
    aside: dict[HtmlElement, bool] = {}
    for seg in b.out:
        seg.value = segment_value(seg)
    _plain_lines(b.out)
    items = teaser_items(root, title, b.links, _teaser_reach(b.out))
    for seg in b.out:
        if seg.value > 0 and items and _in_teaser(seg.owner, items):
            seg.value = -0.5 * seg.value
            seg.teaser = True
        elif seg.value > 0 and _in_aside(seg.owner, aside):
            seg.value *= ASIDE_FACTOR
            seg.aside = True
    if any(seg.aside for seg in b.out):
        _headline_column(b.out, title)
        _story_column(b.out, title)
    return b.out


def _build(root: HtmlElement) -> _Builder:
    b = _Builder()
    b.cur = Segment(root)
    b.walk(root, root, False, False)
    b.flush()
    b.out = b.finish()
    return b


def _aside_hint(el: HtmlElement) -> bool:
    """An id/class that makes the element's text an aside (a sidebar, comments, a related list), not content."""
    return hinted(el, pt.ASIDE_HINT_RE) and not hinted(el, pt.CONTENT_HINT_RE)


def _aside_ancestor(el: HtmlElement) -> HtmlElement | None:
    """The nearest element (``el`` or an ancestor) whose id/class makes its text an aside (see :func:`_in_aside`)."""
    node: HtmlElement | None = el
    while node is not None and node.tag not in ("body", "html", "main", "article"):
        if _aside_hint(node):
            return node
        node = node.getparent()
    return None


def _headline_column(segs: list[Segment], title: str | None) -> None:
    """The column that holds the page's headline is the main one, whatever its id/class says (a CMS's
    ``leftside``, ``side_left``): its text is not aside text. Asides nested inside it stay asides."""
    head = title_segment(segs, title)
    if head is None:
        return
    column = _aside_ancestor(head.owner)
    if column is None:
        return
    for seg in segs:
        if seg.aside and _within(seg.owner, column) and _aside_ancestor(seg.owner) is column:
            seg.aside = False
            seg.value /= ASIDE_FACTOR


def _story_column(segs: list[Segment], title: str | None) -> None:
    """An element named as an aside (``side``, ``comment``, ``nav`` ...) that holds the page's story is the main
    column: its running text is STORY_ASIDE_MIN characters or more, STORY_ASIDE_RATIO times or more all the
    running text outside asides (a lead, a caption), and it is not stamped as a comment list's floors are (a
    date-and-time line to every COLUMN_POSTS paragraphs or fewer); or a shorter one (STORY_UNDER_MIN) that the
    text right under the headline (``title``) opens. Without this the story went as aside text and the lead, or
    a box outside the column, was all that was left."""
    outside = sum(s.length for s in segs if s.value > 0 and not s.aside)
    columns: dict[HtmlElement, int] = {}
    for seg in segs:
        if seg.aside and seg.value > 0:
            column = _aside_ancestor(seg.owner)
            if column is not None:
                columns[column] = columns.get(column, 0) + seg.length
    if not columns:
        return
    column, prose = max(columns.items(), key=lambda kv: kv[1])
    if prose < STORY_ASIDE_MIN or prose < STORY_ASIDE_RATIO * outside:
        # ... or it is a column named as a side one (a CMS's right_side), the text right under the headline
        # starts it, and it holds more running text than all outside asides: a short story
        head = title_segment(segs, title)
        under = None
        if head is not None:
            under = next(
                (
                    s
                    for s in segs[head.index + 1 : head.index + 1 + TITLE_WINDOW]
                    if s.value > 0 and s.punct and s.length >= 15
                ),
                None,
            )
        if (
            under is None
            or not _within(under.owner, column)
            or prose < STORY_UNDER_MIN
            or prose < outside
            or not hinted(column, pt.SIDE_COLUMN_HINT_RE)
        ):
            return
    inside = [s for s in segs if _within(s.owner, column)]
    stamps = sum(map(_post_stamp, inside))
    if stamps and stamps * COLUMN_POSTS >= sum(s.value > 0 and s.punct > 0 for s in inside):
        return  # a comment list: a stamp to every post (a date and time now and then is the story's own)
    for seg in inside:
        if seg.aside and _aside_ancestor(seg.owner) is column:
            seg.aside = False
            seg.value /= ASIDE_FACTOR


def _plain_line(seg: Segment) -> bool:
    """Short text without punctuation or links that may be a line of a story (not a date or a label)."""
    return (
        seg.value == -1.0
        and not seg.link_length
        and seg.length - seg.link_length >= PLAIN_LINE_MIN
        and len(pt.HAN_RE.findall(seg.text)) >= PLAIN_HAN_SHARE * seg.length
        and not pt.DATE_RE.search(seg.text)
    )


def _plain_lines(segs: list[Segment]) -> None:
    """Lines written without punctuation count as (weak) text when they sit under a picture or next to
    another such line: a photo story or a blog post written line by line, not a stray label."""
    text = [s for s in segs if s.image is None]
    plain = [_plain_line(s) for s in text]
    for i, seg in enumerate(text):
        if not plain[i]:
            continue
        under_image = seg.index > 0 and segs[seg.index - 1].image is not None
        near = any(0 <= j < len(text) and plain[j] for j in (i - 1, i + 1))
        if under_image or near:
            seg.value = UNPUNCTUATED_FACTOR * seg.length


def _in_aside(el: HtmlElement, memo: dict[HtmlElement, bool]) -> bool:
    """True if ``el`` is inside a comment list, sidebar, related list or footer (by id/class)."""
    path = []
    node: HtmlElement | None = el
    result = False
    while node is not None and node.tag not in ("body", "html", "main", "article"):
        if node in memo:
            result = memo[node]
            break
        path.append(node)
        if _aside_hint(node):
            result = True
            break
        node = node.getparent()
    for n in path:
        memo[n] = result
    return result


def _signature(el: HtmlElement) -> tuple[str, str, str]:
    """Tag, class and id without its digits: list items share it (``item_1``, ``item_2``); a page's named
    blocks (``#header``, ``#menu``, ``#main``) do not."""
    ident = el.get("id", "")
    return (el.tag, el.get("class", ""), ident.translate(_DIGITS) if ident else "")


_DIGITS = dict.fromkeys(range(ord("0"), ord("9") + 1))


def teaser_items(
    root: HtmlElement,
    title: str | None = None,
    links: list[HtmlElement] | None = None,
    reach: tuple[set[HtmlElement], set[HtmlElement]] | None = None,
) -> set[HtmlElement]:
    """Items of repeated teaser lists: siblings of one kind that mostly hold a headline or "more" link.

    Article paragraphs are repeated siblings too, but few of them hold such a link. ``links``: the ``<a>``
    elements under ``root`` that are links, in document order, if known. ``reach``: only the items among the
    first of these elements are wanted, and their parents are the second (see :func:`_teaser_reach`); the lists
    elsewhere are not looked at.
    """
    marked: set[HtmlElement] = set()
    strong: set[HtmlElement] = set()
    anchors = [a for a in root.iter("a") if is_link(a)] if links is None else links
    raw = [text_content(a) for a in anchors]
    anchor_text = dict(zip(anchors, raw, strict=True))
    # How many levels above a node a climb from a link has gone on (so far): a later climb that
    # would go no further from that node marks nothing new and stops there.
    climbed: dict[HtmlElement, int] = {}
    climbed_strong: dict[HtmlElement, int] = {}
    for a, text in zip(anchors, _clean_texts(raw), strict=True):
        is_strong = bool(pt.MORE_LINK_RE.match(text)) or (len(a) > 0 and next(a.iter("img"), None) is not None)
        if not (is_strong or len(text) >= TEASER_LINK_CHARS):
            continue
        node = a
        for level in range(TEASER_DEPTH):
            node = node.getparent()
            if node is None or node.tag in ("body", "html"):
                break
            left = TEASER_DEPTH - 1 - level
            if climbed_strong.get(node, -1) >= left or (not is_strong and climbed.get(node, -1) >= left):
                break
            (climbed_strong if is_strong else climbed)[node] = left
            marked.add(node)
            if is_strong:
                strong.add(node)
    items: set[HtmlElement] = set()
    seen_parents: set[HtmlElement] = set()
    for el in marked:
        parent = el.getparent()
        if parent is None or parent in seen_parents:
            continue
        seen_parents.add(parent)
        if len(parent) < TEASER_MIN_ITEMS:
            continue  # (too few children for a group of TEASER_MIN_ITEMS)
        if reach is not None and parent not in reach[1]:
            continue  # (no wanted item among its children)
        groups: dict[tuple[str, str, str], list[HtmlElement]] = {}
        for child in parent:
            if isinstance(child.tag, str):
                groups.setdefault(_signature(child), []).append(child)
        for members in groups.values():
            if len(members) < TEASER_MIN_ITEMS:
                continue
            if parent.tag == "tr":
                # a layout row's empty spacer cell is not one of its items (sidebar | spacer | story)
                members = [m for m in members if m in marked or len(m) or (m.text or "").strip()]
                if len(members) < TEASER_MIN_ITEMS:
                    continue
            # A headline link makes a teaser only in list-like items (li, or a shared class), not in the page's
            # big unnamed blocks, which also hold the story's own linked headline.
            candidates = [m for m in members if m in marked]
            if len(candidates) < TEASER_SHARE * len(members):
                # too few even if every marked one is a hit, unless each headline has its summary in the next
                # item (a table's rows alternate: headline link, summary)
                items.update(_headline_summary_pairs(members, marked, title, anchor_text))
                continue
            listlike = members[0].tag in TEASER_ITEM_TAGS or bool(members[0].get("class", "").strip())
            hits = [
                m
                for m in candidates
                if (m in strong and not _entry_with_more_link(m, anchor_text))
                or _link_heavy(m, title, headlines=listlike, texts=anchor_text)
            ]
            if len(hits) >= TEASER_SHARE * len(members):
                if _sections_under_headline(members, hits, title, anchor_text):
                    continue
                items.update(
                    m
                    for m in hits
                    if (reach is None or m in reach[0])
                    and text_len(text_content(m)) <= TEASER_MAX_CHARS
                    and not _running_paragraphs(m)
                    and not _prose_item(m)
                    and not _holds_story(m, title)
                )
    return items


def _sections_under_headline(
    members: list[HtmlElement], hits: list[HtmlElement], title: str | None, texts: dict[HtmlElement, str]
) -> bool:
    """``hits`` (items of ``members``, siblings of one kind) are the page's own sections, not teasers: each opens
    with a heading, its links are "more" links (to the section's own page) or words (shorter than a headline
    link, TEASER_LINK_CHARS), and the page's headline (``title``) is set before them in their block with no
    running text between (a story: :func:`is_prose`). A place's or a body's profile page: ``<h1>城关镇</h1>``,
    then ``<h3>概况</h3><a>更多</a><div>…</div>`` boxes. A teaser links its headline."""
    if not title:
        return False
    for m in hits:
        heading = next((h for h in m.iter(*pt.HEADING_TAGS) if h is not m), None)
        if heading is None or not text_content(heading).strip():
            return False
        for a in m.iter("a"):
            text = texts.get(a, "").strip()
            if len(text) >= TEASER_LINK_CHARS and not pt.MORE_LINK_RE.match(text):
                return False
    headline = clean_text(title)
    for before in members[0].itersiblings(preceding=True):
        if not isinstance(before.tag, str):
            continue
        if is_prose(text_content(before)):
            return False  # a story under the headline: boxes after it are other pages' teasers
        for h in before.iter("h1", "h2"):
            if clean_text(text_content(h)) == headline:
                return True
    return False


#: An entry with a "more" link has at least this much text of its own, ending in a sentence end.
ENTRY_OWN_CHARS = 15


def _entry_with_more_link(el: HtmlElement, texts: dict[HtmlElement, str]) -> bool:
    """A paragraph whose only links are "more" links (详细, 全文) after a sentence of its own: an entry of a
    大事记 or a digest (1月2日 …发表重要讲话。[详细]), whose text is the story's, not a teaser whose headline is
    a link. A teaser has its headline linked too."""
    if el.tag != "p":
        return False
    links = [a for a in el.iter("a") if a in texts]
    if not links or not all(pt.MORE_LINK_RE.match(texts[a].strip()) for a in links):
        return False
    own = text_content(el)
    for a in links:
        own = own.replace(texts[a], "")
    own = own.strip()
    return text_len(own) >= ENTRY_OWN_CHARS and own[-1:] in pt.SENTENCE_END_CHARS


def _prose_item(el: HtmlElement) -> bool:
    """A paragraph of sentences that link what they name (see :func:`_prose_around_links`), not a teaser: it
    opens with its own words and has PROSE_OWN characters and PROSE_SENTENCES sentence ends outside its links."""
    lead = (el.text or "").strip()
    if not lead or not pt.HAN_RE.search(lead):
        return False
    text = text_content(el)
    linked = "".join(text_content(a) for a in el.iter("a"))
    return _prose_outside(text, linked, text_len(text) - text_len(linked), punct_count(text))


#: An item holding the page's headline and this many sentence ends is the story's block, not a teaser.
STORY_SENTENCES = 3


def _holds_story(el: HtmlElement, title: str | None) -> bool:
    """``el`` holds the page's headline and sentences after it: the story's own block (a 2001 page's main
    layout table between a header and a footer table, its short story in <br> lines), not a teaser."""
    if not title or len(title) < TEASER_HEADLINE:
        return False
    raw = text_content(el)
    probe = title[:TEASER_HEADLINE]
    if " " not in probe and probe not in raw:
        return False  # (most teasers: a look for the headline's opening before the text is cleaned)
    text = clean_text(raw)
    at = text.find(title)
    return at >= 0 and sum(c in "。！？" for c in text[at + len(title) :]) >= STORY_SENTENCES


def _headline_summary_pairs(
    members: list[HtmlElement], marked: set[HtmlElement], title: str | None, texts: dict[HtmlElement, str]
) -> list[HtmlElement]:
    """Rows of a table that alternate a headline link and its summary, from the first marked one on (a
    sidebar's ``<tr><td class=hot_t><a>…</a></td></tr><tr><td class=hot_s>摘要</td></tr>``): the headline
    rows and the summary rows (short, without links), or []."""
    first = next((k for k, m in enumerate(members) if m in marked), None)
    if first is None or members[0].tag != "tr":
        return []  # (rows of a table only: paragraphs with a link box after each are a story's)
    heads, sums = members[first::2], members[first + 1 :: 2]
    if len(heads) < TEASER_MIN_ITEMS or len(sums) < len(heads) - 1:
        return []
    if any(m in marked for m in sums) or not all(_link_heavy(h, title, texts=texts) for h in heads):
        return []
    if any(m.find(".//a") is not None or text_len(text_content(m)) > TEASER_MAX_CHARS for m in sums):
        return []
    return heads + sums


#: A teaser has one summary: an item holding this many paragraphs that end a sentence is text, not a teaser
#: (a story split into rows, each beside a column of links).
TEASER_MAX_PARAGRAPHS = 2


def _running_paragraphs(el: HtmlElement) -> bool:
    n = 0
    for p in el.iter("p"):
        text = (text_content(p) or "").rstrip()
        if text and text[-1] in "。！？”" and text_len(text) >= TEASER_HEADLINE:
            n += 1
            if n > TEASER_MAX_PARAGRAPHS:
                return True
    return False


#: A sentence introducing a list of the story's own items ends in a colon and is at least this long.
INTRO_MIN_CHARS = 20


def _introduced_list(el: HtmlElement) -> bool:
    """A list the story's text introduces ("入选的十大新闻是：" right before it): its linked items are the
    story's (a top-ten list, a list of measures), not teasers of other stories."""
    if el.tag not in ("ol", "ul", "dl"):
        return False
    prev = _next_element(el, preceding=True)
    if prev is None or prev.tag not in (*_PARAGRAPH_TAGS, "div"):
        return False
    text = text_content(prev).strip()
    return (
        text.endswith(("：", ":"))
        and text_len(text) >= INTRO_MIN_CHARS
        and any(c in text for c in "，。；")
        and not pt.RELATED_HEAD_RE.match(text)
    )


def _link_heavy(
    el: HtmlElement, title: str | None = None, headlines: bool = True, texts: dict[HtmlElement, str] | None = None
) -> bool:
    """A headline link makes up a fair share of the item (an article paragraph with a short inline link does not),
    or the item is led by a headline that is all link (a teaser: headline, summary, source and time)."""
    total = text_len(text_content(el))
    links = 0
    for a in el.iter("a"):
        if texts is not None and a in texts:
            text = texts[a]
        elif is_link(a):
            text = text_content(a)
        else:
            continue
        n = text_len(text)
        if not _in_sentence(a, n):
            links += n  # a word linked inside a sentence (a keyword, a stock name) is not a headline
        if headlines and n >= TEASER_HEADLINE and _headline_link(a) and not (title and title in clean_text(text)):
            return True
    return total > 0 and links >= TEASER_LINK_SHARE * total


#: Characters either side of a link looked at by :func:`_in_sentence`.
SENTENCE_CONTEXT = 4


def _in_sentence(a: HtmlElement, n: int) -> bool:
    """A word linked inside a sentence (an SEO keyword, a stock name or code): shorter than a headline, with
    text right before and after it in its block and a Han character next to it on one side. Not a headline
    leading an item (``1、<a>标题</a>（07-20）``: the text after it is no Han)."""
    if n >= TEASER_HEADLINE:
        return False
    before, after = _near(a, before=True), _near(a, before=False)
    return bool(before and after) and bool(
        pt.HAN_RE.search(before[-SENTENCE_CONTEXT:]) or pt.HAN_RE.search(after[:SENTENCE_CONTEXT])
    )


def _near(a: HtmlElement, before: bool) -> str:
    """The few characters next to ``a`` in its block (through inline siblings), stripped."""
    got = ""
    node = a
    while True:
        if before:
            sib = node.getprevious()
            if sib is None:
                parent = node.getparent()
                got = ((parent.text if parent is not None else "") or "") + got
                break
            got = (sib.tail or "") + got
        else:
            got += node.tail or ""
            sib = node.getnext()
            if sib is None:
                break
        if len(got.strip()) >= SENTENCE_CONTEXT:
            break
        if not isinstance(sib.tag, str) or sib.tag in _BLOCK_TAGS or sib.tag in ("br", "img"):
            break
        got = text_content(sib) + got if before else got + text_content(sib)
        node = sib
    return got.strip()


def _headline_link(a: HtmlElement) -> bool:
    """A link that is a block of its own (a heading, or the only thing in its block), not a word in a sentence."""
    parent = a.getparent()
    if parent is None:
        return False
    if parent.tag in pt.HEADING_TAGS:
        return True
    if parent.tag not in pt.BLOCK_TAGS or (parent.text or "").strip() or (a.tail or "").strip():
        return False
    return all(child is a or not isinstance(child.tag, str) or child.tag in ("br", "img") for child in parent)


def _teaser_reach(segs: list[Segment]) -> tuple[set[HtmlElement], set[HtmlElement]]:
    """The elements :func:`_in_teaser` looks at for the segments of positive value (each owner and the
    TEASER_DEPTH elements above it), and their parents: the only teaser items :func:`segments` asks about."""
    near: dict[HtmlElement, int] = {}  # each element, with how many levels above it were climbed to from it
    parents: set[HtmlElement] = set()
    for seg in segs:
        if seg.value <= 0:
            continue
        node: HtmlElement | None = seg.owner
        for left in range(TEASER_DEPTH, -1, -1):
            if node is None or near.get(node, -1) >= left:
                break  # (a climb that went as high from here was made before)
            near[node] = left
            node = node.getparent()
            if node is not None:
                parents.add(node)
    return set(near), parents


def _in_teaser(owner: HtmlElement, items: set[HtmlElement]) -> bool:
    node: HtmlElement | None = owner
    for _ in range(TEASER_DEPTH + 1):
        if node is None:
            return False
        if node in items:
            return True
        node = node.getparent()
    return False


#: What an attachment's name (附件1：名单.xls) counts for, against running text of its length.
ATTACHMENT_FACTOR = 0.25


def segment_value(seg: Segment) -> float:
    """How much a segment looks like article text (positive) or furniture (negative)."""
    if seg.image is not None or not seg.length:
        return 0.0
    n = seg.length
    if seg.link_share > LINK_SHARE and not _linked_sentence(seg):
        return -float(n)
    if n <= SHORT and pt.find_boilerplate(seg.text):
        return -float(n)
    if SHORT < n <= 2 * SHORT and seg.punct <= FOOTER_PUNCT and pt.find_boilerplate(seg.text):
        return -float(n)  # a footer's one-line copyright and licence numbers
    own = n - seg.link_length
    if n < 20 and not pt.HAN_RE.search(seg.text):
        return -1.0
    if n <= SHORT and pt.names_attachment(seg.text):
        # an attachment's name: a line of the notice, but a weak sign of where its text is (a download box
        # beside the text repeats the names)
        return ATTACHMENT_FACTOR * own
    if seg.punct == 0 or (n <= SHORT and seg.punct <= FOOTER_PUNCT and _label_punct_only(seg)):
        return -1.0 if own < 20 else own * UNPUNCTUATED_FACTOR
    return float(own)


#: A sentence whose words are mostly links (stock names and codes, keywords): its own text and marks, and the
#: longest mean link length (a headline is longer).
LINKED_SENTENCE_OWN = 15
LINKED_SENTENCE_PUNCT = 3
LINKED_WORD_MAX = 8


def _linked_sentence(seg: Segment) -> bool:
    """Running text with many short links in it (``宁德时代（300750）、比亚迪（002594）等个股表现活跃。``):
    outside its links it has words, punctuation and a sentence end, and its links are words, not headlines."""
    if not seg.anchors:
        return False
    if seg.link_length > LINKED_WORD_MAX * seg.anchors:
        return _prose_around_links(seg)
    if seg.length - seg.link_length < LINKED_SENTENCE_OWN:
        return False
    linked = "".join(seg.link_parts)
    if seg.punct - punct_count(linked) < LINKED_SENTENCE_PUNCT:
        return False
    return sum(c in "。！？" for c in seg.text) > sum(c in "。！？" for c in linked)


#: Prose with long links in it (the titles of the documents a 政策解读 cites): its own text, and the sentence
#: ends outside its links.
PROSE_OWN = 30
PROSE_SENTENCES = 2
#: ... or one long sentence (``根据《<a>…法</a>》、《<a>…条例</a>》等规定，现就…公告如下：``) with this much of
#: its own text and punctuation.
PROSE_SENTENCE_OWN = 60
PROSE_SENTENCE_PUNCT = 6


def _prose_around_links(seg: Segment) -> bool:
    """Sentences that link the documents or pages they name (``国务院办公厅印发《<a>关于…的意见</a>》，…。``):
    the segment opens with its own words, not a link (a teaser opens with its headline), and outside its links
    has PROSE_OWN characters and PROSE_SENTENCES sentence ends, or one long sentence."""
    own = seg.length - seg.link_length
    if own < PROSE_OWN:
        return False
    first = next((part for part in seg.parts if part.strip()), None)
    if first is None or any(first is part for part in seg.link_parts) or not pt.HAN_RE.search(first):
        return False
    return _prose_outside(seg.text, "".join(seg.link_parts), own, seg.punct)


def _prose_outside(text: str, linked: str, own: int, punct: int) -> bool:
    """``text`` (with ``punct`` marks; ``own`` text characters outside its links, whose text is ``linked``)
    is prose outside its links: PROSE_OWN characters and PROSE_SENTENCES sentence ends, or one long
    sentence, outside them."""
    if own < PROSE_OWN:
        return False
    if sum(c in "。！？" for c in text) - sum(c in "。！？" for c in linked) >= PROSE_SENTENCES:
        return True
    return own >= PROSE_SENTENCE_OWN and punct - punct_count(linked) >= PROSE_SENTENCE_PUNCT


def _label_punct_only(seg: Segment) -> bool:
    """A line whose only punctuation is that of labels and addresses (``电话：0731-1234 邮箱：a@b.cn``)."""
    text = seg.text
    return text.count("：") + text.count(":") + text.count(".") >= seg.punct


def _hint_factor(el: HtmlElement) -> float:
    ident = f"{el.get('id', '')} {el.get('class', '')}"
    factor = 1.0
    if ident.strip():
        if hint_in(pt.CONTENT_HINT_RE, ident):
            factor *= CONTENT_BONUS
        elif hint_in(pt.CHROME_HINT_RE, ident):
            factor *= CHROME_MALUS
    if el.tag in pt.CHROME_TAGS:
        factor *= CHROME_MALUS
    return factor


def choose(segs: list[Segment], title: str | None = None) -> Choice:
    """Pick the content container and the segments to keep from it."""
    totals: dict[HtmlElement, float] = {}
    positive: dict[HtmlElement, float] = {}
    chains: dict[HtmlElement, tuple[HtmlElement, ...]] = {}
    first: dict[HtmlElement, int] = {}  # each element's first and last segment of positive value
    last: dict[HtmlElement, int] = {}
    for seg in segs:
        value = seg.value
        if not value:
            continue
        if value > 0:
            index = seg.index
            for el in _chain(seg.owner, chains):
                totals[el] = totals.get(el, 0.0) + value
                positive[el] = positive.get(el, 0.0) + value
                if el not in first:
                    first[el] = index
                last[el] = index
        else:
            for el in _chain(seg.owner, chains):
                totals[el] = totals.get(el, 0.0) + value
    best, best_score, plain = None, 0.0, False
    for el, total in totals.items():
        if total * CONTENT_BONUS <= best_score:
            continue
        score = total * _hint_factor(el)
        if score > best_score:
            best, best_score = el, score
    if best is None or not any(s.value >= RUNNING_MIN and s.punct for s in segs):
        # no running text anywhere (a post without punctuation, a page that is a table of names): the element
        # with the most plain text, when there is one (a headline alone outweighs the link columns)
        fallback = _plain_text_fallback(segs, chains)
        if fallback is not None:
            best, plain = fallback, True
    if best is None:
        return Choice(None, [], [], link_blocks(segs, None, chains), segs)
    span = _direct_text(segs, best, best_score)
    if span is not None:
        # the story is text set straight into a big element (<body>, a layout cell) that the page's lists
        # outweigh as a whole: that text, and what lies between its lines (pictures, captions)
        best, first, last = span
        inside = [s for s in segs[first : last + 1] if s.image is not None or s.owner is best or s.value > 0]
        return _finish_choice(segs, inside, best, title, chains)
    if not plain:  # (the scores of running text: a plain text has none)
        best = _wider_story(segs, best, best_score, chains, first, last, positive)
        best = denser_parent(segs, descend(best, totals, positive), positive)
        best = _headline_cell(segs, best, title, positive, chains)
    run: set[HtmlElement] = set()
    if best.tag == "p" or (best.tag in _PARAGRAPH_LIKE and _leaf_block(best, segs)):
        # one paragraph won: its sibling paragraphs go on with the story (a teaser list in their block
        # scored the block as a whole below zero)
        paragraphs = _paragraph_run(best, None, totals)
        run = set(paragraphs + (_table_after(paragraphs[-1]) if paragraphs else []))
        parent = best.getparent()
        if run and parent is not None:
            best = parent
    lead: list[HtmlElement] = []
    near = title_anchored(segs, title, best, best_score, totals, lead) if not run else None
    if near is not None:
        if _within(best, near):
            best = near  # it joins a lead to its body: descending would drop the lead again
        else:
            run = set(_paragraph_run(near, best, totals))
            parent = near.getparent()
            best = parent if run and parent is not None else descend(near, totals, positive)
    best = _story_before_list(segs, best, chains)
    spilled = (
        _spilled_paragraphs(best, totals)
        + _continued_tables(segs, best, totals, chains)
        + _continued_rows(segs, best, totals, chains)
    )
    if best.tag == "p":
        spilled += _table_after(best)  # one paragraph won: the table of data it introduces goes with it
    if near is None:
        spilled += lead  # a lead set apart under the headline, in a box of its own beside the winner
    inside = [s for s in segs if best in (chain := _chain(s.owner, chains)) or any(p in chain for p in spilled)]
    inside += _spilled_lines(segs, inside, best)
    if run:
        inside = [s for s in inside if any(el in run for el in _chain(s.owner, chains))]
    inside = _with_introduced_tables(segs, inside, chains)
    return _finish_choice(segs, inside, best, title, chains)


#: An element around the chosen one whose running text, from its first paragraph to its last, is worth this many
#: times the chosen one's score, and this much more, holds the story (see :func:`_wider_story`): many sections of
#: running text, not a box beside a short story.
SPAN_FACTOR = 2.0
SPAN_GAIN = 500.0


def _wider_story(
    segs: list[Segment],
    best: HtmlElement,
    best_score: float,
    chains: dict[HtmlElement, tuple[HtmlElement, ...]],
    first: dict[HtmlElement, int],
    last: dict[HtmlElement, int],
    positive: dict[HtmlElement, float],
) -> HtmlElement:
    """The element around ``best`` (which scored ``best_score``) whose segments from its first of positive value
    to its last (``first``, ``last``: their indexes; ``positive``: the running text of each) are worth
    SPAN_FACTOR times as much, and SPAN_GAIN more: a
    long article whose container ends in a reference list and navigation boxes (an encyclopedia's), or opens
    with a fact box, which outweigh its sections as a whole, so that one section or paragraph won. What lies
    after the story's last paragraph does not count against it; what lies between its paragraphs does."""
    prefix: list[float] | None = None
    wider, wider_score = best, max(SPAN_FACTOR * best_score, best_score + SPAN_GAIN)
    for el in _chain(best, chains)[1:]:
        if el.tag == "html" or el not in first:
            continue
        if positive[el] * _hint_factor(el) <= wider_score:
            continue  # (the span's value is at most the running text in it: most pages stop here)
        if prefix is None:
            prefix = list(itertools.accumulate((seg.value for seg in segs), initial=0.0))
        score = (prefix[last[el] + 1] - prefix[first[el]]) * _hint_factor(el)
        if score > wider_score:
            wider, wider_score = el, score
    return wider


#: The headline's layout cell holds at least this much running text under the headline to be the story's.
HEADLINE_CELL_MIN = 60


def _headline_cell(
    segs: list[Segment],
    best: HtmlElement,
    title: str | None,
    positive: dict[HtmlElement, float],
    chains: dict[HtmlElement, tuple[HtmlElement, ...]],
) -> HtmlElement:
    """The layout cell that holds the headline and running text under it, when ``best`` holds the row of which
    that cell is one column and another column holds running text too: a county page's 县情简介 or a leader's
    profile in the next column outweighs a short story, and the whole row won. Without table cells, see
    :func:`_headline_column_box`."""
    head = title_segment(segs, title)
    if head is None or head.owner is best or best not in _chain(head.owner, chains):
        return best
    for cell in _chain(head.owner, chains):
        if cell is best:
            break
        if cell.tag not in ("td", "th"):
            continue
        row = cell.getparent()
        if row is None or row.tag != "tr":
            continue
        if not any(c is not cell and c.tag in ("td", "th") and positive.get(c, 0.0) > 0 for c in row):
            continue  # (a nested layout table's cell: its row is the headline's alone)
        under = 0.0
        for s in segs[head.index + 1 :]:
            if s.value <= 0 or not s.punct or best not in (chain := _chain(s.owner, chains)):
                continue
            if row not in chain:
                if s.length >= 20:
                    return best  # the story goes on in the rows below (a picture's cell beside its opening)
            elif cell in chain:
                under += s.value
        return cell if under >= HEADLINE_CELL_MIN else best
    if best.tag in ("table", "tbody", "tr"):
        return best
    return _headline_column_box(segs, best, head, chains)


#: A box beside the story's column opens with a label at most this long (县情简介, 领导简介), and a link
#: after it at most this long (更多>>).
BOX_LABEL_MAX = 10
BOX_MORE_MAX = 6


def _headline_column_box(
    segs: list[Segment], best: HtmlElement, head: Segment, chains: dict[HtmlElement, tuple[HtmlElement, ...]]
) -> HtmlElement:
    """Of ``best``'s children, the one that holds the headline, when it also holds two paragraphs of running
    text under it and every other child with running text is a labelled box (县情简介, then a profile): float
    columns, where a box in the next column outweighs a short story. A box of the story's own body after a
    headline box (a summary under the headline) opens with text, not a label, and keeps ``best``."""

    def branch(seg: Segment) -> HtmlElement | None:
        """The child of ``best`` that holds ``seg``."""
        chain = _chain(seg.owner, chains)
        for k, el in enumerate(chain):
            if el is best:
                return chain[k - 1] if k else None
        return None

    column = branch(head)
    if column is None:
        return best
    under: list[Segment] = []
    boxes: dict[HtmlElement, list[Segment]] = {}  # the other children's segments, in order
    for s in segs:
        if s.image is None and not s.length:
            continue
        where = branch(s)
        if where is column:
            if s.index > head.index and s.value > 0 and s.punct and s.length >= 20:
                under.append(s)
        elif where is not None:
            boxes.setdefault(where, []).append(s)
    if len(under) < 2 or sum(s.value for s in under) < HEADLINE_CELL_MIN:
        return best
    labelled = 0
    for other, inside in boxes.items():
        if not any(s.value > 0 and s.punct for s in inside):
            continue
        if not _box_label(inside[0]) or hinted(other, pt.CONTENT_HINT_RE):
            return best  # (a box named content holds the story's body, below a headline box)
        labelled += 1
    return column if labelled else best


def _text_label(seg: Segment) -> bool:
    return seg.image is None and _box_label(seg)


def _box_label(seg: Segment) -> bool:
    """A box's label: a picture of it (县情简介.gif), or a short line without punctuation, with at most a 更多>>
    link after it."""
    if seg.image is not None:
        return True
    own = seg.length - seg.link_length
    return 0 < own <= BOX_LABEL_MAX and seg.link_length <= BOX_MORE_MAX and not seg.punct


#: A segment worth this much (its own text, undiscounted) is running text: a page with none is read by
#: :func:`_plain_text_fallback`.
RUNNING_MIN = 20


def _with_introduced_tables(
    segs: list[Segment], inside: list[Segment], chains: dict[HtmlElement, tuple[HtmlElement, ...]]
) -> list[Segment]:
    """``inside`` and the segments of the tables of data that its last paragraph introduces (名单如下：) when
    they lie outside the container (in the layout row below, beside the story's box): a name list, unpunctuated,
    never outweighs the page's link columns as a container would have to."""
    last = next((s for s in reversed(inside) if s.image is None and s.value > 0 and s.punct), None)
    if last is None:
        return inside
    gap, tables = _introduced_tables(last.owner, last.text)
    if not tables:
        return inside
    wanted = set(gap) | set(tables)
    have = {id(s) for s in inside}
    extra = [s for s in segs if id(s) not in have and any(el in wanted for el in _chain(s.owner, chains))]
    return sorted(inside + extra, key=lambda s: s.index) if extra else inside


def _finish_choice(
    segs: list[Segment],
    inside: list[Segment],
    best: HtmlElement,
    title: str | None,
    chains: dict[HtmlElement, tuple[HtmlElement, ...]],
) -> Choice:
    """The chosen container's segments (``inside``) filtered of asides, furniture, other stories and edges."""
    if any(not s.aside for s in inside if s.value > 0):
        # what is set aside goes, and so does the furniture in it (a comment's 回复 line); date-and-time stamps
        # stay for first_post (a thread's floors are told by them, and Tieba sets each in a reply box under
        # its floor: div.core_reply_tail), which drops them
        memo: dict[HtmlElement, bool] = {}
        head = title_segment(segs, title)
        column = _aside_ancestor(head.owner) if head is not None else None
        if column is not None:
            memo[column] = False  # the headline's column is the main one (see _headline_column)
        inside = [
            s
            for s in inside
            if not (s.aside or (s.value < 0 and s.image is None and _in_aside(s.owner, memo) and not _post_stamp(s)))
        ]
    inside = _columns_before_headline(inside, _site_titled_headline(segs, title), best)
    inside = next_story(inside, title_segment(segs, title))
    inside, replies = _before_replies(inside, title)
    kept, boiler = filter_segments(first_post(inside))
    if replies:
        boiler.append(replies)
    kept = subtitles_before_dateline(trim_edges(kept, title))
    kept = _editor_note(segs, kept, title_segment(segs, title)) + kept
    boiler += nearby_boilerplate(segs, inside)
    return Choice(best, kept, boiler, link_blocks(segs, best, chains), segs)


#: Text set straight into one element (not into paragraphs under it) is the story when it outweighs the best
#: container and has this many characters of running text.
DIRECT_TEXT_MIN = 100


def _direct_text(segs: list[Segment], best: HtmlElement, best_score: float) -> tuple[HtmlElement, int, int] | None:
    """The element whose own running text (segments it owns itself: text nodes set straight into it, lines
    split by ``<br>`` or ``<p>&nbsp;</p>`` spacers) outweighs ``best``'s score, with the indices of its first
    and last such segment; None when there is none. The element's total does not show it: a page's lists of
    links, in the same ``<body>``, count against it."""
    own: dict[HtmlElement, float] = {}
    for seg in segs:
        if seg.value > 0 and seg.image is None and seg.punct:
            own[seg.owner] = own.get(seg.owner, 0.0) + seg.value
    if not own:
        return None
    el, value = max(own.items(), key=lambda kv: kv[1])
    if el is best or value < DIRECT_TEXT_MIN or value <= best_score:
        return None
    mine = [s.index for s in segs if s.owner is el and s.value > 0 and s.image is None and s.punct]
    return el, mine[0], mine[-1]


def _story_before_list(
    segs: list[Segment], best: HtmlElement, chains: dict[HtmlElement, list[HtmlElement]]
) -> HtmlElement:
    """``best``, unless it opens with a related heading (更多快讯, 相关新闻): a list of other stories that outweighs
    a short one before it (a 快讯 page's item, then the feed of other 快讯). Then the block of the running text
    right before the list."""
    first = next((s for s in segs if s.image is None and s.text and best in _chain(s.owner, chains)), None)
    if first is None or not pt.RELATED_HEAD_RE.match(first.text):
        return best
    story = next(
        (s for s in reversed(segs[: first.index]) if s.image is None and s.value > 0 and s.punct and not s.aside),
        None,
    )
    if story is None:
        return best
    parent = story.owner.getparent()
    return parent if parent is not None and parent.tag not in ("body", "html") else story.owner


def _editor_note(segs: list[Segment], kept: list[Segment], head: Segment | None) -> list[Segment]:
    """An editor's note (编者按：…) in a box of its own between the headline and the story: part of it."""
    if head is None or not kept or kept[0].index <= head.index:
        return []
    for seg in reversed(segs[head.index + 1 : kept[0].index]):
        if seg.image is not None or not seg.length:
            continue
        if pt.EDITOR_NOTE_RE.match(seg.text) and seg.punct and seg.link_share <= LINK_SHARE:
            return [seg]
    return []


#: Running text (with punctuation) the story under the headline needs, in characters and as a share of the
#: container's, for the columns wholly before the headline to be dropped.
AFTER_HEAD_MIN = 50
AFTER_HEAD_SHARE = 0.25
#: Characters that may part a headline from the site's name in a <title> (``标题-某某中学``).
TITLE_SEPARATORS = frozenset("-_|｜—–·")


def _columns_before_headline(inside: list[Segment], head: Segment | None, best: HtmlElement) -> list[Segment]:
    """The container's segments without its columns that lie wholly before the headline: a left-hand column of
    notices, product blurbs or a contact box beside a short story, which won the container its score.

    A column is a child of the container that does not hold the headline, holds nothing after it, and holds
    several lines of text or links, or opens with a box's label (a lone paragraph before the headline may be
    the story's lead); columns go only when the story under the headline has running text of its own.
    """
    if head is None or head.owner is best or not _within(head.owner, best):
        return inside

    def branch(el: HtmlElement) -> HtmlElement | None:
        node: HtmlElement | None = el
        while node is not None:
            parent = node.getparent()
            if parent is best:
                return node
            node = parent
        return None

    branches = {id(s): branch(s.owner) for s in inside}
    before = {branches[id(s)] for s in inside if s.index < head.index and s.value > 0}
    before -= {branch(head.owner), None}
    before -= {branches[id(s)] for s in inside if s.index > head.index}
    # a labelled box (县情简介, then a profile of any length) is a column whatever it weighs
    labelled = {b for b in before if _text_label(next(s for s in inside if branches[id(s)] is b))}
    before = {
        b
        for b in before
        if sum(1 for s in inside if s.value > 0 and branches[id(s)] is b) > 1
        or any(s.anchors for s in inside if branches[id(s)] is b)
    }
    if not before and not labelled:
        return inside
    after = sum(s.value for s in inside if s.index > head.index and s.value > 0 and s.punct)
    if after < AFTER_HEAD_MIN:
        return inside
    total = sum(s.value for s in inside if s.value > 0 and branches[id(s)] not in labelled)
    if after < AFTER_HEAD_SHARE * total:
        before = set()
    before |= labelled
    return [s for s in inside if branches[id(s)] not in before]


def _site_titled_headline(segs: list[Segment], title: str | None) -> Segment | None:
    """The headline, also when the <title> keeps the site's name after a bare separator (``标题-某某中学``,
    which meta.strip_site_suffix leaves alone: no site word in the name): the one line, not a link, that is
    the part of the title before such a separator."""
    head = title_segment(segs, title)
    if head is not None or not title:
        return head
    found = [
        seg
        for seg in segs
        if seg.image is None
        and not seg.link_length
        and len(seg.text) >= 4
        and title.startswith(seg.text)
        and len(title) > len(seg.text)
        and title[len(seg.text)] in TITLE_SEPARATORS
    ]
    return found[0] if len(found) == 1 else None


#: A sibling after the text under the headline with a negative score and at least this much text ends the story.
RUN_STOP_CHARS = 25
#: ... unless the paragraphs after it, up to the next such sibling, outweigh it and are worth this much.
RUN_RESUME = 60


#: Tags a page may set a paragraph in (a <div> per paragraph, body text in <h4>): one set straight into <body>
#: that holds no element with text of its own is a paragraph when it wins.
_PARAGRAPH_LIKE = frozenset(("div", "h3", "h4", "h5", "h6", "font", "span", "section"))


def _leaf_block(el: HtmlElement, segs: list[Segment]) -> bool:
    """Whether ``el`` is set straight into <body> and every text segment under it is set straight into it (a
    block used as one paragraph of a page without containers)."""
    parent = el.getparent()
    if parent is None or parent.tag != "body":
        return False
    found = False
    for seg in segs:
        if seg.image is None and seg.text and _within(seg.owner, el):
            if seg.owner is not el:
                return False
            found = True
    return found


def _paragraph_run(
    near: HtmlElement, winner: HtmlElement | None, totals: dict[HtmlElement, float]
) -> list[HtmlElement]:
    """``near`` and the siblings that go on with the story around it, when their parent also holds a teaser
    list or a related box (the winner, when given, further down): the story's paragraphs are siblings of one
    of them, up to the winner's branch or to a teaser or link list. With a winner only the siblings after
    ``near`` count (it is the text under the headline). Empty when no other paragraph joins it."""
    parent = near.getparent()
    if parent is None or parent.tag == "html" or (winner is not None and not _within(winner, parent)):
        return []

    def stop(sib: HtmlElement) -> bool:
        return totals.get(sib, 0.0) < 0 and text_len(text_content(sib)) >= RUN_STOP_CHARS

    def go_on(sibs: list[HtmlElement], loose: bool = False) -> list[HtmlElement]:
        """The siblings that go on with the story, in ``sibs``' order: up to the winner's branch, or to a
        sibling that scores below zero (a teaser or link list) unless the paragraphs after it, up to the next
        such sibling, outweigh it and hold RUN_RESUME of running text (an encyclopedia's sections, after its
        contents box or a table of links)."""
        out: list[HtmlElement] = []
        k = 0
        while k < len(sibs):
            sib = sibs[k]
            if winner is not None and _within(winner, sib):
                break
            if not stop(sib):
                if loose and (text := text_content(sib).strip()) and not _has_sentence_end(text):
                    break  # the headline, a subtitle or a date line above the story's first paragraph
                out.append(sib)
                k += 1
                continue
            gain, end = 0.0, k + 1
            while end < len(sibs) and not stop(sibs[end]):
                if winner is not None and _within(winner, sibs[end]):
                    break
                if loose and (text := text_content(sibs[end]).strip()) and not _has_sentence_end(text):
                    break
                gain += max(totals.get(sibs[end], 0.0), 0.0)
                end += 1
            if gain < RUN_RESUME or gain <= -totals.get(sib, 0.0):
                break
            out.extend(sibs[k:end])
            k = end
        return out

    after = go_on([sib for sib in near.itersiblings() if isinstance(sib.tag, str)])
    before = []
    if winner is None:
        # a page set straight into <body>: the headline is a sibling too
        before = go_on(
            [sib for sib in near.itersiblings(preceding=True) if isinstance(sib.tag, str)], parent.tag == "body"
        )
    run = [*reversed(before), near, *after]
    while len(run) > 1 and totals.get(run[-1], 0.0) <= 0 and not _closes_notice(run[-1]):
        run.pop()
    while len(run) > 1 and totals.get(run[0], 0.0) <= 0:
        run.pop(0)
    return run if sum(totals.get(el, 0.0) > 0 for el in run) > 1 else []


def _layout_table(best: HtmlElement) -> HtmlElement | None:
    """The table the container is, or the nearest one around it."""
    return best if best.tag == "table" else next(best.iterancestors("table"), None)


def _continued_tables(
    segs: list[Segment], best: HtmlElement, totals: dict[HtmlElement, float], chains: dict[HtmlElement, tuple]
) -> list[HtmlElement]:
    """The tables that go on with a story split across sibling layout tables (old portals cut an article
    around an ad): each the next element after the one before, set the same (width, align), scoring above
    zero and opening with running text (a forum reply's table opens with its author and time); one ad table
    between two parts is passed over."""
    table = _layout_table(best)
    if table is None or best.tag not in ("td", "table"):
        return []
    attrs = (table.get("width"), table.get("align"))
    first_text: dict[HtmlElement, Segment] | None = None
    out: list[HtmlElement] = []
    nxt = _next_table(table)
    skipped = False
    while nxt is not None and (nxt.get("width"), nxt.get("align")) == attrs:
        if totals.get(nxt, 0.0) <= 0:
            if skipped:
                break
            skipped = True  # one table of an ad (a banner and its 广告 label) between the parts
            nxt = _next_table(nxt)
            continue
        if first_text is None:
            first_text = _opening_segments(segs, chains)
        opening = first_text.get(nxt)
        if opening is None or not (opening.value > 0 and opening.punct and opening.length >= SPLIT_TEXT_MIN):
            break
        out.append(nxt)
        nxt = _next_table(nxt)
    return out


def _opening_segments(segs: list[Segment], chains: dict[HtmlElement, tuple]) -> dict[HtmlElement, Segment]:
    """For each element, the first text segment inside it."""
    first: dict[HtmlElement, Segment] = {}
    for seg in segs:
        if seg.image is None and seg.length:
            for el in _chain(seg.owner, chains):
                first.setdefault(el, seg)
    return first


def _continued_rows(
    segs: list[Segment], best: HtmlElement, totals: dict[HtmlElement, float], chains: dict[HtmlElement, tuple]
) -> list[HtmlElement]:
    """A story split across grid rows (a banner row between them): in the rows after the one holding ``best``
    (the same tag and class), the element set like ``best`` (its tag and class), when the row opens with
    running text (a forum reply's row opens with its author and time). One row without text between two
    parts (a banner) is passed over."""
    classes = best.get("class")
    if not classes:
        return []
    row = next((a for a in best.iterancestors() if a.get("class") and _same_kind(_next_element(a), a)), None)
    if row is None:
        return []
    first = _opening_segments(segs, chains)
    out: list[HtmlElement] = []
    skipped = False
    nxt = _next_element(row)
    while _same_kind(nxt, row):
        opening = first.get(nxt)
        if opening is None or totals.get(nxt, 0.0) <= 0:
            if skipped:
                break
            skipped = True
        else:
            if not (opening.value > 0 and opening.punct and opening.length >= SPLIT_TEXT_MIN):
                break
            part = next((el for el in nxt.iter(best.tag) if el.get("class") == classes), None)
            if part is None:
                break
            out.append(part)
        nxt = _next_element(nxt)
    return out


def _next_element(el: HtmlElement, preceding: bool = False) -> HtmlElement | None:
    """The element sibling right after ``el`` (before it, with ``preceding``), skipping comments."""
    return next((sib for sib in el.itersiblings(preceding=preceding) if isinstance(sib.tag, str)), None)


def _same_kind(el: HtmlElement | None, other: HtmlElement) -> bool:
    """``el`` is an element of ``other``'s tag and class."""
    return el is not None and el.tag == other.tag and el.get("class") == other.get("class")


#: A table that goes on with a split story opens with running text at least this long.
SPLIT_TEXT_MIN = 30


def _spilled_paragraphs(best: HtmlElement, totals: dict[HtmlElement, float]) -> list[HtmlElement]:
    """Paragraphs of the story spilled out of its layout table (a stray ``</table>`` closed it early):
    the ``<p>`` siblings right after the table around ``best``, each scoring above zero."""
    table = _layout_table(best)
    if table is None:
        return []
    out = []
    for sib in table.itersiblings():
        if not isinstance(sib.tag, str):
            continue
        if sib.tag != "p" or totals.get(sib, 0.0) <= 0:
            break
        out.append(sib)
    return out


def _spilled_lines(segs: list[Segment], inside: list[Segment], best: HtmlElement) -> list[Segment]:
    """Lines of the story spilled out of its layout table as bare text (``<br>``-separated, straight in the
    table's parent): the running-text segments of that parent right after the container's last one."""
    table = _layout_table(best)
    parent = table.getparent() if table is not None else None
    while parent is not None and parent.tag not in _BLOCK_TAGS:
        parent = parent.getparent()  # (the segments' owner: <font> and other inline tags own none)
    if parent is None or not inside:
        return []
    out = []
    for seg in segs[inside[-1].index + 1 :]:
        if seg.image is not None or not seg.length:
            continue
        if seg.owner is not parent or seg.value <= 0:
            break
        out.append(seg)
    return out


def _closes_notice(el: HtmlElement) -> bool:
    """``el`` holds a line of a notice's 落款 (the issuing body or the 年月日 date), after its attachments."""
    text = clean_text(text_content(el))
    return 0 < len(text) <= SIGNATURE_MAX and _signature_text(text)


def _plain_text_fallback(segs: list[Segment], chains: dict[HtmlElement, tuple[HtmlElement, ...]]) -> HtmlElement | None:
    """When nothing scores as running text (a post written without punctuation), the element with the most
    Han text outside links, counting link and boilerplate lines against it."""
    totals: dict[HtmlElement, float] = {}
    for seg in segs:
        if seg.image is not None or not seg.length:
            continue
        value = seg.value
        if value == -1.0 and not seg.link_length and pt.HAN_RE.search(seg.text):
            value = float(seg.length)
        for el in _chain(seg.owner, chains):
            totals[el] = totals.get(el, 0.0) + value
    best, best_score = None, 0.0
    for el, total in totals.items():
        if el.tag not in ("html", "body") and total * _hint_factor(el) > best_score:
            best, best_score = el, total * _hint_factor(el)
    return best


def denser_parent(segs: list[Segment], best: HtmlElement, positive: dict[HtmlElement, float]) -> HtmlElement:
    """The element whose own paragraphs (children and grandchildren) hold more running text than ``best`` holds
    in all, when there is one elsewhere: a long article whose container also holds a big link list."""
    direct: dict[HtmlElement, float] = {}
    for seg in segs:
        if seg.value <= 0 or seg.aside:
            continue
        owner = seg.owner
        direct[owner] = direct.get(owner, 0.0) + seg.value
        parent = owner.getparent()
        if parent is not None:
            direct[parent] = direct.get(parent, 0.0) + seg.value
    if not direct:
        return best
    top = max(direct, key=lambda e: direct[e])
    if direct[top] <= DENSER_FACTOR * positive.get(best, 0.0):
        return best
    if _within(top, best) or _within(best, top):
        return best
    return top


def title_segment(segs: list[Segment], title: str | None) -> Segment | None:
    """The headline on the page: a segment equal to (or holding) the title, headings first.

    Asked for half a dozen times per page with the same list: the last answer is kept, with the list it
    was found in (a strong reference, so that a later list cannot take its identity).
    """
    global _title_segment_memo
    memo_segs, memo_title, memo_found = _title_segment_memo  # (one tuple, read and replaced whole)
    if memo_segs is segs and memo_title == title:
        return memo_found
    found = _title_segment(segs, title)
    _title_segment_memo = (segs, title, found)
    return found


_title_segment_memo: tuple[list[Segment] | None, str | None, Segment | None] = (None, None, None)


def _title_segment(segs: list[Segment], title: str | None) -> Segment | None:
    if not title:
        return None
    found = None
    for seg in segs:
        if seg.image is None and _is_headline(seg, title):
            if seg.owner.tag in pt.HEADING_TAGS or any(a.tag in pt.HEADING_TAGS for a in seg.owner.iterancestors()):
                return seg
            found = found or seg
    if found is None:
        # A heading that is most of the title (the <title> adds a kicker or a subtitle).
        for seg in segs:
            if (
                seg.image is None
                and _heading_tag(seg.owner) in ("h1", "h2")
                and len(seg.text) >= max(6, TITLE_PART_SHARE * len(title))
                and seg.text in title
            ):
                return seg
    return found


def title_anchored(
    segs: list[Segment],
    title: str | None,
    best: HtmlElement,
    best_score: float,
    totals: dict[HtmlElement, float],
    lead: list[HtmlElement] | None = None,
) -> HtmlElement | None:
    """The container of the text right under the headline, when that is not in ``best``.

    Short news loses the score contest to long teasers or a recommended story further
    down; the text that follows the headline wins back when it sits in a content-like
    container or scores a fair share of the winner. When the text under the headline is a lead set
    apart from the winner that goes with it, and no element but ``<body>`` holds both, the lead's
    paragraphs are put in ``lead`` (the winner stays the container; the lead is read with it).
    """
    head = title_segment(segs, title)
    if head is None:
        return None
    first = None
    for seg in segs[head.index + 1 : head.index + 1 + TITLE_WINDOW]:
        if seg.value > 0 and seg.length >= 15 and seg.punct and not seg.aside and not _meta_like(seg):
            first = seg
            break
    if first is None or _within(first.owner, best):
        return None
    cand = None
    content = None  # the nearest of them whose id/class says content
    joint = None  # the nearest element holding both the text under the headline and the winner
    for el in self_and_ancestors(first.owner):
        if el.tag in ("body", "html"):
            break
        if _within(best, el):
            joint = el
            break
        cand = el
        if content is None and hinted(el, pt.CONTENT_HINT_RE):
            content = el
    if cand is None:
        return None
    starts = [seg.index for seg in segs if seg.value > 0 and seg.punct and _within(seg.owner, best)]
    if starts and _resumed_after_box(segs, head, cand, starts[0]):
        return _with_lead(joint, segs, first, cand, lead)
    score = totals.get(cand, 0.0)
    if content is not None and totals.get(content, 0.0) > 0 and first.length >= 30:
        pick = content
    elif score >= NEAR_SHARE * best_score:
        pick = cand
    else:
        far = not starts or starts[0] - head.index > TITLE_FAR or _boundary(segs, head, first.index, starts[0])
        pick = cand if far and score > 0 and first.length >= 30 and first.punct >= 2 else None
        if pick is None:
            # the block of the text under the headline, below the lists and comments that share its column,
            # holds about as much running text as the winner (a box in the next column): a short story
            inner = max(_below(first.owner, cand), key=lambda el: totals.get(el, 0.0))
            if totals.get(inner, 0.0) >= UNDER_SHARE * best_score:
                pick = inner
    if (
        starts
        and (pick is not None or joint is None or _summary_box(first.owner, cand))
        and _continued(segs, head, cand, starts[0])
    ):
        # a lead and the body that follows it: one story in two containers (a lead that would not win on its
        # own too, when only <body> holds both or when its box says it is the summary: it is read with the
        # winner)
        return _with_lead(joint, segs, first, cand, lead)
    if (
        pick is not None
        and totals.get(pick, 0.0) < NEAR_SHARE * best_score
        and starts
        and starts[0] - head.index <= TITLE_WINDOW
        and not _other_story(segs, head, first.index, starts[0], best, joint)
    ):
        # a small box under the headline (a lead, a summary) and a much longer text right below it that
        # nothing marks as another story: the story is both, or at least the long text
        return _with_lead(joint, segs, first, cand, lead)
    if (
        pick is not None
        and totals.get(pick, 0.0) < NEAR_SHARE * best_score
        and content is None
        and hinted(best, pt.CONTENT_HINT_RE)
    ):
        # the winner says it is the content and the box under the headline does not (a lead set apart, an
        # inline related box between them): the story is the winner, with the lead
        return _with_lead(joint, segs, first, cand, lead)
    return pick


#: The block of the text under the headline holding this share of the winner's score is the story's (see
#: :func:`title_anchored`).
UNDER_SHARE = 0.8


def _below(el: HtmlElement, top: HtmlElement) -> list[HtmlElement]:
    """``el`` and its ancestors up to ``top``, ``top`` included."""
    out = []
    for node in self_and_ancestors(el):
        out.append(node)
        if node is top:
            break
    return out


def _summary_box(el: HtmlElement, top: HtmlElement) -> bool:
    """``el`` or an ancestor of it up to ``top`` is named as a summary (``lemma-summary``, ``summary_EGg7N``)."""
    for node in self_and_ancestors(el):
        if hinted(node, pt.SUMMARY_HINT_RE):
            return True
        if node is top:
            break
    return False


def _resumed_after_box(segs: list[Segment], head: Segment, lead_box: HtmlElement, start: int) -> bool:
    """Between the text under the headline (in ``lead_box``) and the winner's first paragraph (segment
    ``start``) there is only a related box, a heading and lines of links (or short lines), and the story goes
    on after it at length (see :func:`_story_resumes`): a long story's lead and body, a 相关阅读 box between."""
    last = max((seg.index for seg in segs[head.index + 1 : start] if _within(seg.owner, lead_box)), default=None)
    if last is None:
        return False
    box = [seg for seg in segs[last + 1 : start] if seg.image is None and seg.length]
    if not box or not pt.RELATED_HEAD_RE.match(box[0].text) or pt.COMMENT_HEAD_RE.search(box[0].text):
        return False
    if not all(seg.link_share > LINK_SHARE or seg.length <= SHORT for seg in box[1:]):
        return False
    lead = sum(seg.length for seg in segs[head.index + 1 : last + 1] if seg.value > 0 and seg.punct)
    return _story_resumes(segs, box[0].index, lead)


def _with_lead(
    joint: HtmlElement | None,
    segs: list[Segment],
    first: Segment,
    cand: HtmlElement,
    lead: list[HtmlElement] | None,
) -> HtmlElement | None:
    """``joint``, the element that holds a lead and the winner; when only ``<body>`` does (None), the lead
    goes into ``lead`` for the caller to read with the winner: the elements of the running paragraphs in a
    row from ``first``, the text under the headline, within its container ``cand`` (not the rest of
    ``cand``: a box under the lead, a list beside it)."""
    if joint is None and lead is not None:
        owners: dict[HtmlElement, None] = {}
        for seg in segs[first.index :]:
            if not _within(seg.owner, cand):
                break
            if seg.image is not None:
                continue
            if seg.value <= 0 or not seg.punct:
                break
            owners[seg.owner] = None
        lead.extend(owners)
    return joint


def _other_story(
    segs: list[Segment], head: Segment, first: int, start: int, best: HtmlElement, joint: HtmlElement | None
) -> bool:
    """The winner is marked as another story: a boundary between (see :func:`_boundary`), or a chrome-like
    id/class (recommend, related ...) on it or on an element between it and ``joint``."""
    if _boundary(segs, head, first, start):
        return True
    for el in self_and_ancestors(best):
        if el is joint or el.tag in ("body", "html"):
            break
        if hinted(el, pt.CHROME_HINT_RE):
            return True
    return False


def _continued(segs: list[Segment], head: Segment, lead: HtmlElement, start: int) -> bool:
    """The winner's running text (from segment ``start``) follows the text under the headline (in ``lead``)
    with at most CONTINUE_GAP lines of furniture between (an advertisement's label, a picture), no text of
    their own and no boundary: the winner is the rest of the story, not another one."""
    last = max((seg.index for seg in segs[head.index + 1 : start] if _within(seg.owner, lead)), default=None)
    if last is None:
        return False
    gap = 0
    memo: dict[HtmlElement, bool] = {}
    for seg in segs[last + 1 : start]:
        if seg.image is not None or not seg.length:
            continue
        if not (seg.value > 0 and seg.punct) and _in_aside(seg.owner, memo):
            continue  # an encyclopedia's fact box or contents between them (a box set aside) does not part them
        gap += 1
        if gap > CONTINUE_GAP or (seg.value > 0 and seg.punct):
            return False
    return not _boundary(segs, head, last, start)


def _boundary(segs: list[Segment], head: Segment, first: int, start: int) -> bool:
    """Between the text under the headline and the winner there is a "related stories" heading or another
    headline of the headline's own rank: the winner is another story (a feed, the next article of an endless page)."""
    for seg in segs[first + 1 : start]:
        if seg.image is not None or not seg.length:
            continue
        if _next_headline(seg, head):
            return True
        if pt.RELATED_HEAD_RE.match(seg.text) and _heading_tag(seg.owner) and seg.link_share <= LINK_SHARE:
            return True  # a section heading, not a 评论/分享 button of a tool bar
    return False


def _next_headline(seg: Segment, head: Segment) -> bool:
    """Another story's headline: set like the page's own headline (an <h1> of the same class, or an
    element of the same tag and class: the template that set it), with other words, not numbered like a
    section of the story (一、… (二)…)."""
    key = _headline_key(head.owner)
    return (
        key is not None
        and seg.length >= NEXT_HEADLINE_MIN
        and seg.text != head.text
        and head.text not in seg.text
        and (_headline_key(seg.owner) == key or _heading_class(seg.owner) == _heading_class(head.owner) != "")
        and not pt.SECTION_NUMBER_RE.match(seg.text)
    )


def _heading_class(el: HtmlElement) -> str:
    """The class of the heading element (h1-h3) that sets ``el``, or "" (a next story's headline may be an <h2>
    of the class of the page's <h1>: the same template, a level down)."""
    for node in (el, el.getparent()):
        if node is not None and node.tag in ("h1", "h2", "h3"):
            return " ".join(sorted((node.get("class") or "").split()))
    return ""


def _headline_key(el: HtmlElement) -> tuple[str, str] | None:
    """How a headline is set: ("h1", its class) for an <h1>, else its tag and class if it has one."""
    for node in (el, el.getparent()):
        if node is not None and node.tag == "h1":
            return "h1", " ".join(sorted((node.get("class") or "").split()))
    classes = " ".join(sorted((el.get("class") or "").split()))
    return (str(el.tag), classes) if classes else None


def next_story(inside: list[Segment], head: Segment | None) -> list[Segment]:
    """The container's segments up to the headline of a second story (an endless page appends the next one).

    The second headline sits outside the block of the story's paragraphs and has its own date line
    under it; a subheading among the paragraphs has neither.
    """
    if head is None:
        return inside
    last_text: Segment | None = None
    for i, seg in enumerate(inside):
        if seg.index <= head.index:
            continue
        if last_text is not None and _next_headline(seg, head) and _dated_soon(inside, i):
            block = last_text.owner.getparent()
            if not _within(seg.owner, block if block is not None else last_text.owner):
                return inside[:i]
        if seg.value > 0 and seg.punct > 0 and seg.length >= 15:
            last_text = seg
    return inside


def _dated_soon(segs: list[Segment], i: int, window: int = 6) -> bool:
    """A date line among the few text segments after ``segs[i]`` (the byline of a story)."""
    seen = 0
    for seg in segs[i + 1 :]:
        if seg.image is not None or not seg.text:
            continue
        if len(seg.text) <= SHORT and pt.DATE_RE.search(seg.text) and seg.text[-1] not in "。！？":
            return True  # (a date in a sentence, e.g. a caption, is not a byline)
        seen += 1
        if seen >= window:
            break
    return False


def _heading(el: HtmlElement) -> HtmlElement | None:
    """The <h1>-<h6> that sets ``el``: ``el`` or its parent."""
    for node in (el, el.getparent()):
        if node is not None and node.tag in pt.HEADING_TAGS:
            return node
    return None


def _heading_tag(el: HtmlElement) -> str | None:
    node = _heading(el)
    return None if node is None else str(node.tag)


def _meta_like(seg: Segment) -> bool:
    if is_meta_line(seg.text):
        return True
    return seg.length < 60 and bool(pt.DATE_RE.search(seg.text) or pt.has_meta_field(seg.text))


def descend(best: HtmlElement, totals: dict[HtmlElement, float], positive: dict[HtmlElement, float]) -> HtmlElement:
    """Move into the child that holds nearly all of the container's score (drops stray text around it).

    The running text kept is measured against the container first chosen, so that a staircase of
    unclosed tags (each paragraph nested one level deeper) is not followed down one paragraph at a time;
    and it stops where a second paragraph of running text would be left behind (by one step, or by a
    staircase a paragraph a step), going back to where the first was.
    """
    keep = KEEP_SHARE * positive.get(best, 0.0)
    dropped = 0  # paragraphs of running text left behind so far (a staircase leaves one at each step)
    first: HtmlElement | None = None  # where the first of them was left
    while True:
        here = totals.get(best, 0.0)
        kids = [(totals.get(c, 0.0), c) for c in best if isinstance(c.tag, str)]
        if not kids:
            return best
        top, child = max(kids, key=lambda k: k[0])
        if _aside_hint(child):
            return best
        if top <= 0 or top < DESCEND_SHARE * here or positive.get(child, 0.0) < keep:
            return best
        left = _paragraphs_before(child)
        if left:
            first = best if first is None else first
            dropped += left
            if dropped >= STAIR_PARAGRAPHS:
                # the story's first paragraphs, then a tag left open that holds the rest (or a staircase of
                # them, a paragraph before each): back to where the first paragraph would have been dropped
                return first
        best = child


_STAIR_PUNCT_SEARCH = re.compile("[，。！？；：]").search


def _paragraphs_before(el: HtmlElement) -> int:
    """How many paragraphs of running text (each at least STAIR_PARAGRAPH_MIN characters with Chinese
    punctuation: a hard-wrapped line holds a comma, if not a full stop) come before ``el`` in its parent:
    its preceding siblings and the text between them, counted up to STAIR_PARAGRAPHS.

    ``<div><p>一</p><p>二</p><font color=red><p>三</p>…</div>``: a tag left open in the story (a browser
    nests the rest in it as libxml2 does) makes the rest one child that holds nearly all of the text; the
    paragraphs before it are the story's first, not stray text.
    """
    found = 0
    pieces: list[str | None] = []
    for sib in el.itersiblings(preceding=True):
        pieces.append(sib.tail)
        if isinstance(sib.tag, str):
            pieces.append(text_content(sib))
    parent = el.getparent()
    pieces.append(parent.text if parent is not None else None)
    for piece in pieces:
        if piece is None:
            continue
        piece = piece.strip()
        if len(piece) >= STAIR_PARAGRAPH_MIN and _STAIR_PUNCT_SEARCH(piece):
            found += 1
            if found >= STAIR_PARAGRAPHS:
                break
    return found


def _chain(el: HtmlElement, memo: dict[HtmlElement, tuple[HtmlElement, ...]]) -> tuple[HtmlElement, ...]:
    """``el`` and its ancestors, memoised per element."""
    got = memo.get(el)
    if got is None:
        parent = el.getparent()
        got = (el, *_chain(parent, memo)) if parent is not None else (el,)
        memo[el] = got
    return got


def _within(el: HtmlElement, container: HtmlElement) -> bool:
    return el is container or any(anc is container for anc in el.iterancestors())


#: The summary under a labelled teaser link is at most this long.
TEASER_SUMMARY_MAX = 150


def filter_segments(inside: list[Segment]) -> tuple[list[Segment], list[str]]:
    """Drop link lists, boilerplate and meta lines from the container's segments."""
    kept: list[Segment] = []
    boiler: list[str] = []
    running = 0
    teaser = False  # the segment before was a labelled teaser link (【延伸阅读】<title>)
    boxes: set[str] = set()  # the headings of related boxes passed over among the story's paragraphs
    for i, seg in enumerate(inside):
        if seg.image is not None:
            kept.append(seg)
            continue
        if (
            teaser
            and seg.length <= TEASER_SUMMARY_MAX
            and not seg.link_length
            and seg.text.rstrip()[-1:] in ("。", "！", "？", "…")
            and seg.bold_length < seg.length
        ):
            boiler.append(seg.text)  # that teaser's summary (a sentence, not the story's next subheading)
            teaser = False
            continue
        if pt.SERVER_JUNK_RE.match(seg.text):
            boiler.append(seg.text)  # a script's error or a server's error page printed into the page
            continue
        teaser = seg.link_share > LINK_SHARE and bool(pt.LABELLED_TEASER_RE.match(seg.text))
        if running >= RELATED_AFTER and _comment_line(seg) and sum(map(_comment_line, inside[i : i + 5])) >= 3:
            # one-line comments (某某网友[ip:218.19.*.*]: … 2005-06-14 10:20:50): the comments start here
            boiler.append("\n".join(s.text for s in inside[i:] if s.image is None))
            break
        if running >= RELATED_AFTER and pt.REPLY_QUOTE_RE.match(seg.text):
            # a reply quoting the post (以下是引用某某在…的发言：, 引用：原帖由 某某 于 … 发表): the replies start here
            boiler.append("\n".join(s.text for s in inside[i:] if s.image is None))
            break
        if running >= RELATED_AFTER and seg.length <= PAGER_LINE_MAX and pt.PAGER_LINE_RE.match(seg.text):
            # 上一篇：… / 下一篇：… closes the story; what follows is another story's (or the page's)
            boiler.append("\n".join(s.text for s in inside[i:] if s.image is None))
            break
        if pt.RELATED_HEAD_RE.match(seg.text) and not _story_section(inside, i, kept):
            comments = pt.COMMENT_HEAD_RE.search(seg.text) is not None  # (a story never resumes after its comments)
            if running >= RELATED_AFTER and (
                comments or not (_inline_box(inside, i, kept, seg.text in boxes) or _story_resumes(inside, i, running))
            ):
                rest = [s.text for s in inside[i:] if s.image is None]
                boiler.append("\n".join(rest))
                break
            boxes.add(seg.text)
        if (
            seg.link_share > LINK_SHARE
            and (seg.anchors >= 2 or seg.punct == 0 or seg.length <= SHORT)
            and not _linked_sentence(seg)
        ):
            continue
        if seg.length <= SHORT * 2 and pt.find_boilerplate(seg.text) and _boiler_line(seg):
            boiler.append(seg.text)
            continue
        if seg.length <= DISCLAIMER_MAX and pt.DISCLAIMER_RE.match(seg.text):
            boiler.append(seg.text)
            continue
        if _summary_copy(seg, inside[i + 1 :]):
            boiler.append(seg.text)
            continue
        if seg.length <= SHORT * 2 and is_meta_line(seg.text):
            continue
        if pt.BARE_DATE_RE.match(seg.text) and not (i >= len(inside) - 3 and pt.SIGNATURE_DATE_RE.match(seg.text)):
            continue
        if seg.length <= SHORT and pt.SOURCE_STAMP_RE.match(seg.text):
            continue
        if not seg.length and not pt.HAN_RE.search(seg.text):
            continue
        running += seg.length if seg.value > 0 else 0
        kept.append(seg)
    return kept, boiler


#: A related heading ends the story once this much running text came before it (a 快讯 is one paragraph, and
#: the feed of other 快讯 after it is longer; a 评论 label by the byline comes before any text).
RELATED_AFTER = 60

#: A summary box's copy of the story's opening is recognised by this many characters.
SUMMARY_COPY_CHARS = 20


def _summary_copy(seg: Segment, rest: list[Segment]) -> bool:
    """A labelled summary (摘要：…) that is the opening of a paragraph below, cut short (Discuz fills its 摘要
    box from the story: "摘要: 7月14日晚，…道路恢复正常通 ...")."""
    m = pt.SUMMARY_LABEL_RE.match(seg.text)
    if m is None:
        return False
    core = seg.text[m.end() :].strip().rstrip(".。…").strip()
    if len(core) < SUMMARY_COPY_CHARS:
        return False
    head = core[:SUMMARY_COPY_CHARS]
    return any(other.image is None and other.text.startswith(head) for other in rest)


#: A disclaimer paragraph (特别声明：…, Notice: …) is at most this long.
DISCLAIMER_MAX = 400

#: Most lines of a related box set among the story's paragraphs.
INLINE_BOX_LINES = 10
#: Shortest paragraph that shows the story going on after such a box, and the text and paragraphs it needs.
INLINE_BOX_RESUME = 30
INLINE_BOX_RESUME_CHARS = 100
INLINE_BOX_RESUME_PARAGRAPHS = 2


def _inline_box(inside: list[Segment], i: int, kept: list[Segment], again: bool = False) -> bool:
    """The "related" heading at ``inside[i]`` opens a box of links set among the story's paragraphs (相关阅读 in
    the middle of the body): a few link or short lines, then paragraphs without links in the block of the
    story's paragraphs above. A list of teasers (a headline link, then its summary, then the next link) or
    of comments ends the story instead. ``again``: a box like it was passed over already (a 延伸阅读 after
    each paragraph): one paragraph after this one is enough."""
    last = next((s for s in reversed(kept) if s.image is None and s.value > 0 and s.punct), None)
    if last is None:
        return False
    block = last.owner.getparent()
    wrapper = last.owner if block is None else block

    def story(seg: Segment) -> bool:
        if seg.value <= 0 or seg.punct < 2 or seg.length < INLINE_BOX_RESUME or seg.link_length:
            return False
        parent = seg.owner.getparent()
        # in the block of the story's paragraphs, or in a wrapper of the same kind beside the one of the last
        # (one paragraph to a wrapper: <section class="text-section"><p>…</p></section>)
        return parent is block or (
            parent is not None and parent.getparent() is wrapper.getparent() and _same_kind(parent, wrapper)
        )

    rest = [seg for seg in inside[i + 1 :] if seg.image is None]
    start = next((k for k, seg in enumerate(rest) if story(seg)), None)
    if start is None or start > INLINE_BOX_LINES:
        return False
    if not all(seg.link_share > LINK_SHARE or seg.length <= SHORT for seg in rest[:start]):
        return False  # running text in the box: teasers or comments
    chars = paragraphs = 0
    k = start
    while k < len(rest):
        seg = rest[k]
        k += 1
        if pt.RELATED_HEAD_RE.match(seg.text):
            # the next box of the same kind (a 延伸阅读 after each paragraph): its few link lines are passed over
            box = k
            while k < len(rest) and k - box < INLINE_BOX_LINES and not story(rest[k]):
                if not (rest[k].link_share > LINK_SHARE or rest[k].length <= SHORT):
                    return False
                k += 1
            continue
        if seg.link_share > LINK_SHARE:
            break
        if story(seg):
            chars += seg.length
            paragraphs += 1
    if again:
        return paragraphs >= 1
    return chars >= INLINE_BOX_RESUME_CHARS and paragraphs >= INLINE_BOX_RESUME_PARAGRAPHS


def _heading_key(el: HtmlElement) -> tuple[str, str] | None:
    """The tag and class of the <h1>-<h6> that sets ``el`` (see :func:`_heading`), or None."""
    node = _heading(el)
    return None if node is None else (str(node.tag), " ".join(sorted((node.get("class") or "").split())))


def _story_section(inside: list[Segment], i: int, kept: list[Segment]) -> bool:
    """The related heading at ``inside[i]`` (评论, 书评, 留言) is one of the story's own section headings: set
    like a section heading kept above it (the same <h1>-<h6> tag and class), and like another below it that
    running text follows (an encyclopedia's article on a book or a film, its 评论 section between 情节 and
    影响). A comment list's heading comes after the story's last section."""
    key = _heading_key(inside[i].owner)
    if key is None or not any(s.image is None and _heading_key(s.owner) == key for s in kept):
        return False
    later = False
    for seg in inside[i + 1 :]:
        if seg.image is not None:
            continue
        if later and seg.value > 0 and seg.punct:
            return True
        if _heading_key(seg.owner) == key:
            later = not pt.RELATED_HEAD_RE.match(seg.text)
    return False


#: Most lines of links (or short lines) in a related box after which a long story resumes (see
#: :func:`_story_resumes`), and the paragraphs and characters of running text that must follow it.
RESUME_BOX_LINES = 40
RESUME_PARAGRAPHS = 3
RESUME_CHARS = 300


def _story_resumes(inside: list[Segment], i: int, running: int) -> bool:
    """The "related" heading at ``inside[i]`` opens a box of links that a long story goes on after (a 相关阅读
    box after a long article's lead, set between its blocks): after at most RESUME_BOX_LINES lines of links
    or short lines come RESUME_PARAGRAPHS or more paragraphs of running text without links, more of it than
    the ``running`` text before the box and at least RESUME_CHARS, and no post's stamp among them (comments).
    A teaser list (a link, its summary, the next link) has one paragraph between its links."""
    rest = [seg for seg in inside[i + 1 :] if seg.image is None and seg.length]
    start = next((k for k, seg in enumerate(rest) if not (seg.link_share > LINK_SHARE or seg.length <= SHORT)), None)
    if start is None or start > RESUME_BOX_LINES:
        return False
    chars = paragraphs = 0
    for seg in rest[start:]:
        if seg.link_share > LINK_SHARE or pt.RELATED_HEAD_RE.match(seg.text) or _post_stamp(seg):
            break
        if seg.value > 0 and seg.punct >= 2 and seg.length >= INLINE_BOX_RESUME and not seg.link_length:
            chars += seg.length
            paragraphs += 1
    return paragraphs >= RESUME_PARAGRAPHS and chars >= max(RESUME_CHARS, running)


def _post_stamp(seg: Segment) -> bool:
    """A short line that is a date with a time (and little else), or a bulletin board's 发信人/信区 line: the
    header of a post."""
    if seg.image is not None or not seg.text:
        return False
    if len(seg.text) > POST_STAMP_MAX:
        return len(seg.text) <= BBS_HEADER_MAX and pt.BBS_HEADER_RE.match(seg.text) is not None
    m = pt.DATE_RE.search(seg.text)
    return m is not None and m.group(4) is not None and len(seg.text) - len(m.group(0)) <= POST_STAMP_EXTRA


def _has_sentence_end(text: str) -> bool:
    return any(c in pt.SENTENCE_END_CHARS for c in text)


#: A thread's replies are cut off when at least this many are marked as replies (see :func:`_before_replies`).
REPLY_MARKS_MIN = 2


def _before_replies(inside: list[Segment], title: str | None) -> tuple[list[Segment], str]:
    """The container's segments up to a thread's first reply, and the text cut off, when two or more replies
    are marked as such on lines of their own after the opening post's running text: a bulletin board's reply
    subject (Re:<the title>, 回复：<the title>) or a floor's number (2楼, #3, 沙发, 板凳, 地板). Threads whose
    replies are told by their time stamps are :func:`first_post`'s."""
    head = (title or "").strip()[:REPLY_TITLE_CHARS]
    marks = [
        k
        for k, seg in enumerate(inside)
        if seg.image is None
        and seg.length <= SHORT
        and (
            pt.FLOOR_LINE_RE.match(seg.text)
            or (len(head) >= 2 and pt.REPLY_SUBJECT_RE.match(seg.text) and head in seg.text)
        )
    ]
    if len(marks) < REPLY_MARKS_MIN:
        return inside, ""
    if not any(s.value > 0 and s.punct and s.length >= 15 for s in inside[: marks[0]]):
        return inside, ""
    return inside[: marks[0]], "\n".join(s.text for s in inside[marks[0] :] if s.image is None)


#: How much of the title a reply's subject line must repeat (Re:全市防汛…).
REPLY_TITLE_CHARS = 6


def first_post(kept: list[Segment]) -> list[Segment]:
    """Only the first post of a page that lists several (blog archives, forum threads).

    Posts are recognised by their time stamps: at least three short date-and-time lines,
    the first at the top. Timelines in articles give dates without times and are left alone.
    """
    stamps = [i for i, seg in enumerate(kept) if _post_stamp(seg)]
    if len(stamps) < POST_MIN:
        return kept
    stamps = [i for i in stamps if not _timeline_entry(kept, i)]
    if len(stamps) < POST_MIN or _story_entries(kept, stamps):
        return kept
    if sum(1 for seg in kept[: stamps[0]] if seg.value > 0 and seg.punct) > 2:
        return _before_comments(kept, stamps)
    cut = stamps[1]
    prev = kept[cut - 1]
    signed = _signed_start(kept, stamps[1:])
    if signed is not None and signed > stamps[0]:
        cut = signed  # the later posts are signed under their text (某某网友: …, then its stamp in a cell beside)
    elif cut - 1 > stamps[0] and prev.image is None and prev.length <= 40 and not _has_sentence_end(prev.text):
        cut -= 1
    body = sum(seg.length for seg in kept[stamps[0] + 1 : cut] if seg.value > 0)
    if body < POST_MIN_CHARS:
        # A short story under its own stamp, then the stamped comments.
        return _before_comments(kept, stamps[1:]) if len(stamps) > POST_MIN else kept
    return kept[:cut]


#: Share of the stamps that must look like the entries of one story (see :func:`_story_entries`).
ENTRY_SHARE = 0.8


def _story_entries(kept: list[Segment], stamps: list[int]) -> bool:
    """The stamped lines head the entries of one story, not posts or comments by different people.

    A live report (图文直播, 滚动报道): the stamps are bare dates and times, each between the previous
    entry's text and its own, with no author line next to it. A transcript (在线访谈): the line that names
    a stamp's speaker names a host or a guest (主持人, 嘉宾). The first stamp may be the story's own date line.
    """
    texts = [i for i, seg in enumerate(kept) if seg.image is None]
    where = {i: k for k, i in enumerate(texts)}

    def running(k: int) -> bool:
        if not 0 <= k < len(texts):
            return False
        seg = kept[texts[k]]
        return seg.value > 0 and seg.punct > 0 and seg.length >= 15 and not _post_stamp(seg)

    def label(i: int) -> str:
        seg = kept[i]
        if not pt.BARE_DATE_RE.match(seg.text):
            return seg.text
        k = where[i] - 1
        prev = kept[texts[k]] if k >= 0 else None
        return prev.text if prev is not None and prev.length <= 20 and not running(k) else ""

    if any(pt.HOST_LABEL_RE.search(label(i)) for i in stamps) or _transcript(kept, stamps):
        return True
    later = stamps[1:]
    entries = sum(
        1 for i in later if pt.BARE_DATE_RE.match(kept[i].text) and running(where[i] - 1) and running(where[i] + 1)
    )
    if len(later) < 2 or entries < ENTRY_SHARE * len(later):
        return False
    # comments whose stamps sit in a cell of their own beside the text (某某网友: …  2005-06-14 10:20:50): the
    # texts before the stamps name their commenters
    signed = sum(1 for i in later if where[i] > 0 and pt.COMMENTER_RE.search(kept[texts[where[i] - 1]].text[:40]))
    return signed < 0.5 * len(later)


#: A transcript: at least this many stamps, within this many hours of one day, the busiest speaker
#: behind at least this share of them.
TRANSCRIPT_STAMPS = 4
TRANSCRIPT_HOURS = 6
TRANSCRIPT_SPEAKER_SHARE = 0.4
#: A speaker's name on a line of its own (王局长：) is at most this long.
SPEAKER_LINE_MAX = 16
_SPEAKER_JUNK_RE = re.compile(r"[\s\[\]【】()（）:：|｜]+|发表于|发表时间|发布于|时间")


def _transcript(kept: list[Segment], stamps: list[int]) -> bool:
    """The stamps head the messages of an online interview or chat (在线访谈, 网上直播 实录): a few speakers
    named in the stamp lines ([网友 小明] 2005-03-12 14:30:22, then [王局长] …) or on a short line next to
    them, one of them (the guest) behind a good share of the messages, all within hours of one day and in
    order. A forum thread's or a comment list's posts come from many people (each named once or twice).
    The first stamp may be the page's own date line (published after the talk): it is not counted.
    """
    later = stamps[1:]
    if len(later) < TRANSCRIPT_STAMPS:
        return False
    taken = set(stamps)

    def named(i: int, m: re.Match[str]) -> str:
        """The speaker on stamp line ``i`` (``m``: its date), else on the short line before it or after it."""
        text = kept[i].text
        own = _SPEAKER_JUNK_RE.sub("", text[: m.start()] + text[m.end() :])
        if own:
            return own
        for j in (i - 1, i + 1):
            if 0 <= j < len(kept) and j not in taken:
                seg = kept[j]
                if seg.image is None and 0 < len(seg.text) <= SPEAKER_LINE_MAX and not _has_sentence_end(seg.text):
                    return _SPEAKER_JUNK_RE.sub("", seg.text)
        return ""

    speakers: dict[str, int] = {}
    times = []
    for i in later:
        m = pt.DATE_RE.search(kept[i].text)
        if m is None or m.group(4) is None:
            return False
        speaker = named(i, m)
        if not speaker or len(speaker) > SPEAKER_LINE_MAX:
            return False
        speakers[speaker] = speakers.get(speaker, 0) + 1
        times.append((m.group(1), m.group(2).zfill(2), m.group(3).zfill(2), int(m.group(4)) * 60 + int(m.group(5))))
    if len({t[:3] for t in times}) != 1 or any(b[3] < a[3] for a, b in itertools.pairwise(times)):
        return False
    if times[-1][3] - times[0][3] > TRANSCRIPT_HOURS * 60 or len(speakers) < 2:
        return False
    busiest = max(speakers.values())
    return busiest >= 3 and busiest >= TRANSCRIPT_SPEAKER_SHARE * len(later)


def _timeline_entry(kept: list[Segment], i: int) -> bool:
    """A stamped line among the story's paragraphs: its block holds running text (not stamps) both before
    and after it (a timeline, 报名/考试时间 lines), where a post's stamp heads its post."""
    text = kept[i].text
    if pt.POST_HEADER_RE.search(text) or (pt.SOURCE_STAMP_RE.match(text) and not pt.BARE_DATE_RE.match(text)):
        # 作者：某某 发表时间：…, or a name and a time stamp (长沙老王 2005-06-14 04:10:00), heads a post, even
        # among the thread's other posts in one block
        return False
    parent = kept[i].owner.getparent()

    def text(seg: Segment) -> bool:
        return (
            seg.image is None
            and seg.value > 0
            and seg.punct > 0
            and seg.owner.getparent() is parent
            and not _post_stamp(seg)
        )

    return any(map(text, kept[:i])) and any(map(text, kept[i + 1 :]))


#: A comment on one line is at most this long.
COMMENT_LINE_MAX = 400


def _comment_line(seg: Segment) -> bool:
    """A comment on one line: a masked IP (218.19.*.*), or a commenter's label (网友, 用户, 游客 …) with a date and
    a clock time, in a line of at most COMMENT_LINE_MAX characters.

    >>> _comment_line(Segment(None, text="某某网广东省广州市网友: 好政策！ 2005-06-14 10:20:50"))
    True
    >>> _comment_line(Segment(None, text="2024年6月14日10时20分，网友“小王”在微博上发布消息称，当地发生山火。"))
    False
    """
    if seg.image is not None or not seg.text or len(seg.text) > COMMENT_LINE_MAX:
        return False
    text = seg.text
    if "*" in text and pt.IP_MASK_RE.search(text):
        return True
    if not pt.COMMENTER_RE.search(text[:40]):
        return False
    # a machine's stamp (2005-06-14 10:20:50), not a story's 2024年6月14日10时20分
    m = pt.DATE_RE.search(text)
    return m is not None and m.group(4) is not None and pt.CLOCK_RE.search(text, m.start()) is not None


def _closes_block(kept: list[Segment], i: int) -> bool:
    """``kept[i]`` is the last text of its block (a post's stamp under it), and a post's header line."""
    parent = kept[i].owner.getparent()
    if not pt.POST_HEADER_RE.search(kept[i].text):
        return False
    return not any(seg.image is None and seg.owner.getparent() is parent for seg in kept[i + 1 :])


def _before_comments(kept: list[Segment], stamps: list[int]) -> list[Segment]:
    """The story without the comments under it: short notes each under a date-and-time stamp.

    The stamps must come after the story's text and hold little text between them (comments,
    not the entries of a long timeline).
    """
    cut = stamps[0]
    story = [seg for seg in kept[:cut] if seg.value > 0 and seg.image is None]
    if not story:
        return kept
    if story[-1].owner.getparent() is kept[cut].owner.getparent():
        if len(stamps) > POST_MIN - 1 and _closes_block(kept, cut):
            # the story's own stamp under it (楼主 某某 发表于 …), then the replies' stamps: the stamp goes too
            out = _before_comments(kept, stamps[1:])
            return [seg for seg in out if seg is not kept[cut]] if len(out) < len(kept) else out
        signed = _signed_start(kept, stamps)
        if signed is None:
            return kept  # stamped lines among the story's own paragraphs: a schedule or a timeline
        cut = signed  # comments signed under their text (某某 于 2005-06-14 04:10 回复)
        story = [seg for seg in kept[:cut] if seg.value > 0 and seg.image is None]
        if not story:
            return kept
    block = story[-1].owner.getparent()
    if any(
        seg.owner.getparent() is block and seg.value > 0 and seg.punct and not _post_stamp(seg)
        for seg in kept[stamps[-1] + 1 :]
    ):
        return kept  # the story's paragraphs go on after the stamped lines: a table in the story
    body = sum(seg.length for seg in story)
    gaps = [
        sum(seg.length for seg in kept[a + 1 : b] if seg.image is None)
        for a, b in zip(stamps, [*stamps[1:], len(kept)], strict=True)
    ]
    gaps.sort()
    if body < COMMENT_BODY_MIN or gaps[len(gaps) // 2] > COMMENT_MAX_CHARS:
        return kept
    return kept[:cut]


def _signed_start(kept: list[Segment], stamps: list[int]) -> int | None:
    """Where the first comment begins when every stamp signs a comment under its text (某某 于 … 回复): each
    stamp is the last text of its block and follows text of the same block; None when they do not."""
    starts = []
    for i in stamps:
        parent = kept[i].owner.getparent()
        if any(seg.image is None and seg.owner.getparent() is parent for seg in kept[i + 1 :]):
            return None
        j = i
        while j > 0 and kept[j - 1].owner.getparent() is parent:
            j -= 1
        if j == i:
            return None
        starts.append(j)
    return starts[0]


def trim_edges(kept: list[Segment], title: str | None = None) -> list[Segment]:
    """Drop furniture (non-positive, unpunctuated short text) before the first and after the last running text.

    Images there are kept, and so is the text right under an image (a caption). Between the headline and
    the first paragraph, furniture without Han characters goes too (a comment counter, "A+"); a section
    label there stays.
    """

    def furniture(seg: Segment) -> bool:
        return seg.image is None and seg.value <= 0 and seg.punct == 0 and seg.length < 25

    content = [i for i, seg in enumerate(kept) if seg.image is None and seg.value > 0]
    if not content:
        return kept
    first, last = content[0], content[-1]
    # A headline among the kept segments is not the first paragraph.
    text_first = next((i for i in content if not _is_headline(kept[i], title)), first)
    # A table right after the text (a 公示's name list, a job table: short cells) belongs to it, and so does
    # a closing signature (issuing body, then the date in 年月日) right after the text.
    table = _next_table(kept[last].owner)
    if table is None:
        table = _grid_of(kept[last])
    if table is not None:
        tables = {table, *_tables_among(table.itersiblings())[1]} if _data_table(table) else {table}
    else:
        gap, found = _introduced_tables(kept[last].owner, kept[last].text)
        tables = set(found)
        while last + 1 < len(kept) and kept[last + 1].owner in gap:
            last += 1  # the short lines between the text and the table (联系电话：…)
    # (a long list cut into tables: a line between two of them, 续表, goes with them)
    cells = [i for i in range(last + 1, len(kept)) if _table_cell(kept[i], tables)]
    if cells and all(
        _table_cell(kept[i], tables) or _between_tables(kept[i], tables) for i in range(last + 1, cells[-1])
    ):
        last = cells[-1]
    while last + 1 < len(kept) and _signature_line(kept[last + 1]):
        last += 1
    # In a text of short lines (a poem, a song: most of the lines set like its running text, the same tag
    # under the same parent, are short and unpunctuated) the lines at its ends are the text's own.
    styled = {(kept[i].owner.tag, kept[i].owner.getparent()) for i in content}
    lines = [seg for seg in kept if seg.image is None and (seg.owner.tag, seg.owner.getparent()) in styled]
    short = sum(1 for seg in lines if furniture(seg) and pt.HAN_RE.search(seg.text))
    if short < SHORT_LINES_MIN or short < 0.5 * len(lines):
        styled = set()
    # the first paragraph of running text (a table's value cells may score above zero)
    story_first = next(
        (i for i in content if kept[i].punct and kept[i].length >= 20 and pt.HAN_RE.search(kept[i].text)), first
    )
    # (above the headline only: a job posting's 职位名称：/招聘人数： table under it is the story's)
    headline = next((i for i, seg in enumerate(kept[:story_first]) if _is_headline(seg, title)), None)
    meta_tables = _label_tables(kept[:headline]) if headline is not None else set()
    out = []
    for i, seg in enumerate(kept):
        if meta_tables and headline is not None and i < headline and _cell_table(seg) in meta_tables:
            continue  # a 信息公开 table above the story (索引号： … 发布机构： …)
        if (
            furniture(seg)
            and not (i > 0 and kept[i - 1].image is not None)
            and not (pt.HAN_RE.search(seg.text) and (seg.owner.tag, seg.owner.getparent()) in styled)
        ):
            if i > last or (i < text_first and not (pt.HAN_RE.search(seg.text) and (i >= first or _label(seg)))):
                continue
        if i > last and seg.teaser:
            continue  # the summaries of a teaser list after the story (相关新闻 without a heading)
        out.append(seg)
    return out


#: At most this many lines (a kicker, subtitles) stand in the body above a story's opening dateline ...
SUBTITLE_LINES_MAX = 4
#: ... each at most this long.
SUBTITLE_MAX = 40


def subtitles_before_dateline(kept: list[Segment]) -> list[Segment]:
    """``kept`` without the headline's kicker and subtitles set in the body above the story's opening dateline
    (在中国式现代化中更好发挥引领示范作用 / 李强蔡奇出席, then 新华社上海11月30日电 …): at most SUBTITLE_LINES_MAX
    short lines, centred, in bold or in a heading, without sentence punctuation, before a first paragraph
    that opens with a dateline. Pictures there stay, and so does the caption under one."""
    texts = [i for i, seg in enumerate(kept) if seg.image is None]
    for n, i in enumerate(texts[: SUBTITLE_LINES_MAX + 1]):
        if pt.DATELINE_OPEN_RE.match(kept[i].text):
            before = set(texts[:n])
            if before and all(_subtitle_line(kept[j]) and not (j and kept[j - 1].image is not None) for j in before):
                return [seg for k, seg in enumerate(kept) if k not in before]
            return kept
    return kept


def _subtitle_line(seg: Segment) -> bool:
    text = seg.text
    return (
        len(text) <= SUBTITLE_MAX
        and not any(c in text for c in "。！？；")
        and (seg.bold_length >= seg.length or _centred(seg.owner) or _heading_tag(seg.owner) is not None)
    )


def cell_of(el: HtmlElement) -> HtmlElement | None:
    """The table cell that is ``el`` or holds it (a table pasted from Word: <td><p>…</p></td>), or None."""
    return el if el.tag in ("td", "th") else next(el.iterancestors("td", "th"), None)


def _cell_table(seg: Segment) -> HtmlElement | None:
    """The table whose cell (or a paragraph in it) holds ``seg``."""
    cell = cell_of(seg.owner)
    return next(cell.iterancestors("table"), None) if cell is not None else None


#: A table of metadata labels and values (信息公开: 索引号： … 发布机构： …) has at least this many label cells.
LABEL_TABLE_MIN = 2


def _label_tables(segs: list[Segment]) -> set[HtmlElement]:
    """Tables among ``segs`` with LABEL_TABLE_MIN cells that are only a label (索引号：, 发文字号：)."""
    labels: dict[HtmlElement, int] = {}
    for seg in segs:
        if seg.image is None and pt.FIELD_LABEL_RE.match(seg.text) and (table := _cell_table(seg)) is not None:
            labels[table] = labels.get(table, 0) + 1
    return {table for table, n in labels.items() if n >= LABEL_TABLE_MIN}


#: A text of at least this many short unpunctuated lines (half its lines or more) is a poem or a song.
SHORT_LINES_MIN = 6


def _label(seg: Segment) -> bool:
    """A section label: a short line all in bold (a heading there is more often the story's own title)."""
    return seg.bold_length >= seg.length and _heading_tag(seg.owner) is None


def _is_headline(seg: Segment, title: str | None) -> bool:
    """The segment is the headline: the title, or a line holding it that is less than twice as long."""
    return bool(title) and (
        seg.text == title
        or (title in seg.text and len(seg.text) < 2 * len(title) and not seg.text.rstrip().endswith("。"))
    )


#: A data table after the text may follow this many short lines of its own (联系电话：…, 名单如下：) ...
TABLE_GAP_LINES = 2
#: ... each at most this long.
TABLE_GAP_CHARS = 40


#: A grid of data: at least this many rows of at least two cells, the cells this short on average.
GRID_MIN_ROWS = 3
GRID_CELL_CHARS = 20


def _grid_of(seg: Segment) -> HtmlElement | None:
    """The table of data whose cell holds ``seg`` (the last cell of the text that scores is not the last of
    a name list: the cells after it are the list's too), or None; not a layout table."""
    if seg.image is not None:
        return None
    table = _cell_table(seg)
    if table is None or not _data_table(table):
        return None
    rows = [row for row in table.iter("tr") if len(row) >= 2]
    cells = sum(len(row) for row in rows)
    if len(rows) < GRID_MIN_ROWS or text_len(text_content(table)) > GRID_CELL_CHARS * cells:
        return None
    return table


def _table_after(el: HtmlElement) -> list[HtmlElement]:
    """The table of data right after ``el`` (a paragraph of the story), or after at most TABLE_GAP_LINES short
    elements without links (联系电话：…, 名单如下：) that come first, with those elements, and the tables of data
    that follow it (a long list cut into one table a page, empty lines between them); else empty."""
    gap, tables, _ = _tables_among(el.itersiblings())
    return [*gap, *tables] if tables else []


def _tables_among(siblings: Iterator[HtmlElement]) -> tuple[list[HtmlElement], list[HtmlElement], bool]:
    """From ``siblings`` (the elements after a story's paragraph): the short lines before a table of data and
    between two (续表; at most TABLE_GAP_LINES in each place), the tables of data in a row (each a <table>, or an
    element holding only one), and whether something else came after them (False: the siblings ran out)."""
    gap: list[HtmlElement] = []
    tables: list[HtmlElement] = []
    pending: list[HtmlElement] = []  # short lines after a table: kept if another table follows (续表)
    for sib in siblings:
        if not isinstance(sib.tag, str):
            continue
        table = _wrapped_data_table(sib)
        if table is not None:
            gap += pending
            pending = []
            tables.append(table)
            continue
        text = text_content(sib)
        if not text_len(text) and sib.find(".//img") is None and sib.tag != "table":
            continue  # an empty line or a spacer between the parts
        lines = pending if tables else gap
        if len(lines) == TABLE_GAP_LINES or text_len(text) > TABLE_GAP_CHARS or link_chars(sib):
            return (gap, tables, True) if tables else ([], [], True)
        lines.append(sib)
    return (gap, tables, bool(pending)) if tables else ([], [], bool(gap))


def _wrapped_data_table(el: HtmlElement) -> HtmlElement | None:
    """``el`` if it is a table of data, or the one table of data that is all of ``el``'s text (a layout row or
    cell, a <div> or <center> around it), else None."""
    if el.tag == "table" and _data_table(el):
        return el
    if el.tag not in _TABLE_WRAPPERS:
        return None
    inner = [t for t in el.iter("table") if t is not el and t.find(".//table") is None]
    if len(inner) != 1 or not _data_table(inner[0]):
        return None
    return inner[0] if text_len(text_content(el)) == text_len(text_content(inner[0])) else None


_TABLE_WRAPPERS = frozenset(("table", "tbody", "tr", "td", "div", "center", "section", "p", "span", "font"))
#: Levels climbed from a story's last paragraph (to the row or box after the story's) for the table of data
#: it introduces (名单如下：, 见下表).
TABLE_CLIMB = 4


def _introduced_tables(el: HtmlElement, text: str) -> tuple[list[HtmlElement], list[HtmlElement]]:
    """The short lines and the tables of data after ``el``, a story's last paragraph (whose text is ``text``):
    right after it (:func:`_table_after`), or, when ``text`` announces one (名单如下：, 见下表, 一览表), after
    the element that holds it and nothing after it, up to TABLE_CLIMB levels up (the list in the layout row
    under the story's, or beside the story's box). The tables must not be the page's furniture (版权所有)."""
    gap, tables, ended = _tables_among(el.itersiblings())
    if tables or ended or not pt.TABLE_CUE_RE.search(text):
        return gap, tables
    node = el.getparent()
    for _ in range(TABLE_CLIMB):
        if node is None or node.tag in ("body", "html"):
            break
        gap, tables, ended = _tables_among(node.itersiblings())
        if tables:
            if any(pt.find_boilerplate(text_content(t)) for t in tables):
                return [], []
            return gap, tables
        if ended:
            break
        node = node.getparent()
    return [], []


def _next_table(el: HtmlElement) -> HtmlElement | None:
    """The <table> right after ``el`` (its next element sibling), if that is one."""
    nxt = _next_element(el)
    return nxt if nxt is not None and nxt.tag == "table" else None


def _data_table(table: HtmlElement) -> bool:
    """A table of data (two rows or more, few links), not a layout or link table."""
    rows = table.findall(".//tr")
    if len(rows) < 2:
        return False
    text = text_len(text_content(table))
    links = link_chars(table)
    return text > 0 and links <= 0.3 * text and table.find(".//table") is None


def _table_cell(seg: Segment, tables: set[HtmlElement]) -> bool:
    """A text cell (not a link) of one of ``tables``."""
    if seg.image is not None or seg.link_length or not seg.length:
        return False
    return _cell_table(seg) in tables


def _between_tables(seg: Segment, tables: set[HtmlElement]) -> bool:
    """A short line without links set between two parts of a table cut in pieces (续表, a page number)."""
    return (
        seg.image is None and not seg.link_length and seg.length <= TABLE_GAP_CHARS and _cell_table(seg) not in tables
    )


def _signature_line(seg: Segment) -> bool:
    """The issuing body or the 年月日 date that closes a notice or announcement (落款)."""
    if seg.image is not None or seg.link_length or not seg.length or seg.length > SIGNATURE_MAX:
        return False
    return _signature_text(seg.text)


def _signature_text(text: str) -> bool:
    return bool(pt.SIGNATURE_DATE_RE.match(text) or pt.SIGNATURE_ORG_RE.search(text))


def _boiler_line(seg: Segment) -> bool:
    """A boilerplate match counts only when the segment is not a full sentence of text."""
    if seg.length <= 25 or seg.link_share > 0.2:
        return True
    m = pt.find_boilerplate(seg.text)
    return m is not None and (m.start() < 6 or seg.punct <= 2)


def is_meta_line(text: str) -> bool:
    """A line of source/time/author fields, e.g. ``来源：新华网 发布时间：2020-11-13``.

    An interview question or answer led by ``记者：`` is text, not a byline:

    >>> is_meta_line("记者：张三 李四"), is_meta_line("记者：你们的农机大市场在哪里，什么时候开业？")
    (True, False)
    """
    if pt.BBS_HEADER_RE.match(text):
        return len(text) <= BBS_HEADER_MAX  # 发信人: 某某, 信区: 版名 标 题: … 发信站: …
    m = pt.META_LINE_RE.match(text)
    if m and len(text) <= 80:
        if pt.SPEAKER_LABEL_RE.match(text) and _is_sentence(text[m.end() :]):
            return False
        return not any(c in "。！？" for c in text[:-1])
    fields = pt.meta_fields(text)
    if len(fields) >= 2 and len(text) <= 160:
        return True
    if len(text) <= 80 and pt.COUNT_FIELD_RE.search(text) and not any(c in "。！？，" for c in text):
        # a date (or a time of day: the date may run into the digits before it) and counters without colons:
        # 2019.03.02 14:05:00 字数 1,506 阅读 8,921
        return bool(pt.DATE_RE.search(text) or pt.CLOCK_RE.search(text))
    return len(fields) == 1 and len(text) <= 60 and bool(pt.DATE_RE.search(text))


def _is_sentence(rest: str) -> bool:
    """Running speech after a label: long enough, with a comma or a sentence end (names and dates have neither)."""
    rest = rest.strip()
    if text_len(rest) < 12 or pt.DATE_RE.search(rest) or pt.has_meta_field(rest):
        return False
    return any(c in "，。？！?!" for c in rest)


def nearby_boilerplate(segs: list[Segment], inside: list[Segment], window: int = 12) -> list[str]:
    """Boilerplate lines just after the container (share bars, 责任编辑, 上一篇 ...)."""
    if not inside:
        return []
    out = []
    last = inside[-1].index
    for seg in segs[last + 1 : last + 1 + window]:
        if seg.image is None and seg.length <= SHORT and pt.find_boilerplate(seg.text):
            out.append(seg.text)
    return out


def link_blocks(
    segs: list[Segment], container: HtmlElement | None, chains: dict[HtmlElement, tuple[HtmlElement, ...]]
) -> list[str]:
    """Texts of the outermost link-dense elements with many anchors (menus, link farms)."""
    per_el: dict[HtmlElement, list[int]] = {}
    # Runs of segments with one owner are summed first (integer sums: the same totals, the same order of elements).
    runs: list[tuple[HtmlElement, int, int, int]] = []
    owner = None
    n = links = anchors = 0
    for seg in segs:
        if seg.image is not None or not seg.length:
            continue
        if seg.owner is not owner:
            if owner is not None:
                runs.append((owner, n, links, anchors))
            owner, n, links, anchors = seg.owner, 0, 0, 0
        n += seg.length
        links += seg.link_length
        anchors += seg.anchors
    if owner is not None:
        runs.append((owner, n, links, anchors))
    # Each element gets the sums of the runs under it. The elements are entered in the order of a climb
    # from each run's owner (a climb stops at an element entered before: all above it are in), then the
    # sums are passed up from the deepest ones: each element is visited once, not once per run below it.
    for owner, n, links, anchors in runs:
        acc = per_el.get(owner)
        if acc is not None:
            acc[0] += n
            acc[1] += links
            acc[2] += anchors
            continue
        per_el[owner] = [n, links, anchors]
        for el in _chain(owner, chains)[1:]:
            if el in per_el:
                break
            per_el[el] = [0, 0, 0]
    for el in sorted(per_el, key=lambda el: len(chains[el]), reverse=True):
        chain = chains[el]
        if len(chain) > 1:
            acc, up = per_el[el], per_el[chain[1]]
            up[0] += acc[0]
            up[1] += acc[1]
            up[2] += acc[2]
    chosen: list[HtmlElement] = []
    for el, (n, links, anchors) in per_el.items():
        if anchors < LINK_BLOCK_ANCHORS or links < 0.7 * n or el.tag in ("html", "body"):
            continue
        if container is not None and _within(container, el):
            continue
        chosen.append(el)
    chosen_set = set(chosen)
    out = []
    for el in chosen:
        if any(anc in chosen_set for anc in el.iterancestors()):
            continue
        text = "|".join(t for t in _clean_texts(list(el.itertext())) if t)
        if text:
            out.append(text)
    return out


def image_src(img: HtmlElement, base: str | None) -> str | None:
    """The picture's address (lazy-load attributes first), absolute when a base URL is known."""
    for attr in pt.LAZY_SRC_ATTRS:
        src = (img.get(attr) or "").strip()
        if src and not src.startswith("data:"):
            if base:
                try:
                    return urljoin(base, src)
                except ValueError:
                    return src
            return src
    return None


def image_alt(img: HtmlElement) -> str | None:
    """The alt/title text, or None when it is empty or looks like a file name."""
    for attr in ("alt", "title"):
        alt = clean_text(img.get(attr) or "")
        if alt and not pt.FILENAME_ALT_RE.match(alt):
            return alt
    return None


def placeholder_alt(img: HtmlElement) -> str | None:
    """The alt/title text dropped because it is a file name (e.g. ``QQ截图20201113114608``), if any."""
    for attr in ("alt", "title"):
        alt = clean_text(img.get(attr) or "")
        if alt and pt.FILENAME_ALT_RE.match(alt):
            return alt
    return None


def is_decor(img: HtmlElement, src: str) -> bool:
    """Logos, icons, spacers and tiny pictures are not article images."""
    for attr in ("width", "height"):
        val = (img.get(attr) or "").strip().rstrip("px")
        if val.isdigit() and int(val) < 60:
            return True
    return bool(pt.DECOR_IMG_RE.search(src.rsplit("?", 1)[0]))


def is_caption(seg: Segment, prev_image: bool) -> bool:
    """Short text under a picture (or with a caption-like class, centred, or in parentheses)."""
    if not prev_image or not seg.length or pt.DATELINE_RE.search(seg.text):
        return False
    if _credited(seg):
        return True  # text under a picture that ends in its photographer's credit describes the picture
    if seg.length > CAPTION_MAX:
        return False
    if pt.PAREN_CAPTION_RE.match(seg.text):
        return True
    if _caption_hint(seg.owner):
        return True
    ends = sum(1 for c in seg.text[:-1] if c in pt.SENTENCE_END_CHARS)
    if _centred(seg.owner) and ends <= 1:
        return True
    if seg.length >= SENTENCE_CAPTION_MIN and seg.text[-1] in "。！？" and "，" in seg.text:
        return False  # a full sentence under a picture is the story's text (a photo story's lead)
    return seg.length <= 40 and ends == 0


def line_style(seg: Segment) -> tuple[object, ...] | None:
    """How a line is set apart from running text: its tag, all in bold, the classes of the elements
    holding its text (not its block's: that may hold the whole story), centred; None when it is neither
    in bold nor classed (centring alone is how captions are set)."""
    owner = seg.owner
    classes = frozenset(
        c
        for el in owner.iterdescendants()
        if isinstance(el.tag, str) and el.text and el.text.strip()
        for c in (el.get("class") or "").split()
    )
    bold = seg.length > 0 and seg.bold_length >= seg.length
    if not (bold or classes):
        return None
    return (owner.tag, bold, classes, _centred(owner))


def heading_styles(kept: list[Segment], title: str | None) -> set[tuple[object, ...]]:
    """The styles (:func:`line_style`) of the body's short unfinished lines that are not under a picture:
    its subheadings. A line under a picture set the same way is a subheading too, not a caption."""
    styles = set()
    prev_image = False
    for seg in kept:
        if seg.image is not None:
            prev_image = True
            continue
        if (
            not prev_image
            and HEADING_STYLE_MIN <= seg.length <= HEADING_STYLE_MAX
            and seg.text[-1] not in pt.SENTENCE_END_CHARS
            and not _is_headline(seg, title)
            and pt.HAN_RE.search(seg.text)
            and not strong_caption(seg)
        ):
            style = line_style(seg)
            if style is not None:
                styles.add(style)
        prev_image = False
    return styles


def strong_caption(seg: Segment) -> bool:
    """Text marked as a caption by its element, its class, parentheses, a 图为/图片来源 lead or a closing
    photographer's credit ((记者 孙浩 摄))."""
    text = seg.text
    return _caption_hint(seg.owner) or bool(
        pt.PAREN_CAPTION_RE.match(text) or pt.CAPTION_LEAD_RE.match(text) or _credited(seg)
    )


def _credited(seg: Segment) -> bool:
    """A line of at most CREDIT_CAPTION_MAX characters that ends in a photographer's credit (记者 孙浩 摄)."""
    return seg.length <= CREDIT_CAPTION_MAX and bool(pt.PHOTO_CREDIT_RE.search(seg.text))


def _caption_hint(el: HtmlElement) -> bool:
    if el.tag in ("figcaption", "caption"):
        return True
    return hinted(el, pt.CAPTION_HINT_RE)


def _centred(el: HtmlElement) -> bool:
    for node in (el, el.getparent()):
        if node is None:
            continue
        if node.tag == "center" or (node.get("align") or "").lower() == "center":
            return True
        if "text-align:center" in "".join((node.get("style") or "").lower().split()):
            return True
    return False
