"""``scrapy crawl``, exiting with status 1 when the crawl found no article at all.

Scrapy's own ``crawl`` command exits 0 whatever the crawl found; this one reads the
crawl report (:mod:`crawler.extensions`) and fails like ``zhnews crawl`` does, so a
scheduled ``scrapy crawl news`` (or a scrapyd job) that finds nothing shows up as failed.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from scrapy.commands.crawl import Command as ScrapyCrawl
from scrapy.exceptions import UsageError

if TYPE_CHECKING:
    import argparse

logger = logging.getLogger(__name__)


class Command(ScrapyCrawl):
    """Run a spider; exit 1 if its crawl report says it found no article."""

    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        if len(args) != 1:
            raise UsageError("give exactly one spider name, e.g. scrapy crawl news -a start_urls=URL")
        assert self.crawler_process
        crawler: Any = self._create_crawler(args[0])
        self.crawler_process.crawl(crawler, **opts.spargs)
        self.crawler_process.start()
        if self.crawler_process.bootstrap_failed:
            self.exitcode = 1
            return
        from crawler.extensions import Report

        report = crawler.stats.get_value("zhnews/report") if crawler.stats else None
        if report is not None and Report(**report).found == 0:
            self.exitcode = 1
