"""The seed article, as its text dump and as an HTML rendition of its spam mirror, through `zhnews clean`.

Checked by ../shared/tools/seed_check.py (against ../shared/seed/expected.json) and, for the HTML
rendition, by fixtures/seed/lianyungang_mirror.expected.json.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from cleaning import validate
from cleaning.script import to_simplified

from .conftest import FIXTURES, SEED_TXT, read_jsonl, run_zhnews

MIRROR = FIXTURES / "seed" / "lianyungang_mirror.html"
MIRROR_EXPECTED = json.loads((FIXTURES / "seed" / "lianyungang_mirror.expected.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def records(shared: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = {}
    for name, src in (("txt", SEED_TXT), ("html", MIRROR)):
        path = tmp_path_factory.mktemp("seed") / f"{name}.jsonl"
        proc = run_zhnews("clean", str(src), "-o", str(path), "--workers", "1")
        assert proc.returncode == 0, proc.stderr.decode()
        out[name] = path
    return out


@pytest.mark.parametrize("form", ["txt", "html"])
def test_seed_check_holds(form: str, records: dict[str, Path], shared: Path) -> None:
    proc = subprocess.run(
        [sys.executable, str(shared / "tools" / "seed_check.py"), str(records[form])], capture_output=True, text=True
    )
    misses = [ln for ln in proc.stdout.splitlines() if ln.startswith("MISS")]
    assert misses == [], proc.stdout


@pytest.mark.parametrize("form", ["txt", "html"])
def test_seed_record_follows_the_schema(form: str, records: dict[str, Path]) -> None:
    (rec,) = read_jsonl(records[form])
    validate(rec)
    assert rec["script"] == "traditional"
    assert rec["text_simplified"] == to_simplified(rec["text"])


def _mirror(records: dict[str, Path]) -> dict:
    (rec,) = read_jsonl(records["html"])
    return rec


@pytest.mark.parametrize("field", ["column", "source_name", "encoding", "url"])
def test_mirror_field(field: str, records: dict[str, Path]) -> None:
    assert to_simplified(_mirror(records)[field] or "") == MIRROR_EXPECTED[field]


def test_mirror_title_and_date(records: dict[str, Path]) -> None:
    rec = _mirror(records)
    title = to_simplified(rec["title"])
    assert MIRROR_EXPECTED["title_contains"] in title
    assert not any(bad in title for bad in MIRROR_EXPECTED["title_not_contains"])
    assert (rec["published_at"] or "")[:10] == MIRROR_EXPECTED["published_at_day"]
    assert [to_simplified(a) for a in rec["authors"]] == MIRROR_EXPECTED["authors"]


def test_mirror_captions_and_images(records: dict[str, Path]) -> None:
    rec = _mirror(records)
    captions = [to_simplified(c) for c in rec["captions"]]
    for want in MIRROR_EXPECTED["captions"]:
        assert any(want in c for c in captions)
        assert want not in rec["text_simplified"]
    alts = [im["alt"] for im in rec["images"]]
    for name in MIRROR_EXPECTED["image_alts_dropped"]:
        assert not any(name in (a or "") for a in alts)


@pytest.mark.parametrize("bad", MIRROR_EXPECTED["must_not"])
def test_mirror_chrome_is_gone(bad: str, records: dict[str, Path]) -> None:
    rec = _mirror(records)
    shown = "\n".join([to_simplified(rec["title"] or ""), rec["text_simplified"], *map(to_simplified, rec["captions"])])
    assert bad not in shown


def test_mirror_spam_block_is_counted(records: dict[str, Path]) -> None:
    removed = _mirror(records)["removed"]
    assert removed["spam_blocks"] >= 1 and removed["spam_chars"] >= 500
