"""Spam link blocks: 蜘蛛池 title lists, 相关新闻 lists, hidden link farms, inline gambling brands.

A block is judged as a list of titles (split on ``|`` and line breaks). A title is
spam when it follows the porn/gambling title grammar (一区二区, 在线观看, video
codes such as shkd-443, explicit words of ``data/spam_terms.txt``, casino terms) or
names a known spam domain. A block is spam when it carries a link-farm marker
(蜘蛛池) or enough of its titles are spam; a hidden element needs fewer.

What goes, and under which kind:

* blocks of the body that are spam (anywhere) -> ``spam_block``;
* leading and trailing runs of ``|``-separated title lists, and a trailing
  相关新闻 heading with its list -> ``spam_block`` if spam, else ``boilerplate_block``;
* the extract stage's ``hidden_element`` / ``link_block`` removals are re-judged:
  spam ones become ``spam_block``; link blocks that are not spam are page chrome
  and leave the record.

A gambling brand inside a sentence cannot be cut cleanly: it stays, flagged
``spam_inline``. The page gets ``spam_score`` in [0, 1] from the share of spam
characters and the inline hits.

>>> judge("主站蜘蛛池模板: 5252色欧美在线男人的天堂| 中文有码在线观看| 男人天堂伊人网|").spam
True
>>> judge("首页|新闻|体育|财经|娱乐").spam, judge("近日,笔者从连云港市开发区获悉,校企对接活动正在有序推进中。").spam
(False, False)
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from dataclasses import dataclass, replace

from ..values import Article, Flag, Removal
from . import lexicon
from . import patterns as P
from .base import ScrubContext, add_flags, add_removals, drop_blocks

logger = logging.getLogger(__name__)

STEP = "spam"
SPAM = "spam_block"
BOILERPLATE = "boilerplate_block"
#: Titles judged per block (a longer list is judged by its first ones).
MAX_TITLES = 400
#: Blocks near the end searched for a related-news heading.
TRAILING_WINDOW = 40
#: A line of a one-title-per-line related list: at most this long, no sentence end.
LIST_LINE_MAX_CHARS = 40
SENTENCE_END = "。！？!?;；"
#: Punctuation of running text, never of a link title.
SENTENCE_PUNCT = "。，,；;！"


@dataclass(frozen=True, slots=True)
class Verdict:
    """How a block reads: its titles, how many are spam, and whether the block is spam."""

    titles: int
    spam_titles: int
    marker: bool
    spam: bool
    longest: int = 0

    @property
    def is_list(self) -> bool:
        """A list of titles: at least SPAM_MIN_TITLES of them, none of running text's length (not a
        story's last lines followed by a row of links, as in "…the story… | 打印 | 纠错")."""
        return self.titles >= P.SPAM_MIN_TITLES and self.longest <= P.TITLE_MAX_CHARS


#: Every character TITLE_SEP_RE can match starts with one of these (``\s*`` only around a bar).
_SEPARATORS = ("|", "｜", "¦", "\n")


def split_titles(text: str) -> list[str]:
    """The titles of a ``|``- or line-separated list (a paragraph is one title)."""
    if not any(sep in text for sep in _SEPARATORS):
        # TITLE_SEP_RE cannot match without a bar or a line break: split would give [text]
        title = text.strip()
        return [title] if title else []
    return [t for t in (s.strip() for s in P.TITLE_SEP_RE.split(text)) if t]


def _spam_domain(title: str) -> bool:
    domains = lexicon.spam_domains()
    for m in P.DOMAIN_RE.finditer(title):
        host = m.group(0).lower()
        parts = host.split(".")
        if any(".".join(parts[i:]) in domains for i in range(len(parts) - 1)):
            return True
    return False


def title_is_spam(title: str) -> bool:
    """Whether one title follows the spam grammar or names a spam domain."""
    # yes/no forms of the patterns; a video code holds "-" or "PPV", a domain name a "."
    return bool(
        P.SPAM_GRAMMAR_ANY_RE.search(title)
        or (("-" in title or "PPV" in title) and P.VIDEO_CODE_RE.search(title))
        or P.GAMBLING_TERM_ANY_RE.search(title)
        or P.GAMBLING_BRAND_ANY_RE.search(title)
        or lexicon.has_spam_term(title)
        or ("." in title and _spam_domain(title))
    )


def judge(text: str, hidden: bool = False) -> Verdict:
    """Judge one block (``hidden``: it was hidden by CSS, so a lower bar)."""
    marker = bool(P.SPAM_MARKER_ANY_RE.search(text))
    titles = split_titles(text)
    n = len(titles)
    mean_len = sum(map(len, titles)) / n if n else 0
    if not (marker or hidden or mean_len <= P.TITLE_MAX_MEAN_CHARS):
        return Verdict(n, 0, marker, False, max(map(len, titles)))  # running text, not a list of titles
    # A title is a stretch of ``text`` between separators and white space, characters that none of
    # the look-arounds of title_is_spam's patterns test for (and no domain or term can span): a
    # match in a title is a match in ``text``. So a list whose whole text is clean has no spam title.
    if n > 1 and not title_is_spam(text):
        bad = 0
    else:
        bad = sum(1 for t in titles[:MAX_TITLES] if title_is_spam(t))
    n = min(n, MAX_TITLES)
    if marker:
        spam = True
    elif n >= P.SPAM_MIN_TITLES and mean_len <= P.TITLE_MAX_MEAN_CHARS:
        spam = (
            bad / n >= P.SPAM_HIDDEN_MIN_SHARE
            if hidden
            else bad / n >= P.SPAM_MIN_SHARE and bad >= P.SPAM_MIN_BAD_TITLES
        )
    elif hidden:
        spam = bad >= 1
    else:
        # a lone short title (a teaser link, a heading) that is spam twice over
        sentence = any(ch in text for ch in SENTENCE_PUNCT)
        spam = n >= 1 and not sentence and mean_len <= P.TITLE_MAX_MEAN_CHARS and bad == n and _spam_hits(text) >= 2
    return Verdict(n, bad, marker, spam, max(map(len, titles), default=0))


def _spam_and_list(text: str, hidden: bool = False) -> tuple[bool, bool]:
    """``(v.spam, v.is_list)`` of ``v = judge(text, hidden)``, cheaper: spam titles are counted only
    as far as the answer depends on them (every test on the count only turns true as it grows)."""
    marker = bool(P.SPAM_MARKER_ANY_RE.search(text))
    titles = split_titles(text)
    n = len(titles)
    mean_len = sum(map(len, titles)) / n if n else 0
    # judge caps n at MAX_TITLES, which is above SPAM_MIN_TITLES
    is_list = n >= P.SPAM_MIN_TITLES and max(map(len, titles)) <= P.TITLE_MAX_CHARS
    if marker:
        return True, is_list
    if not (hidden or mean_len <= P.TITLE_MAX_MEAN_CHARS):
        return False, is_list
    titles = titles[:MAX_TITLES]
    n = len(titles)
    if n >= P.SPAM_MIN_TITLES and mean_len <= P.TITLE_MAX_MEAN_CHARS:
        share, least = (P.SPAM_HIDDEN_MIN_SHARE, 0) if hidden else (P.SPAM_MIN_SHARE, P.SPAM_MIN_BAD_TITLES)
        bad = 0
        if title_is_spam(text):  # else no title is spam (see judge)
            for t in titles:
                if title_is_spam(t):
                    bad += 1
                    if bad / n >= share and bad >= least:
                        return True, is_list
        return bad / n >= share and bad >= least, is_list
    if hidden:
        return any(title_is_spam(t) for t in titles), is_list
    if n == 0 or any(ch in text for ch in SENTENCE_PUNCT):
        return False, is_list
    return all(title_is_spam(t) for t in titles) and _spam_hits(text) >= 2, is_list


def _spam_hits(text: str) -> int:
    found: set[str] = set()
    for rx in (P.SPAM_GRAMMAR_RE, P.VIDEO_CODE_RE, P.GAMBLING_TERM_RE, lexicon.spam_terms_re()):
        found.update(m.group(0).lower() for m in rx.finditer(text))
    return len(found)


def _is_list_line(text: str) -> bool:
    """A short line of a one-title-per-line list (not a sentence, not an author or editor line)."""
    line = text.strip()
    if P.AUTHOR_LINE_RE.match(line):
        return False
    return len(line) <= LIST_LINE_MAX_CHARS and not any(ch in SENTENCE_END for ch in line[-2:])


def _edge_runs(article: Article, judged: Callable[[str], tuple[bool, bool]] = _spam_and_list) -> dict[int, str]:
    """Indices of leading/trailing list runs (and a trailing related-news section) -> removal kind."""
    blocks = article.blocks
    out: dict[int, str] = {}

    def kind_of(text: str) -> str | None:
        spam, is_list = judged(text)
        if spam:
            return SPAM
        if P.RELATED_HEADING_RE.match(text.strip()) or P.LINK_LIST_LEAD_RE.match(text):
            return BOILERPLATE
        if is_list and "|" in text and not P.BYLINE_HINT_RE.search(text):
            return BOILERPLATE
        return None

    for i in range(len(blocks)):
        k = kind_of(blocks[i].text)
        if k is None:
            break
        out[i] = k
    trail_end = len(blocks)
    # a related-news heading near the end, followed only by list lines, lists or spam
    for h in range(max(len(out), len(blocks) - TRAILING_WINDOW), len(blocks)):
        if not P.RELATED_HEADING_RE.match(blocks[h].text.strip()):
            continue
        if all(kind_of(blocks[j].text) or _is_list_line(blocks[j].text) for j in range(h + 1, len(blocks))):
            for j in range(h, len(blocks)):
                out[j] = kind_of(blocks[j].text) or BOILERPLATE
            trail_end = h
            break
    for i in range(trail_end - 1, -1, -1):
        if i in out:
            break
        k = kind_of(blocks[i].text)
        if k is None:
            break
        out[i] = k
    if len(out) == len(blocks):  # never empty the page for chrome: keep what is not spam
        out = {i: k for i, k in out.items() if k == SPAM}
    return out


def _rejudge_extract(
    removed: tuple[Removal, ...], judged: Callable[[str, bool], tuple[bool, bool]] = _spam_and_list
) -> tuple[Removal, ...]:
    kept = []
    for r in removed:
        if r.kind in ("hidden_element", "link_block", BOILERPLATE) and r.step != STEP:
            if judged(r.text, r.kind == "hidden_element")[0]:
                kept.append(replace(r, kind=SPAM, step=STEP))
                continue
            if r.kind == "link_block":
                continue
        kept.append(r)
    return tuple(kept)


def inline_flags(article: Article) -> list[Flag]:
    """``spam_inline`` flags for gambling brands inside the remaining text."""
    flags = []
    for i, block in enumerate(article.blocks):
        if not P.GAMBLING_BRAND_ANY_RE.search(block.text):
            continue
        for m in P.GAMBLING_BRAND_RE.finditer(block.text):
            flags.append(Flag("spam_inline", f"gambling brand {m.group(0)!r} inside the text", i, m.start(), m.end()))
    return flags


def spam_score(article: Article) -> float:
    """Share of spam in the page: 2x the spam share of characters, raised by each inline hit."""
    spam = sum(len(r.text) for r in article.removed if r.kind == SPAM)
    body = sum(len(b.text) for b in article.blocks)
    share = min(1.0, 2 * spam / (spam + body)) if spam + body else 0.0
    inline = sum(1 for f in article.flags if f.code == "spam_inline")
    return round(1 - (1 - share) * 0.75**inline, 4)


def remove_spam(article: Article, ctx: ScrubContext | None = None) -> Article:
    """Drop spam and list blocks, re-judge the extract stage's removals, flag inline brands, score the page."""
    # the verdicts of judge (pure), each text judged once per page
    judged = functools.cache(_spam_and_list)
    article = replace(article, removed=_rejudge_extract(article.removed, judged))
    gone = _edge_runs(article, judged)
    for i, block in enumerate(article.blocks):
        if i not in gone and judged(block.text)[0]:
            gone[i] = SPAM
    removals = [
        Removal(kind, article.blocks[i].text, STEP, i, 0, len(article.blocks[i].text))
        for i, kind in sorted(gone.items())
    ]
    article = add_removals(drop_blocks(article, gone), removals)
    if article.title and judged(article.title)[0]:
        article = add_removals(replace(article, title=None), [Removal(SPAM, article.title, STEP)])
    article = add_flags(article, inline_flags(article))
    return replace(article, spam_score=max(article.spam_score, spam_score(article)))
