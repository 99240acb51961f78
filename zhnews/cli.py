"""``zhnews VERB ...``: the cleaning verbs (clean, schema, entities) and the crawling verbs.

The crawling verbs are registered by ``crawler.cli`` when the crawler package is
installed; importing it does not import Scrapy until a crawling verb runs.
"""

from __future__ import annotations

import argparse
import logging
import sys

import cleaning
from cleaning import cli as cleaning_cli

logger = logging.getLogger(__name__)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="zhnews",
        description="Scrape and clean Chinese regional news pages into JSON Lines.",
    )
    parser.add_argument("--version", action="version", version=f"zhnews {cleaning.__version__}")
    parser.add_argument("-v", "--verbose", action="count", default=0, help="more log output on stderr")
    sub = parser.add_subparsers(dest="verb", metavar="VERB", required=True)
    cleaning_cli.register(sub)
    try:
        from crawler import cli as crawler_cli
    except ImportError:  # pragma: no cover - crawler not installed
        logger.debug("crawler verbs unavailable", exc_info=True)
    else:
        crawler_cli.register(sub)
        try:
            from crawler import distributed
        except ImportError:
            logger.debug("distributed verbs unavailable", exc_info=True)
        else:
            distributed.register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    level = logging.WARNING - 10 * min(args.verbose, 2)
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s")
    try:
        return int(args.func(args) or 0)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # e.g. `zhnews clean ... | head`
        sys.stderr.close()
        return 0


if __name__ == "__main__":
    sys.exit(main())
