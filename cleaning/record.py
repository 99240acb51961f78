"""The record stage: an :class:`~cleaning.values.Article` and what was found in it -> one JSON record.

Also publishes the record's JSON Schema (``record.schema.json`` beside this module)
and builds error records, so that every input gives exactly one line.
"""

from __future__ import annotations

import functools
import json
import logging
from collections import Counter
from importlib import resources
from typing import Any

from .values import CAPTION, Article, Decoded

logger = logging.getLogger(__name__)

SCHEMA_VERSION = "1.0.0"
#: Removal kinds every record counts, even at zero.
COUNTED = ("image_placeholder", "spam_block", "pinyin_annotation", "boilerplate_block")
PARAGRAPH_SEP = "\n\n"


@functools.lru_cache(maxsize=1)
def schema() -> dict[str, Any]:
    """The record's JSON Schema as a dict."""
    text = resources.files(__package__).joinpath("record.schema.json").read_text(encoding="utf-8")
    return json.loads(text)  # type: ignore[no-any-return]


@functools.lru_cache(maxsize=1)
def _validator():  # type: ignore[no-untyped-def]
    import jsonschema

    return jsonschema.Draft202012Validator(schema())


def validate(record: dict[str, Any]) -> None:
    """Raise ``jsonschema.ValidationError`` if ``record`` does not follow the schema."""
    _validator().validate(record)


def error_record(input_name: str, exc: BaseException, url: str | None = None) -> dict[str, Any]:
    """The line written for an input that could not be cleaned."""
    message = str(exc) or exc.__class__.__name__
    return {
        "schema_version": SCHEMA_VERSION,
        "input": input_name,
        "url": url,
        "error": {"type": exc.__class__.__name__, "message": message},
    }


def plural(kind: str) -> str:
    """``spam_block`` -> ``spam_blocks``."""
    return kind if kind.endswith("s") else kind + "s"


def removed_summary(article: Article) -> dict[str, Any]:
    """Counts per removal kind (plural keys), ``spam_chars``, and the items themselves."""
    counts: Counter[str] = Counter({k: 0 for k in COUNTED})
    counts.update(r.kind for r in article.removed)
    out: dict[str, Any] = {plural(k): n for k, n in sorted(counts.items())}
    out["spam_chars"] = sum(len(r.text) for r in article.removed if r.kind == "spam_block")
    out["items"] = [
        {"kind": r.kind, "text": r.text, "step": r.step, "block": r.block, "start": r.start, "end": r.end}
        for r in article.removed
    ]
    return out


def body_layout(article: Article) -> tuple[list[str], list[str], dict[int, int]]:
    """Paragraphs, captions, and for each body block index its offset into ``text``."""
    paragraphs: list[str] = []
    captions: list[str] = []
    offsets: dict[int, int] = {}
    pos = 0
    for i, block in enumerate(article.blocks):
        if block.kind == CAPTION:
            captions.append(block.text)
            continue
        if paragraphs:
            pos += len(PARAGRAPH_SEP)
        offsets[i] = pos
        paragraphs.append(block.text)
        pos += len(block.text)
    return paragraphs, captions, offsets


def flag_warnings(article: Article, offsets: dict[int, int]) -> list[dict[str, Any]]:
    """Flags and plain warnings as record warnings, flag spans as offsets into ``text``."""
    out: list[dict[str, Any]] = []
    for flag in article.flags:
        base = offsets.get(flag.block) if flag.block is not None else None
        start = base + flag.start if base is not None and flag.start is not None else None
        end = base + flag.end if base is not None and flag.end is not None else None
        out.append({"code": flag.code, "message": flag.message, "start": start, "end": end})
    return out


def build_record(
    article: Article,
    *,
    input_name: str,
    decoded: Decoded | None,
    text: str,
    text_simplified: str,
    paragraphs: list[str],
    captions: list[str],
    lang: str | None,
    script: str | None,
    entities: dict[str, list[dict[str, Any]]],
    warnings: list[dict[str, Any]],
) -> dict[str, Any]:
    """Assemble the record in the schema's field order."""
    return {
        "schema_version": SCHEMA_VERSION,
        "input": input_name,
        "url": article.url,
        "title": article.title,
        "column": article.column,
        "source_name": article.source_name,
        "authors": list(article.authors),
        "published_at": article.published_at,
        "lang": lang,
        "script": script,
        "text": text,
        "text_simplified": text_simplified,
        "paragraphs": paragraphs,
        "captions": captions,
        "images": [{"src": im.src, "alt": im.alt, "caption": im.caption} for im in article.images],
        "encoding": decoded.encoding if decoded else None,
        "removed": removed_summary(article),
        "entities": entities,
        "spam_score": round(min(max(article.spam_score, 0.0), 1.0), 4),
        "warnings": warnings,
    }
