"""Bylines on clean text: title from the first block, 【column】 tags, 【source】 lead tags, closing (author) lines.

:func:`bylines` runs after the scrub stage, when image placeholders, pinyin readings
and spam are gone, so the first block of a text dump can be recognised as its headline.
When it drops or shortens a block it moves the flags that point into the blocks, so
their offsets stay true.

>>> from ..values import Article, Block
>>> art = bylines(Article(blocks=(Block("【专题】 市里召开会议"), Block("【连网】近日，会议召开。(李明蔚)"))))
>>> art.title, art.column, art.source_name, art.authors, art.blocks[0].text
('市里召开会议', '专题', '连网', ('李明蔚',), '近日，会议召开。(李明蔚)')
"""

from __future__ import annotations

import logging
import re
from dataclasses import replace

from ..values import CAPTION, HEADING, PARAGRAPH, Article, Block, Flag
from . import patterns as pt
from .meta import split_names

logger = logging.getLogger(__name__)

#: Longest first block taken as a headline.
TITLE_MAX = 80
#: Blocks at each end searched for 作者：/记者：/来源： lines.
END_BLOCKS = 3
#: Organisation endings: a parenthesised word ending so is a source, not a person.
NOT_PERSON_END_RE = re.compile(r"[报社网台部局委会院所处办站厅省市县区镇村队团组司行]$|中心$|日报$|新闻$")


def looks_like_headline(text: str) -> bool:
    """Short, and no sentence-ending punctuation inside.

    >>> looks_like_headline("连云港开发区用好科技镇长“智囊” 助推区域创新发展"), looks_like_headline("近日，会议召开。")
    (True, False)
    """
    text = text.strip()
    if not text or len(text) > TITLE_MAX or pt.PAREN_CAPTION_RE.match(text) or pt.META_LINE_RE.match(text):
        return False
    return not any(c in "。！？!?；;" for c in text) and text[-1] not in "，,：:、"


def _shift_flags(flags: tuple[Flag, ...], block: int, cut: int | None) -> tuple[Flag, ...]:
    """Flags after dropping block ``block`` (cut=None) or cutting ``cut`` chars off its start."""
    out = []
    for f in flags:
        if f.block is None or f.block < block:
            out.append(f)
        elif f.block == block and cut is None:
            out.append(replace(f, block=None, start=None, end=None))
        elif f.block == block:
            start = None if f.start is None else max(0, f.start - cut)  # type: ignore[operator]
            end = None if f.end is None else max(0, f.end - cut)  # type: ignore[operator]
            out.append(replace(f, start=start, end=end))
        elif cut is None:
            out.append(replace(f, block=f.block - 1))
        else:
            out.append(f)
    return tuple(out)


def drop_block(article: Article, i: int) -> Article:
    """``article`` without block ``i`` (flags renumbered)."""
    blocks = article.blocks[:i] + article.blocks[i + 1 :]
    return replace(article, blocks=blocks, flags=_shift_flags(article.flags, i, None))


def cut_block_start(article: Article, i: int, n: int) -> Article:
    """``article`` with the first ``n`` characters of block ``i`` removed (flags moved)."""
    old = article.blocks[i]
    text = old.text[n:]
    lead = len(text) - len(text.lstrip())
    blocks = list(article.blocks)
    blocks[i] = Block(text.lstrip(), old.kind)
    return replace(article, blocks=tuple(blocks), flags=_shift_flags(article.flags, i, n + lead))


def closing_byline(text: str) -> tuple[str, ...]:
    """Names in a closing byline such as ``…快车道。(李明蔚)`` or ``（记者 张三 李四）``.

    >>> closing_byline("会议召开。（记者 张三 李四）"), closing_byline("会议召开。（中国日报）")
    (('张三', '李四'), ())
    """
    m = pt.CLOSING_BYLINE_RE.search(text)
    if not m:
        return ()
    before = text[: m.start()].rstrip()
    if before and before[-1] not in '。！？!?…”"』」）)':
        return ()
    names = [n for n in split_names(m.group(1)) if not NOT_PERSON_END_RE.search(n)]
    if not names:
        return ()
    return tuple(names)


def _first_paragraph(article: Article) -> int | None:
    for i, b in enumerate(article.blocks):
        if b.kind == PARAGRAPH:
            return i
    return None


def _last_paragraph(article: Article) -> int | None:
    for i in range(len(article.blocks) - 1, -1, -1):
        if article.blocks[i].kind == PARAGRAPH:
            return i
    return None


def _captions_after_placeholders(article: Article) -> Article:
    """Text dumps: a short line in parentheses where pictures were is a caption (parentheses dropped)."""
    if not any(r.kind == "image_placeholder" for r in article.removed):
        return article
    blocks = list(article.blocks)
    changed = False
    for i, b in enumerate(blocks):
        m = pt.PAREN_CAPTION_RE.match(b.text)
        if b.kind == PARAGRAPH and m and len(m.group(1)) <= 40 and not any(c in "。！？" for c in m.group(1)):
            blocks[i] = Block(m.group(1).strip(), CAPTION)
            changed = True
    return replace(article, blocks=tuple(blocks)) if changed else article


def bylines(article: Article) -> Article:
    """Fill title, column, source_name and authors from the clean text (see module doc)."""
    art = _captions_after_placeholders(article)
    if art.title is None and art.blocks:
        first = art.blocks[0]
        if first.kind in (PARAGRAPH, HEADING) and looks_like_headline(first.text):
            art = drop_block(replace(art, title=first.text.strip()), 0)
    if art.title:
        m = pt.COLUMN_TAG_RE.match(art.title)
        rest = art.title[m.end() :].strip() if m else ""
        if m and len(rest) >= 4:
            column = m.group(1).strip()
            art = replace(art, title=rest, column=art.column or column)
    i = _first_paragraph(art)
    if i is not None:
        m = pt.LEAD_TAG_RE.match(art.blocks[i].text)
        tag = m.group(1).strip() if m else ""
        if m and len(art.blocks[i].text) > m.end() + 4 and len(tag) <= 12 and not pt.NOT_SOURCE_TAG_RE.search(tag):
            if not art.source_name:
                art = replace(art, source_name=tag)
            art = cut_block_start(art, i, m.end())
    art = _end_lines(art)
    j = _last_paragraph(art)
    if j is not None:
        names = closing_byline(art.blocks[j].text)
        if names:
            merged = tuple(dict.fromkeys((*art.authors, *names)))
            art = replace(art, authors=merged)
    return art


def _end_lines(art: Article) -> Article:
    """作者：/记者：/通讯员：/来源： lines among the first and last blocks."""
    n = len(art.blocks)
    idx = sorted(set(range(min(END_BLOCKS, n))) | set(range(max(0, n - END_BLOCKS), n)))
    authors = list(art.authors)
    source = art.source_name
    drop: list[int] = []
    for i in idx:
        text = art.blocks[i].text
        if len(text) > 60 or art.blocks[i].kind == CAPTION:
            continue
        if pt.SPEAKER_LABEL_RE.match(text) and any(c in "。！？?" for c in text):
            continue  # an interviewer's question (记者：造成“民工荒”的原因是什么？), not a byline
        found = False
        for m in pt.AUTHOR_RE.finditer(text):
            for name in split_names(m.group(1)):
                found = True
                if name not in authors:
                    authors.append(name)
        sm = pt.SOURCE_RE.search(text + " ")
        if sm and not source:
            source = sm.group(1).strip()
            found = True
        if found and (pt.META_LINE_RE.match(text) or len(text) <= 30) and not any(c in "。！？" for c in text):
            drop.append(i)
    art = replace(art, authors=tuple(authors), source_name=source)
    for i in reversed(drop):
        art = drop_block(art, i)
    return art
