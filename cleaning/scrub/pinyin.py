"""Pinyin annotations injected by spam mirrors: 開發(fā)區 -> 開發區.

A hit is a Han character followed by a parenthesised single syllable that pypinyin
lists as a reading of that very character (tone marks, tone numbers or none). The
page is only scrubbed when the hits look injected: at least
:data:`~cleaning.scrub.patterns.PINYIN_MIN_HITS` of them, mostly on characters that
exist only in Traditional script. A pinyin lesson (我(wǒ)们(men)), a poem with
readings of rare characters, and ordinary parentheses such as (李明蔚) stay.

Runs before script conversion (the pipeline converts after scrub) and over every
block, captions and the title included.

>>> reading_matches("發", "fā"), reading_matches("發", "fa1"), reading_matches("發", "qū")
(True, True, False)
"""

from __future__ import annotations

import functools
import logging
import math
import unicodedata
from dataclasses import replace

from ..script import to_simplified
from ..values import Article, Image, Removal
from . import patterns as P
from .base import ScrubContext, add_removals, edit_block

logger = logging.getLogger(__name__)

STEP = "pinyin"
KIND = "pinyin_annotation"
#: The fewest Traditional-only hits an annotated page can have.
MIN_TRADITIONAL_HITS = math.ceil(P.PINYIN_MIN_HITS * P.PINYIN_MIN_TRADITIONAL_SHARE)


@functools.cache
def _readings(char: str) -> frozenset[str]:
    from pypinyin import pinyin_dict
    from pypinyin.contrib.tone_convert import to_normal, to_tone3

    raw = pinyin_dict.pinyin_dict.get(ord(char))
    if not raw:
        return frozenset()
    out: set[str] = set()
    for tone in raw.split(","):
        out.add(tone)
        out.add(to_tone3(tone).replace("ü", "v"))
        out.add(to_normal(tone).replace("ü", "v"))
    return frozenset(out)


def reading_matches(char: str, reading: str) -> bool:
    """Whether pypinyin lists ``reading`` (any tone notation) for ``char``."""
    reading = unicodedata.normalize("NFC", reading.strip().lower())
    readings = _readings(char)
    return reading in readings or reading.replace("ü", "v") in readings


def find_annotations(text: str) -> list[tuple[int, int, str]]:
    """Spans of the ``(reading)`` parts that are readings of the character before them, with the character."""
    out = []
    for m in P.ANNOTATION_RE.finditer(text):
        if reading_matches(m.group(1), m.group(2)):
            out.append((m.start(1) + 1, m.end(), m.group(1)))
    return out


def _texts(article: Article) -> list[str]:
    texts = [b.text for b in article.blocks]
    if article.title:
        texts.append(article.title)
    for im in article.images:
        texts.extend(t for t in (im.alt, im.caption) if t)
    return texts


def page_is_annotated(article: Article) -> bool:
    """The page gate: several hits, mostly on Traditional-only characters."""
    texts = _texts(article)
    # Hits are a subset of the pattern's matches: without enough matches, and enough of them on
    # Traditional-only characters, the gate is shut whatever pypinyin says (and it is not loaded).
    chars = [m.group(1) for t in texts for m in P.ANNOTATION_RE.finditer(t)]
    if len(chars) < P.PINYIN_MIN_HITS or sum(1 for c in chars if to_simplified(c) != c) < MIN_TRADITIONAL_HITS:
        return False
    hits = [c for t in texts for _, _, c in find_annotations(t)]
    if len(hits) < P.PINYIN_MIN_HITS:
        return False
    traditional = sum(1 for c in hits if to_simplified(c) != c)
    return traditional / len(hits) >= P.PINYIN_MIN_TRADITIONAL_SHARE


def strip_annotations(text: str) -> tuple[str, list[tuple[int, int, str]]]:
    """Text without its annotations, and the removed (start, end, text) spans."""
    spans = [(s, e, text[s:e]) for s, e, _ in find_annotations(text)]
    out, last = [], 0
    for s, e, _ in spans:
        out.append(text[last:s])
        last = e
    out.append(text[last:])
    return "".join(out), spans


def remove_pinyin(article: Article, ctx: ScrubContext | None = None) -> Article:
    """Remove injected ``(reading)`` annotations from blocks, title and image texts of an annotated page."""
    if not page_is_annotated(article):
        return article
    removals: list[Removal] = []
    for i, block in enumerate(article.blocks):
        spans = find_annotations(block.text)
        if spans:
            removals.extend(Removal(KIND, block.text[s:e], STEP, i, s, e) for s, e, _ in spans)
            article = edit_block(article, i, [(s, e, "") for s, e, _ in spans])
    if article.title:
        title, spans = strip_annotations(article.title)
        removals.extend(Removal(KIND, t, STEP, None, s, e) for s, e, t in spans)
        article = replace(article, title=title)
    images = []
    for im in article.images:
        alt = strip_annotations(im.alt)[0] if im.alt else im.alt
        caption = strip_annotations(im.caption)[0] if im.caption else im.caption
        images.append(Image(src=im.src, alt=alt, caption=caption))
    article = replace(article, images=tuple(images))
    logger.debug("pinyin: removed %d annotations", len(removals))
    return add_removals(article, removals)
