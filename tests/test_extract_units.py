"""Extract-stage rules one at a time: title suffixes, date formats, URL dates, bylines, text dumps and the seed.

Cases are data in fixtures/extract/*.json; the seed runs through extract_text, the real
scrub stage and bylines, as the pipeline does.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cleaning.config import CleanConfig
from cleaning.extract import bylines, extract_html, extract_text
from cleaning.extract.meta import find_date, strip_site_suffix, url_date
from cleaning.scrub import scrub
from cleaning.values import CAPTION, Article, Block, Flag

from .conftest import FIXTURES, SEED_TXT

HERE = FIXTURES / "extract"


def _cases(name: str) -> list[dict]:
    return json.loads((HERE / name).read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", _cases("titles.json"), ids=lambda c: c["raw"][:12])
def test_title_suffix_is_stripped(case: dict) -> None:
    assert strip_site_suffix(case["raw"]) == case["want"]


@pytest.mark.parametrize("case", _cases("dates.json"), ids=lambda c: c["text"][:16])
def test_date_formats(case: dict) -> None:
    assert find_date(case["text"]) == case["want"]


@pytest.mark.parametrize("case", _cases("url_dates.json"), ids=lambda c: c["url"][-24:])
def test_url_dates(case: dict) -> None:
    assert (url_date(case["url"]) or "")[:10] == (case["want"] or "")


def test_meta_date_beats_footer_date() -> None:
    page = (
        '<html><head><meta name="PubDate" content="2020-11-13 09:00"><title>某某_某某网</title></head>'
        "<body><h1>某某</h1><p>今天，会议召开。</p><div>2019-01-01 版权所有</div></body></html>"
    )
    assert (extract_html(page).published_at or "")[:10] == "2020-11-13"


def test_date_near_the_title_beats_dates_in_the_body() -> None:
    page = (
        "<html><head><title>市里召开会议_某某网</title></head><body><h1>市里召开会议</h1>"
        "<div>2020-11-13 10:30 来源：某某日报</div><div class=content><p>2019年5月1日，会议首次召开，今年是第二次。</p>"
        "<p>会议认为，各项工作进展顺利，成效明显。</p></div><div>2018-01-01</div></body></html>"
    )
    assert extract_html(page).published_at == "2020-11-13T10:30:00+08:00"


def test_url_date_is_the_fallback() -> None:
    art = extract_html("<p>今天，会议召开，各方参加。</p>", url="http://x.example/2020/1113/1.html")
    assert (art.published_at or "")[:10] == "2020-11-13"


@pytest.mark.parametrize("case", _cases("bylines.json"), ids=lambda c: c["name"])
def test_bylines(case: dict) -> None:
    art = bylines(Article(blocks=tuple(Block(t) for t in case["blocks"])))
    assert art.title == case["title"]
    assert art.column == case["column"]
    assert art.source_name == case["source_name"]
    assert list(art.authors) == case["authors"]
    if "first_block_contains" in case:
        assert case["first_block_contains"] in art.blocks[0].text


def test_bylines_moves_flags_with_the_text() -> None:
    blocks = (Block("市里召开会议"), Block("【连网】近日,会议召开,亂碼在此。"))
    start = blocks[1].text.index("亂碼")
    art = Article(blocks=blocks, flags=(Flag("mojibake", "garbled", block=1, start=start, end=start + 2),))
    out = bylines(art)
    (flag,) = out.flags
    assert flag.block == 0
    assert out.blocks[0].text[flag.start : flag.end] == "亂碼"


def test_extract_text_gives_one_block_per_line() -> None:
    art = extract_text("  第一行  \n\n\n第二行\r\n   \n第三行")
    assert [b.text for b in art.blocks] == ["第一行", "第二行", "第三行"]
    assert art.title is None


@pytest.fixture(scope="module")
def seed(shared: Path) -> Article:
    art = extract_text(SEED_TXT.read_text(encoding="utf-8"))
    return bylines(scrub(art, CleanConfig(entities=False)))


def test_seed_title(seed: Article) -> None:
    assert seed.title is not None and "連云港開發區用好科技鎮長" in seed.title
    assert not seed.title.startswith("【")


@pytest.mark.parametrize(
    ("field", "want"),
    [("column", ("新時代 新作為 新篇章", "新时代 新作为 新篇章")), ("source_name", ("連網", "连网"))],
)
def test_seed_tags(seed: Article, field: str, want: tuple[str, ...]) -> None:
    assert getattr(seed, field) in want


def test_seed_authors(seed: Article) -> None:
    assert list(seed.authors) == ["李明蔚"]


def test_seed_text(seed: Article) -> None:
    text = "\n".join(b.text for b in seed.blocks if b.kind != CAPTION)
    assert "近日,筆者從連云港市開發區獲悉" in text
    assert "進入快車道" in text
    assert "【連網】" not in text
