"""Figures in Simplified text: counts, money, percentages, years and dates with their values.

``六批`` -> 6 批, ``3000余人`` -> 3000 人 (more than), ``一点五亿元`` -> 150000000 元,
``百分之三十`` -> 30 %. Identifiers are not figures: digit runs glued to Latin
letters, ``+``, ``-``, ``/`` or ``:`` (``3+1``, ``QQ截图20201113114608``, a phone
number, a URL, a model name), and long digit runs without a unit. A Chinese
``一`` or ``两`` before a classifier is a determiner (一次, 两位专家), not a figure.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from .patterns import CLAUSE_END_RE, DATE_RE, FIGURE_RE, NOT_FIGURE_RE

logger = logging.getLogger(__name__)

MONEY_UNITS = frozenset("万元 亿元 千元 百元 美元 欧元 英镑 日元 港元 港币 人民币 元 块".split())
COUNT_UNITS = frozenset(
    "人次 户 人 家 次 批 个 名 位 项 所 场 座 台 辆 架 艘 件 种 条 篇 部 期 届 支 只 处 套 间 张 本".split()
)
DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}
BIG_UNITS = {"万": 10_000, "亿": 100_000_000}
APPROX_PRE = {
    "约": "about",
    "近": "about",
    "大约": "about",
    "将近": "about",
    "超过": "more_than",
    "逾": "more_than",
    "不到": "less_than",
    "不足": "less_than",
}
APPROX_POST = {
    "余": "more_than",
    "多": "more_than",
    "来": "about",
    "以上": "more_than",
    "以下": "less_than",
    "左右": "about",
}
#: Digit runs at least this long with no unit are identifiers (image names, phone numbers).
ID_DIGITS = 7


@dataclass(frozen=True, slots=True)
class FigureMention:
    """A figure at ``start:end`` of the text."""

    start: int
    end: int
    value: float | int | None
    unit: str | None
    approx: str | None
    kind: str


def cn_number(s: str) -> float | int | None:
    """The value of a Chinese or Arabic numeral, with 万/亿 scales; None if it is not one.

    >>> cn_number("六"), cn_number("十一"), cn_number("一点五亿"), cn_number("3000"), cn_number("1.5万")
    (6, 11, 150000000, 3000, 15000)
    >>> cn_number("二〇一五"), cn_number("三千五百万"), cn_number("百分")
    (2015, 35000000, None)
    """
    s = s.replace(",", "")
    scale = 1
    while s and s[-1] in BIG_UNITS and (len(s) > 1):
        head = s[:-1]
        # 三千五百万: the scale applies to the whole; 一万二 is rare in news and not handled
        scale *= BIG_UNITS[s[-1]]
        s = head
    if not s:
        return None
    try:
        value: float = float(s)
    except ValueError:
        parsed = _cn_value(s)
        if parsed is None:
            return None
        value = parsed
    total = value * scale
    return int(total) if float(total).is_integer() else round(total, 6)


def _cn_value(s: str) -> float | None:
    whole, _, frac = s.partition("点")
    if frac and not all(c in DIGITS for c in frac):
        return None
    if whole and all(c in DIGITS for c in whole) and len(whole) > 1:
        number: float = int("".join(str(DIGITS[c]) for c in whole))
    else:
        parsed = _cn_int(whole) if whole else 0
        if parsed is None:
            return None
        number = parsed
    if frac:
        number += float("0." + "".join(str(DIGITS[c]) for c in frac))
    return number


def _cn_int(s: str) -> int | None:
    total = section = digit = 0
    seen_digit = False
    for c in s:
        if c in DIGITS:
            digit = DIGITS[c]
            seen_digit = True
        elif c in SMALL_UNITS:
            section += (digit if seen_digit else 1) * SMALL_UNITS[c]
            digit, seen_digit = 0, False
        elif c in BIG_UNITS:
            section += digit
            total += section * BIG_UNITS[c]
            section = digit = 0
            seen_digit = False
        else:
            return None
    return total + section + digit


def _kind(unit: str | None, value: float | int | None, percent: bool, approx: str | None) -> str:
    if percent or unit in ("%", "％"):
        return "percent"
    if unit in MONEY_UNITS:
        return "money"
    if unit == "年" and isinstance(value, int) and 1000 <= value <= 2100 and approx is None:
        return "year"
    if unit in COUNT_UNITS:
        return "count"
    return "other"


def find_figures(text: str) -> list[FigureMention]:
    """Figures in ``text`` (Simplified), in text order."""
    out: list[FigureMention] = []
    taken: list[tuple[int, int]] = []
    for m in DATE_RE.finditer(text):
        if "月" in m.group() and _clean_edges(text, m.start(), m.end()):
            out.append(FigureMention(m.start(), m.end(), None, None, None, "date"))
            taken.append((m.start(), m.end()))
    for m in FIGURE_RE.finditer(text):
        start, end = m.span()
        if any(s < end and start < e for s, e in taken):
            continue
        fig = _figure(text, m)
        if fig is not None:
            out.append(fig)
    out.sort(key=lambda f: f.start)
    return out


def _clean_edges(text: str, start: int, end: int) -> bool:
    before = text[start - 1] if start else ""
    after = text[end] if end < len(text) else ""
    return not (before and (before.isdigit() or NOT_FIGURE_RE.match(before))) and not (
        after and (after.isdigit() or (NOT_FIGURE_RE.match(after) and after != "."))
    )


def _figure(text: str, m) -> FigureMention | None:  # type: ignore[no-untyped-def]
    num, unit = m.group("num"), m.group("unit")
    percent = num.startswith("百分之")
    if percent:
        num = num[3:]
        unit = "%"
    arabic = num[0].isdigit()
    start, end = m.span()
    if arabic:
        if not _clean_edges(text, m.start("num"), m.end()):
            return None
        if not unit and len(num.replace(",", "").replace(".", "")) >= ID_DIGITS:
            return None
    elif not unit:
        return None
    value = cn_number(num)
    if value is None:
        return None
    if not arabic and not percent and value < 3 and not m.group("post"):
        return None  # 一次, 两位: a determiner, not a figure
    if not arabic and num[0] in "十百千万亿" and len(num) == 1:
        return None  # 千家万户, 百姓
    approx = (
        APPROX_PRE.get(m.group("pre") or "")
        or APPROX_POST.get(m.group("post") or "")
        or APPROX_POST.get(m.group("after") or "")
    )
    if not unit and not arabic:
        return None
    if unit is None and m.group("post") == "多":
        end = m.end("num") if not m.group("after") else end
    return FigureMention(start, end, value, unit, approx, _kind(unit, value, percent, approx))


def clause(text: str, start: int, end: int) -> str:
    """The clause around ``start:end``: from the last comma or stop before it to the next one.

    >>> clause("今年以来,开展专项走访15次,联系规上企业40余家。", 11, 14)
    '开展专项走访15次'
    """
    left = start
    while left > 0 and not CLAUSE_END_RE.match(text[left - 1]):
        left -= 1
    right = end
    while right < len(text) and not CLAUSE_END_RE.match(text[right]):
        right += 1
    return text[left:right].strip()
