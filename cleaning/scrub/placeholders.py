"""Image placeholders and the captions after them.

A block that is only an image's stand-in goes: ``logo``, a 10-17 digit timestamp,
a screenshot or camera file name (QQ截图20201113114608, 微信图片_..., image001,
IMG_1234, DSC_0001), ``xxx.jpg``, or a bare 插图N. A real short line (2020年,
3000余人, a one-line quote) stays. In HTML, an image ``alt`` that is a file name
is dropped from :class:`~cleaning.values.Image`.

The short, wholly parenthesised line right after a placeholder (or a 图为... line)
is the image's caption: it becomes a ``caption`` block without the outer
parentheses. Caption blocks the extract stage found lose their outer parentheses.

>>> is_placeholder("QQ截圖20201113114608"), is_placeholder("1551059341927"), is_placeholder("2020年")
(True, True, False)
>>> caption_text("(設立科技鎮長大講堂)"), caption_text("(李明蔚)說的話。")
('設立科技鎮長大講堂', None)
"""

from __future__ import annotations

import logging
from dataclasses import replace

from ..values import CAPTION, HEADING, Article, Block, Image, Removal
from . import patterns as P
from .base import ScrubContext, add_removals, drop_blocks, edit_block

logger = logging.getLogger(__name__)

STEP = "placeholders"
KIND = "image_placeholder"
CAPTION_STEP = "captions"

PLACEHOLDER_RES = (
    P.LOGO_LINE_RE,
    P.TIMESTAMP_LINE_RE,
    P.SCREENSHOT_LINE_RE,
    P.FILENAME_LINE_RE,
    P.FIGURE_LINE_RE,
)


def is_placeholder(text: str) -> bool:
    """Whether a whole line/block is only an image's stand-in."""
    line = text.strip()
    return bool(line) and any(r.match(line) for r in PLACEHOLDER_RES)


def is_filename_alt(alt: str) -> bool:
    """Whether an ``alt``/``title`` attribute is a file name or camera name rather than text."""
    return is_placeholder(alt) or bool(P.ALT_FILENAME_RE.match(alt.strip()))


def _outer_parenthesised(line: str) -> bool:
    if len(line) < 3 or line[0] not in P.CAPTION_OPEN or line[-1] not in P.CAPTION_CLOSE:
        return False
    depth = 0
    for i, ch in enumerate(line):
        if ch in P.CAPTION_OPEN:
            depth += 1
        elif ch in P.CAPTION_CLOSE:
            depth -= 1
            if depth == 0 and i != len(line) - 1:
                return False
    return depth == 0


def caption_text(line: str) -> str | None:
    """The caption in a short line wholly in parentheses (or a 图为 line), else None."""
    line = line.strip()
    if _outer_parenthesised(line) and len(line) - 2 <= P.CAPTION_MAX_CHARS:
        inner = line[1:-1].strip()
        return inner or None
    if P.CAPTION_LEAD_RE.match(line) and len(line) <= P.CAPTION_MAX_CHARS:
        return line
    return None


#: A bare number among at least this many short lines on each side is a cell of a table of data ...
CELL_NEIGHBOURS = 2
#: ... lines at most this long, without a sentence's end.
CELL_MAX_CHARS = 20
SENTENCE_END = frozenset("。！？!?…；;")


def _table_cell(blocks: tuple[Block, ...], i: int) -> bool:
    """``blocks[i]``, a bare number, is a cell of a table of data (a 准考证号 or ID in a 公示's name list, each
    cell a block): the CELL_NEIGHBOURS blocks before and after it are short lines without a sentence's end,
    none a placeholder or a caption. An image's stand-in sits among paragraphs and captions instead.

    >>> rows = [Block(t) for t in ("1", "彭华", "本科", "2019017688", "70.19", "2", "曹佳")]
    >>> _table_cell(tuple(rows), 3), _table_cell((Block("今天，会议召开。"), *rows[3:]), 1)
    (True, False)
    """
    if not P.TIMESTAMP_LINE_RE.match(blocks[i].text.strip()):
        return False
    near = [*blocks[max(0, i - CELL_NEIGHBOURS) : i], *blocks[i + 1 : i + 1 + CELL_NEIGHBOURS]]
    if len(near) < 2 * CELL_NEIGHBOURS:
        return False
    return all(_short_cell(b) for b in near)


def _short_cell(block: Block) -> bool:
    text = block.text.strip()
    return (
        block.kind != CAPTION
        and 0 < len(text) <= CELL_MAX_CHARS
        and text[-1] not in SENTENCE_END
        and not is_placeholder(text)
        and caption_text(text) is None
    )


def remove_placeholders(article: Article, ctx: ScrubContext | None = None) -> Article:
    """Drop placeholder blocks (and a placeholder title, and file-name ``alt`` texts)."""
    removals: list[Removal] = []
    gone = []
    blocks = article.blocks
    for i, block in enumerate(blocks):
        if is_placeholder(block.text) and not _table_cell(blocks, i):
            removals.append(Removal(KIND, block.text.strip(), STEP, i, 0, len(block.text)))
            gone.append(i)
    if article.title and is_placeholder(article.title):
        removals.append(Removal(KIND, article.title.strip(), STEP, None, 0, len(article.title)))
        article = replace(article, title=None)
    images = []
    for im in article.images:
        if im.alt and is_filename_alt(im.alt):
            removals.append(Removal(KIND, im.alt, STEP, None, None, None))
            im = Image(src=im.src, alt=None, caption=im.caption)
        if im.caption and is_filename_alt(im.caption):
            removals.append(Removal(KIND, im.caption, STEP, None, None, None))
            im = Image(src=im.src, alt=im.alt, caption=None)
        if im.caption and _outer_parenthesised(im.caption.strip()):
            im = Image(src=im.src, alt=im.alt, caption=im.caption.strip()[1:-1].strip())
        images.append(im)
    article = replace(article, images=tuple(images))
    article = _mark_captions(article, [i for i in gone if not P.LOGO_LINE_RE.match(article.blocks[i].text.strip())])
    return add_removals(drop_blocks(article, gone), removals)


def _mark_captions(article: Article, placeholders: list[int]) -> Article:
    """Turn the caption line after each placeholder into a caption; strip the outer parentheses of captions."""
    after = {i + 1 for i in placeholders}
    for i, block in enumerate(article.blocks):
        if block.kind == CAPTION:
            text = block.text.strip()
            if _outer_parenthesised(text):
                start = block.text.find(text)
                article = edit_block(article, i, [(0, start + 1, ""), (start + len(text) - 1, len(block.text), "")])
            continue
        if block.kind == HEADING and i not in after:
            continue
        text = block.text.strip()
        cap = caption_text(text) if i in after else None
        if cap is None:
            continue
        start = block.text.find(cap)
        article = edit_block(article, i, [(0, start, ""), (start + len(cap), len(block.text), "")], kind=CAPTION)
    return article
