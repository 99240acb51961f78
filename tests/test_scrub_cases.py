"""Case files of the scrub steps (fixtures/scrub/<step>.json), ftfy-style: label, original, expected.

Each case builds an :class:`~cleaning.values.Article`, runs one step (or every step for
``"step": "all"``) and compares what the case names: blocks, title, images, removal
counts per kind, flags (code, block, start, end) and bounds on the spam score.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from cleaning.config import CleanConfig
from cleaning.scrub import STEPS, ScrubContext, scrub
from cleaning.values import PARAGRAPH, Article, Block, Image, Removal

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "scrub"
FILES = ("placeholders", "pinyin", "spam", "mojibake")


def _cases() -> list[Any]:
    out = []
    for name in FILES:
        for case in json.loads((FIXTURES / f"{name}.json").read_text(encoding="utf-8")):
            out.append(pytest.param(case, id=f"{name}: {case['label']}"))
    return out


def _block(b: str | dict[str, str]) -> Block:
    return Block(b) if isinstance(b, str) else Block(b["text"], b.get("kind", PARAGRAPH))


def _article(spec: dict[str, Any]) -> Article:
    return Article(
        blocks=tuple(_block(b) for b in spec["blocks"]),
        title=spec.get("title"),
        images=tuple(Image(im["src"], im.get("alt"), im.get("caption")) for im in spec.get("images", [])),
        removed=tuple(Removal(r["kind"], r["text"], r["step"]) for r in spec.get("removed", [])),
    )


@pytest.mark.parametrize("case", _cases())
def test_case(case: dict[str, Any]) -> None:
    article = _article(case["original"])
    if case["step"] == "all":
        out = scrub(article, CleanConfig())
    else:
        out = STEPS[case["step"]](article, ScrubContext())
    want = case["expected"]
    if "blocks" in want:
        assert [(b.text, b.kind) for b in out.blocks] == [(x.text, x.kind) for x in map(_block, want["blocks"])]
    if "title" in want:
        assert out.title == want["title"]
    if "images" in want:
        assert [{"src": i.src, "alt": i.alt, "caption": i.caption} for i in out.images] == want["images"]
    counts = Counter(r.kind for r in out.removed)
    for kind, n in want.get("removed", {}).items():
        assert counts[kind] == n, (kind, [(r.kind, r.text) for r in out.removed])
    if "flags" in want:
        assert [[f.code, f.block, f.start, f.end] for f in out.flags] == want["flags"]
    assert want.get("spam_score_min", 0.0) <= out.spam_score <= want.get("spam_score_max", 1.0)


@pytest.mark.parametrize("case", _cases())
def test_removals_point_at_what_they_removed(case: dict[str, Any]) -> None:
    """Every removal that names a block and span names the text that was there before its step ran."""
    article = _article(case["original"])
    out = scrub(article, CleanConfig())
    for r in out.removed:
        assert r.text, r
        if r.start is not None and r.end is not None:
            assert r.end - r.start >= len(r.text.strip()) > 0


def test_rare_character_class_is_the_models() -> None:
    """The class _quiet and wordless_runs count with holds exactly the Han and private-use characters
    rarer than WORDLESS_RARE_LOGP, for every BMP code point of those blocks and a supplementary one."""
    from cleaning.scrub import mojibake as m
    from cleaning.scrub.patterns import HAN_OR_PUA_RE, HAN_PUA_BMP_RANGES

    rare = m._rare_re()
    codes = [c for first, last in HAN_PUA_BMP_RANGES for c in range(first, last + 1)] + [0x20BB7, 0x4E00 - 1]
    for code in codes:
        c = chr(code)
        expected = bool(HAN_OR_PUA_RE.match(c)) and m.lexicon.char_logp(c) < m.WORDLESS_RARE_LOGP
        assert bool(rare.match(c)) == expected, hex(code)


def test_rare_stretch_and_run_checks_are_the_models() -> None:
    """The checks that stand in for per-character scores find exactly the characters scored below the
    threshold: those a word-less stretch may hold (kana, Greek, Cyrillic, box drawing too) below
    WORDLESS_RARE_LOGP, and the Han/PUA ones below RARE_LOGP that find_runs starts runs at."""
    from cleaning.scrub import mojibake as m
    from cleaning.scrub.patterns import HAN_OR_PUA_RE, RARE_LOGP

    codes = [*range(0x0370, 0x0460), *range(0x2500, 0x2580), *range(0x3000, 0xA000), *range(0xE000, 0xFB00)]
    for code in [*codes, 0x20BB7, 0x2A6D6, 0x3134F, 0x31350]:
        c = chr(code)
        lp = m.lexicon.char_logp(c)
        assert m._rare_in(c, 0, 1) == (bool(m.WORDLESS_CHAR_RE.match(c)) and lp < m.WORDLESS_RARE_LOGP)
        assert m._run_rare_count(c * 3) == (3 if HAN_OR_PUA_RE.match(c) and lp < RARE_LOGP else 0), hex(code)


def test_shipped_word_list_is_jiebas() -> None:
    """data/two_char_words.txt and data/two_char_freqs.txt hold exactly the two-character words of the installed
    jieba dictionary and their frequencies (regenerate them with ``python -m cleaning.scrub.lexicon words`` and
    ``freqs`` when jieba changes)."""
    from cleaning.scrub import lexicon

    assert lexicon.word_freq() == lexicon.jieba_word_freq()
    assert lexicon.two_char_words() == frozenset(lexicon.word_freq())


def test_wordless_piece_filter_never_skips_a_stretch_that_could_qualify() -> None:
    """The prefix-sum test only skips a stretch when no span of WORDLESS_MIN_CHARS or more has a mean
    log-probability at or below WORDLESS_MAX_MEAN_LOGP: checked against every span of random stretches."""
    import random

    from cleaning.scrub import mojibake as m

    rng = random.Random(7)
    levels = (-5.0, -6.5, -7.5, -8.0, -9.0, -12.0, m.lexicon.UNSEEN_LOGP)
    skipped = 0
    for _ in range(5000):
        n = rng.randint(m.WORDLESS_MIN_CHARS, 24)
        lps = [rng.choice(levels) + rng.random() * 0.5 for _ in range(n + 4)]
        a, b = 2, n + 2
        low = any(
            sum(lps[i:j]) / (j - i) <= m.WORDLESS_MAX_MEAN_LOGP
            for i in range(a, b)
            for j in range(i + m.WORDLESS_MIN_CHARS, b + 1)
        )
        may = m._may_hold_wordless_piece(lps[a:b])
        assert may or not low, lps[a:b]
        skipped += not may
    assert skipped > 200  # and it does skip


def test_run_that_cannot_decode_is_known_from_its_own_pairs() -> None:
    """Wherever _core_cannot_decode says no window around a run decodes, trying every window finds none."""
    from cleaning.scrub import mojibake as m

    garbled = "連雲港開發區用好科技鎮長?qū)<覘畲翰沤淌趤韰^提供服務"
    normal = "告人莫莉花与邵阳市第三中学的孙启勤进房洗的孙启勤似乎无遮无拦地吹着风，全国人大代表。"
    shifted = "".join(ch for ch in "人民政府工作报告全文发布".encode("gbk")[1:-1].decode("gbk", "replace"))
    said = tried = 0
    for text in (garbled, normal, shifted, normal + shifted + garbled):
        for start in range(len(text)):
            for end in range(start + 2, min(len(text), start + 9) + 1):
                seg_s, seg_e = m._segment(text, start, end)
                if not m._core_cannot_decode(text, start, end, seg_s):
                    continue
                said += 1
                for a in range(seg_s, start + 1):
                    for b in range(end, seg_e + 1):
                        tried += 1
                        assert m.repair_run(text[a:b], None, restore=False) is None, (text[a:b], text[start:end])
    assert said > 50 and tried > said
