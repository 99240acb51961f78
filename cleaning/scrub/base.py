"""Shared plumbing of the scrub steps: the step context and offset-keeping edits.

Steps change block text (cut annotations, replace garbled runs) and drop or
re-kind whole blocks. :class:`~cleaning.values.Flag` offsets and block indices set
by an earlier step must follow those changes; :func:`edit_block` and
:func:`drop_blocks` keep them right.

>>> new, shift = apply_edits("ab(x)cd", [(2, 5, "")])
>>> new, shift(5), shift(3)
('abcd', 2, 2)
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace

from ..config import CleanConfig
from ..values import Article, Block, Flag, Removal

logger = logging.getLogger(__name__)

#: (start, end, replacement) on one string; spans sorted and not overlapping.
Edit = tuple[int, int, str]


@dataclass(frozen=True, slots=True)
class ScrubContext:
    """What a step may read besides the article: the cleaning options."""

    config: CleanConfig = CleanConfig()


def apply_edits(text: str, edits: Sequence[Edit]) -> tuple[str, Callable[[int], int]]:
    """Apply span replacements; return the new text and a map from old to new offsets.

    An offset inside a replaced span maps into the replacement (clipped to its end).
    """
    if not edits:
        return text, lambda pos: pos
    ordered = sorted(edits)
    parts: list[str] = []
    last = 0
    for start, end, repl in ordered:
        parts.append(text[last:start])
        parts.append(repl)
        last = end
    parts.append(text[last:])

    def shift(pos: int) -> int:
        delta = 0
        for start, end, repl in ordered:
            if pos <= start:
                break
            if pos < end:
                return start + delta + min(pos - start, len(repl))
            delta += len(repl) - (end - start)
        return pos + delta

    return "".join(parts), shift


def _moved(flag: Flag, shift: Callable[[int], int]) -> Flag:
    start = shift(flag.start) if flag.start is not None else None
    end = shift(flag.end) if flag.end is not None else None
    return replace(flag, start=start, end=end)


def edit_block(article: Article, index: int, edits: Sequence[Edit], kind: str | None = None) -> Article:
    """Apply ``edits`` to block ``index`` (optionally changing its kind); move that block's flags."""
    block = article.blocks[index]
    text, shift = apply_edits(block.text, edits)
    blocks = list(article.blocks)
    blocks[index] = Block(text=text, kind=kind or block.kind)
    flags = tuple(_moved(f, shift) if f.block == index else f for f in article.flags)
    return replace(article, blocks=tuple(blocks), flags=flags)


def drop_blocks(article: Article, indices: Iterable[int]) -> Article:
    """Remove whole blocks; flags on them go, flags after them get their new block index."""
    gone = set(indices)
    if not gone:
        return article
    new_index: dict[int, int] = {}
    kept: list[Block] = []
    for i, block in enumerate(article.blocks):
        if i not in gone:
            new_index[i] = len(kept)
            kept.append(block)
    flags = tuple(
        replace(f, block=new_index[f.block]) if f.block is not None else f
        for f in article.flags
        if f.block is None or f.block in new_index
    )
    return replace(article, blocks=tuple(kept), flags=flags)


def add_removals(article: Article, removals: Iterable[Removal]) -> Article:
    """Append removal records."""
    more = tuple(removals)
    return replace(article, removed=article.removed + more) if more else article


def add_flags(article: Article, flags: Iterable[Flag]) -> Article:
    """Append flags."""
    more = tuple(flags)
    return replace(article, flags=article.flags + more) if more else article


def strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen nothing, but trim white space at the ends of ``text[start:end]``."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
