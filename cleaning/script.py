"""Script (Simplified/Traditional) and language of cleaned text.

Conversion uses the official ``opencc`` wheel (length-preserving for ``t2s``, so
offsets found on the Simplified text hold on the original). Language detection is
langdetect with a fixed seed, so the same text always gets the same answer.

>>> to_simplified("連雲港開發區")
'连云港开发区'
>>> detect_script("連雲港開發區用好科技鎮長"), detect_script("连云港开发区")
('traditional', 'simplified')
"""

from __future__ import annotations

import functools
import logging
import re

logger = logging.getLogger(__name__)

HAN_RE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
KANA_RE = re.compile(r"[\u3040-\u30ff]")
HANGUL_RE = re.compile(r"[\uac00-\ud7af]")
HAN_RUN_RE = re.compile(HAN_RE.pattern + "+")
KANA_RUN_RE = re.compile(KANA_RE.pattern + "+")
HANGUL_RUN_RE = re.compile(HANGUL_RE.pattern + "+")
#: A page counts as Traditional when this share of its Han characters changes under t2s.
TRADITIONAL_SHARE = 0.05
LANG_SAMPLE_CHARS = 4000
#: What langdetect is given of a text that is not Han-dominated: it lists every n-gram of what it is given
#: before it samples them (a third of its 45 ms over a 4,000-character English page); a thousand characters
#: name the language as surely.
LANG_DETECT_CHARS = 1000


@functools.lru_cache(maxsize=2)
def _converter(config: str):  # type: ignore[no-untyped-def]
    import opencc

    return opencc.OpenCC(config)


def to_simplified(text: str) -> str:
    """Traditional -> Simplified (OpenCC ``t2s``); Simplified text comes back unchanged."""
    return _converter("t2s").convert(text) if text else text


def to_traditional(text: str) -> str:
    """Simplified -> Traditional (OpenCC ``s2t``)."""
    return _converter("s2t").convert(text) if text else text


def detect_script(text: str, simplified: str | None = None) -> str | None:
    """``simplified``, ``traditional`` or None when the text has no Han characters."""
    if not HAN_RE.search(text):
        return None
    simplified = to_simplified(text) if simplified is None else simplified
    if len(simplified) != len(text):
        simplified = to_simplified(text)
    if simplified == text:
        return "simplified"  # nothing changes under t2s
    han = sum(map(len, HAN_RUN_RE.findall(text)))
    changed = 0
    for i in range(0, len(text), _CHUNK):  # equal stretches compared at C speed, only differing ones char by char
        part, simple = text[i : i + _CHUNK], simplified[i : i + _CHUNK]
        if part != simple:
            changed += sum(1 for a, b in zip(part, simple, strict=True) if a != b and HAN_RE.match(a))
    return "traditional" if changed / han >= TRADITIONAL_SHARE else "simplified"


_CHUNK = 64


def detect_lang(text: str, seed: int = 0) -> str | None:
    """An ISO 639-1 code (``zh`` for Chinese in either script), or None for no text.

    Han-dominated text is ``zh`` without asking the detector, which confuses
    Traditional Chinese mixed with stray romanisation for Korean or Japanese;
    kana or hangul in quantity still win.
    """
    sample = text[:LANG_SAMPLE_CHARS]
    # Han characters are letters. Han-dominated means han / (han + other letters) >= 0.5, certain without
    # counting the other letters when the rest of the sample is no longer than its Han part; kana and hangul are
    # in that rest too, so fewer than 5% of the Han characters when the whole rest is
    rest = HAN_RUN_RE.sub("", sample)
    han = len(sample) - len(rest)
    if han:
        if (len(rest) <= han or sum(map(str.isalpha, rest)) <= han) and (
            len(rest) < han * 0.05
            or (
                sum(map(len, KANA_RUN_RE.findall(rest))) < han * 0.05
                and sum(map(len, HANGUL_RUN_RE.findall(rest))) < han * 0.05
            )
        ):
            return "zh"
    elif not any(map(str.isalpha, sample)):
        return None
    from langdetect import LangDetectException

    detector = _detector_factory().create()
    detector.seed = seed
    try:
        detector.append(sample[:LANG_DETECT_CHARS])
        lang = detector.detect()
    except LangDetectException:
        return None
    return "zh" if lang.startswith("zh") else lang


class _ProfileMap:
    """langdetect's n-gram -> probability-per-language table, each row made when the detector first asks.

    ``DetectorFactory.load_profile`` builds all 88,000 rows before the first answer (half a second, paid
    by every worker on its first non-Chinese page); a text needs a few hundred. Each row is computed as
    ``add_profile`` computes it, so the answers are the same.
    """

    def __init__(self, profiles: list[tuple[dict[str, int], list[int]]]) -> None:
        self._profiles = profiles
        self._words: frozenset[str] = frozenset().union(*(freq for freq, _ in profiles))
        self._rows: dict[str, list[float]] = {}

    def __contains__(self, word: object) -> bool:
        return word in self._words

    def __getitem__(self, word: str) -> list[float]:
        row = self._rows.get(word)
        if row is None:
            if word not in self._words:
                raise KeyError(word)
            n = len(word)
            row = [
                1.0 * freq[word] / n_words[n - 1] if 1 <= n <= 3 and word in freq else 0.0
                for freq, n_words in self._profiles
            ]
            self._rows[word] = row
        return row


@functools.cache
def _detector_factory():  # type: ignore[no-untyped-def]
    """A langdetect ``DetectorFactory`` over the wheel's profiles, loaded in langdetect's own order."""
    import json
    import os

    from langdetect.detector_factory import PROFILES_DIRECTORY, DetectorFactory

    factory = DetectorFactory()
    profiles = []
    for name in os.listdir(PROFILES_DIRECTORY):  # the order load_profile numbers the languages in
        path = os.path.join(PROFILES_DIRECTORY, name)
        if name.startswith(".") or not os.path.isfile(path):
            continue
        with open(path, encoding="utf-8") as fh:
            data = json.load(fh)
        factory.langlist.append(data["name"])
        profiles.append((data["freq"], data["n_words"]))
    factory.word_lang_prob_map = _ProfileMap(profiles)
    return factory
