"""zhnews cleaning: a pure library (no Scrapy) that turns Chinese news pages into records.

Stages, in the order the data flows: :mod:`~cleaning.decode` -> :mod:`~cleaning.extract`
-> :mod:`~cleaning.scrub` -> :mod:`~cleaning.entities` -> :mod:`~cleaning.record`,
joined by :mod:`~cleaning.pipeline`.
"""

from __future__ import annotations

from .config import CleanConfig
from .pipeline import clean_bytes, clean_text
from .record import SCHEMA_VERSION, error_record, schema, validate

__all__ = ["SCHEMA_VERSION", "CleanConfig", "clean_bytes", "clean_text", "error_record", "schema", "validate"]
__version__ = "0.1.0"
