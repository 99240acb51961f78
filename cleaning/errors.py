"""Named errors for inputs the pipeline refuses; each becomes an error record.

The batch layer turns any exception into an error record (``error.type`` is the
class name), so these exist to give the common cases a clear name and message.
"""

from __future__ import annotations

import logging

logger = logging.getLogger(__name__)


class InputError(Exception):
    """An input that cannot be cleaned; the message says why."""


class EmptyInput(InputError):
    """The input has no bytes, or nothing but white space."""


class BinaryInput(InputError):
    """The input is not text (PDF, image, archive, random bytes)."""


class InputTooLarge(InputError):
    """The input is larger than ``CleanConfig.max_bytes``."""


class ReadError(InputError):
    """The input could not be read (permissions, broken gzip, vanished file)."""


class WorkerCrashed(InputError):
    """The worker process cleaning this input died (out of memory, a crash in a C library)."""


class InputTimeout(InputError):
    """Cleaning this input took longer than ``CleanConfig.timeout`` seconds."""
