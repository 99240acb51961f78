"""zhnews cleaning: a pure library (no Scrapy) that turns Chinese news pages into records.

Stages, in the order the data flows: :mod:`~cleaning.decode` -> :mod:`~cleaning.extract`
-> :mod:`~cleaning.scrub` -> :mod:`~cleaning.entities` -> :mod:`~cleaning.record`,
joined by :mod:`~cleaning.pipeline`.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .config import CleanConfig
    from .pipeline import clean_bytes, clean_text
    from .record import SCHEMA_VERSION, error_record, schema, validate

__all__ = ["SCHEMA_VERSION", "CleanConfig", "clean_bytes", "clean_text", "error_record", "schema", "validate"]
__version__ = "0.1.0"

#: Where each public name lives; imported on first use, so that ``cleaning.entities`` or
#: ``cleaning.decode`` alone does not load the whole pipeline.
_LAZY = {
    "CleanConfig": "config",
    "clean_bytes": "pipeline",
    "clean_text": "pipeline",
    "SCHEMA_VERSION": "record",
    "error_record": "record",
    "schema": "record",
    "validate": "record",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        value = getattr(import_module(f".{_LAZY[name]}", __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
