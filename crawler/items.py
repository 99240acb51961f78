"""The values the crawler passes from the spider through the item pipelines.

The spider yields a :class:`FetchedPage` per article response (raw bytes and the HTTP
facts, never a Scrapy ``Response``); :class:`~crawler.pipelines.CleanPipeline` turns it
into a :class:`Cleaned` (the page and its record dict), and the last pipeline hands the
record dict to the feed exports.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class FetchedPage:
    """One article response as fetched."""

    url: str
    body: bytes
    status: int
    content_type: str | None
    etag: str | None
    last_modified: str | None
    fetched_at: str
    #: the HTTP response headers as (name, value) pairs, for the WARC archive
    headers: tuple[tuple[str, str], ...] = ()
    #: the date the list page printed beside the link (YYYY-MM-DD)
    listed_date: str | None = None
    #: URLs that redirected to ``url``
    aliases: tuple[str, ...] = ()

    def __repr__(self) -> str:
        return f"<FetchedPage {self.status} {self.url} {len(self.body)} bytes>"


@dataclass(frozen=True, slots=True)
class Cleaned:
    """A fetched page and its record (a record dict or an error record dict)."""

    page: FetchedPage
    record: dict[str, Any]
    #: hash of what counts as the article's content (its cleaned text, else the raw body)
    content_hash: str
    #: the text used for near-duplicate detection ('' when there is none)
    text: str

    def __repr__(self) -> str:
        return f"<Cleaned {self.page.url} {self.content_hash[:12]}>"
