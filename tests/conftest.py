"""Shared test paths and helpers: the repository, the fixtures, and ../shared (read-only data)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
FIXTURES = REPO / "fixtures"
SHARED = REPO.parent / "shared"
SEED_TXT = SHARED / "seed" / "000_734f53e07f42fa7a.txt"
ZHNEWS = [sys.executable, "-m", "zhnews"]


def run_zhnews(*args: str, input: bytes | None = None, timeout: float = 300) -> subprocess.CompletedProcess[bytes]:
    """Run the ``zhnews`` command as a user would, in a subprocess."""
    return subprocess.run([*ZHNEWS, *args], input=input, capture_output=True, timeout=timeout, cwd=REPO)


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.fixture(scope="session")
def shared() -> Path:
    if not SHARED.is_dir():
        pytest.skip("../shared is not beside the repository")
    return SHARED
