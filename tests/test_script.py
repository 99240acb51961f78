"""Script and language of cleaned text (cleaning.script)."""

from __future__ import annotations

import pytest
from langdetect import DetectorFactory, detect

from cleaning.script import (
    HAN_RE,
    HANGUL_RE,
    KANA_RE,
    LANG_DETECT_CHARS,
    LANG_SAMPLE_CHARS,
    detect_lang,
    detect_script,
)

TEXTS = [
    "The county government opened a new bridge over the river on Monday, and hundreds of residents came to see it.",
    "Der Bürgermeister hat heute die neue Brücke über den Fluss eröffnet, und viele Bürger kamen zur Feier.",
    "Le maire a inauguré aujourd'hui le nouveau pont sur la rivière, en présence de nombreux habitants.",
    "El alcalde inauguró hoy el nuevo puente sobre el río, con la presencia de muchos vecinos del pueblo.",
    "Сегодня мэр открыл новый мост через реку, и на церемонию пришли сотни жителей города.",
    "Hôm nay thị trưởng đã khánh thành cây cầu mới bắc qua sông, hàng trăm người dân đã đến dự.",
    "市長は本日、川に架かる新しい橋を開通させ、多くの住民が式典に訪れました。",
    "시장은 오늘 강을 가로지르는 새 다리를 개통했고 수백 명의 주민이 행사에 참석했습니다.",
    "Kaupunginjohtaja avasi tänään uuden sillan joen yli, ja sadat asukkaat tulivat paikalle.",
]


@pytest.mark.parametrize("text", TEXTS)
def test_language_is_langdetects_answer(text: str) -> None:
    """The table of n-gram probabilities is made row by row on demand (see _ProfileMap): the answers
    must be langdetect's own, with its profiles loaded in full and the same seed."""
    DetectorFactory.seed = 0
    assert detect_lang(text, seed=0) == detect(text)


def test_han_text_is_chinese_without_the_detector() -> None:
    assert detect_lang("区委书记今天主持召开会议，研究部署下一阶段重点工作。") == "zh"
    assert detect_lang("連雲港開發區用好科技鎮長 Lianyungang") == "zh"
    assert detect_lang("") is None
    assert detect_lang("12345 --- !!!") is None


def _han_dominated(text: str) -> bool | None:
    """The rule as written: None for no letters; else Han at least half of the letters, kana and hangul each
    under 5% of the Han characters (counted one by one, over the whole sample)."""
    sample = text[:LANG_SAMPLE_CHARS]
    han = sum(1 for c in sample if HAN_RE.match(c))
    letters = han + sum(1 for c in sample if c.isalpha() and not HAN_RE.match(c))
    if not letters:
        return None
    kana = sum(1 for c in sample if KANA_RE.match(c))
    hangul = sum(1 for c in sample if HANGUL_RE.match(c))
    return han / letters >= 0.5 and kana < han * 0.05 and hangul < han * 0.05


_MIXES = [
    "区委书记主持召开会议",
    "区委书记主持召开会议" + "abcdefghij",  # exactly as many other letters as Han ones
    "区委书记主持召开会议" + "abcdefghijk",  # one more
    "区委书记主持召开会议" + "1234567890 ，。" * 3,  # a longer rest without letters
    "区委书记主持召开会议" * 20 + "かな",  # kana under 5% of the Han characters ...
    "区委书记主持召开会议" * 2 + "かな",  # ... and over
    "区委书记主持召开会议" * 4 + "한국",  # hangul at 5%
    "区委书记主持召开会议" * 4 + "한",
    "东京都知事選挙投票日決定について",  # Japanese: kana a third of the Han characters
    "区" + "x" * 5000,  # beyond the sample
    "x" * 3999 + "区委",
    "12345 --- !!!",
    "",
]


@pytest.mark.parametrize("text", _MIXES + TEXTS + [t * 40 for t in TEXTS])
def test_chinese_by_its_han_characters_as_the_rule_says(text: str) -> None:
    """detect_lang counts only what can change the answer; the answer is the rule's, counted in full."""
    rule = _han_dominated(text)
    if rule is None:
        assert detect_lang(text) is None
    elif rule:
        assert detect_lang(text) == "zh"
    else:
        DetectorFactory.seed = 0
        want = detect(text[:LANG_DETECT_CHARS])
        assert detect_lang(text) == ("zh" if want.startswith("zh") else want)


def test_script() -> None:
    assert detect_script("連雲港開發區用好科技鎮長") == "traditional"
    assert detect_script("连云港开发区用好科技镇长") == "simplified"
    assert detect_script("no Han characters") is None
