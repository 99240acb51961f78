"""The crawl report: one summary of what a run did, and a clear error when it found nothing.

At ``spider_closed`` :class:`CrawlReport` counts, from the crawl stats, the records
emitted, the articles found but not emitted (already seen, unchanged, near-duplicates,
older than ``--since``) and the pages that could not be fetched, logs the summary and puts
it in the stats (``zhnews/report``) for ``zhnews crawl`` to print and to choose its exit
status. A run that found no article at all logs an ERROR saying so.
"""

from __future__ import annotations

import logging
from dataclasses import asdict, dataclass
from typing import Any

from scrapy import signals

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Report:
    """What one crawl run did."""

    pages: int
    emitted: int
    new: int
    revised: int
    unchanged: int
    skipped_seen: int
    duplicates: int
    older: int
    not_modified: int
    fetch_errors: int
    error_records: int
    reason: str

    @property
    def found(self) -> int:
        """Articles found in this run, emitted or not."""
        return self.emitted + self.unchanged + self.skipped_seen + self.duplicates + self.older + self.not_modified

    def line(self) -> str:
        return (
            f"{self.pages} pages fetched, {self.emitted} records ({self.new} new, {self.revised} revised, "
            f"{self.error_records} error records); not emitted: {self.skipped_seen} already seen, "
            f"{self.unchanged + self.not_modified} unchanged, {self.duplicates} near-duplicates, "
            f"{self.older} older than --since; {self.fetch_errors} fetch errors; finished: {self.reason}"
        )


def report_from_stats(stats: dict[str, Any], reason: str = "finished") -> Report:
    def get(key: str) -> int:
        return int(stats.get(f"zhnews/{key}", 0) or 0)

    emitted = int(stats.get("item_scraped_count", 0) or 0)
    revised = get("articles/revised")
    return Report(
        pages=int(stats.get("response_received_count", 0) or 0),
        emitted=emitted,
        new=max(0, emitted - revised - get("error_records")),
        revised=revised,
        unchanged=get("articles/unchanged"),
        skipped_seen=get("articles/skipped_seen"),
        duplicates=get("articles/duplicate_story"),
        older=get("articles/older_than_since"),
        not_modified=get("articles/not_modified"),
        fetch_errors=sum(int(v or 0) for k, v in stats.items() if k.startswith("zhnews/fetch_errors/")),
        error_records=get("error_records"),
        reason=reason,
    )


class CrawlReport:
    """Log the run's :class:`Report` at the end; an ERROR if no article was found."""

    def __init__(self, crawler: Any) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Any) -> CrawlReport:
        ext = cls(crawler)
        crawler.signals.connect(ext.item_scraped, signal=signals.item_scraped)
        crawler.signals.connect(ext.spider_closed, signal=signals.spider_closed)
        return ext

    def item_scraped(self, item: Any, response: Any = None, spider: Any = None) -> None:
        if isinstance(item, dict) and "error" in item:
            self.crawler.stats.inc_value("zhnews/error_records")

    def spider_closed(self, spider: Any, reason: str = "finished") -> None:
        report = report_from_stats(self.crawler.stats.get_stats(), reason)
        self.crawler.stats.set_value("zhnews/report", asdict(report))
        if report.found == 0:
            urls = ", ".join(getattr(spider, "start_urls", [])[:5]) or "(no start URLs)"
            logger.error("found no articles at %s: %s", urls, report.line())
        else:
            logger.info("crawl report: %s", report.line())
