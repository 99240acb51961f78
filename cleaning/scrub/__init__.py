"""The scrub stage: named, pure steps that undo what spam mirrors do to an article.

``STEPS`` is the registry (ftfy ``fixes.py``-style): an ordered mapping from a step
name to a function ``(Article, ScrubContext) -> Article``. :func:`scrub` runs the
steps named by ``config.scrub_steps`` (None: every step in ``DEFAULT_ON``) minus
``config.skip_steps``, always in registry order. Each step appends what it took
out to ``Article.removed`` (kind, text, block, span) and what it left but marked to
``Article.flags``.

Order matters: garbled runs are repaired first (their byte-level repair reads the
injected readings next to them), then annotations go, then image placeholders
(which may carry annotations themselves) and captions, then spam blocks.

>>> list(STEPS)
['mojibake', 'pinyin', 'placeholders', 'spam']
>>> from ..values import Block
>>> art = Article(blocks=(Block("logo"), Block("開發(fā)區(qū)時(shí)代。"), Block("1551059341927"), Block("(說明)")))
>>> out = scrub(art, CleanConfig())
>>> [(b.kind, b.text) for b in out.blocks], len(out.removed)
([('paragraph', '開發區時代。'), ('caption', '說明')], 5)
>>> [b.text for b in scrub(art, CleanConfig(skip_steps=frozenset({"pinyin"}))).blocks][0]
'開發(fā)區(qū)時(shí)代。'
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from types import MappingProxyType

from ..config import CleanConfig, UnknownStep, check_steps
from ..values import Article
from .base import ScrubContext
from .mojibake import repair_mojibake
from .pinyin import remove_pinyin
from .placeholders import remove_placeholders
from .spam import remove_spam

logger = logging.getLogger(__name__)

__all__ = ["DEFAULT_ON", "STEPS", "ScrubContext", "Step", "UnknownStep", "scrub"]

Step = Callable[[Article, ScrubContext], Article]

#: name -> step, in the order they run.
STEPS: MappingProxyType[str, Step] = MappingProxyType(
    {
        "mojibake": repair_mojibake,
        "pinyin": remove_pinyin,
        "placeholders": remove_placeholders,
        "spam": remove_spam,
    }
)
#: Steps that run when the config names none.
DEFAULT_ON: frozenset[str] = frozenset(STEPS)


def selected(config: CleanConfig) -> list[str]:
    """The names of the steps ``config`` switches on, in registry order."""
    check_steps(config)
    names = set(DEFAULT_ON if config.scrub_steps is None else config.scrub_steps)
    return [n for n in STEPS if n in names and n not in config.skip_steps]


def scrub(article: Article, config: CleanConfig) -> Article:
    """Run the selected steps over ``article``."""
    ctx = ScrubContext(config)
    for name in selected(config):
        article = STEPS[name](article, ctx)
        logger.debug("scrub step %s: %d removals so far", name, len(article.removed))
    return article
