"""The crawler's parts one by one, built the way Scrapy builds them (``get_crawler``), no network."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from scrapy.exceptions import DropItem, IgnoreRequest, NotConfigured
from scrapy.http import Request
from scrapy.utils.test import get_crawler

from cleaning.decode import decode
from crawler import classify
from crawler.items import FetchedPage
from crawler.middlewares import BackoffRetryMiddleware, PrivateAddressMiddleware, SeenFilterMiddleware
from crawler.pipelines import CleanPipeline, SeenPipeline, WarcPipeline
from crawler.siteconfig import SiteConfigError, load_site_config
from crawler.spiders.news import NewsSpider
from crawler.state import SeenEntry, SqliteSeenStore, hamming, open_store, simhash

from .conftest import REPO
from .portal_server import MANIFEST, PORTAL

SITE = PORTAL / "site"
BASE = "http://news.example"


def page_tree(path: str):
    rel = path.lstrip("/") or "index.html"
    data = (SITE / rel).read_bytes()
    return classify.parse_tree(decode(data, "text/html; charset=utf-8").text)


# --- classification over every page of the fixture portal --------------------------------------
@pytest.mark.parametrize("path", [a["path"] for a in MANIFEST["articles"]])
def test_article_pages_are_articles(path: str) -> None:
    assert classify.is_article(classify.features(BASE + path, page_tree(path)))


@pytest.mark.parametrize("path", [p for p in MANIFEST["list_pages"] if p != "/"] + MANIFEST["not_articles"])
def test_list_and_other_pages_are_not_articles(path: str) -> None:
    assert not classify.is_article(classify.features(BASE + path, page_tree(path)))


@pytest.mark.parametrize("path", ["/jingji/index.html", "/jingji/index_2.html"])
def test_a_list_with_summaries_is_a_list_even_under_a_neutral_url(path: str) -> None:
    features = classify.features(BASE + "/jingji", page_tree(path))  # no list-shaped URL to help
    assert features.long_paragraphs >= 5  # summaries: text-heavy
    assert not classify.is_article(features)


@pytest.mark.parametrize(
    ("url", "article"),
    [
        ("http://a.cn/n1/2020/1113/c123-31930000.html", True),
        ("http://a.gov.cn/xwzx/202011/t20201113_1234567.html", True),
        ("http://a.cn/content/2020-11/13/content_7654321.htm", True),
        ("http://a.cn/art/2020/11/13/art_1234_5678.html", True),
        ("http://a.cn/news/show.php?id=12345", True),
        ("http://a.edu.cn/info/1012/12345.htm", True),
        ("http://a.cn/xinwen/1234567.shtml", True),
        ("http://a.cn/xinwen/index_12345.shtml", False),
        ("http://a.cn/yaowen/index_2.html", False),
        ("http://a.cn/node_1234.htm", False),
        ("http://a.cn/", False),
        ("http://a.cn/about.html", False),
    ],
)
def test_url_shapes(url: str, article: bool) -> None:
    assert classify.url_looks_like_article(url) is article


def test_list_page_links_carry_dates_and_pagination() -> None:
    links = classify.page_links(BASE + "/yaowen/index.html", page_tree("/yaowen/index.html"))
    by_url = {link.url: link for link in links}
    assert by_url[BASE + "/yaowen/index_2.html"].pagination == "next"
    assert by_url[BASE + "/yaowen/index_3.html"].pagination == "last"
    first = MANIFEST["articles"][0]
    assert by_url[BASE + first["path"]].date == first["date"]


# --- the seen-store --------------------------------------------------------------------------
def entry(url: str, story: str = "s1", sim: int | None = 0xFFFF_0000_FFFF_0000, revision: int = 1) -> SeenEntry:
    return SeenEntry(url, "h", '"e"', "Mon, 30 Nov 2020 08:00:00 GMT", "t0", "t1", revision, story, sim)


def test_sqlite_store_round_trips_and_persists(tmp_path: Path) -> None:
    store = open_store(str(tmp_path / "state"))
    big = (1 << 64) - 1  # needs the unsigned/signed mapping
    store.put(entry("http://a/1", sim=big))
    store.put(entry("http://a/1", revision=2, sim=big))  # upsert
    store.close()
    again = SqliteSeenStore.in_dir(tmp_path / "state")
    assert again.get("http://a/1") == entry("http://a/1", revision=2, sim=big)
    assert again.get("http://a/2") is None
    assert len(again) == 1


@pytest.mark.parametrize(("flips", "found"), [(0, "s1"), (1, "s1"), (3, "s1"), (4, None), (12, None)])
def test_find_story_within_distance(flips: int, found: str | None) -> None:
    store = SqliteSeenStore()
    base = 0x0123_4567_89AB_CDEF
    store.put(entry("http://a/1", sim=base))
    probe = base ^ sum(1 << (i * 5) for i in range(flips))  # spread over all four bands
    assert hamming(base, probe) == flips
    assert store.find_story(probe, 3) == found


def test_simhash_near_for_same_story_far_for_different() -> None:
    a = [x for x in MANIFEST["articles"][:2]]
    t0 = (SITE / a[0]["path"].lstrip("/")).read_bytes().decode("utf-8")
    t1 = (SITE / a[1]["path"].lstrip("/")).read_bytes().decode("utf-8")
    assert hamming(simhash(t0), simhash(t0.replace("。", "，"))) == 0
    assert hamming(simhash(t0), simhash(t1)) > 3


# --- middlewares -----------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("url", "allowed", "refused"),
    [
        ("http://127.0.0.1:8080/a.html", [], True),
        ("http://localhost/a.html", [], True),
        ("http://10.1.2.3/a.html", [], True),
        ("http://169.254.169.254/latest/meta-data/", [], True),
        ("http://[::1]/a.html", [], True),
        ("http://192.168.0.5/a.html", ["192.168.0.0/16"], False),
        ("http://127.0.0.1:8080/a.html", ["127.0.0.1"], False),
        ("http://8.8.8.8/a.html", [], False),
    ],
)
def test_private_addresses_are_refused_unless_allowed(url: str, allowed: list[str], refused: bool) -> None:
    crawler = get_crawler(NewsSpider, {"ZHNEWS_ALLOW_PRIVATE": allowed})
    mw = PrivateAddressMiddleware.from_crawler(crawler)
    if refused:
        with pytest.raises(IgnoreRequest):
            mw.process_request(Request(url))
    else:
        assert mw.process_request(Request(url)) is None


def test_start_hosts_may_be_private() -> None:
    crawler = get_crawler(NewsSpider)
    crawler.spider = NewsSpider.from_crawler(crawler, start_urls="http://127.0.0.1:8080/")
    mw = PrivateAddressMiddleware.from_crawler(crawler)
    assert mw.process_request(Request("http://127.0.0.1:8080/yaowen/index.html")) is None
    with pytest.raises(IgnoreRequest):
        mw.process_request(Request("http://localhost:8080/admin"))


def test_backoff_doubles_and_is_capped() -> None:
    crawler = get_crawler(NewsSpider, {"ZHNEWS_RETRY_BACKOFF_BASE": 0.5, "ZHNEWS_RETRY_BACKOFF_MAX": 3})
    mw = BackoffRetryMiddleware.from_crawler(crawler)
    assert [mw.delay(n) for n in (1, 2, 3, 4, 5)] == [0.5, 1.0, 2.0, 3.0, 3.0]


def seen_filter(recheck: bool) -> tuple[SeenFilterMiddleware, NewsSpider]:
    crawler = get_crawler(NewsSpider, {"ZHNEWS_RECHECK": recheck})
    crawler.spider = spider = NewsSpider.from_crawler(crawler, start_urls=BASE + "/")
    crawler.stats.open_spider()
    spider.seen_store.put(entry(BASE + "/a/2020/1113/c1.html"))
    return SeenFilterMiddleware.from_crawler(crawler), spider


def test_seen_articles_are_not_requested_again() -> None:
    mw, _ = seen_filter(False)
    seen = Request(BASE + "/a/2020/1113/c1.html", meta={"zhnews_kind": "article"})
    new = Request(BASE + "/a/2020/1113/c2.html", meta={"zhnews_kind": "article"})
    assert mw.get_processed_request(seen, None) is None
    assert mw.get_processed_request(new, None) is new


def test_list_pages_are_requested_even_if_stored() -> None:
    mw, spider = seen_filter(False)
    spider.seen_store.put(entry(BASE + "/a/index.html"))
    req = Request(BASE + "/a/index.html", meta={"zhnews_kind": "list"})
    assert mw.get_processed_request(req, None) is req


def test_recheck_sends_a_conditional_request() -> None:
    mw, _ = seen_filter(True)
    req = mw.get_processed_request(Request(BASE + "/a/2020/1113/c1.html", meta={"zhnews_kind": "article"}), None)
    assert req.headers[b"If-None-Match"] == b'"e"'
    assert req.headers[b"If-Modified-Since"] == b"Mon, 30 Nov 2020 08:00:00 GMT"
    assert 304 in req.meta["handle_httpstatus_list"]


# --- pipelines -------------------------------------------------------------------------------
def fetched(url: str, body: bytes, ctype: str = "text/html; charset=utf-8") -> FetchedPage:
    return FetchedPage(url, body, 200, ctype, '"x"', None, "2020-11-30T00:00:00Z")


def test_clean_pipeline_gives_an_error_record_for_bad_input() -> None:
    pipe = CleanPipeline.from_crawler(get_crawler(NewsSpider, {"ZHNEWS_CLEAN_ENTITIES": False}))
    out = pipe.clean(fetched(BASE + "/a/c1.html", b"%PDF-1.4 binary"))
    assert out.record["error"]["type"] == "BinaryInput"
    assert out.record["url"] == BASE + "/a/c1.html" and out.record["http"]["status"] == 200


def test_clean_pipeline_decodes_a_lying_header_from_raw_bytes() -> None:
    art = next(a for a in MANIFEST["articles"] if a["encoding"] == "gbk")
    body = (SITE / art["path"].lstrip("/")).read_bytes()
    pipe = CleanPipeline.from_crawler(get_crawler(NewsSpider, {"ZHNEWS_CLEAN_ENTITIES": False}))
    rec = pipe.clean(fetched(BASE + art["path"], body)).record
    assert art["first_sentence"] in rec["text"] and rec["encoding"] == "gb18030"


def test_seen_pipeline_drops_unchanged_and_numbers_revisions() -> None:
    crawler = get_crawler(NewsSpider, {"ZHNEWS_CLEAN_ENTITIES": False})
    crawler.spider = NewsSpider.from_crawler(crawler, start_urls=BASE + "/")
    crawler.stats.open_spider()
    clean, seen = CleanPipeline.from_crawler(crawler), SeenPipeline.from_crawler(crawler)
    art = MANIFEST["articles"][0]
    body = (SITE / art["path"].lstrip("/")).read_bytes()
    first = seen.process_item(clean.clean(fetched(BASE + art["path"], body)))
    assert first.record["revision"] == 1
    seen.item_scraped(first.record)  # written: now stored
    with pytest.raises(DropItem, match="unchanged"):
        seen.process_item(clean.clean(fetched(BASE + art["path"], body)))
    changed = body.replace(b"</p>", "又讯：今天下午更新了统计数据。</p>".encode(), 1)
    second = seen.process_item(clean.clean(fetched(BASE + art["path"], changed)))
    assert second.record["revision"] == 2 and second.record["story_id"] == first.record["story_id"]


def test_warc_pipeline_is_off_without_a_path() -> None:
    with pytest.raises(NotConfigured):
        WarcPipeline.from_crawler(get_crawler(NewsSpider))


# --- configuration ---------------------------------------------------------------------------
def test_site_config_reads_every_key(tmp_path: Path) -> None:
    path = tmp_path / "site.toml"
    path.write_text(
        '[site]\nstart_urls = ["http://a.cn/"]\nallow = ["/news/"]\ndeny = ["/print/"]\n'
        'article_xpath = "//div[@class=\'TRS_Editor\']"\nlist_xpath = "//ul"\nencoding = "gbk"\n'
        'since = "2020-11-01"\nmax_pages = 5\nmax_articles = 0\n',
        encoding="utf-8",
    )
    cfg = load_site_config(path)
    assert cfg.start_urls == ("http://a.cn/",) and cfg.encoding == "gbk" and cfg.max_pages == 5
    assert cfg.max_articles is None
    assert cfg.follows("http://a.cn/news/1.html") and not cfg.follows("http://a.cn/print/news/1.html")
    assert not cfg.follows("http://a.cn/about.html")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("max_pages = -1", "max_pages"),
        ('encoding = "klingon"', "encoding"),
        ('allow = ["("]', "allow"),
        ('colour = "red"', "unknown"),
        ('article_xpath = "//div["', "XPath"),
        ("since = [", "TOML"),
    ],
)
def test_site_config_errors_are_clear(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "site.toml"
    path.write_text(text + "\n", encoding="utf-8")
    with pytest.raises(SiteConfigError, match=message):
        load_site_config(path)


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("ROBOTSTXT_OBEY", True),
        ("AUTOTHROTTLE_ENABLED", True),
        ("COOKIES_ENABLED", False),
        ("CONCURRENT_REQUESTS_PER_DOMAIN", 4),
        ("DOWNLOAD_MAXSIZE", 16 * 1024 * 1024),
        ("RETRY_ENABLED", True),
    ],
)
def test_polite_defaults_outside_tests(name: str, value: object) -> None:
    from scrapy.settings import Settings

    settings = Settings()
    settings.setmodule("crawler.settings", priority="project")
    assert settings[name] == value
    assert "zhnews" in settings["USER_AGENT"] and "robots" in settings["USER_AGENT"]


def test_crawler_cli_does_not_import_scrapy() -> None:
    code = (
        "import argparse, sys, crawler.cli; p = argparse.ArgumentParser(); "
        "crawler.cli.register(p.add_subparsers()); print('scrapy' in sys.modules)"
    )
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, timeout=60)
    assert res.stdout.strip() == "False", res.stderr


# --- spider callbacks on responses built in memory -------------------------------------------
def spider_for(settings: dict | None = None, **kwargs: object) -> NewsSpider:
    crawler = get_crawler(NewsSpider, settings or {})
    crawler.spider = spider = NewsSpider.from_crawler(crawler, start_urls=BASE + "/", **kwargs)
    crawler.stats.open_spider()
    return spider


def sitemap_response(body: bytes, url: str = BASE + "/sitemap.xml"):
    from scrapy.http import Response

    return Response(url, body=body, request=Request(url, meta={"zhnews_kind": "sitemap"}))


SITEMAP = (
    b'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
    + b"".join(
        b"<url><loc>%s/a/2020/11%02d/c%d.html</loc><lastmod>2020-11-%02d</lastmod></url>" % (BASE.encode(), d, d, d)
        for d in range(1, 21)
    )
    + b"<url><loc>http://elsewhere.example/a/2020/1101/c1.html</loc></url></urlset>"
)


def test_sitemap_gives_same_site_article_requests() -> None:
    out = list(spider_for().parse(sitemap_response(SITEMAP)))
    assert len(out) == 20 and all(r.url.startswith(BASE) for r in out)
    assert out[0].meta["zhnews_listed_date"] == "2020-11-01"


def test_gzipped_sitemap_is_read_and_capped() -> None:
    import gzip

    assert len(list(spider_for().parse(sitemap_response(gzip.compress(SITEMAP))))) == 20
    small = spider_for({"DOWNLOAD_MAXSIZE": 500})
    assert list(small.parse(sitemap_response(gzip.compress(SITEMAP)))) == []
    assert small.crawler.stats.get_value("zhnews/sitemaps/refused") == 1


def test_sitemap_url_count_is_capped() -> None:
    assert len(list(spider_for({"ZHNEWS_MAX_SITEMAP_URLS": 5}).parse(sitemap_response(SITEMAP)))) == 5


def test_since_filters_sitemap_entries() -> None:
    out = list(spider_for(since="2020-11-15").parse(sitemap_response(SITEMAP)))
    assert len(out) == 6


def test_feed_items_become_article_requests() -> None:
    from scrapy.http import Response

    body = (PORTAL / "site" / "rss.xml").read_bytes().replace(b"{base}", BASE.encode())
    out = list(spider_for().parse(Response(BASE + "/rss.xml", body=body, request=Request(BASE + "/rss.xml"))))
    feed_only = next(a["path"] for a in MANIFEST["articles"] if a["found_via"] == "feed")
    assert BASE + feed_only in {r.url for r in out}
    assert all(r.meta["zhnews_listed_date"] for r in out)


def test_max_pages_closes_the_spider() -> None:
    from scrapy.exceptions import CloseSpider

    spider = spider_for(max_pages=2)
    spider.count_page()
    spider.count_page()
    with pytest.raises(CloseSpider) as stop:
        spider.count_page()
    assert "max_pages" in stop.value.reason


@pytest.mark.parametrize("emit", [False, True])
def test_a_story_under_a_second_url_shares_its_story_id(emit: bool) -> None:
    crawler = get_crawler(NewsSpider, {"ZHNEWS_CLEAN_ENTITIES": False, "ZHNEWS_EMIT_DUPLICATES": emit})
    crawler.spider = spider = NewsSpider.from_crawler(crawler, start_urls=BASE + "/")
    crawler.stats.open_spider()
    clean, seen = CleanPipeline.from_crawler(crawler), SeenPipeline.from_crawler(crawler)
    dup_a, dup_b = MANIFEST["duplicates"][0]
    first = seen.process_item(clean.clean(fetched(BASE + dup_a, (SITE / dup_a.lstrip("/")).read_bytes())))
    seen.item_scraped(first.record)
    second = clean.clean(fetched(BASE + dup_b, (SITE / dup_b.lstrip("/")).read_bytes()))
    if emit:
        assert seen.process_item(second).record["story_id"] == first.record["story_id"]
    else:
        with pytest.raises(DropItem, match="near-duplicate"):
            seen.process_item(second)
    assert spider.seen_store.get(BASE + dup_b).story_id == first.record["story_id"]


def test_clean_pipeline_in_a_worker_process_gives_the_same_record() -> None:
    art = MANIFEST["articles"][0]
    page = fetched(BASE + art["path"], (SITE / art["path"].lstrip("/")).read_bytes())
    pipe = CleanPipeline.from_crawler(
        get_crawler(NewsSpider, {"ZHNEWS_CLEAN_ENTITIES": False, "ZHNEWS_CLEAN_WORKERS": 1})
    )
    pipe.open_spider()
    try:
        record = pipe._in_process(page)
    finally:
        pipe.close_spider()
    assert record == pipe.clean(page).record


def html_response(path: str, body: bytes | None = None):
    from scrapy.http import HtmlResponse

    body = body if body is not None else (SITE / (path.lstrip("/") or "index.html")).read_bytes()
    return HtmlResponse(
        BASE + path, body=body, headers={"Content-Type": "text/html; charset=utf-8"}, request=Request(BASE + path)
    )


def test_site_article_xpath_decides_what_is_an_article() -> None:
    from crawler.siteconfig import SiteConfig

    spider = spider_for(site=SiteConfig(article_xpath="//h1[@class='title']"))
    about = [o for o in spider.parse(html_response("/about.html")) if isinstance(o, FetchedPage)]
    art = MANIFEST["articles"][0]["path"]
    found = [o for o in spider.parse(html_response(art)) if isinstance(o, FetchedPage)]
    assert about == [] and [p.url for p in found] == [BASE + art]


def test_site_encoding_overrides_a_lying_header() -> None:
    from crawler.siteconfig import SiteConfig

    art = next(a for a in MANIFEST["articles"] if a["encoding"] == "gbk")
    spider = spider_for(site=SiteConfig(encoding="gbk"))
    (page,) = [o for o in spider.parse(html_response(art["path"])) if isinstance(o, FetchedPage)]
    assert page.content_type == "text/html; charset=gbk"


def test_list_xpath_limits_the_links_followed_from_list_pages() -> None:
    from crawler.siteconfig import SiteConfig

    spider = spider_for(site=SiteConfig(list_xpath="//div[@class='list']"))
    urls = {r.url for r in spider.parse(html_response("/yaowen/index.html")) if isinstance(r, Request)}
    assert BASE + "/about.html" not in urls  # in the nav, outside the list
    assert BASE + "/yaowen/index_2.html" in urls  # pagination is always followed
    assert BASE + MANIFEST["articles"][0]["path"] in urls


def test_links_stop_at_max_hops_but_pagination_goes_on() -> None:
    spider = spider_for({"ZHNEWS_MAX_HOPS": 2})
    response = html_response("/yaowen/index.html")
    response.meta["zhnews_hops"] = 2
    requests = [r for r in spider.parse(response) if isinstance(r, Request)]
    assert {r.meta["zhnews_kind"] for r in requests} <= {"list", "feed"}
    assert BASE + "/yaowen/index_2.html" in {r.url for r in requests}


def test_urls_that_redirected_to_an_article_are_remembered_too() -> None:
    from dataclasses import replace

    crawler = get_crawler(NewsSpider, {"ZHNEWS_CLEAN_ENTITIES": False})
    crawler.spider = spider = NewsSpider.from_crawler(crawler, start_urls=BASE + "/")
    crawler.stats.open_spider()
    clean, seen = CleanPipeline.from_crawler(crawler), SeenPipeline.from_crawler(crawler)
    art = MANIFEST["articles"][0]["path"]
    page = replace(fetched(BASE + art, (SITE / art.lstrip("/")).read_bytes()), aliases=(BASE + "/old/1.html",))
    out = seen.process_item(clean.clean(page))
    seen.item_scraped(out.record)
    assert spider.seen_store.get(BASE + "/old/1.html").story_id == out.record["story_id"]


def test_news_sitemap_dates_and_atom_alternate_links() -> None:
    from scrapy.http import Response

    news = (
        b'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        b'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"><url><loc>' + BASE.encode() + b"/a/c123.html"
        b"</loc><news:news><news:publication_date>2020-11-13T08:00:00+08:00</news:publication_date>"
        b"</news:news></url></urlset>"
    )
    (req,) = spider_for().parse(sitemap_response(news))
    assert req.meta["zhnews_listed_date"] == "2020-11-13"
    atom = (
        b'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><entry>'
        b'<link rel="self" href="' + BASE.encode() + b'/api/1.json"/>'
        b'<link rel="alternate" href="' + BASE.encode() + b'/a/c124.html"/>'
        b'<link rel="enclosure" href="' + BASE.encode() + b'/a/c124.mp3"/>'
        b"<published>2020-11-14T08:00:00Z</published></entry></feed>"
    )
    url = BASE + "/atom.xml"
    (req,) = spider_for().parse(Response(url, body=atom, request=Request(url)))
    assert req.url == BASE + "/a/c124.html" and req.meta["zhnews_listed_date"] == "2020-11-14"
