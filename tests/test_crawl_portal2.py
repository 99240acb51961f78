"""Whole crawls of the second fixture portal: a county government site (fixtures/portal2).

云溪县人民政府 is built unlike the news portal of test_crawl.py: a TRS column whose pager is
only a ``createPageHTML`` script, a VSB column numbered backwards and linked with ``../../``
and a ``<base href>``, an ASP.NET column on the ``news.`` subdomain paged by query string
with image 下一页 links and a root that only forwards (meta refresh), a Hanweb column whose
list is a script data island reached through an <iframe>, GBK pages with no charset anywhere
or a lying one, a page sent as application/octet-stream, a WeChat-share copy of an article
URL, an article whose only sign is the bare date under its headline, list pages with long
summaries, long undated 政务公开 reference pages and a gzipped sitemap behind a sitemap index.
The crawl starts at ``http://localhost:PORT/`` (``news.localhost`` is
loopback too, RFC 6761). Two runs with one --state: the first emits every article once,
the second nothing.
"""

from __future__ import annotations

import collections
from dataclasses import replace
from urllib.parse import urlsplit

import pytest

from cleaning import validate
from crawler import classify
from crawler.demo import load_manifest

from .portal_server import PORTAL2, crawl, records, serve

MANIFEST = load_manifest(PORTAL2)
ARTICLES = {(a["host"], a["path"]): a for a in MANIFEST["articles"]}
NEWS_PREFIX = next(iter(MANIFEST["hosts"]))  # "news."


def key(url: str) -> tuple[str, str]:
    """(host name, path and query) of a URL, host "news" on the subdomain, "" on the main site."""
    parts = urlsplit(url)
    host = "news" if (parts.hostname or "").startswith(NEWS_PREFIX) else ""
    return host, parts.path + (f"?{parts.query}" if parts.query else "")


def requested(log: list[tuple[str, str]]) -> set[tuple[str, str]]:
    return {("news" if h.startswith(NEWS_PREFIX) else "", p) for h, p in log}


@pytest.fixture(scope="module")
def story(tmp_path_factory: pytest.TempPathFactory) -> dict:
    tmp = tmp_path_factory.mktemp("crawl2")
    state = tmp / "state"
    server = serve(root=PORTAL2)
    try:
        start = f"http://localhost:{server.base_url.rsplit(':', 1)[1]}/"
        first = crawl(start, tmp / "run1.jsonl", "--state", str(state), "--no-entities")
        first_log = list(server.log)
        second = crawl(start, tmp / "run2.jsonl", "--state", str(state), "--no-entities")
        second_log = list(server.log[len(first_log) :])
    finally:
        server.stop()
    return {
        "runs": {"first": first, "second": second},
        "out": {"first": records(tmp / "run1.jsonl"), "second": records(tmp / "run2.jsonl")},
        "log": {"first": first_log, "second": second_log},
    }


def test_first_run_succeeds(story: dict) -> None:
    run = story["runs"]["first"]
    assert run.returncode == 0, run.stderr[-3000:]
    assert "0 fetch errors" in run.stderr


def test_every_article_exactly_once(story: dict) -> None:
    got = collections.Counter(key(r["url"]) for r in story["out"]["first"])
    assert {k for k, n in got.items() if n > 1} == set()
    assert set(got) == set(ARTICLES)


def test_no_list_or_reference_page_is_emitted(story: dict) -> None:
    got = {key(r["url"]) for r in story["out"]["first"]}
    lists = {("news" if col == "xzdt" else "", p) for col, ps in MANIFEST["list_pages"].items() for p in ps}
    assert got.isdisjoint(lists)
    assert got.isdisjoint({("", p) for p in MANIFEST["not_articles"]})
    assert got.isdisjoint({("news", "/"), ("news", "/index.html")})


def test_reference_pages_were_read_but_not_taken_for_articles(story: dict) -> None:
    seen = requested(story["log"]["first"])
    for path in ("/zwgk/xxgkzn.html", "/zwgk/jgzn.html", "/zjyx/xqgk.html"):
        assert ("", path) in seen


@pytest.mark.parametrize("column", sorted(MANIFEST["list_pages"]))
def test_pagination_is_followed_to_the_last_page(story: dict, column: str) -> None:
    host = "news" if column == "xzdt" else ""
    seen = requested(story["log"]["first"])
    for path in MANIFEST["list_pages"][column]:
        assert (host, path) in seen, path
    # the articles of the column's last list page are linked from nowhere else
    got = {key(r["url"]) for r in story["out"]["first"]}
    assert {k for k, a in ARTICLES.items() if a["column"] == column} <= got


def test_subdomain_of_the_site_is_crawled(story: dict) -> None:
    got = {key(r["url"]) for r in story["out"]["first"]}
    assert {k for k in ARTICLES if k[0] == "news"} <= got
    assert any(h.startswith(NEWS_PREFIX) for h, _ in story["log"]["first"])


def test_shared_copy_of_an_article_is_one_record_under_its_clean_url(story: dict) -> None:
    dup = MANIFEST["tracking_duplicate"]
    clean = classify.canonical_url("http://x" + dup["path"]).removeprefix("http://x")
    urls = [r["url"] for r in story["out"]["first"] if key(r["url"])[0] == dup["host"]]
    assert [u for u in urls if key(u)[1] == clean] and not [u for u in urls if "from=" in u]
    assert (dup["host"], dup["path"]) not in requested(story["log"]["first"])


def test_article_only_in_the_gzipped_sitemap_is_found(story: dict) -> None:
    seen = requested(story["log"]["first"])
    assert ("", "/sitemap_index.xml") in seen and ("", "/sitemaps/news.xml.gz") in seen
    got = {key(r["url"]) for r in story["out"]["first"]}
    assert {k for k, a in ARTICLES.items() if a["found_via"] == "sitemap"} <= got


def test_disallowed_path_is_never_requested(story: dict) -> None:
    seen = requested(story["log"]["first"])
    for path in MANIFEST["disallowed"]:
        assert ("", path) not in seen


@pytest.mark.parametrize("article", MANIFEST["articles"], ids=lambda a: a["host"] + a["path"])
def test_record_has_title_text_and_date(story: dict, article: dict) -> None:
    rec = next(r for r in story["out"]["first"] if key(r["url"]) == (article["host"], article["path"]))
    validate(rec)
    assert rec["title"] == article["title"]
    assert article["first_sentence"] in rec["text"]
    assert "\ufffd" not in rec["text"]
    assert (rec["published_at"] or "")[:10] == article["date"]


def test_second_run_emits_nothing_and_fetches_no_article(story: dict) -> None:
    run = story["runs"]["second"]
    assert run.returncode == 0, run.stderr[-3000:]
    assert story["out"]["second"] == []
    assert requested(story["log"]["second"]).isdisjoint(ARTICLES)
    assert ("", "/xwzx/zwyw/index_2.html") in requested(story["log"]["second"])  # lists are read again


# --- the pieces, on their own ---------------------------------------------------------------------
@pytest.mark.parametrize(
    ("script", "expected"),
    [
        ('createPageHTML(3, 0, "index", "html");', (3, 0, "index", "html")),
        ("createPageHTML('page_div',7, 2,'fg','shtml',130);", (7, 2, "fg", "shtml")),
        (
            "var countPage = 5;var currentPage = 1;createPageHTML(countPage, currentPage, 'index', 'htm');",
            (5, 1, "index", "htm"),
        ),
        (
            "var currentPage = 0;var countPage = 4//共多少页\n"
            'document.write("<a href=\\"index_" + nextPage + "." + "html\\">下一页</a>");',
            (4, 0, "index", "html"),
        ),
        (
            "function createPageHTML(_nPageCount, _nCurrIndex, _sPageName, _sPageExt){ return; }\n"
            'createPageHTML(12, 3, "index", "shtml");',
            (12, 3, "index", "shtml"),
        ),
        ("document.write('hello');", None),
    ],
)
def test_script_pagers_are_read(script: str, expected: tuple | None) -> None:
    assert classify.script_pager(script) == expected


def test_script_pager_becomes_links_under_the_base_href() -> None:
    page = (
        '<html><head><base href="http://a.example/col/"></head><body><ul><li><a href="./202011/t20201113_1.html">x</a>'
        '</li></ul><div class="page"><script>createPageHTML(3, 1, "index", "html");</script></div></body></html>'
    )
    tree = classify.parse_tree(page)
    links = {(link.url, link.pagination) for link in classify.page_links("http://a.example/col/index_1.html", tree)}
    assert ("http://a.example/col/index_2.html", "next") in links  # relative to the <base href>
    assert ("http://a.example/col/index_2.html", "last") in links
    assert ("http://a.example/col/202011/t20201113_1.html", None) in links


def test_image_and_title_pager_links_are_pagination() -> None:
    page = (
        '<html><body><a href="list.aspx?page=2" title="下一页"><img src="/i/next.gif"></a>'
        '<a href="list.aspx?page=9"><img src="/i/last.gif" alt="末页"></a> <a href="?page=3">3</a>'
        '<a href="#">top</a> <a href="javascript:void(0)">js</a></body></html>'
    )
    tree = classify.parse_tree(page)
    links = {link.url: link.pagination for link in classify.page_links("http://a.example/list.aspx", tree)}
    assert links == {
        "http://a.example/list.aspx?page=2": "next",
        "http://a.example/list.aspx?page=9": "last",
        "http://a.example/list.aspx?page=3": "number",
    }


def test_vsb_page_numbers_are_pagination() -> None:
    page = (
        '<html><body><a href="bmdt/2.htm">2</a><a href="bmdt/1.htm">3</a>'
        '<a href="../info/1012/2345.htm">5</a></body></html>'
    )
    tree = classify.parse_tree(page)
    links = {link.url: link.pagination for link in classify.page_links("http://a.example/xwzx/bmdt.htm", tree)}
    assert links["http://a.example/xwzx/bmdt/2.htm"] == "number"
    assert links["http://a.example/info/1012/2345.htm"] is None


@pytest.mark.parametrize(
    ("url", "clean"),
    [
        ("http://a.example/show.aspx?id=12&from=singlemessage&isappinstalled=0", "http://a.example/show.aspx?id=12"),
        ("http://a.example/a/1.html?utm_source=wx&utm_medium=share#p2", "http://a.example/a/1.html"),
        ("http://a.example/list.php?from=40&size=20", "http://a.example/list.php?from=40&size=20"),
        ("http://a.example/x.html?spm=a.b.c", "http://a.example/x.html"),
    ],
)
def test_tracking_parameters_are_dropped(url: str, clean: str) -> None:
    assert classify.canonical_url(url) == clean


def test_undated_reference_page_is_not_an_article() -> None:
    text = "".join(
        f"<p>{'县人民政府办公室负责县人民政府会议的组织工作，协助县人民政府领导同志组织实施会议决定事项。' * 5}</p>"
        for _ in range(6)
    )
    tree = classify.parse_tree(f"<html><body><h1>机构职能</h1>{text}</body></html>")
    f = classify.features("http://a.example/zwgk/jgzn.html", tree)
    assert f.body_chars > 1000 and not classify.is_article(f)
    dated = classify.parse_tree(f"<html><body><h1>机构职能</h1><p>2020-11-13 09:30</p>{text}</body></html>")
    assert classify.is_article(classify.features("http://a.example/zwgk/jgzn.html", dated))


def test_localhost_names_are_loopback() -> None:
    from crawler.middlewares import PrivateAddressMiddleware
    from crawler.resolver import is_localhost_name

    assert (
        is_localhost_name("news.localhost") and is_localhost_name("localhost") and not is_localhost_name("localhost.cn")
    )
    mw = PrivateAddressMiddleware([])
    assert mw.refusal("news.localhost")  # a link from some site to *.localhost is refused


def test_subdomain_of_a_private_start_host_is_allowed() -> None:
    from types import SimpleNamespace

    from crawler.middlewares import PrivateAddressMiddleware

    mw = PrivateAddressMiddleware([], SimpleNamespace(spider=SimpleNamespace(start_hosts={"localhost"})))
    assert mw.refusal("news.localhost") is None
    assert mw.refusal("127.0.0.1")  # not a subdomain: still refused
    mw = PrivateAddressMiddleware([], SimpleNamespace(spider=SimpleNamespace(start_hosts={"127.0.0.1"})))
    assert mw.refusal("localhost")


def test_hanweb_data_island_and_frames_give_links() -> None:
    page = (
        '<html><body><div id="4512041"><script type="text/xml"><datastore><recordset>'
        '<record><![CDATA[<li><a href="/art/2020/11/13/art_1229_123456.html">关于做好冬季防火工作的通知</a>'
        "<span>2020-11-13</span></li>]]></record>"
        '<record><![CDATA[<li><a href="/art/2020/11/12/art_1229_123455.html">关于开展安全检查的通知</a></li>'
        "]]></record>"
        '</recordset></datastore></script></div><iframe src="/include/tzgg.html"></iframe></body></html>'
    )
    links = {
        link.url: link.date
        for link in classify.page_links("http://a.example/col/col1229/index.html", classify.parse_tree(page))
    }
    assert links == {
        "http://a.example/art/2020/11/13/art_1229_123456.html": "2020-11-13",
        "http://a.example/art/2020/11/12/art_1229_123455.html": "2020-11-12",
        "http://a.example/include/tzgg.html": None,
    }


def test_forwarding_home_page_gives_links() -> None:
    page = (
        '<html><head><meta http-equiv="Refresh" content="0; URL=/col/col1/index.html"></head><body>'
        '<script>window.location.href = "/index.shtml";</script>'
        '<map><area href="/xxgk/" alt="信息公开"></map></body></html>'
    )
    links = {link.url for link in classify.page_links("http://a.example/", classify.parse_tree(page))}
    assert links == {"http://a.example/col/col1/index.html", "http://a.example/index.shtml", "http://a.example/xxgk/"}


def test_bare_date_under_the_headline_is_a_sign_of_an_article() -> None:
    paras = "".join(
        f"<p>{n}月，溪口镇组织干部职工深入各村开展冬季森林防火宣传活动，发放宣传资料五百余份，接受群众咨询一百余人次。</p>"
        for n in range(1, 5)
    )
    page = (
        "<html><head><title>溪口镇开展冬季森林防火宣传活动 - 乡镇动态</title></head><body>"
        '<div class="arttitle">溪口镇开展冬季森林防火宣传活动</div>'
        f"<div>2020-11-13 09:30 | 溪口镇</div>{paras}</body></html>"
    )
    f = classify.features("http://a.example/html/xzdt/2349.html", classify.parse_tree(page))
    assert f.headline_date == "2020-11-13" and not f.published and not f.article_url
    assert classify.is_article(f)
    column = page.replace("溪口镇开展冬季森林防火宣传活动 - 乡镇动态", "乡镇动态 - 云溪县")  # a column's heading
    assert classify.features("http://a.example/html/xzdt/2349.html", classify.parse_tree(column)).headline_date is None


def test_list_with_long_summaries_is_not_an_article() -> None:
    summary = "近日，县农业农村局组织技术人员深入田间地头，指导农户做好冬季农田水利建设和油茶林抚育管理等工作。" * 3
    items = "".join(
        f'<li><a href="../info/1012/{2345 + i}.htm">县农业农村局开展冬季农业生产指导{i}</a>'
        f"<span>2020-11-1{i}</span><div>{summary}</div></li>"
        for i in range(5)
    )
    page = f"<html><head><title>部门动态</title></head><body><ul>{items}</ul></body></html>"
    f = classify.features("http://a.example/xwzx/bmdt.htm", classify.parse_tree(page))
    assert f.items == 5 and f.body_chars >= 600 and f.dates == 5
    assert not classify.is_article(f)
    assert classify.is_article(replace(f, items=0, item_chars=0))  # what the other rules alone would say
