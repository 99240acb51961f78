"""Compiled patterns of the entities stage, grouped by what they find."""

from __future__ import annotations

import logging
import re

logger = logging.getLogger(__name__)

# --- people -----------------------------------------------------------------------------------
#: Characters that never stand in a Chinese or transliterated name.
NOT_NAME_CHAR_RE = re.compile(r"[0-9A-Za-z０-９Ａ-Ｚａ-ｚ%％@#/\\]")
#: Characters a name never ends with (a split transliteration's dangling dot).
NOT_NAME_END = ("·", "•", "・", ".")
#: Between two names of one list: 杨丽和张荣, 隋艳伟、顾修全.
NAME_JOIN_RE = re.compile(r"[、和与及,，]")
#: Between the last name of a list and its title: 两位, 3名, 等, 等人.
TITLE_GAP_RE = re.compile(r"(?:等)?(?:[两二三四五六七八九十几\d]+[位名个人])?")

# --- institutions -----------------------------------------------------------------------------
#: Administrative level characters dropped to compare names (连云港市开发区 ~ 连云港开发区).
ADMIN_LEVEL_RE = re.compile(r"(?<=..)[省市县](?=..)")
#: A bare reference (该区, 本市, 我校) is not a name.
REFERENCE_RE = re.compile(r"^[该本我其此各全][区市县省镇乡村校院所厂司局]$")

#: A party congress by its number (十五大, 中共十五大), where the context makes it one: after 中共/党的,
#: or before what a congress does or has (精神, 报告, 以来, 召开, 代表 ...).
CONGRESS_RE = re.compile(
    r"(?:中共|中国共产党)十[一二三四五六七八九]大|(?<=党的)十[一二三四五六七八九]大|(?<![第前\d一二三四五六七八九十])十[一二三四五六七八九]大"
    r"(?=精神|报告|以来|以后|之后|召开|代表|提出|确定|通过|闭幕|开幕|期间|前|后|上|的|和|[，。、；）”])"
)
#: A publication in book-title marks, with the word for what it is when one follows: 《时代潮》杂志.
MEDIA_TITLE_RE = re.compile(r"《(?P<name>[^《》\n]{1,20})》(?P<kind>杂志社|杂志|报社|周刊|电视台)?")
#: Names in book-title marks that are newspapers by their ending.
MEDIA_ENDINGS = (
    "日报",
    "晚报",
    "时报",
    "早报",
    "商报",
    "周报",
    "青年报",
    "邮报",
    "导报",
    "快报",
    "新闻报",
    "论坛报",
    "杂志",
    "新闻",
    "新闻社",
)

# --- figures ----------------------------------------------------------------------------------
CN_DIGITS = "零〇一二两三四五六七八九"
CN_NUM = "零〇一二两三四五六七八九十百千万亿点"
#: A number: Arabic (3,000 / 1.5 / 40) or Chinese (六 / 十一 / 一点五) with an optional 万/亿 scale.
NUMBER = (
    r"(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?:[万亿]|万亿|千万|百万)?"
    r"|[零〇一二两三四五六七八九十百千万亿](?:[零〇一二两三四五六七八九十百千万亿点]*[零〇一二两三四五六七八九十百千万亿])?"
)
#: Units after a number, longest first where one is a prefix of another.
UNITS = (
    "万元 亿元 千元 百元 美元 欧元 英镑 日元 港元 港币 人民币 元 块 "
    "平方公里 平方米 公里 千米 厘米 毫米 米 公顷 亩 吨 千克 公斤 克 斤 升 "
    "人次 户 人 家 次 批 个 名 位 项 所 场 座 台 辆 架 艘 件 种 条 篇 部 期 届 支 只 处 套 间 张 本 倍 "
    "周年 年 个月 月 天 日 小时 分钟 岁 度 % ％"
).split()
FIGURE_RE = re.compile(
    r"(?P<pre>约|近|大约|超过|逾|不到|不足|将近)?"
    r"(?P<num>百分之(?:" + NUMBER + r")|" + NUMBER + r")"
    r"(?P<post>余|多|来)?"
    r"(?P<unit>" + "|".join(sorted(map(re.escape, UNITS), key=len, reverse=True)) + r")?"
    r"(?P<after>以上|以下|左右)?"
)
#: A date: 2020年11月13日, 5月10日, 11月.
DATE_RE = re.compile(
    r"(?:(?:\d{4}|[一二〇零三四五六七八九]{4})年)?(?:\d{1,2}|[一二三四五六七八九十]{1,3})月(?:(?:\d{1,2}|[一二三四五六七八九十]{1,3})[日号])?"
)
#: Number runs that are identifiers, not quantities: glued to Latin letters, +, -, /, :, or long digit strings.
NOT_FIGURE_RE = re.compile(r"[A-Za-z_+\-/:=#@.]")
#: Where a figure's clause ends.
CLAUSE_END_RE = re.compile(r"[，,。；;！!？?\n：:]")
