"""Scrapy settings of the zhnews crawler: polite and safe by default (plain module-level settings).

``scrapy crawl news -a start_urls=...`` from the repository root reads these through
``scrapy.cfg``; ``zhnews crawl`` starts from the same module and overrides a few from its
options. The ``ZHNEWS_*`` settings are the crawler's own (see README, "Crawling").
"""

from __future__ import annotations

BOT_NAME = "zhnews"
SPIDER_MODULES = ["crawler.spiders"]
NEWSPIDER_MODULE = "crawler.spiders"
COMMANDS_MODULE = "crawler.commands"  # `scrapy crawl` exits 1 when the crawl finds nothing

USER_AGENT = "zhnews/0.1 (+https://github.com/zhnews/zhnews; news research crawler; obeys robots.txt)"

# Politeness
ROBOTSTXT_OBEY = True
CONCURRENT_REQUESTS = 16
CONCURRENT_REQUESTS_PER_DOMAIN = 4
DOWNLOAD_DELAY = 0.5
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_MAX_DELAY = 30.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 2.0
RETRY_ENABLED = True
RETRY_TIMES = 2
RETRY_HTTP_CODES = [500, 502, 503, 504, 522, 524, 408, 429]
RETRY_GIVE_UP_LOG_LEVEL = "INFO"  # the spider logs each page it could not fetch
DOWNLOAD_TIMEOUT = 30
TWISTED_DNS_RESOLVER = "crawler.resolver.LocalhostResolver"  # *.localhost is loopback (RFC 6761), as in browsers
REDIRECT_MAX_TIMES = 10
COOKIES_ENABLED = False
TELNETCONSOLE_ENABLED = False
DEPTH_LIMIT = 0  # Scrapy's depth counts every 下一页; ZHNEWS_MAX_HOPS limits the crawl instead
DEPTH_PRIORITY = 0

# Safety: no body (compressed or not, sitemaps included) above 16 MB
DOWNLOAD_MAXSIZE = 16 * 1024 * 1024
DOWNLOAD_WARNSIZE = 4 * 1024 * 1024

SPIDER_MIDDLEWARES = {
    "crawler.middlewares.SeenFilterMiddleware": 560,
}
DOWNLOADER_MIDDLEWARES = {
    "crawler.middlewares.PrivateAddressMiddleware": 90,
    "crawler.middlewares.BackoffRetryMiddleware": 550,
    "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
}
ITEM_PIPELINES = {
    "crawler.pipelines.CleanPipeline": 300,
    "crawler.pipelines.SeenPipeline": 400,
    "crawler.pipelines.WarcPipeline": 500,
    "crawler.pipelines.RecordPipeline": 900,
}
EXTENSIONS = {
    "crawler.extensions.CrawlReport": 500,
}
# Local files are written with one write per record and no buffering, so a killed crawl loses nothing.
FEED_STORAGES = {
    "": "crawler.feeds.UnbufferedFileFeedStorage",
    "file": "crawler.feeds.UnbufferedFileFeedStorage",
}
FEED_EXPORT_ENCODING = "utf-8"

# zhnews's own settings
ZHNEWS_CLEAN = True  # run the cleaning pipeline on each article (off: raw records, for benchmarks)
ZHNEWS_CLEAN_ENTITIES = True
ZHNEWS_CLEAN_SCRUB = None  # list of scrub step names, None = defaults
ZHNEWS_CLEAN_SKIP = []
ZHNEWS_CLEAN_WORKERS = 0  # 0: clean in one thread beside the crawl; N: in N worker processes
ZHNEWS_STATE = None  # directory of the SQLite seen-store; None keeps it in memory for this run
ZHNEWS_REDIS_URL = None  # seen-store on Redis instead (distributed crawls)
ZHNEWS_RECHECK = False  # refetch seen articles with conditional requests; emit changed ones as revisions
ZHNEWS_EMIT_DUPLICATES = False  # emit a near-duplicate of a known story too (same story_id)
ZHNEWS_STORY_DISTANCE = 3  # simhash bits within which two texts are one story
ZHNEWS_ALLOW_PRIVATE = []  # hosts/IPs/networks links may reach although private or loopback, e.g. ["127.0.0.1"]
ZHNEWS_WARC = None  # path of a .warc.gz to archive article responses in
ZHNEWS_SINCE = None  # YYYY-MM-DD: skip older articles, stop pagination at them
ZHNEWS_MAX_SITEMAP_URLS = 50000
ZHNEWS_MAX_HOPS = 6  # links followed away from a start page (pagination does not count); 0 = no limit
ZHNEWS_RETRY_BACKOFF_BASE = 1.0  # seconds; doubled per retry
ZHNEWS_RETRY_BACKOFF_MAX = 60.0
