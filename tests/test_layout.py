"""The design card's promises about the code itself: cleaning/ is a pure library, the CLI is installed."""

from __future__ import annotations

import ast
import json
import subprocess
import sys

import pytest

from cleaning import SCHEMA_VERSION, schema

from .conftest import REPO, run_zhnews

CLEANING_FILES = sorted((REPO / "cleaning").rglob("*.py"))


@pytest.mark.parametrize("path", CLEANING_FILES, ids=[str(p.relative_to(REPO)) for p in CLEANING_FILES])
def test_cleaning_never_imports_scrapy(path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        names = []
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            names = [node.module]
        assert not any(n == "scrapy" or n.startswith(("scrapy.", "scrapy_redis", "crawler")) for n in names)


def test_cleaning_pipeline_loads_without_scrapy() -> None:
    code = "import sys, cleaning.pipeline, cleaning.batch, zhnews.cli; print('scrapy' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"


def test_schema_verb_prints_the_published_schema() -> None:
    proc = run_zhnews("schema")
    assert proc.returncode == 0
    printed = json.loads(proc.stdout)
    assert printed == schema()
    assert SCHEMA_VERSION.startswith("1.")


def test_help_documents_exit_codes() -> None:
    out = run_zhnews("clean", "--help").stdout.decode()
    assert "exit status" in out and "error record" in out
