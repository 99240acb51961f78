"""The extract stage on the fixture pages in fixtures/extract (raw bytes, expected output as JSON beside each).

Each page is decoded by the real decode stage, extracted, and checked field by field against
``<name>.json``; ``bylines`` runs on the result where the JSON names authors after bylines.
"""

from __future__ import annotations

import json
from collections import Counter

import pytest

from cleaning.decode import decode
from cleaning.extract import bylines, extract_html
from cleaning.values import CAPTION, Article

from .conftest import FIXTURES

HERE = FIXTURES / "extract"
PAGES = sorted(p.stem for p in HERE.glob("*.html"))


def _article(name: str) -> Article:
    return extract_html(decode((HERE / f"{name}.html").read_bytes()).text)


def _want(name: str) -> dict:
    return json.loads((HERE / f"{name}.json").read_text(encoding="utf-8"))


def _text(art: Article) -> str:
    return "\n\n".join(b.text for b in art.blocks if b.kind != CAPTION)


@pytest.mark.parametrize("name", PAGES)
def test_title(name: str) -> None:
    assert _article(name).title == _want(name)["title"]


@pytest.mark.parametrize("name", PAGES)
def test_text_holds_the_article(name: str) -> None:
    text = _text(_article(name))
    for frag in _want(name)["text_contains"]:
        assert frag in text


@pytest.mark.parametrize("name", PAGES)
def test_text_holds_no_chrome(name: str) -> None:
    text = _text(_article(name))
    for bad in _want(name).get("text_not_contains", []):
        assert bad not in text


@pytest.mark.parametrize("name", [n for n in PAGES if "blocks" in _want(n)])
def test_block_count(name: str) -> None:
    assert len([b for b in _article(name).blocks if b.kind != CAPTION]) == _want(name)["blocks"]


@pytest.mark.parametrize("name", [n for n in PAGES if "published_at_day" in _want(n)])
def test_published_day(name: str) -> None:
    art, want = _article(name), _want(name)
    assert (art.published_at or "")[:10] == want["published_at_day"]
    if "published_at" in want:
        assert art.published_at == want["published_at"]


@pytest.mark.parametrize(("name", "field"), [(n, f) for n in PAGES for f in ("source_name", "url") if f in _want(n)])
def test_meta_field(name: str, field: str) -> None:
    assert getattr(_article(name), field) == _want(name)[field]


@pytest.mark.parametrize("name", [n for n in PAGES if "authors" in _want(n)])
def test_authors(name: str) -> None:
    assert list(_article(name).authors) == _want(name)["authors"]


@pytest.mark.parametrize("name", [n for n in PAGES if "authors_after_bylines" in _want(n)])
def test_authors_after_bylines(name: str) -> None:
    assert list(bylines(_article(name)).authors) == _want(name)["authors_after_bylines"]


@pytest.mark.parametrize("name", [n for n in PAGES if "captions" in _want(n)])
def test_captions(name: str) -> None:
    art = _article(name)
    captions = [b.text for b in art.blocks if b.kind == CAPTION]
    assert captions == _want(name)["captions"]
    # each caption is its picture's; a photo story's captions are its text, and stay its pictures' captions
    want = _want(name).get("image_captions", captions)
    assert [im.caption for im in art.images if im.caption] == want


@pytest.mark.parametrize("name", [n for n in PAGES if "image_alts" in _want(n)])
def test_image_alts(name: str) -> None:
    assert [im.alt for im in _article(name).images] == _want(name)["image_alts"]


@pytest.mark.parametrize("name", [n for n in PAGES if "image_srcs" in _want(n)])
def test_image_srcs(name: str) -> None:
    assert [im.src for im in _article(name).images] == _want(name)["image_srcs"]


@pytest.mark.parametrize("name", [n for n in PAGES if "removed_kinds" in _want(n)])
def test_removals_are_reported(name: str) -> None:
    art, want = _article(name), _want(name)
    counts = Counter(r.kind for r in art.removed)
    for kind, least in want["removed_kinds"].items():
        assert counts[kind] >= least, (kind, counts)
    assert all(r.step == "extract" for r in art.removed)
    texts = "\n".join(r.text for r in art.removed)
    for frag in want.get("removed_text_contains", []):
        assert frag in texts
