"""Whole crawls of the fixture portal on 127.0.0.1: discovery, incremental runs, traps, politeness.

One scheduled-crawl story runs once per module (three runs with one --state): the first
emits every article once, the second nothing, the third (after 5 articles are added)
exactly those 5. Each test asserts one thing about it.
"""

from __future__ import annotations

import collections
from pathlib import Path

import pytest

from cleaning import validate

from .portal_server import ARTICLES, DUP_A, DUP_B, EXTRA, MANIFEST, crawl, paths, records, serve


@pytest.fixture(scope="module")
def story(tmp_path_factory: pytest.TempPathFactory) -> dict:
    tmp = tmp_path_factory.mktemp("crawl")
    state = tmp / "state"
    server = serve()
    try:
        base = server.base_url + "/"
        runs = {}
        runs["first"] = crawl(base, tmp / "run1.jsonl", "--state", str(state), "--warc", str(tmp / "run1.warc.gz"))
        first_requests = list(server.requests)
        runs["second"] = crawl(base, tmp / "run2.jsonl", "--state", str(state), "--no-entities")
        second_requests = list(server.requests[len(first_requests) :])
        server.overlays.append("_extra")
        runs["third"] = crawl(base, tmp / "run3.jsonl", "--state", str(state), "--no-entities")
        server.overlays.append("_changed")
        mark = len(server.requests)
        runs["fourth"] = crawl(base, tmp / "run4.jsonl", "--state", str(state), "--no-entities", "--recheck")
        fourth_requests = list(server.requests[mark:])
    finally:
        server.stop()
    return {
        "tmp": tmp,
        "runs": runs,
        "out": {k: records(tmp / f"run{i}.jsonl") for i, k in enumerate(("first", "second", "third", "fourth"), 1)},
        "requests": first_requests,
        "second_requests": second_requests,
        "fourth_requests": fourth_requests,
    }


def test_first_run_succeeds(story: dict) -> None:
    run = story["runs"]["first"]
    assert run.returncode == 0, run.stderr[-3000:]
    assert "wrote" in run.stderr


def test_first_run_emits_every_article_exactly_once(story: dict) -> None:
    got = collections.Counter(paths(story["out"]["first"]))
    assert {p for p, n in got.items() if n > 1} == set()
    as_stories = {DUP_A if p == DUP_B else p for p in got}  # the print URL stands for its story
    assert as_stories == ARTICLES
    assert sum(got.values()) == len(ARTICLES)


def test_one_story_under_two_urls_is_emitted_once(story: dict) -> None:
    got = set(paths(story["out"]["first"]))
    assert len(got & {DUP_A, DUP_B}) == 1


def test_no_list_or_other_page_is_emitted(story: dict) -> None:
    got = set(paths(story["out"]["first"]))
    assert got.isdisjoint(MANIFEST["list_pages"])
    assert got.isdisjoint(MANIFEST["not_articles"])
    assert got.isdisjoint(MANIFEST["traps"])


def test_articles_found_only_via_sitemap_and_feed(story: dict) -> None:
    got = set(paths(story["out"]["first"]))
    via = {a["path"] for a in MANIFEST["articles"] if a["found_via"] in ("sitemap", "feed")}
    assert via and via <= got


def test_records_follow_the_schema_with_crawl_fields(story: dict) -> None:
    for rec in story["out"]["first"]:
        validate(rec)
        assert rec["fetched_at"] and rec["http"]["status"] == 200 and rec["http"]["etag"]
        assert rec["revision"] == 1 and rec["story_id"]


@pytest.mark.parametrize("article", [a for a in MANIFEST["articles"] if a["charset_lie"]], ids=lambda a: a["path"])
def test_page_with_a_lying_charset_is_decoded(story: dict, article: dict) -> None:
    rec = next(r for r in story["out"]["first"] if r["url"].endswith(article["path"]))
    assert rec["encoding"] == ("gb18030" if article["encoding"] == "gbk" else "utf-8")
    assert article["first_sentence"] in rec["text"]
    assert "\ufffd" not in rec["text"]


def test_disallowed_path_is_never_requested(story: dict) -> None:
    assert "/robots.txt" in story["requests"]
    for path in MANIFEST["disallowed"]:
        assert path not in story["requests"]


def test_redirect_to_loopback_name_is_refused(story: dict) -> None:
    assert "/go/partner.html" in story["requests"]
    assert MANIFEST["private_redirect_target"] not in story["requests"]


def test_traps_are_survived_and_reported(story: dict) -> None:
    err = story["runs"]["first"].stderr
    assert "fetch errors" in err
    assert story["requests"].count("/shehui/content/2020-10/30/content_9001.htm") == 2  # one retry
    assert "/yaowen/2020/1027/c9004.html" in story["requests"]  # the 50 MB page: cut, not emitted


def test_second_run_emits_nothing_and_refetches_only_lists(story: dict) -> None:
    run = story["runs"]["second"]
    assert run.returncode == 0, run.stderr[-3000:]
    assert story["out"]["second"] == []
    assert "already seen" in run.stderr
    refetched = set(story["second_requests"])
    assert refetched.isdisjoint(ARTICLES | {DUP_B})
    assert "/yaowen/index_2.html" in refetched and "/rss.xml" in refetched


def test_third_run_emits_exactly_the_five_new_articles(story: dict) -> None:
    run = story["runs"]["third"]
    assert run.returncode == 0, run.stderr[-3000:]
    got = paths(story["out"]["third"])
    assert sorted(got) == sorted(EXTRA)


def test_recheck_emits_only_the_changed_article_as_a_revision(story: dict) -> None:
    run = story["runs"]["fourth"]
    assert run.returncode == 0, run.stderr[-3000:]
    (rec,) = story["out"]["fourth"]
    assert paths([rec]) == [MANIFEST["changed_article"]]
    assert rec["revision"] == 2
    before = next(r for r in story["out"]["first"] if r["url"] == rec["url"])
    assert rec["story_id"] == before["story_id"]
    assert set(paths(story["out"]["first"])) <= set(story["fourth_requests"])  # every article asked again


def test_warc_archive_recleans_without_network(story: dict, tmp_path: Path) -> None:
    from .conftest import run_zhnews

    out = tmp_path / "reclean.jsonl"
    res = run_zhnews("clean", str(story["tmp"] / "run1.warc.gz"), "-o", str(out), "--no-entities", "--workers", "1")
    assert res.returncode == 0, res.stderr[-2000:]
    recleaned = {r["url"]: r for r in records(out)}
    crawled = {r["url"]: r for r in story["out"]["first"]}
    assert set(recleaned) == set(crawled)
    some = next(iter(crawled))
    assert recleaned[some]["text"] == crawled[some]["text"]
