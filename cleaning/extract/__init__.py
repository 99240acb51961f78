"""The extract stage: decoded page -> :class:`~cleaning.values.Article`.

``extract_html`` finds the article body of an HTML page; ``extract_text`` reads a
plain-text dump; ``bylines`` runs after scrubbing and takes the column, source and
author tags out of the (now clean) title and body.

PLACEHOLDER: minimal versions; the real extractor replaces them.
"""

from __future__ import annotations

import logging

import lxml.html

from ..values import Article, Block

logger = logging.getLogger(__name__)


def extract_html(html: str, url: str | None = None) -> Article:
    doc = lxml.html.fromstring(html)
    for bad in doc.xpath("//script|//style"):
        bad.drop_tree()
    title = (doc.findtext(".//title") or "").strip() or None
    blocks = tuple(Block(p.text_content().strip()) for p in doc.iter("p") if p.text_content().strip())
    return Article(blocks=blocks, title=title, url=url)


def extract_text(text: str) -> Article:
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    return Article(blocks=tuple(Block(ln) for ln in lines[1:]), title=lines[0] if lines else None)


def bylines(article: Article) -> Article:
    return article
