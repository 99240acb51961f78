"""``zhnews crawl``: crawl news portals into cleaned JSON Lines (Scrapy is imported only when it runs).

``zhnews crawl URL... -o OUT.jsonl [--state DIR] [--site CONFIG.toml] [--since DATE]
[--max-pages N] [--recheck] [--warc FILE] [--redis URL]`` runs the ``news`` spider of
:mod:`crawler.spiders.news` with the settings of :mod:`crawler.settings`; ``--demo`` serves
the bundled fixture portal on 127.0.0.1 for the run and crawls it.
"""

from __future__ import annotations

import argparse
import logging
import sys
from typing import Any

logger = logging.getLogger(__name__)

EXIT_OK = 0
EXIT_NOTHING = 1
EXIT_USAGE = 2
DEMO_OUTPUT = "out/portal.jsonl"

CRAWL_EPILOG = """\
discovery:
  from each URL (usually a portal's home page): same-site links, list pages told from
  article pages (URL shape, text density, a publish date), 下一页/末页 pagination,
  robots.txt Sitemap lines, /sitemap.xml, RSS/Atom feeds (advertised or at /rss.xml,
  /feed, /atom.xml). --site CONFIG.toml overrides start URLs, allow/deny patterns,
  article/list XPaths, encoding, since-date and limits.

state (--state DIR):
  a SQLite seen-store (DIR/seen.sqlite3). List pages and feeds are fetched on every
  run; articles already seen are not fetched again (--recheck: conditional requests,
  changed articles emitted again with "revision"). Without --state the store lives in
  memory for one run.

output:
  one JSON line per article (the `zhnews clean` record plus url, fetched_at, http,
  revision, story_id), or an error record when a page could not be cleaned.

exit status:
  0  articles were found (even if all were already seen); with --redis, also a worker
     that got no request from the shared frontier, or found no article itself while the
     shared seen-store holds some (the other workers took them)
  1  no article was found at all
  2  usage error (bad option, unreadable site config, no URL)
"""


def _set_option(value: str) -> tuple[str, str]:
    if "=" not in value:
        raise argparse.ArgumentTypeError("expected NAME=VALUE")
    name, _, val = value.partition("=")
    return name.strip(), val


def _date(value: str) -> str:
    import datetime as dt

    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date; since must be YYYY-MM-DD") from None


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add ``crawl`` to the ``zhnews`` parser."""
    from cleaning.cli import add_clean_options

    p = sub.add_parser(
        "crawl",
        help="crawl news portals into cleaned JSON Lines",
        description="Crawl Chinese news portals from their home pages: find the articles, fetch only what is new, "
        "clean each into one JSON line.",
        epilog=CRAWL_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("urls", nargs="*", metavar="URL", help="start URL (a portal's home page or a column)")
    p.add_argument("-o", "--output", default=None, help="JSON Lines output (default: stdout; --demo: out/portal.jsonl)")
    p.add_argument("--append", action="store_true", help="append to the output instead of replacing it")
    p.add_argument("--state", metavar="DIR", help="directory of the seen-store kept between runs")
    p.add_argument("--site", metavar="CONFIG.toml", help="per-site configuration")
    p.add_argument("--since", type=_date, metavar="YYYY-MM-DD", help="skip older articles and stop pagination at them")
    p.add_argument("--max-pages", type=int, metavar="N", help="stop after N responses")
    p.add_argument("--recheck", action="store_true", help="refetch seen articles (conditional); emit changed ones")
    p.add_argument("--warc", metavar="FILE.warc.gz", help="archive the raw article responses (zhnews clean reads it)")
    p.add_argument(
        "--allow-private",
        action="append",
        default=[],
        metavar="HOST",
        help="let links reach this private/loopback host, IP or network (repeatable)",
    )
    p.add_argument("--no-clean", action="store_true", help="emit bare fetch records, do not clean (benchmarks)")
    p.add_argument(
        "--clean-workers", type=int, default=0, metavar="N", help="clean in N processes (default: one thread)"
    )
    p.add_argument("--redis", metavar="URL", help="distributed crawl: scheduler and seen-store on Redis")
    p.add_argument(
        "--set",
        dest="settings",
        action="append",
        default=[],
        type=_set_option,
        metavar="NAME=VALUE",
        help="any Scrapy setting (repeatable), e.g. --set DOWNLOAD_DELAY=2",
    )
    p.add_argument(
        "--demo", action="store_true", help="serve the bundled fixture portal on 127.0.0.1 for this run and crawl it"
    )
    add_clean_options(p)
    p.set_defaults(func=cmd_crawl)


def crawl_settings(args: argparse.Namespace) -> Any:
    """Scrapy settings for one ``zhnews crawl`` run: crawler.settings, then the options."""
    from scrapy.settings import Settings

    from cleaning.cli import config_from_args

    settings = Settings()
    settings.setmodule("crawler.settings", priority="project")
    level = logging.getLogger().getEffectiveLevel()
    settings.set("LOG_LEVEL", logging.getLevelName(max(level, logging.DEBUG)), priority="cmdline")
    config = config_from_args(args)
    opts: dict[str, Any] = {
        "ZHNEWS_CLEAN": not args.no_clean,
        "ZHNEWS_CLEAN_ENTITIES": config.entities,
        "ZHNEWS_CLEAN_SCRUB": list(config.scrub_steps) if config.scrub_steps is not None else None,
        "ZHNEWS_CLEAN_SKIP": sorted(config.skip_steps),
        "ZHNEWS_CLEAN_MAX_BYTES": config.max_bytes,
        "ZHNEWS_RECHECK": args.recheck,
        "ZHNEWS_CLEAN_WORKERS": max(0, args.clean_workers),
    }
    if args.state:
        opts["ZHNEWS_STATE"] = args.state
    if args.since:
        opts["ZHNEWS_SINCE"] = args.since
    if args.warc:
        opts["ZHNEWS_WARC"] = args.warc
    if args.allow_private:
        opts["ZHNEWS_ALLOW_PRIVATE"] = [*settings.getlist("ZHNEWS_ALLOW_PRIVATE"), *args.allow_private]
    if args.max_pages:
        opts["CLOSESPIDER_PAGECOUNT"] = args.max_pages
    output = args.output or (DEMO_OUTPUT if args.demo else "-")
    uri = "stdout:" if output == "-" else output
    feed: dict[str, Any] = {"format": "jsonlines", "encoding": "utf-8"}
    if output != "-":
        feed["overwrite"] = not args.append
    opts["FEEDS"] = {uri: feed}
    if args.demo:  # a local server: no need to be polite, and its traps should not take long
        opts.update(
            AUTOTHROTTLE_ENABLED=False,
            DOWNLOAD_DELAY=0,
            CONCURRENT_REQUESTS_PER_DOMAIN=8,
            DOWNLOAD_TIMEOUT=2,
            RETRY_TIMES=0,
        )
    if args.redis:
        from crawler.distributed import redis_settings

        opts.update(redis_settings(args.redis))
        opts["ZHNEWS_REDIS_URL"] = args.redis
    settings.update(opts, priority="cmdline")
    for name, value in args.settings:
        settings.set(name, value, priority="cmdline")
    return settings


def run_crawl(settings: Any, spider_kwargs: dict[str, Any]) -> dict[str, Any]:
    """Run the ``news`` spider to the end in this process; the crawl stats."""
    from scrapy.crawler import CrawlerProcess

    from crawler.spiders.news import NewsSpider

    level = logging.root.level
    settings.set("LOG_INSTALL_ROOT_HANDLER", False, priority="cmdline")
    process = CrawlerProcess(settings)
    logging.root.setLevel(level)  # Scrapy resets it; the zhnews handler and -v decide
    logging.getLogger("scrapy").setLevel(level or logging.WARNING)
    crawler = process.create_crawler(NewsSpider)
    process.crawl(crawler, **spider_kwargs)
    process.start()
    return dict(crawler.stats.get_stats())


def cmd_crawl(args: argparse.Namespace) -> int:
    from crawler.siteconfig import SiteConfigError, load_site_config

    try:
        site = load_site_config(args.site)
    except SiteConfigError as exc:
        print(f"zhnews crawl: {exc}", file=sys.stderr)
        return EXIT_USAGE
    urls = list(args.urls)
    server = None
    if args.demo:
        from crawler.demo import PortalMissing, PortalServer

        try:
            server = PortalServer().start()
        except PortalMissing as exc:
            print(f"zhnews crawl: {exc}", file=sys.stderr)
            return EXIT_USAGE
        urls.append(server.base_url + "/")
        print(
            f"zhnews crawl: serving the fixture portal at {server.base_url}/ for this run; its trap pages "
            "(a 500, a slow page, a redirect loop, a 50 MB page, a gzip bomb) are meant to fail",
            file=sys.stderr,
        )
    if not urls and not site.start_urls and not args.redis:
        print("zhnews crawl: give at least one URL (or start_urls in --site, or --demo)", file=sys.stderr)
        return EXIT_USAGE
    try:
        settings = crawl_settings(args)
        stats = run_crawl(settings, {"start_urls": urls, "site": site, "since": args.since})
    finally:
        if server is not None:
            server.stop()
    report = stats.get("zhnews/report") or {}
    from crawler.extensions import Report

    rep = Report(**report) if report else None
    output = args.output or (DEMO_OUTPUT if args.demo else "-")
    if args.redis and output != "-" and settings.getbool("ZHNEWS_WORKER_OUTPUT", True):
        from crawler.distributed import worker_output  # each distributed worker writes its own file

        output = str(worker_output(output, settings.get("ZHNEWS_WORKER_ID")))
    where = "" if output == "-" else f"; wrote {output}"
    if rep is None:
        print(f"zhnews crawl: the crawl did not run to its end{where}", file=sys.stderr)
        return EXIT_NOTHING
    print(f"zhnews crawl: {rep.line()}{where}", file=sys.stderr)
    if args.redis and rep.pages == 0 and rep.reason == "finished":
        # A distributed worker that got no request: the other workers held the shared frontier
        # until it ran dry. Not a failed crawl; the workers that fetched pages report on it.
        print(
            "zhnews crawl: this worker fetched nothing: the shared frontier was empty or taken by other workers",
            file=sys.stderr,
        )
        return EXIT_OK
    if rep.found == 0 and args.redis and rep.reason == "finished" and (held := _shared_articles(settings)):
        # A distributed worker whose pages held no article of their own: the other workers took the
        # article links from the shared frontier first (a second run over a crawl they all know, too).
        print(
            f"zhnews crawl: this worker found no article itself; the shared crawl's seen-store holds {held}",
            file=sys.stderr,
        )
        return EXIT_OK
    if rep.found == 0:
        print(f"zhnews crawl: found no articles at {', '.join(urls or site.start_urls)}", file=sys.stderr)
        return EXIT_NOTHING
    return EXIT_OK


def _shared_articles(settings: Any) -> int:
    """How many articles the shared crawl's seen-store holds (0 when Redis cannot be asked)."""
    from crawler.redis_state import DEFAULT_PREFIX, RedisSeenStore

    try:
        store = RedisSeenStore.from_url(
            settings.get("ZHNEWS_REDIS_URL"), settings.get("ZHNEWS_REDIS_PREFIX") or DEFAULT_PREFIX
        )
        try:
            return len(store)
        finally:
            store.close()
    except Exception:  # (the crawl itself reported what went wrong with Redis)
        return 0
