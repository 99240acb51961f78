"""The word lists in ``data/`` (surnames, titles, institution suffixes ...), loaded once.

Every list is ours, written for zhnews; lines starting with ``#`` are comments and
entries are separated by white space (``org_suffixes.txt`` is ``suffix<TAB>type``).
"""

from __future__ import annotations

import functools
import logging
from dataclasses import dataclass
from importlib import resources

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Lexicon:
    """All lists, as sets (and suffix -> institution type)."""

    surnames: frozenset[str]
    titles: frozenset[str]
    honorifics: frozenset[str]
    famous: frozenset[str]
    not_people: frozenset[str]
    org_suffixes: dict[str, str]
    org_words: frozenset[str]
    translit: frozenset[str]
    places: frozenset[str]
    trade_suffixes: frozenset[str]

    @property
    def max_title(self) -> int:
        return max(map(len, self.titles))


def _words(name: str) -> list[str]:
    text = resources.files(__package__).joinpath("data", name).read_text(encoding="utf-8")
    out: list[str] = []
    for line in text.splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            out.extend(line.split())
    return out


def _pairs(name: str) -> dict[str, str]:
    text = resources.files(__package__).joinpath("data", name).read_text(encoding="utf-8")
    out: dict[str, str] = {}
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            key, _, value = line.partition("\t")
            out[key.strip()] = value.strip() or "other"
    return out


@functools.lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The lists, read from the package data on first use.

    >>> lex = lexicon()
    >>> "欧阳" in lex.surnames, "教授" in lex.titles, lex.org_suffixes["大学"]
    (True, True, 'university')
    """
    suffixes = _pairs("org_suffixes.txt")
    return Lexicon(
        surnames=frozenset(_words("surnames.txt")),
        titles=frozenset(_words("titles.txt")),
        honorifics=frozenset(_words("honorifics.txt")),
        famous=frozenset(_words("famous.txt")),
        not_people=frozenset(_words("not_people.txt")),
        org_suffixes={k: "company" if v == "trade" else v for k, v in suffixes.items()},
        org_words=frozenset(_words("org_words.txt")),
        translit=frozenset("".join(_words("translit.txt"))),
        places=frozenset(_words("places.txt")),
        trade_suffixes=frozenset(k for k, v in suffixes.items() if v == "trade"),
    )
