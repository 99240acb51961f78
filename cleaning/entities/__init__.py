"""The entities stage: people, institutions and figures in cleaned text.

PLACEHOLDER: returns nothing; the real extractor replaces this.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

logger = logging.getLogger(__name__)


def extract_entities(
    text: str,
    *,
    simplified: str | None = None,
    authors: Sequence[str] = (),
    exclude: Sequence[tuple[int, int]] = (),
) -> dict[str, list[dict[str, Any]]]:
    return {"people": [], "institutions": [], "figures": []}


def extract_many(texts: Iterable[str]) -> Iterator[dict[str, list[dict[str, Any]]]]:
    """Entities for each text in order (``zhnews entities``); one dict per text."""
    for text in texts:
        yield extract_entities(text)
