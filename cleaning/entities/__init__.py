"""The entities stage: people, institutions and figures in cleaned text.

PLACEHOLDER: returns nothing; the real extractor replaces this.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
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
