"""Entities of the seed article (../shared/seed) against the entity part of its expected.json.

The text is made here, independently of the scrub stage: the seed dump converted to
Simplified, pinyin readings ``(xxx)`` dropped, image-name lines and the spam after
相关新闻 cut. Each expected person, role, affiliation, institution and figure is one test.
"""

from __future__ import annotations

import functools
import json
import re

import pytest

from cleaning.entities import extract_entities
from cleaning.script import to_simplified

from .conftest import SHARED

SEED = SHARED / "seed" / "000_734f53e07f42fa7a.txt"
EXPECTED = SHARED / "seed" / "expected.json"
PINYIN_RE = re.compile(r"\((?:[a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ][a-zü]*)\)")
IMAGE_LINE_RE = re.compile(r"^(?:logo|\d{10,}|QQ截图\d+)$")

pytestmark = pytest.mark.skipif(not SEED.is_file(), reason="../shared/seed is not beside the repository")


@functools.lru_cache(maxsize=1)
def seed_entities() -> dict:
    raw = SEED.read_text(encoding="utf-8")
    text = to_simplified(PINYIN_RE.sub("", raw))
    text = text.split("相关新闻")[0]
    lines = [ln.strip() for ln in text.splitlines()]
    body = "\n\n".join(ln for ln in lines[2:] if ln and not IMAGE_LINE_RE.match(ln) and not ln.startswith("("))
    return extract_entities(body, authors=("李明蔚",))


def _expected() -> dict:
    return json.loads(EXPECTED.read_text(encoding="utf-8")) if EXPECTED.is_file() else {}


EXP = _expected()


def _people() -> dict:
    return {p["name"]: p for p in seed_entities()["people"]}


@pytest.mark.parametrize("name", EXP.get("people", []))
def test_person_found(name: str) -> None:
    assert name in _people()


@pytest.mark.parametrize("name", EXP.get("not_people", []))
def test_not_a_person(name: str) -> None:
    assert name not in _people()


@pytest.mark.parametrize(("name", "role"), sorted(EXP.get("people_roles", {}).items()))
def test_role(name: str, role: str) -> None:
    assert role in (_people()[name]["role"] or "")


@pytest.mark.parametrize(("name", "affiliation"), sorted(EXP.get("people_affiliations", {}).items()))
def test_affiliation(name: str, affiliation: str) -> None:
    assert _people()[name]["affiliation"] == affiliation


def test_author_marked() -> None:
    assert _people()["李明蔚"]["is_author"] is True
    assert [n for n, p in _people().items() if p["is_author"]] == ["李明蔚"]


@pytest.mark.parametrize("name", EXP.get("institutions", []))
def test_institution(name: str) -> None:
    insts = seed_entities()["institutions"]
    forms = {f for i in insts for f in [i["name"], *i["aliases"]]}
    assert name in forms


def test_no_reference_as_institution() -> None:
    names = [i["name"] for i in seed_entities()["institutions"]]
    assert "该区" not in names and len(names) == len(set(names))


@pytest.mark.parametrize("want", EXP.get("figures", []), ids=lambda w: w["text"])
def test_figure(want: dict) -> None:
    hits = [f for f in seed_entities()["figures"] if f["text"] == want["text"]]
    assert hits, want["text"]
    assert any(f["value"] == want["value"] and f["unit"] == want["unit"] for f in hits)
    if "approx" in want:
        assert any(f["approx"] == want["approx"] for f in hits)


def test_no_false_figures() -> None:
    texts = [f["text"] for f in seed_entities()["figures"]]
    for bad in EXP.get("not_figures", []):
        assert not any(bad in t for t in texts)
    assert sorted(texts) == sorted(w["text"] for w in EXP["figures"])
