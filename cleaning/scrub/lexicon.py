"""Word lists and the character-frequency model the scrub steps read from ``data/``.

Everything is loaded lazily on first use and cached per process (``functools.cache``),
so importing the package costs nothing.

``char_freq.tsv`` and ``two_char_words.txt`` are derived from jieba's dictionary (MIT); ``spam_terms.txt`` is
this project's own title grammar plus words taken from the konsheng sensitive-word
lexicon (MIT, attribution in the file header). Run this module to regenerate the
frequency table and the two-character word list from the installed jieba wheel::

    python -m cleaning.scrub.lexicon > cleaning/scrub/data/char_freq.tsv
    python -m cleaning.scrub.lexicon words > cleaning/scrub/data/two_char_words.txt

>>> char_logp("的") > -6 > char_logp("覘")
True
"""

from __future__ import annotations

import functools
import importlib.util
import logging
import math
import os
import re
import sys
from collections import Counter
from importlib import resources

logger = logging.getLogger(__name__)

TWO_CHAR_WORD_RE = re.compile(r"^(\S\S) (\d+)", re.M)
TWO_CHAR_WORDS = "two_char_words.txt"
TWO_CHAR_FREQS = "two_char_freqs.txt"
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


def _trie(words: list[str], end: str = "", fold: bool = False) -> str:
    """A regex matching exactly ``words`` (each followed by ``end``), as a prefix tree of alternations.

    ``fold``: cased characters match case-insensitively (as under ``re.IGNORECASE``) in a
    pattern compiled without the flag.
    """
    tree: dict[str, dict] = {}  # type: ignore[type-arg]
    for word in words:
        node = tree
        for c in word:
            node = node.setdefault(c, {})
        node[""] = {}

    def lit(c: str) -> str:
        esc = re.escape(c)
        return f"(?i:{esc})" if fold and c.lower() != c.upper() else esc

    def emit(node: dict) -> str:  # type: ignore[type-arg]
        alts = [end] if "" in node else []
        alts += [lit(c) + emit(node[c]) for c in sorted(k for k in node if k)]
        return alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"

    return emit(tree)


@functools.cache
def _spam_terms_search() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """:func:`spam_terms_re` split for speed: non-ASCII terms starting with an uncased character
    (no IGNORECASE flag, so the engine can skip to their first characters), the others, and
    the first characters of the others (a cheap test before the slower second pattern)."""
    terms = sorted(spam_terms())
    ascii_terms = [t for t in terms if t.isascii()]
    other = [t for t in terms if not t.isascii() and t[0].lower() != t[0].upper()]
    plain = [t for t in terms if not t.isascii() and t[0].lower() == t[0].upper()]
    cased = ascii_terms + other
    # same look-arounds as spam_terms_re: ASCII terms stand alone; any other term anywhere
    alts = []
    if ascii_terms:
        alts.append(rf"(?<![a-z]){_trie(ascii_terms, '(?![a-z])')}")
    if other:
        alts.append(_trie(other))
    firsts = "".join(sorted({re.escape(t[0]) for t in cased}))
    never = r"(?!x)x"
    return (
        re.compile(_trie(plain, fold=True)) if plain else re.compile(never),
        re.compile("|".join(alts), re.IGNORECASE) if alts else re.compile(never),
        re.compile(f"[{firsts}]", re.IGNORECASE) if firsts else re.compile(never),
    )


def has_spam_term(text: str) -> bool:
    """``bool(spam_terms_re().search(text))``, about ten times faster.

    >>> has_spam_term("县应急管理局召开会议"), has_spam_term("Porn site"), has_spam_term("pornography")
    (False, True, False)
    """
    plain, cased, firsts = _spam_terms_search()
    return bool(plain.search(text) or (firsts.search(text) and cased.search(text)))


@functools.cache
def spam_domains() -> frozenset[str]:
    """Registered domains of known spam sites from ``data/spam_domains.txt``."""
    return frozenset(ln.lower() for ln in _data_lines("spam_domains.txt"))


def jieba_dict_path() -> str:
    """``dict.txt`` of the installed jieba wheel, found without importing jieba (whose import costs ~0.3 s)."""
    spec = importlib.util.find_spec("jieba")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("jieba is not installed")
    return os.path.join(next(iter(spec.submodule_search_locations)), "dict.txt")


@functools.cache
def _two_char_list() -> list[str]:
    """The words of ``data/two_char_words.txt``, in its (sorted) order."""
    lines = resources.files(__package__).joinpath("data", TWO_CHAR_WORDS).read_text(encoding="utf-8").split("\n")
    header = next(k for k, ln in enumerate(lines) if not ln.startswith("#"))  # comments only head the file
    return [ln for ln in lines[header:] if ln]


@functools.cache
def two_char_words() -> frozenset[str]:
    """The two-character words of jieba's dictionary, from ``data/two_char_words.txt`` (the keys of
    :func:`word_freq`, kept apart because the word checks only ask whether a pair is a word)."""
    return frozenset(_two_char_list())


@functools.cache
def word_freq() -> dict[str, int]:
    """Two-character words of jieba's dictionary with their frequency: ``data/two_char_freqs.txt`` holds the
    frequency of each word of ``data/two_char_words.txt``, line for line (reading jieba's 5 MB dictionary
    for them cost a fifth of a second in every process that restores a character)."""
    text = resources.files(__package__).joinpath("data", TWO_CHAR_FREQS).read_text(encoding="ascii")
    freqs = [ln for ln in text.split("\n") if ln and not ln.startswith("#")]
    words = _two_char_list()
    if len(freqs) != len(words):
        raise ValueError(f"{TWO_CHAR_FREQS} has {len(freqs)} frequencies for {len(words)} words")
    return dict(zip(words, map(int, freqs), strict=True))


def jieba_word_freq() -> dict[str, int]:
    """:func:`word_freq` as read from the installed jieba wheel's dictionary (to regenerate the data files)."""
    path = jieba_dict_path()
    with open(path, encoding="utf-8") as fh:
        text = fh.read()
    return {word: int(freq) for word, freq in TWO_CHAR_WORD_RE.findall(text)}


def build_char_freq() -> Counter[str]:
    """Count Han characters over jieba's dictionary, weighted by word frequency."""
    path = jieba_dict_path()
    counts: Counter[str] = Counter()
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            word, freq, *_ = line.split(" ")
            for c in word:
                if "\u3400" <= c <= "\u9fff" or "\uf900" <= c <= "\ufaff":
                    counts[c] += int(freq)
    return counts


def main() -> None:
    """Write the frequency table to stdout (``words``: the two-character word list instead; ``freqs``: their
    frequencies, line for line)."""
    out = sys.stdout
    if sys.argv[1:] == ["words"]:
        out.write("# The two-character words of jieba 0.42.1's dict.txt (jieba: MIT License, (c) 2013 Sun Junyi).\n")
        out.write(f"# Regenerate with: python -m cleaning.scrub.lexicon words > cleaning/scrub/data/{TWO_CHAR_WORDS}\n")
        out.writelines(f"{w}\n" for w in sorted(jieba_word_freq()))
        return
    if sys.argv[1:] == ["freqs"]:
        out.write(f"# The frequency of each word of {TWO_CHAR_WORDS}, line for line, in jieba 0.42.1's dict.txt.\n")
        out.write(f"# Regenerate with: python -m cleaning.scrub.lexicon freqs > cleaning/scrub/data/{TWO_CHAR_FREQS}\n")
        freq = jieba_word_freq()
        out.writelines(f"{freq[w]}\n" for w in sorted(freq))
        return
    out.write("# Han character frequencies: for each character, the summed frequency of the words that contain it\n")
    out.write("# in jieba 0.42.1's dict.txt (jieba: MIT License, (c) 2013 Sun Junyi, github.com/fxsjy/jieba).\n")
    out.write("# Regenerate with: python -m cleaning.scrub.lexicon > cleaning/scrub/data/char_freq.tsv\n")
    for char, n in sorted(build_char_freq().items(), key=lambda x: (-x[1], x[0])):
        out.write(f"{char}\t{n}\n")


if __name__ == "__main__":
    main()
