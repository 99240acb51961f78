"""Word lists and the character-frequency model the scrub steps read from ``data/``.

Everything is loaded lazily on first use and cached per process (``functools.cache``),
so importing the package costs nothing.

``char_freq.tsv`` is derived from jieba's dictionary (MIT); ``spam_terms.txt`` is
this project's own title grammar plus words taken from the konsheng sensitive-word
lexicon (MIT, attribution in the file header). Run this module to regenerate the
frequency table from the installed jieba wheel::

    python -m cleaning.scrub.lexicon > cleaning/scrub/data/char_freq.tsv

>>> char_logp("的") > -6 > char_logp("覘")
True
"""

from __future__ import annotations

import functools
import logging
import math
import os
import re
import sys
from collections import Counter
from importlib import resources

logger = logging.getLogger(__name__)

TWO_CHAR_WORD_RE = re.compile(r"^(\S\S) (\d+)", re.M)
#: log-probability of a Han character the model never saw.
UNSEEN_LOGP = -18.5
#: log-probability given to private-use and replacement characters.
PUA_LOGP = -20.0


def _data_lines(name: str) -> list[str]:
    text = resources.files(__package__).joinpath("data", name).read_text(encoding="utf-8")
    return [ln.strip() for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]


@functools.cache
def char_counts() -> tuple[dict[str, int], int]:
    """Character -> count, and the total, from ``data/char_freq.tsv``."""
    counts: dict[str, int] = {}
    for line in _data_lines("char_freq.tsv"):
        char, _, n = line.partition("\t")
        counts[char] = int(n)
    return counts, sum(counts.values())


@functools.lru_cache(maxsize=65536)
def char_logp(char: str) -> float:
    """Natural-log probability of one (Simplified) character; PUA characters score lowest."""
    if "\ue000" <= char <= "\uf8ff" or char == "\ufffd":
        return PUA_LOGP
    counts, total = char_counts()
    n = counts.get(char)
    return math.log(n / total) if n else UNSEEN_LOGP


@functools.cache
def spam_terms() -> frozenset[str]:
    """Explicit spam words (lower-cased) from ``data/spam_terms.txt``."""
    return frozenset(ln.lower() for ln in _data_lines("spam_terms.txt"))


@functools.cache
def spam_terms_re() -> re.Pattern[str]:
    """One alternation over :func:`spam_terms`, longest first."""
    terms = sorted(spam_terms(), key=len, reverse=True)
    alts = [rf"(?<![a-z]){re.escape(t)}(?![a-z])" if t.isascii() else re.escape(t) for t in terms]
    return re.compile("|".join(alts), re.IGNORECASE)


@functools.cache
def spam_domains() -> frozenset[str]:
    """Registered domains of known spam sites from ``data/spam_domains.txt``."""
    return frozenset(ln.lower() for ln in _data_lines("spam_domains.txt"))


@functools.cache
def word_freq() -> dict[str, int]:
    """Two-character words of jieba's dictionary with their frequency (read from the installed wheel)."""
    import jieba

    path = os.path.join(os.path.dirname(jieba.__file__), "dict.txt")
    with open(path, encoding="utf-8") as fh:
        text = fh.read()
    return {word: int(freq) for word, freq in TWO_CHAR_WORD_RE.findall(text)}


def build_char_freq() -> Counter[str]:
    """Count Han characters over jieba's dictionary, weighted by word frequency."""
    import jieba

    path = os.path.join(os.path.dirname(jieba.__file__), "dict.txt")
    counts: Counter[str] = Counter()
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            word, freq, *_ = line.split(" ")
            for c in word:
                if "\u3400" <= c <= "\u9fff" or "\uf900" <= c <= "\ufaff":
                    counts[c] += int(freq)
    return counts


def main() -> None:
    """Write the frequency table to stdout."""
    out = sys.stdout
    out.write("# Han character frequencies: for each character, the summed frequency of the words that contain it\n")
    out.write("# in jieba 0.42.1's dict.txt (jieba: MIT License, (c) 2013 Sun Junyi, github.com/fxsjy/jieba).\n")
    out.write("# Regenerate with: python -m cleaning.scrub.lexicon > cleaning/scrub/data/char_freq.tsv\n")
    for char, n in sorted(build_char_freq().items(), key=lambda x: (-x[1], x[0])):
        out.write(f"{char}\t{n}\n")


if __name__ == "__main__":
    main()
