"""Entity extraction on case files (fixtures/entities/*.json), one case per test, plus the CLI verb."""

from __future__ import annotations

import json

import jsonschema
import pytest

from cleaning.entities import extract_entities, extract_many
from cleaning.record import schema
from cleaning.script import to_traditional

from .conftest import FIXTURES, run_zhnews

CASES = FIXTURES / "entities"


def _cases(name: str) -> list:
    cases = json.loads((CASES / name).read_text(encoding="utf-8"))
    return [pytest.param(c, id=c["label"]) for c in cases]


def _check_schema(ents: dict) -> None:
    defs = schema()["$defs"]
    for key, kind in (("people", "person"), ("institutions", "institution"), ("figures", "figure")):
        item_schema = {"$defs": defs, **defs[kind]}
        for item in ents[key]:
            jsonschema.validate(item, item_schema)


def _check_mentions(text: str, items: list[dict], field: str) -> None:
    """Every mention is a span of the input whose Simplified form is the entity (names) or its text (figures)."""
    from cleaning.script import to_simplified

    for item in items:
        for m in item["mentions"]:
            got = text[m["start"] : m["end"]]
            if field == "text":
                assert got == item["text"]
            else:
                assert to_simplified(got) in {item["name"], *item.get("aliases", [])} or item["name"] in to_simplified(
                    got
                )


@pytest.mark.parametrize("case", _cases("people.json"))
def test_people(case: dict) -> None:
    ents = extract_entities(case["text"])
    _check_schema(ents)
    _check_mentions(case["text"], ents["people"], "name")
    by_name = {p["name"]: p for p in ents["people"]}
    for want in case["people"]:
        got = by_name.get(want["name"])
        assert got is not None, f"{want['name']} missing from {list(by_name)}"
        for key in ("role", "affiliation", "original"):
            if key in want:
                assert got[key] == want[key], (want["name"], key, got[key])
        if "start" in want:
            assert {"start": want["start"], "end": want["end"]} in got["mentions"]
    for bad in case.get("not_people", []):
        assert bad not in by_name
    if case.get("exact"):
        assert sorted(by_name) == sorted(p["name"] for p in case["people"])


@pytest.mark.parametrize("case", _cases("institutions.json"))
def test_institutions(case: dict) -> None:
    ents = extract_entities(case["text"])
    _check_schema(ents)
    _check_mentions(case["text"], ents["institutions"], "name")
    by_name = {i["name"]: i for i in ents["institutions"]}
    for want in case["institutions"]:
        got = by_name.get(want["name"])
        assert got is not None, f"{want['name']} missing from {list(by_name)}"
        for key in ("type", "aliases", "original"):
            if key in want:
                assert got[key] == want[key], (want["name"], key, got[key])
        if "mentions" in want:
            assert len(got["mentions"]) == want["mentions"]
    for bad in case.get("not_institutions", []):
        assert bad not in by_name
    if case.get("exact"):
        assert sorted(by_name) == sorted(i["name"] for i in case["institutions"])


@pytest.mark.parametrize("case", _cases("figures.json"))
def test_figures(case: dict) -> None:
    ents = extract_entities(case["text"])
    _check_schema(ents)
    _check_mentions(case["text"], ents["figures"], "text")
    by_text = {f["text"]: f for f in ents["figures"]}
    for want in case["figures"]:
        got = by_text.get(want["text"])
        assert got is not None, f"{want['text']} missing from {list(by_text)}"
        for key, value in want.items():
            assert got[key] == value, (want["text"], key, got[key])
    if case.get("exact"):
        assert sorted(by_text) == sorted(f["text"] for f in case["figures"])


def test_authors_are_people_and_marked() -> None:
    ents = extract_entities("促进招才引智工作进入快车道。(李明蔚)", authors=("李明蔚",))
    (person,) = [p for p in ents["people"] if p["name"] == "李明蔚"]
    assert person["is_author"] is True
    assert person["mentions"] == [{"start": 15, "end": 18}]
    ents = extract_entities("促进招才引智工作进入快车道。", authors=("李明蔚",))
    assert [(p["name"], p["is_author"], p["mentions"]) for p in ents["people"]] == [("李明蔚", True, [])]


def test_excluded_spans_give_no_entity() -> None:
    text = "邀请了领域专家杨春才教授来区进行项目对接,联系企业40余家。"
    assert "杨春才" in [p["name"] for p in extract_entities(text)["people"]]
    ents = extract_entities(text, exclude=[(5, 12)])
    assert "杨春才" not in [p["name"] for p in ents["people"]]
    assert [f["text"] for f in ents["figures"]] == ["40余家"]


def test_simplified_argument_is_used_for_traditional_text() -> None:
    text = "中國藥科大學楊立群教授"
    ents = extract_entities(text, simplified="中国药科大学杨立群教授")
    assert [(p["name"], p["original"]) for p in ents["people"]] == [("杨立群", "楊立群")]


def test_extract_many_keeps_order_and_empty_lines() -> None:
    texts = ["沈阳药科大学杨丽教授", "", "东北大学胡建设教授", to_traditional("东北大学胡建设教授")]
    out = list(extract_many(texts))
    assert len(out) == 4
    assert [p["name"] for p in out[0]["people"]] == ["杨丽"]
    assert out[1] == {"people": [], "institutions": [], "figures": []}
    assert [p["name"] for p in out[2]["people"]] == ["胡建设"] == [p["name"] for p in out[3]["people"]]


def test_cli_entities_one_line_per_input_line() -> None:
    lines = ["中国药科大学杨立群教授团队", "", "聯繫規上企業40餘家", "隋艳伟、顾修全两位专家"]
    proc = run_zhnews("entities", "-", input=("\n".join(lines) + "\n").encode("utf-8"))
    assert proc.returncode == 0, proc.stderr.decode()
    rows = [json.loads(line) for line in proc.stdout.decode("utf-8").splitlines()]
    assert len(rows) == len(lines)
    assert [p["name"] for p in rows[0]["people"]] == ["杨立群"]
    assert rows[1] == {"people": [], "institutions": [], "figures": []}
    assert [(f["text"], f["value"]) for f in rows[2]["figures"]] == [("40餘家", 40)]
    assert [p["name"] for p in rows[3]["people"]] == ["隋艳伟", "顾修全"]
