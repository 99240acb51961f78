"""The sample pages bundled in fixtures/pages (what the README's first command cleans)."""

from __future__ import annotations

import io
import json

import pytest

from cleaning import CleanConfig, clean_bytes, validate
from cleaning.batch import iter_tasks, run_batch

from .conftest import FIXTURES

PAGES = FIXTURES / "pages"
EXPECTED = json.loads((PAGES / "expected.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def records() -> dict[str, dict]:
    return {name: clean_bytes((PAGES / name).read_bytes(), input_name=name) for name in EXPECTED}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_page(name: str, records: dict[str, dict]) -> None:
    rec, want = records[name], EXPECTED[name]
    validate(rec)
    assert rec["encoding"] == want["encoding"]
    assert rec["title"] == want["title"]
    assert (rec["published_at"] or "")[:10] == want["published_at_day"]
    for key in ("source_name", "url", "script"):
        if key in want:
            assert rec[key] == want[key]
    for frag in want["text_contains"]:
        assert frag in rec["text"]
    for bad in want["must_not"]:
        assert bad not in rec["text"] and bad not in rec["title"]
    for cap in want.get("captions", []):
        assert cap in rec["captions"] and cap not in rec["text"]


def test_readme_job_cleans_every_bundled_page() -> None:
    out = io.StringIO()
    summary = run_batch(iter_tasks([str(PAGES)]), out, CleanConfig(entities=False))
    assert summary.errors == 0 and summary.records == len(EXPECTED)
