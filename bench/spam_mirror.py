#!/usr/bin/env python3
"""Benchmark of the scrub stage on a generated spam-mirror set.

From the dev split of ../shared/corpus/extraction (the ground-truth article texts) it
builds, per article, what an SEO spam mirror serves: the text converted to
Traditional script, pinyin readings injected after Traditional-only characters,
image placeholders (logo, timestamps, QQ截圖..., IMG_1234, xxx.jpg) with captions,
and spam blocks (蜘蛛池 lists of porn titles from the JioNLP lexicon, gambling
titles, spam-domain link lists, 相關新聞 headings) -- once as a text dump and once
as HTML with the spam hidden (inline style, the page's <style> rules, off-screen,
font-size:0) or visible (a link list, a block inside the body).

Every page is cleaned by the full pipeline (entities off) twice in the same run:
with every scrub step (``scrub``) and with none (``baseline``). The untouched
originals (text and HTML) are cleaned the same two ways, to check that scrubbing
strips nothing from them.

Figures: spam characters removed (share of the injected spam titles' characters
absent from title/text/captions), article characters lost (bag of CJK+alnum
characters of the article missing from title+text, against the t2s(s2t(article))
round trip), annotations left, placeholders left, captions recovered, originals
changed, and the median time per page with its ratio to the baseline.

    .venv/bin/python bench/spam_mirror.py [--limit N] [--seed S]
"""

from __future__ import annotations

import argparse
import json
import logging
import random
import re
import statistics
import sys
import time
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from html import escape
from pathlib import Path

import lxml.html

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from cleaning.config import CleanConfig  # noqa: E402
from cleaning.pipeline import clean_text  # noqa: E402
from cleaning.script import to_simplified, to_traditional  # noqa: E402
from cleaning.scrub import STEPS  # noqa: E402
from cleaning.scrub.pinyin import find_annotations  # noqa: E402
from cleaning.scrub.placeholders import is_placeholder  # noqa: E402

logger = logging.getLogger(__name__)

SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus" / "extraction"
LEXICONS = SHARED / "corpus" / "lexicons"

SCRUB = CleanConfig(entities=False)
BASELINE = CleanConfig(entities=False, skip_steps=frozenset(STEPS))

CAPTIONS = ["活動現場", "圖為會議現場", "資料圖片", "記者現場拍攝", "相關負責人介紹情況", "工作人員正在檢查設備"]
GAMBLING = [
    "澳门新葡京娱乐场官网",
    "北京赛车pk10计划网",
    "时时彩平台注册送38",
    "百家乐必胜技巧",
    "bet365体育在线投注",
    "太阳城集团娱乐官网",
    "皇冠体育网址大全",
    "开元棋牌官方下载",
    "银河娱乐城手机版",
    "大发快三稳赚计划",
]
GRAMMAR_PARTS = (
    ["国产", "精品", "久久", "日韩", "欧美", "亚洲", "午夜", "中文字幕"],
    ["一区二区三区", "在线观看", "免费观看", "无码视频", "不卡", "综合网", "福利视频", "高清在线"],
)
BRANDS = ["澳门新葡京", "太阳城集团", "bet365", "银河娱乐", "皇冠体育", "金沙娱乐城"]
SPAM_DOMAINS = ["000.2011wyt.com", "0000-qq.cn", "000.bbexe.cn", "00game.net", "01sex.net"]
CJK_ALNUM = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaffA-Za-z0-9]")


@dataclass
class Mirror:
    """One generated page and what was put into it."""

    name: str
    kind: str
    page: str
    article: list[str]
    spam_titles: list[str] = field(default_factory=list)
    placeholders: list[str] = field(default_factory=list)
    captions: list[str] = field(default_factory=list)
    annotations: int = 0
    inline: int = 0
    garbled: list[tuple[str, str]] = field(default_factory=list)


# --- corpus -------------------------------------------------------------------------------------


def dev_articles() -> list[tuple[str, list[str]]]:
    """(name, paragraphs) of every dev-split page's ground-truth text."""
    out = []
    for line in (CORPUS / "SPLIT.tsv").read_text(encoding="utf-8").splitlines()[1:]:
        source, pid, split = line.split("\t")
        if split != "dev":
            continue
        if source == "cwced":
            text = (CORPUS / "cwced" / "cleaned" / f"{pid}.txt").read_text(encoding="utf-8", errors="replace")
        elif source == "magic_html_zh":
            text = json.loads((CORPUS / "magic_html_zh" / "gt" / f"{pid}.json").read_text(encoding="utf-8"))["content"]
        else:
            doc = lxml.html.fromstring((CORPUS / "readability_zh" / pid / "expected.html").read_text(encoding="utf-8"))
            text = "\n".join(p.text_content() for p in doc.iter("p", "h1", "h2", "h3", "li"))
        paras = [unicodedata.normalize("NFC", ln.strip()) for ln in text.splitlines()]
        paras = [p for p in paras if p and "\ufffd" not in p]
        if sum(len(p) for p in paras) >= 100:
            out.append((f"{source}/{pid[:12]}", paras))
    return out


def porn_titles() -> list[str]:
    """Real spam titles (JioNLP pornography lexicon, Apache-2.0), read here, never shipped."""
    lines = (LEXICONS / "jionlp_pornography.txt").read_text(encoding="utf-8").splitlines()
    return [ln.strip() for ln in lines if 4 <= len(ln.strip()) <= 30]


# --- generation ---------------------------------------------------------------------------------


def annotate(text: str, rng: random.Random, share: float = 0.9) -> tuple[str, int]:
    """Inject (reading) after Traditional-only characters, as the seed's mirror does."""
    from pypinyin import Style, pinyin

    simple = to_simplified(text)
    out, n = [], 0
    for ch, s in zip(text, simple if len(simple) == len(text) else text, strict=True):
        out.append(ch)
        if ch != s and rng.random() < share:
            reading = pinyin(ch, style=Style.TONE)[0][0]
            if reading != ch:
                out.append(f"({reading})")
                n += 1
    return "".join(out), n


def shift_garble(text: str) -> str:
    """GBK bytes decoded one byte out of step, as the seed's mirror did: pairs that are not GBK become '?'."""
    data = text.encode("gbk", errors="replace")[1:]
    out, i = [], 0
    while i < len(data):
        if data[i] < 0x80:
            out.append(chr(data[i]))
            i += 1
            continue
        try:
            out.append(data[i : i + 2].decode("gbk"))
        except UnicodeDecodeError:
            out.append("?")
        i += 2
    return unicodedata.normalize("NFKC", "".join(out))


def garble_paragraph(text: str, rng: random.Random, m: Mirror) -> str:
    """Garble a 6-12 character stretch of Han characters (after annotation, like the seed)."""
    spans = [mt.span() for mt in re.finditer(r"[\u4e00-\u9fff]{8,}", text)]
    if not spans:
        return text
    s, e = rng.choice(spans)
    n = min(e - s, rng.randint(6, 12))
    start = rng.randint(s, e - n)
    stretch = text[start : start + n]
    garbled = shift_garble(stretch)
    m.garbled.append((to_simplified(stretch), garbled))
    return text[:start] + garbled + text[start + n :]


def placeholder(rng: random.Random) -> str:
    stamp = f"2020{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}{rng.randint(0, 235959):06d}"
    return rng.choice(
        [
            str(rng.randint(10**12, 10**13 - 1)),
            f"QQ截圖{stamp}",
            f"微信圖片_{stamp}",
            f"IMG_{rng.randint(1000, 9999)}",
            f"DSC_{rng.randint(1, 9999):04d}",
            f"image{rng.randint(1, 20):03d}",
            f"{stamp}.jpg",
        ]
    )


def spam_list(rng: random.Random, porn: list[str], n: int) -> list[str]:
    titles = []
    for _ in range(n):
        r = rng.random()
        if r < 0.6:
            titles.append(rng.choice(porn))
        elif r < 0.85:
            titles.append(rng.choice(GRAMMAR_PARTS[0]) + rng.choice(GRAMMAR_PARTS[1]))
        else:
            titles.append(rng.choice(GAMBLING))
    return titles


def body_lines(paras: list[str], rng: random.Random, m: Mirror) -> list[tuple[str, str]]:
    """(kind, text) of the mirrored body: paragraphs, placeholders and captions."""
    out: list[tuple[str, str]] = []
    brand_at = rng.randrange(len(paras)) if rng.random() < 0.3 else -1
    garble_at = rng.randrange(len(paras)) if rng.random() < 0.5 else -1
    for i, p in enumerate(paras):
        if i == brand_at and len(p) > 20:  # a gambling brand inserted inside a sentence
            cut = rng.randint(5, len(p) - 5)
            p = p[:cut] + rng.choice(BRANDS) + p[cut:]
            m.inline += 1
        text, n = annotate(to_traditional(p), rng)
        m.annotations += n
        if i == garble_at:
            text = garble_paragraph(text, rng, m)
        out.append(("p", text))
        if i % 3 == 0 and i + 1 < len(paras):
            ph = placeholder(rng)
            m.placeholders.append(ph)
            out.append(("img", ph))
            if rng.random() < 0.7:
                cap = rng.choice(CAPTIONS)
                m.captions.append(cap)
                cap_text, n = annotate(cap, rng)
                m.annotations += n
                out.append(("cap", f"({cap_text})"))
    return out


def text_mirror(name: str, paras: list[str], rng: random.Random, porn: list[str]) -> Mirror:
    m = Mirror(name, "text", "", paras)
    lines = ["logo"]
    m.placeholders.append("logo")
    if rng.random() < 0.3:
        lead = spam_list(rng, porn, rng.randint(5, 12))
        m.spam_titles += lead
        lines.append(" | ".join(lead))
    lines += [t for _, t in body_lines(paras, rng, m)]
    tail = spam_list(rng, porn, rng.randint(20, 45))
    m.spam_titles += tail
    if rng.random() < 0.8:
        lines.append("相關新聞")
    lines.append("主站蜘蛛池模板: " + "| ".join(tail) + "|")
    if rng.random() < 0.3:
        lines.append("友情鏈接： " + " | ".join(SPAM_DOMAINS))
        m.spam_titles += SPAM_DOMAINS
    m.page = "\n\n        ".join(lines) + "\n"
    return m


HIDE = [
    ('<div style="display:none">', "inline display:none"),
    ('<div class="hzbox">', "<style> rule"),
    ('<div style="position:absolute;left:-9999px;top:-9999px">', "off-screen"),
    ('<div style="font-size:0;line-height:0">', "font-size:0"),
    ('<div style="visibility:hidden;height:0;overflow:hidden">', "visibility:hidden"),
]


def html_mirror(name: str, paras: list[str], rng: random.Random, porn: list[str]) -> Mirror:
    m = Mirror(name, "html", "", paras)
    parts = []
    for kind, text in body_lines(paras, rng, m):
        if kind == "p":
            parts.append(f"<p>{escape(text)}</p>")
        elif kind == "img":
            parts.append(
                f'<p style="text-align:center"><img src="/uploads/{escape(text)}.jpg" alt="{escape(text)}"></p>'
            )
        else:
            parts.append(f'<p style="text-align:center">{escape(text)}</p>')
    hidden = spam_list(rng, porn, rng.randint(15, 40))
    m.spam_titles += hidden
    opener, _ = rng.choice(HIDE)
    links = "".join(f'<a href="http://www.{i}spam.example/{i}.html">{escape(t)}</a>' for i, t in enumerate(hidden))
    at = rng.randint(1, max(1, len(parts) - 1))
    parts.insert(at, f"{opener}{links}</div>")
    if rng.random() < 0.5:  # visible spam block inside the body
        vis = spam_list(rng, porn, rng.randint(6, 12))
        m.spam_titles += vis
        parts.append("<p>" + " | ".join(escape(t) for t in vis) + "</p>")
    footer = spam_list(rng, porn, rng.randint(20, 40))
    m.spam_titles += footer
    foot = " | ".join(
        f'<a href="http://www.{i}a.example/{i}.html" target="_blank">{escape(t)}</a>' for i, t in enumerate(footer)
    )
    m.page = (
        '<html><head><meta charset="utf-8"><title>新聞中心</title>'
        "<style>.hzbox{display:none}</style></head><body>"
        '<div class="nav"><a href="/">首頁</a> <a href="/news/">新聞</a> <a href="/ty/">體育</a></div>'
        f'<div class="article"><div class="content">{"".join(parts)}</div></div>'
        f'<div class="links">相關新聞</div><div class="footer">主站蜘蛛池模板：{foot}</div>'
        "</body></html>"
    )
    return m


def original_text(paras: list[str]) -> str:
    return "\n\n".join(paras) + "\n"


def original_html(paras: list[str]) -> str:
    body = "".join(f"<p>{escape(p)}</p>" for p in paras)
    head = '<html><head><meta charset="utf-8"><title>新闻</title></head>'
    return f'{head}<body><div class="content">{body}</div></body></html>'


# --- measurement --------------------------------------------------------------------------------


def bag(text: str) -> Counter[str]:
    return Counter(CJK_ALNUM.findall(unicodedata.normalize("NFKC", to_simplified(text))))


def run(page: str, kind: str, config: CleanConfig) -> tuple[dict, float]:
    t0 = time.perf_counter()
    rec = clean_text(page, input_name="bench", kind=kind, config=config)
    return rec, time.perf_counter() - t0


def kept_text(rec: dict) -> str:
    return "\n".join([rec.get("title") or "", rec.get("text") or ""])


def measure(m: Mirror, rec: dict, baseline: dict | None = None) -> dict[str, float]:
    shown = "\n".join([kept_text(rec), *rec.get("captions", [])])
    spam_total = sum(len(t) for t in m.spam_titles)
    spam_left = sum(len(t) for t in set(m.spam_titles) if t in shown) * 1.0
    # count each distinct title once per occurrence injected
    left_titles = {t for t in m.spam_titles if t in shown}
    spam_left = sum(len(t) for t in m.spam_titles if t in left_titles)
    want = bag(to_simplified(to_traditional("\n".join(m.article))))
    got = bag(kept_text(rec))
    lost = sum(max(0, n - got[c]) for c, n in want.items())
    # article characters the unscrubbed run kept and the scrubbed run did not
    before = bag(kept_text(baseline)) if baseline is not None else got
    by_scrub = sum(max(0, min(n, before[c]) - got[c]) for c, n in want.items())
    text = rec.get("text") or ""
    # readings that are a reading of the character before them, beyond those the article itself has
    native = len(find_annotations(to_traditional("\n".join(m.article)))) + len(find_annotations("\n".join(m.article)))
    found = len(find_annotations(text)) + sum(len(find_annotations(c)) for c in rec.get("captions", []))
    annotations = max(0, found - native)
    lines = {ln.strip() for ln in text.split("\n")}
    return {
        "spam_total": spam_total,
        "spam_left": spam_left,
        "article_total": sum(want.values()),
        "article_lost": lost,
        "article_lost_scrub": by_scrub,
        "annotations_left": annotations,
        "annotations_in": m.annotations,
        "placeholders_left": sum(1 for p in m.placeholders if p in lines or (is_placeholder(p) and p in text)),
        "captions_found": sum(
            1 for c in m.captions if any(c in to_traditional(x) or c in x for x in rec.get("captions", []))
        ),
        "captions_in": len(m.captions),
        "inline_in": m.inline,
        "inline_flagged": min(m.inline, sum(1 for w in rec.get("warnings", []) if w["code"] == "spam_inline")),
        "inline_false": max(0, sum(1 for w in rec.get("warnings", []) if w["code"] == "spam_inline") - m.inline),
        "spam_score": rec.get("spam_score", 0.0),
        "garbled_in": len(m.garbled),
        "garbled_repaired": sum(
            1 for g, bad in m.garbled if g[1:-1] in (rec.get("text_simplified") or "") and bad not in text
        ),
        "garbled_flagged": min(len(m.garbled), sum(1 for w in rec.get("warnings", []) if w["code"] == "mojibake")),
    }


def summarise(rows: list[dict[str, float]]) -> dict[str, float]:
    tot = Counter()
    for r in rows:
        tot.update(r)
    return {
        "spam removed %": 100 * (1 - tot["spam_left"] / tot["spam_total"]) if tot["spam_total"] else 100.0,
        "article lost %": 100 * tot["article_lost"] / tot["article_total"] if tot["article_total"] else 0.0,
        "  of it by scrub %": 100 * tot["article_lost_scrub"] / tot["article_total"] if tot["article_total"] else 0.0,
        "annotations left": tot["annotations_left"],
        "annotations injected": tot["annotations_in"],
        "placeholders left": tot["placeholders_left"],
        "captions recovered %": 100 * tot["captions_found"] / tot["captions_in"] if tot["captions_in"] else 100.0,
        "inline brands flagged %": 100 * tot["inline_flagged"] / tot["inline_in"] if tot["inline_in"] else 100.0,
        "inline false flags": tot["inline_false"],
        "garbled runs": tot["garbled_in"],
        "  repaired (inner)": tot["garbled_repaired"],
        "  flagged": tot["garbled_flagged"],
        "median spam_score": statistics.median(r["spam_score"] for r in rows) if rows else 0.0,
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--limit", type=int, default=0, help="only the first N dev articles")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--show", action="store_true", help="print the worst pages")
    args = ap.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)
    rng = random.Random(args.seed)
    porn = porn_titles()
    articles = dev_articles()
    if args.limit:
        articles = articles[: args.limit]
    results: dict[str, dict[str, list]] = {k: {"scrub": [], "baseline": []} for k in ("text", "html")}
    times: dict[str, list[float]] = {"scrub": [], "baseline": []}
    originals_changed = {"text": 0, "html": 0}
    originals_removed: Counter[str] = Counter()
    orig_scores: list[float] = []
    worst = []
    for name, paras in articles:
        for kind, make in (("text", text_mirror), ("html", html_mirror)):
            m = make(name, paras, rng, porn)
            base_rec: dict | None = None
            for label, cfg in (("baseline", BASELINE), ("scrub", SCRUB)):
                rec, dt = run(m.page, kind, cfg)
                if "error" in rec:
                    print(f"error on {name} ({kind}, {label}): {rec['error']}", file=sys.stderr)
                    continue
                row = measure(m, rec, base_rec if label == "scrub" else None)
                base_rec = rec if label == "baseline" else base_rec
                results[kind][label].append(row)
                times[label].append(dt)
                if label == "scrub" and args.show and row["annotations_left"]:
                    print("annotations left:", name, kind, find_annotations(rec["text"]), file=sys.stderr)
                if label == "scrub":
                    worst.append(
                        (row["article_lost_scrub"] / max(1, row["article_total"]), row["spam_left"], name, kind)
                    )
            page = original_text(paras) if kind == "text" else original_html(paras)
            with_scrub, _ = run(page, kind, SCRUB)
            without, _ = run(page, kind, BASELINE)
            if kept_text(with_scrub) != kept_text(without) or with_scrub.get("captions") != without.get("captions"):
                originals_changed[kind] += 1
                if args.show:
                    print("original changed:", name, kind, file=sys.stderr)
            orig_scores.append(with_scrub["spam_score"])
            for k, v in with_scrub["removed"].items():
                if isinstance(v, int) and k not in ("boilerplate_blocks",) and not k.startswith(("hidden_", "link_")):
                    originals_removed[k] += v - without["removed"].get(k, 0)
    print(f"spam-mirror benchmark: {len(articles)} dev articles x (text dump, HTML); seed {args.seed}")
    header = f"{'':22}" + "".join(f"{k + ' ' + c:>16}" for k in ("text", "html") for c in ("scrub", "baseline"))
    print(header)
    sums = {(k, c): summarise(results[k][c]) for k in ("text", "html") for c in ("scrub", "baseline")}
    for metric in next(iter(sums.values())):
        cells = "".join(f"{sums[(k, c)][metric]:>16.2f}" for k in ("text", "html") for c in ("scrub", "baseline"))
        print(f"{metric:22}{cells}")
    print(
        f"originals changed by scrub: text {originals_changed['text']}/{len(articles)}, "
        f"html {originals_changed['html']}/{len(articles)}; removals on originals: {dict(+originals_removed) or 0}"
    )
    print(f"spam_score on originals: max {max(orig_scores):.3f}; pages above 0: {sum(1 for x in orig_scores if x > 0)}")
    ms, mb = statistics.median(times["scrub"]) * 1000, statistics.median(times["baseline"]) * 1000
    print(f"median ms/page: scrub {ms:.1f}, baseline (no scrub) {mb:.1f}, ratio {ms / mb:.2f}")
    if args.show:
        for lost, left, name, kind in sorted(worst, reverse=True)[:8]:
            print(f"  {name} {kind}: lost by scrub {100 * lost:.2f}%, spam chars left {left}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
