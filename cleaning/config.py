"""Cleaning options: one frozen dataclass with defaults, passed down explicitly.

Nothing is read from the environment or a file at import time; the CLI and the
crawler build a :class:`CleanConfig` from their own options and settings.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

logger = logging.getLogger(__name__)

#: Inputs larger than this are refused with an error record, not parsed.
MAX_INPUT_BYTES = 20 * 1024 * 1024
#: The scrub steps, in the order they run (``cleaning.scrub.STEPS`` maps each to its function).
#: Named here so that the command line can list them without loading the scrubbers.
SCRUB_STEPS = ("mojibake", "pinyin", "placeholders", "spam")


@dataclass(frozen=True, slots=True)
class CleanConfig:
    """What the pipeline does.

    ``scrub_steps``: names of the scrub steps to run, in registry order; ``None``
    runs every step that is on by default. ``skip_steps`` switches named steps off.
    ``entities`` switches entity extraction on or off. ``max_bytes`` caps the input.
    ``lang_seed`` makes language detection deterministic. ``timeout`` (seconds, 0 = none)
    bounds the work on one input in the batch CLI.
    """

    scrub_steps: tuple[str, ...] | None = None
    skip_steps: frozenset[str] = frozenset()
    entities: bool = True
    max_bytes: int = MAX_INPUT_BYTES
    lang_seed: int = 0
    timeout: float = 120.0


class UnknownStep(ValueError):
    """A config names a scrub step that does not exist."""


def check_steps(config: CleanConfig) -> None:
    """Raise :class:`UnknownStep` when ``config`` names a scrub step that is not one of SCRUB_STEPS (checked
    without loading the scrubbers: the command line checks before it starts its workers)."""
    unknown = (set(config.scrub_steps or ()) | set(config.skip_steps)) - set(SCRUB_STEPS)
    if unknown:
        raise UnknownStep(f"unknown scrub step(s): {', '.join(sorted(unknown))}; known: {', '.join(SCRUB_STEPS)}")
