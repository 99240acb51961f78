"""The one-pass pipeline: bytes -> decode -> extract -> scrub -> entities -> record.

:func:`clean_bytes` is the single entry point used by the batch CLI and by the
crawler's item pipeline. It raises :class:`~cleaning.errors.InputError` for input
it refuses; callers that must never stop (the batch CLI) turn any exception into
an error record with :func:`cleaning.record.error_record`.
"""

from __future__ import annotations

import logging
import re
from typing import Any

from . import extract, scrub
from .config import CleanConfig
from .decode import decode
from .errors import BinaryInput, EmptyInput, InputTooLarge
from .record import PARAGRAPH_SEP, body_layout, build_record, flag_warnings
from .script import detect_lang, detect_script, to_simplified
from .values import Article, Decoded

logger = logging.getLogger(__name__)

HTML = "html"
TEXT = "text"

#: Magic numbers of formats that are never a page, whatever the file is called.
BINARY_MAGIC = {
    b"%PDF": "a PDF document",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"PK\x03\x04": "a ZIP archive (or an Office document)",
    b"\x1f\x8b": "gzip data that could not be unpacked",
    b"\xd0\xcf\x11\xe0": "an old Office document",
    b"Rar!": "a RAR archive",
    b"7z\xbc\xaf": "a 7-Zip archive",
    b"\x7fELF": "an executable",
}
HTML_SNIFF_RE = re.compile(r"<\s*(?:!doctype|html|head|body|div|p|meta|title|table|span|article)\b", re.I)
#: Share of control or replacement characters above which decoded "text" is binary.
BINARY_SHARE = 0.05
#: Those characters: U+FFFD and C0 controls other than tab, line feed, form feed, carriage return.
NOT_TEXT_RE = re.compile("[\ufffd\x00-\x08\x0b\x0e-\x1f]")


def guess_kind(name: str, data: bytes) -> str:
    """``text`` for .txt dumps, ``html`` for markup; sniffed when the name says neither."""
    lower = name.lower()
    if lower.endswith(".gz"):
        lower = lower[:-3]
    if lower.endswith(".txt"):
        return TEXT
    if lower.endswith((".html", ".htm", ".shtml", ".xhtml")):
        return HTML
    head = data[:4096].decode("latin-1")
    return HTML if HTML_SNIFF_RE.search(head) else TEXT


def check_input(data: bytes, config: CleanConfig) -> None:
    """Refuse empty, oversized and binary input with a named error."""
    if len(data) > config.max_bytes:
        raise InputTooLarge(f"{len(data)} bytes is over the limit of {config.max_bytes} (--max-bytes)")
    if not data.strip():
        raise EmptyInput("the input is empty" if not data else "the input holds only white space")
    for magic, what in BINARY_MAGIC.items():
        if data.startswith(magic):
            raise BinaryInput(f"the input is {what}, not a page")


def check_decoded(decoded: Decoded) -> None:
    """Refuse decoded text that is mostly control or replacement characters."""
    sample = decoded.text[:20000]
    bad = len(NOT_TEXT_RE.findall(sample))
    if sample and bad / len(sample) > BINARY_SHARE:
        raise BinaryInput(f"the input looks binary: {bad} of its first {len(sample)} characters are not text")


def _warning(code: str, message: str) -> dict[str, Any]:
    return {"code": code, "message": message, "start": None, "end": None}


def _exclusions(article: Article, offsets: dict[int, int]) -> list[tuple[int, int]]:
    spans = []
    for flag in article.flags:
        if flag.block in offsets and flag.start is not None and flag.end is not None:
            base = offsets[flag.block]
            spans.append((base + flag.start, base + flag.end))
    return spans


def clean_bytes(
    data: bytes,
    *,
    input_name: str,
    kind: str | None = None,
    url: str | None = None,
    content_type: str | None = None,
    config: CleanConfig = CleanConfig(),
) -> dict[str, Any]:
    """Clean one page (HTML or a text dump, any encoding) into a record dict."""
    check_input(data, config)
    kind = kind or guess_kind(input_name, data)
    decoded = decode(data, content_type)
    check_decoded(decoded)
    return clean_text(decoded.text, input_name=input_name, kind=kind, url=url, config=config, decoded=decoded)


def clean_text(
    page: str,
    *,
    input_name: str,
    kind: str = HTML,
    url: str | None = None,
    config: CleanConfig = CleanConfig(),
    decoded: Decoded | None = None,
) -> dict[str, Any]:
    """Clean an already decoded page; ``kind`` is ``html`` or ``text``."""
    article = extract.extract_html(page, url=url) if kind == HTML else extract.extract_text(page)
    if url and not article.url:
        from dataclasses import replace

        article = replace(article, url=url)
    article = scrub.scrub(article, config)
    article = extract.bylines(article)

    paragraphs, captions, offsets = body_layout(article)
    text = PARAGRAPH_SEP.join(paragraphs)
    simplified = to_simplified(text)
    script = detect_script(text, simplified)
    lang = detect_lang(text or (article.title or ""), seed=config.lang_seed)

    warnings = [_warning("decode", w) for w in (decoded.warnings if decoded else ())]
    warnings += flag_warnings(article, offsets)
    if not text.strip():
        warnings.append(_warning("empty_body", "no article text was found"))
    elif lang != "zh":
        warnings.append(_warning("not_chinese", f"the text is in {lang!r}, not Chinese"))

    ents: dict[str, list[dict[str, Any]]] = {"people": [], "institutions": [], "figures": []}
    if config.entities and text:
        from .entities import extract_entities  # the NER model and its libraries load only when asked for

        ents = extract_entities(
            text, simplified=simplified, authors=article.authors, exclude=_exclusions(article, offsets)
        )
    return build_record(
        article,
        input_name=input_name,
        decoded=decoded,
        text=text,
        text_simplified=simplified,
        paragraphs=paragraphs,
        captions=captions,
        lang=lang,
        script=script,
        entities=ents,
        warnings=warnings,
    )
