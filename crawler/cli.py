"""Crawling verbs for ``zhnews`` (PLACEHOLDER: the crawler replaces this)."""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    return None
