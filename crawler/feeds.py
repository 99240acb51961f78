"""Feed storage for local files that loses nothing when the crawl is killed.

Scrapy's ``FileFeedStorage`` writes through a buffered file, so a ``kill -9`` loses the
last few kilobytes of records although the seen-store already remembers them. This
storage opens the file unbuffered: the JSON Lines exporter writes each record with one
``write()``, which is in the kernel the moment the exporter returns.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import IO, Any

from scrapy.extensions.feedexport import FileFeedStorage

logger = logging.getLogger(__name__)


class UnbufferedFileFeedStorage(FileFeedStorage):
    """``FileFeedStorage`` with ``buffering=0``."""

    def open(self, spider: Any) -> IO[bytes]:
        path = Path(self.path)
        path.parent.mkdir(parents=True, exist_ok=True)
        return path.open(self.write_mode, buffering=0)
