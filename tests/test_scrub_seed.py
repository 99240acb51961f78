"""The scrub stage on the seed article (text dump and HTML rendition), and its registry/config switches."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cleaning.config import SCRUB_STEPS, CleanConfig
from cleaning.pipeline import clean_bytes
from cleaning.script import to_simplified
from cleaning.scrub import STEPS, UnknownStep, selected

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEED_TXT = SHARED / "seed" / "000_734f53e07f42fa7a.txt"
SEED_HTML = ROOT / "fixtures" / "seed" / "lianyungang_mirror.html"
EXPECTED = json.loads((SHARED / "seed" / "expected.json").read_text(encoding="utf-8")) if SEED_TXT.exists() else {}
NO_ENTITIES = CleanConfig(entities=False)


def _clean(path: Path, config: CleanConfig = NO_ENTITIES) -> dict:
    return clean_bytes(path.read_bytes(), input_name=path.name, config=config)


def _shown(rec: dict) -> str:
    return "\n".join([rec["title"] or "", rec["text"], rec["text_simplified"], *rec["paragraphs"], *rec["captions"]])


SEEDS = [pytest.param(SEED_TXT, id="txt"), pytest.param(SEED_HTML, id="html")]


@pytest.fixture(scope="module")
def records() -> dict[Path, dict]:
    if not SEED_TXT.exists():
        pytest.skip("../shared/seed is not there")
    return {p: _clean(p) for p in (SEED_TXT, SEED_HTML) if p.exists()}


@pytest.mark.parametrize("path", SEEDS)
@pytest.mark.parametrize("bad", EXPECTED.get("must_not", []))
def test_seed_must_not(records: dict, path: Path, bad: str) -> None:
    shown = _shown(records[path])
    assert bad not in shown and to_simplified(bad) not in to_simplified(shown)


@pytest.mark.parametrize("path", SEEDS)
def test_seed_captions_leave_text(records: dict, path: Path) -> None:
    rec = records[path]
    caps = [to_simplified(c) for c in rec["captions"]]
    assert caps == EXPECTED["captions"]
    for cap in EXPECTED["captions"]:
        assert cap not in to_simplified(rec["text"])


@pytest.mark.parametrize("path", SEEDS)
def test_seed_mojibake_repaired(records: dict, path: Path) -> None:
    rec = records[path]
    simple = rec["text_simplified"]
    assert "专家杨春才教授来区" in simple and "开展定向对接活动。" in simple
    assert not [w for w in rec["warnings"] if w["code"] == "mojibake"]
    assert rec["removed"]["mojibake_repairs"] == 2


@pytest.mark.parametrize("path", SEEDS)
def test_seed_counts(records: dict, path: Path) -> None:
    removed = records[path]["removed"]
    assert removed["spam_blocks"] >= 1 and removed["pinyin_annotations"] >= 340
    assert removed["spam_chars"] >= 500
    assert 0 < records[path]["spam_score"] <= 1
    assert removed["image_placeholders"] >= 4  # HTML: counted by the extract stage as it drops file-name alts


def test_seed_lang_is_zh(records: dict) -> None:
    assert records[SEED_TXT]["lang"] == "zh"


def test_every_step_can_be_switched_off() -> None:
    rec = _clean(SEED_HTML, CleanConfig(entities=False, skip_steps=frozenset(STEPS)))
    assert "(shí)" in rec["text"]
    removed = rec["removed"]
    assert removed["pinyin_annotations"] == removed["spam_chars"] == 0  # (extraction still drops img alts)
    assert not [item for item in removed["items"] if item["step"] in STEPS]


def test_only_named_steps_run() -> None:
    rec = _clean(SEED_HTML, CleanConfig(entities=False, scrub_steps=("placeholders",)))
    assert rec["removed"]["image_placeholders"] >= 4 and rec["removed"]["pinyin_annotations"] == 0


def test_selected_keeps_registry_order() -> None:
    assert selected(CleanConfig(scrub_steps=("spam", "mojibake"))) == ["mojibake", "spam"]
    assert selected(CleanConfig(skip_steps=frozenset({"spam"}))) == ["mojibake", "pinyin", "placeholders"]


def test_unknown_step_is_an_error() -> None:
    with pytest.raises(UnknownStep, match="nosuch"):
        selected(CleanConfig(scrub_steps=("nosuch",)))
    with pytest.raises(UnknownStep, match="nosuch"):
        selected(CleanConfig(skip_steps=frozenset({"nosuch"})))


def test_the_batch_parent_checks_steps_without_loading_the_scrubbers() -> None:
    """With worker processes, the command checks the step names and leaves the scrubbers (their regular
    expressions take a tenth of a second to compile) to the workers."""
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from zhnews.cli import main\n"
        "try:\n"
        "    main(['clean', '--no-entities', '--workers', '1', '--no-progress', '--quiet', '-o', '-', sys.argv[1]])\n"
        "except SystemExit:\n"
        "    pass\n"
        "print('cleaning.scrub' in sys.modules, 'cleaning.pipeline' in sys.modules)\n"
    )
    page = ROOT / "fixtures" / "extract" / "fragment.html"
    proc = subprocess.run([sys.executable, "-c", code, str(page)], capture_output=True, text=True, timeout=120)
    assert proc.stdout.splitlines()[-1] == "False False", proc.stderr
    assert '"text"' in proc.stdout  # the page was cleaned (in the worker)


def test_revealed_body_stays() -> None:
    """A body hidden by CSS that a script reveals is the article, not a hidden spam element."""
    rec = _clean(ROOT / "fixtures" / "scrub" / "revealed_body.html")
    assert "防汛工作会议" in rec["text"] and "24小时值班制度" in rec["text"]
    assert "一区二区" not in rec["text"]
    assert rec["removed"]["spam_blocks"] == 1


def test_the_command_line_names_every_step_in_order() -> None:
    # the CLI lists config.SCRUB_STEPS without importing the scrubbers
    assert tuple(STEPS) == SCRUB_STEPS
