"""Script and language of cleaned text (cleaning.script)."""

from __future__ import annotations

import pytest
from langdetect import DetectorFactory, detect

from cleaning.script import detect_lang, detect_script

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


def test_script() -> None:
    assert detect_script("連雲港開發區用好科技鎮長") == "traditional"
    assert detect_script("连云港开发区用好科技镇长") == "simplified"
    assert detect_script("no Han characters") is None
