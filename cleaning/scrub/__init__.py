"""The scrub stage: named, pure steps that undo what spam mirrors do.

PLACEHOLDER: the registry is empty; the real steps replace this.
"""

from __future__ import annotations

import logging

from ..config import CleanConfig
from ..values import Article

logger = logging.getLogger(__name__)

STEPS: dict[str, object] = {}


def scrub(article: Article, config: CleanConfig) -> Article:
    return article
