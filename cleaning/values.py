"""Typed values passed between the stages: decode -> extract -> scrub -> entities -> record.

Every stage takes and returns these frozen, slotted dataclasses; nothing downstream
sees a DOM, a Scrapy response or a loose dict until the record stage turns an
:class:`Article` into the JSON record.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

logger = logging.getLogger(__name__)

#: Block kinds, in the order a reader meets them.
PARAGRAPH = "paragraph"
HEADING = "heading"
CAPTION = "caption"


@dataclass(frozen=True, slots=True)
class Decoded:
    """Text decoded from bytes, with the encoding that decoded it.

    ``source`` says which rule chose the encoding: ``http``, ``bom``, ``utf-8``,
    ``meta``, ``detector`` or ``fallback``.
    """

    text: str
    encoding: str
    source: str
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Block:
    """One unit of article text in reading order (a paragraph, heading or caption)."""

    text: str
    kind: str = PARAGRAPH


@dataclass(frozen=True, slots=True)
class Image:
    """An image of the article body; ``caption`` is the caption text next to it, if any."""

    src: str
    alt: str | None = None
    caption: str | None = None


@dataclass(frozen=True, slots=True)
class Removal:
    """Something a stage took out of the page, kept for audit.

    ``kind`` is singular (``image_placeholder``, ``spam_block``, ``pinyin_annotation``,
    ``boilerplate_block``, ``hidden_element``, ``mojibake_fragment`` ...); the record
    counts removals per kind under the plural key (``image_placeholders`` ...).
    ``block`` is the index of the block it was in (or stood as) when it was removed,
    ``start``/``end`` the character span inside that block's text at that moment.
    """

    kind: str
    text: str
    step: str
    block: int | None = None
    start: int | None = None
    end: int | None = None


@dataclass(frozen=True, slots=True)
class Flag:
    """A stretch of text left in place but marked (e.g. unrepaired mojibake).

    Flags become record ``warnings`` with offsets into ``text``; entities are not
    taken from flagged stretches.
    """

    code: str
    message: str
    block: int | None = None
    start: int | None = None
    end: int | None = None


@dataclass(frozen=True, slots=True)
class Article:
    """What the extract stage found, refined by scrub.

    ``blocks`` hold the body in reading order, captions included (kind ``caption``);
    the record stage splits them into ``text`` and ``captions``.
    """

    blocks: tuple[Block, ...]
    title: str | None = None
    column: str | None = None
    source_name: str | None = None
    authors: tuple[str, ...] = ()
    published_at: str | None = None
    url: str | None = None
    images: tuple[Image, ...] = ()
    removed: tuple[Removal, ...] = ()
    flags: tuple[Flag, ...] = ()
    spam_score: float = 0.0
    meta: dict[str, str] = field(default_factory=dict, hash=False, compare=False)
