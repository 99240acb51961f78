"""The extract stage: decoded page -> :class:`~cleaning.values.Article`.

``extract_html`` finds the article body of an HTML page (see :mod:`.body` for how the
content container is chosen) and its metadata (:mod:`.meta`); ``extract_text`` reads
a plain-text dump one block per line; ``bylines`` runs after scrubbing and takes the
column, source and author tags out of the (now clean) title and body (:mod:`.byline`).

>>> art = extract_html("<title>新闻标题_某某网</title><div class=content><p>今天，天气很好。</p></div>")
>>> art.title, [b.text for b in art.blocks]
('新闻标题', ['今天，天气很好。'])
"""

from __future__ import annotations

import contextlib
import logging
import sys
from collections import Counter
from collections.abc import Iterator
from dataclasses import replace

from lxml.html import HtmlElement

from ..script import to_simplified
from ..values import CAPTION, HEADING, PARAGRAPH, Article, Block, Image, Removal
from . import meta as md
from . import patterns as pt
from .body import (
    Segment,
    cell_of,
    choose,
    heading_styles,
    image_alt,
    image_src,
    is_caption,
    is_decor,
    is_meta_line,
    line_style,
    placeholder_alt,
    segments,
    strong_caption,
    title_segment,
)
from .byline import bylines
from .dom import index_page, parse, strip_page, text_len, without_controls
from .scripted import SCRIPT_STORY_SHARE, script_story_size, unwrap_script_story

logger = logging.getLogger(__name__)

__all__ = ["bylines", "extract_html", "extract_text"]

STEP = "extract"
#: Segments after the headline searched for the date, source and authors.
HEADER_WINDOW = 12
#: Header lines at most this long are date lines, not article text.
SHORT_LINE = 60
#: A page whose article text is shorter than this (text characters) may keep its story in a script.
SCRIPT_STORY_BODY = 500
#: Share of the text above which unmarked lines under pictures are the story, not captions.
WEAK_CAPTION_SHARE = 0.3
#: libxml2 (with ``huge_tree``) nests elements at most this deep.
DEEPEST_TREE = 2048


def extract_html(html: str, url: str | None = None) -> Article:
    """The article of an HTML page (a whole document or a fragment).

    A page that shows little text is looked at again with the story its scripts hold put in place (see
    :mod:`.scripted`), when a script holds a story with more text than the article found.
    """
    try:
        article = _extract(parse(html), html, url)
    except ValueError as e:
        if "XML compatible" not in str(e):
            raise
        # a control character that lxml refused when text moved (looked for only then: it costs a scan)
        html = without_controls(html)
        article = _extract(parse(html), html, url)
    except RecursionError:
        # elements nested over a thousand deep (a tag left open in every paragraph): the tree walks recurse
        # once per level, and libxml2 nests at most DEEPEST_TREE levels
        with _recursion_limit(DEEPEST_TREE * 4):
            article = _extract(parse(html), html, url)
    shown = _shown_up_to("".join(b.text for b in article.blocks), SCRIPT_STORY_BODY)
    if shown < SCRIPT_STORY_BODY and script_story_size(html) >= SCRIPT_STORY_SHARE * shown:
        doc = parse(html)
        if unwrap_script_story(doc):
            return _extract(doc, html, url)
    return article


def _shown_up_to(text: str, enough: int) -> int:
    """``text_len(text)``, or at least ``enough`` when it is that or more: counted over a head of the text
    first, since a long story has ``enough`` text characters well before its end (counting is a scan)."""
    head = text[: 4 * enough]
    if len(head) < len(text):
        shown = text_len(head)
        if shown >= enough:
            return shown
    return text_len(text)


@contextlib.contextmanager
def _recursion_limit(limit: int) -> Iterator[None]:
    """Python's recursion limit raised to at least ``limit`` for the block."""
    previous = sys.getrecursionlimit()
    sys.setrecursionlimit(max(previous, limit))
    try:
        yield
    finally:
        sys.setrecursionlimit(previous)


def _extract(doc: HtmlElement, html: str, url: str | None) -> Article:
    index = index_page(doc)
    meta = md.meta_map(doc, index)
    title = md.find_title(doc, meta, index)
    page_url = md.find_url(doc, meta, url, html)
    hidden = strip_page(doc, index, title)
    body = doc.find("body")
    root = body if body is not None else doc
    segs = segments(root, title)
    choice = choose(segs, title)

    header = header_lines(segs, choice.kept, title)
    blocks, images, dropped_alts = build_blocks(choice.kept, title, page_url, segs)
    blocks, script_copies = drop_script_copies(blocks)
    lines = [s.text for s in segs if s.image is None]
    published = (
        md.meta_date(meta)
        or md.labelled_date(header)
        or md.first_date([h for h in header if len(h) <= SHORT_LINE])
        or md.time_date(index.times, header)
        or md.meta_date(meta, pt.DATE_LD_NAMES)
        or md.comment_date(html)
        or md.meta_date(meta, pt.DATE_META_GENERIC)
        or md.labelled_date(lines)
        or md.url_date(page_url)
        or md.url_date(url)
        or md.first_date(header)
        or md.first_date(before_title(segs, title))
        or md.first_date([s.text for s in choice.kept if s.image is None])
        or md.first_date(lines)
        or md.meta_date(meta, pt.DATE_MODIFIED_NAMES)
    )
    removed = [Removal("hidden_element", h.text, STEP) for h in hidden]
    removed += [Removal("image_placeholder", alt, STEP) for alt in dropped_alts]
    removed += [Removal("link_block", t, STEP) for t in choice.link_blocks]
    removed += [Removal("boilerplate_block", t, STEP) for t in choice.boilerplate]
    removed += [Removal("script_copy_block", t, STEP) for t in script_copies]
    return Article(
        blocks=tuple(blocks),
        title=title,
        column=md.find_column(meta),
        source_name=md.find_source(header, meta),
        authors=md.find_authors(header, meta),
        published_at=published,
        url=page_url,
        images=tuple(images),
        removed=tuple(removed),
    )


def header_lines(segs: list[Segment], kept: list[Segment], title: str | None) -> list[str]:
    """Text lines around the headline and at the top of the body, where date and source are given."""
    head = title_segment(segs, title)
    start = head.index if head is not None else None
    if start is None and kept:
        start = max(0, kept[0].index - HEADER_WINDOW)
    if start is None:
        return []
    end = start + HEADER_WINDOW
    if kept:
        end = max(end, kept[0].index + 3)
        # Not past the end of the story: dates further down belong to its comments or to other stories.
        if kept[-1].index > start:
            end = min(end, kept[-1].index + 2)
    return [s.text for s in segs[start:end] if s.image is None and s.text]


def before_title(segs: list[Segment], title: str | None, n: int = 3) -> list[str]:
    """The few text lines right above the headline, nearest first (a dateline is sometimes put there; a site's top
    bar, further up, may show another date)."""
    head = title_segment(segs, title)
    if head is None:
        return []
    return [s.text for s in reversed(segs[max(0, head.index - n) : head.index]) if s.image is None and s.text]


def build_blocks(
    kept: list[Segment], title: str | None, base: str | None, segs: list[Segment] | None = None
) -> tuple[list[Block], list[Image], list[str]]:
    """Blocks in reading order (paragraphs, headings, captions), the body's images, and file-name alts dropped.

    ``segs``: all the page's segments, if known: a line is not the caption of a picture when a metadata line
    (dropped from ``kept``) stands between them (an author's portrait, then 日期 字数 阅读, then the story).
    """
    blocks: list[Block] = []
    images: list[Image] = []
    dropped: list[str] = []
    weak = weak_captions_are_text(kept, title)
    headings = heading_styles(kept, title) if any(seg.image is not None for seg in kept) else set()
    prev_image = False
    rows = table_rows(kept)
    skip: set[int] = set()
    for i, seg in enumerate(kept):
        if i in skip:
            continue
        if i in rows:
            # a row of a table of data: one line, its cells separated by spaces
            blocks.append(Block(" ".join(kept[k].text for k in rows[i]), PARAGRAPH))
            skip.update(rows[i])
            prev_image = False
            continue
        if seg.image is not None:
            src = image_src(seg.image, base)
            if src and not is_decor(seg.image, src):
                images.append(Image(src=src, alt=image_alt(seg.image)))
                prev_image = True
                placeholder = placeholder_alt(seg.image)
                if placeholder:
                    dropped.append(placeholder)
            continue
        text = seg.text
        if repeats_headline(text, title):
            prev_image = False
            continue
        if prev_image and segs is not None and _meta_between(segs, kept[i - 1], seg):
            prev_image = False
        if is_caption(seg, prev_image) and not (
            (weak or (headings and line_style(seg) in headings)) and not strong_caption(seg)
        ):
            caption = _unwrap(text)
            blocks.append(Block(caption, CAPTION))
            images[-1] = Image(images[-1].src, images[-1].alt, caption)
            prev_image = False
            continue
        prev_image = False
        if seg.link_length and (tail := pt.MORE_TAIL_RE.search(text)) and tail.start():
            text = text[: tail.start()]  # an entry's [详细] link to the full story
        if text.endswith("]") and (edit := pt.EDIT_LINK_RE.search(text)):
            text = text[: edit.start()]  # a wiki's section heading with its [编辑] link
            if not text:
                continue
        blocks.append(Block(text, HEADING if _is_heading(seg) else PARAGRAPH))
    blocks, images = _strip_counters(blocks, images)
    return photo_story(blocks), images, dropped


#: Paragraphs of a copy of the story in the other script (a 繁體/简体 switch that shows one and keeps both).
SCRIPT_COPY_MIN = 2
#: ... read in Simplified script, a copy differs from its original in at most this share of its characters.
SCRIPT_COPY_SLACK = 0.05


def drop_script_copies(blocks: list[Block]) -> tuple[list[Block], list[str]]:
    """The blocks without a copy of the story in the other script, and the texts dropped: paragraphs that read
    as an earlier paragraph once both are in Simplified script but are not written the same (the page keeps a
    Traditional and a Simplified copy, and a switch shows one). A paragraph the page repeats as it is stays.

    >>> texts = ("区委书记主持会议。", "会议要求加强监管。", "區委書記主持會議。", "會議要求加強監管。")
    >>> b = [Block(t, PARAGRAPH) for t in texts]
    >>> [x.text for x in drop_script_copies(b)[0]]
    ['区委书记主持会议。', '会议要求加强监管。']
    """
    texts = [b.text for b in blocks if b.kind != CAPTION]
    if len(texts) < 2 * SCRIPT_COPY_MIN:
        return blocks, []
    joined = "\n".join(texts)
    simplified = to_simplified(joined)
    if simplified == joined:
        return blocks, []  # no paragraph changes under t2s: none is a copy in the other script
    simple = simplified.split("\n")
    if len(simple) != len(texts):
        return blocks, []
    # t2s leaves a few characters as they are (著 for 着): a copy has its original's length and differs in at
    # most ``slack`` characters, so (pigeonhole) one of ``slack + 1`` fixed pieces of it is the original's own.
    # The earlier paragraphs of each length are indexed by their pieces; only those sharing one are compared.
    seen: dict[int, dict[tuple[int, str], list[str]]] = {}  # length -> (piece number, piece) -> paragraphs
    copies: set[str] = set()
    for text, s in zip(texts, simple, strict=True):
        n = len(s)
        slack = int(SCRIPT_COPY_SLACK * n)
        cuts = [i * n // (slack + 1) for i in range(slack + 2)]
        pieces = [(i, s[cuts[i] : cuts[i + 1]]) for i in range(slack + 1)]
        index = seen.setdefault(n, {})
        if s != text and index:
            near = {id(e): e for p in pieces for e in index.get(p, ())}
            if any(sum(map(str.__ne__, s, e)) <= slack for e in near.values()):
                copies.add(text)
        for p in pieces:
            index.setdefault(p, []).append(s)
    if len(copies) < SCRIPT_COPY_MIN:
        return blocks, []
    return [b for b in blocks if b.text not in copies], sorted(copies, key=texts.index)


def _meta_between(segs: list[Segment], before: Segment, after: Segment) -> bool:
    """Whether a metadata line lies between two segments of the page."""
    return any(s.image is None and is_meta_line(s.text) for s in segs[before.index + 1 : after.index])


#: Cells of a table of data are at most this long (a layout table's cells hold paragraphs).
ROW_CELL_CHARS = 40


def table_rows(kept: list[Segment]) -> dict[int, list[int]]:
    """Runs of two or more consecutive text segments each of which is the only text of its own cell, all in
    one table row, each at most ROW_CELL_CHARS long: ``{index of the run's first segment: its indices}``.

    >>> from .dom import parse
    >>> from .body import segments
    >>> rows = "<tr><td>序号</td><td><p>姓名</p></td></tr><tr><td>1</td><td>彭华</td></tr>"
    >>> segs = segments(parse(f"<table>{rows}</table>"))
    >>> {k: [segs[i].text for i in v] for k, v in table_rows(segs).items()}
    {0: ['序号', '姓名'], 2: ['1', '彭华']}
    """
    cells: list[HtmlElement | None] = []
    for seg in kept:
        cells.append(cell_of(seg.owner) if seg.image is None else None)
    count = Counter(c for c in cells if c is not None)
    lone = [
        c if c is not None and count[c] == 1 and len(seg.text) <= ROW_CELL_CHARS else None
        for c, seg in zip(cells, kept, strict=True)
    ]
    runs: dict[int, list[int]] = {}
    i = 0
    while i < len(kept):
        cell = lone[i]
        if cell is None:
            i += 1
            continue
        row = cell.getparent()
        j = i + 1
        while j < len(kept) and lone[j] is not None and lone[j].getparent() is row:  # type: ignore[union-attr]
            j += 1
        if j - i >= 2:
            runs[i] = list(range(i, j))
        i = j
    return runs


def photo_story(blocks: list[Block]) -> list[Block]:
    """A photo story's captions are its text: when the captions hold more text than the paragraphs
    (a gallery, a 组图 or 图片新闻 page), they become paragraphs (each image keeps its caption)."""
    caption = sum(len(b.text) for b in blocks if b.kind == CAPTION)
    if not caption or caption <= sum(len(b.text) for b in blocks if b.kind == PARAGRAPH):
        return blocks
    return [Block(b.text, PARAGRAPH) if b.kind == CAPTION else b for b in blocks]


def _strip_counters(blocks: list[Block], images: list[Image]) -> tuple[list[Block], list[Image]]:
    """Remove a gallery's picture counters ("1/6", "2/6" ...) from the start of lines: at least two lines
    counting up to the same total. (A counter set right before the text may run into it: "1/63月20日".)"""
    found = {i: m for i, b in enumerate(blocks) if (m := pt.GALLERY_COUNTER_RE.match(b.text))}
    if len(found) < 2:
        return blocks, images
    # the total every counter can be read with (the digits after the slash may run into the text)
    common = set.intersection(*({m.group(2)[:k] for k in range(1, len(m.group(2)) + 1)} for m in found.values()))
    total = max(common, key=len, default="")
    counts = [int(m.group(1)) for m in found.values()]
    if not total or len(set(counts)) < len(counts) or not all(0 < n <= int(total) for n in counts):
        return blocks, images
    new = {}
    for i, m in found.items():
        rest = blocks[i].text[m.start(2) + len(total) :]
        new[blocks[i].text] = rest[1:].lstrip() if rest[:1] in (")", "）") else rest.lstrip()
    if not all(new.values()):
        return blocks, images
    blocks = [Block(new[b.text], b.kind) if i in found else b for i, b in enumerate(blocks)]
    images = [replace(im, caption=new.get(im.caption, im.caption)) if im.caption else im for im in images]
    return blocks, images


def repeats_headline(text: str, title: str | None) -> bool:
    """A line that repeats the headline (with a date or a label beside it), not a sentence that restates it
    ("今日，<headline>。": a short news item's whole text).

    >>> repeats_headline("市政府召开常务会议 2024-01-05", "市政府召开常务会议")
    True
    >>> repeats_headline("今日，市政府召开常务会议。", "市政府召开常务会议")
    False
    >>> repeats_headline("附件：2023年度预算公开表.xls", "2023年度预算公开")
    False
    """
    if not title or title not in text or len(text) > 1.5 * len(title) + 10:
        return False
    if pt.names_attachment(text) and text != title:
        return False  # an attachment named after the story (附件：<headline>表.xls)
    return text == title or not text.rstrip().endswith("。")


def weak_captions_are_text(kept: list[Segment], title: str | None) -> bool:
    """True when lines under pictures would be a large share of the text: a picture story or photo blog,
    whose lines are its narrative. Only captions marked as such (a caption element or class, parentheses,
    图为/图片来源) stay captions then."""
    total = caption = 0
    prev_image = False
    for seg in kept:
        if seg.image is not None:
            prev_image = True
            continue
        if repeats_headline(seg.text, title):
            prev_image = False
            continue
        total += seg.length
        if is_caption(seg, prev_image) and not strong_caption(seg):
            caption += seg.length
        prev_image = False
    return total > 0 and caption > WEAK_CAPTION_SHARE * total


def _unwrap(text: str) -> str:
    m = pt.PAREN_CAPTION_RE.match(text)
    return m.group(1).strip() if m else text


def _is_heading(seg: Segment) -> bool:
    if seg.length > 40 or (seg.text and seg.text[-1] in pt.SENTENCE_END_CHARS):
        return False
    if seg.owner.tag in pt.HEADING_TAGS:
        return True
    return seg.bold_length >= seg.length > 0 and seg.length <= 30


def extract_text(text: str) -> Article:
    """A plain-text dump: one paragraph block per non-empty line; the title is left to :func:`bylines`."""
    lines = [ln.strip() for ln in text.splitlines()]
    return Article(blocks=tuple(Block(ln) for ln in lines if ln))
