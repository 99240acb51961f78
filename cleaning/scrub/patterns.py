"""Compiled patterns and thresholds of the scrub steps, grouped by step.

Every regex is a raw string with a CAPITAL name; word lists live in ``data/``
(see :mod:`cleaning.scrub.lexicon`).

>>> bool(TIMESTAMP_LINE_RE.match("1551059341927")), bool(TIMESTAMP_LINE_RE.match("2020年"))
(True, False)
>>> bool(SCREENSHOT_LINE_RE.match("QQ截圖20201113114608")), bool(FILENAME_LINE_RE.match("photo_01.JPG"))
(True, True)
>>> ANNOTATION_RE.search("開發(fā)區").groups()
('發', 'fā')
"""

from __future__ import annotations

import logging
import re

logger = logging.getLogger(__name__)

# --- character classes -------------------------------------------------------------------------
#: Han ideographs (BMP blocks and the supplementary planes).
HAN_NON_BMP = r"\U00020000-\U0003134f"  # (the supplementary planes' part)
HAN = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff" + HAN_NON_BMP
#: Private-use area: GBK's user-defined code points decode here; never text in an article.
PUA = r"\ue000-\uf8ff"
#: The BMP code-point ranges of HAN and PUA, as numbers.
HAN_PUA_BMP_RANGES = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF), (0xE000, 0xF8FF))
#: Letters of a pinyin syllable with tone marks, tone numbers allowed after it.
PINYIN_LETTERS = r"a-zA-ZüÜvāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ"
HAN_RE = re.compile(rf"[{HAN}]")
HAN_OR_PUA_RE = re.compile(rf"[{HAN}{PUA}]")


def _top_branches(pattern: str) -> list[str]:
    """The top-level alternatives of a regex (``|`` outside groups, classes and escapes)."""
    out: list[str] = []
    cur: list[str] = []
    depth, in_class, i = 0, False, 0
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            cur.append(pattern[i : i + 2])
            i += 2
            continue
        if in_class:
            in_class = c != "]"
        elif c == "[":
            in_class = True
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        elif c == "|" and depth == 0:
            out.append("".join(cur))
            cur = []
            i += 1
            continue
        cur.append(c)
        i += 1
    out.append("".join(cur))
    return out


#: A leading class of plain characters and ranges (no escape, no negation).
_LEAD_CLASS_RE = re.compile(r"\[([^\]\\^\-](?:-[^\]\\])?(?:[^\]\\\-](?:-[^\]\\])?)*)\]")


def literal_first(pattern: str) -> str:
    """``pattern`` (no flags) with every top-level alternative that opens with a class of plain
    characters split into one alternative per character: ``[ab]X|Y`` -> ``aX|bX|Y``.

    Both match the same strings at the same positions, so ``search`` finds a match in the same
    texts (only which alternative wins can differ: use the result as a yes/no). When every
    alternative opens with a literal, sre scans for those characters alone instead of trying
    each alternative at each position, several times faster.

    >>> literal_first("[一二1-3]区|久久(?:a|b)|[^x]y")
    '一区|二区|1区|2区|3区|久久(?:a|b)|[^x]y'
    """
    out = []
    for branch in _top_branches(pattern):
        m = _LEAD_CLASS_RE.match(branch)
        if not m:
            out.append(branch)
            continue
        body, chars, j = m.group(1), [], 0
        while j < len(body):
            if j + 2 < len(body) and body[j + 1] == "-":
                chars.extend(chr(k) for k in range(ord(body[j]), ord(body[j + 2]) + 1))
                j += 3
            else:
                chars.append(body[j])
                j += 1
        out.extend(re.escape(c) + branch[m.end() :] for c in chars)
    return "|".join(out)


# --- image placeholders ------------------------------------------------------------------------
#: A line that is only "logo" (or a banner/icon stand-in).
LOGO_LINE_RE = re.compile(r"^(?:logo|LOGO|Logo|banner|icon)\d*$")
#: A bare 10-17 digit number: a Unix timestamp in s/ms or a yyyymmddHHMMSS file name.
TIMESTAMP_LINE_RE = re.compile(r"^\d{10,17}$")
#: Screenshot and camera file names: QQ截图20201113114608, 微信图片_2020..., image001, IMG_1234, DSC_0001.
SCREENSHOT_LINE_RE = re.compile(
    r"^(?:QQ|TIM|qq)?(?:截[图圖]|屏幕截[图圖]|微信[图圖]片|微信截[图圖]|手机截[图圖]|手機截[圖图])[_\-\s]?[\d_\-\s.]{4,}$"
    r"|^(?:image|img|IMG|Image|IMAGE|DSC|DSCN|DSCF|DCIM|mmexport|wx_camera|Screenshot|Snipaste|PIC|pic|P)"
    r"[_\-\s]?\d[\d_\-\s.]{2,}(?:\(\d+\))?$"
)
#: A file name of an image (xxx.jpg).
FILENAME_LINE_RE = re.compile(
    rf"^[\w\-.()\[\]{HAN}~+@%]{{1,80}}\.(?:jpe?g|png|gif|bmp|webp|tiff?|svg|heic)$", re.IGNORECASE
)
#: 插图1, 图片, [图片], 圖1 ...: a numbered figure stand-in with no caption text.
FIGURE_LINE_RE = re.compile(r"^[\[【(（]?(?:插[图圖]|[图圖]片|配[图圖]|[图圖])\s*\d{0,3}[\]】)）]?$")
#: An alt/title attribute that is a file name or a camera/screenshot name, not text.
ALT_FILENAME_RE = re.compile(
    rf"^(?:[\w\-.()\[\]{HAN}~+@%]{{1,80}}\.(?:jpe?g|png|gif|bmp|webp|tiff?|svg|heic)|\d{{6,17}}|[\w\-]*\d{{6,}}[\w\-]*)$",
    re.IGNORECASE,
)
#: A caption line of a text dump: wholly in parentheses (the pair matched by the caller).
CAPTION_OPEN = "(（"
CAPTION_CLOSE = ")）"
#: "图为..." / "圖為..." style caption after an image.
CAPTION_LEAD_RE = re.compile(r"^(?:[图圖]为|[圖图]為|图片来源|圖片來源|资料图|資料圖|[图圖]片?[:：])")
CAPTION_MAX_CHARS = 80

# --- pinyin annotations --------------------------------------------------------------------------
#: A Han character followed by a parenthesised single-syllable reading: 發(fā), 区(qu1).
ANNOTATION_RE = re.compile(rf"([{HAN}])[(（]\s?([{PINYIN_LETTERS}]{{1,7}}[1-5]?)\s?[)）]")
#: A left-over annotation tail with its character garbled away: ?dòng) or ?(qū).
ANNOTATION_FRAGMENT_RE = re.compile(rf"[?\ufffd][(（]?[{PINYIN_LETTERS}]{{1,7}}[1-5]?[)）]")
#: Page gate: at least this many annotations ...
PINYIN_MIN_HITS = 3
#: ... of which at least this share sit on characters that change under t2s (Traditional-only).
PINYIN_MIN_TRADITIONAL_SHARE = 0.5

# --- spam ----------------------------------------------------------------------------------------
#: Separators of a title list: ASCII/fullwidth bars, and the · or / some link farms use.
TITLE_SEP_RE = re.compile(r"\s*[|｜¦]\s*|\n+")
#: Marker of a link-farm template.
SPAM_MARKER_RE = re.compile(r"蜘蛛池|主站蜘蛛池模板|站群|seo泛目录|泛目录|SEO[优優]化[排]?名?", re.IGNORECASE)
#: Whether SPAM_MARKER_RE matches anywhere (yes/no only), faster: 主站蜘蛛池模板 holds 蜘蛛池 and
#: seo泛目录 holds 泛目录, [排]?名? may be absent, and SEO[优優]化 checks its SEO (case-folded, as
#: under IGNORECASE) in a look-behind after the 优, so that every alternative opens with an
#: uncased literal (see :func:`literal_first`).
SPAM_MARKER_ANY_RE = re.compile(r"蜘蛛池|站群|泛目录|优(?<=(?i:seo)优)化|優(?<=(?i:seo)優)化")
#: JAV-style video codes: shkd-443, IPX-123, FC2-PPV-1234567.
VIDEO_CODE_RE = re.compile(r"(?<![A-Za-z0-9])(?:[A-Za-z]{2,6}-\d{3,5}|FC2-?PPV-?\d{5,8})(?![0-9])")
#: The porn-site title grammar: 一区二区, 久久, 在线观看, 中文字幕 ...
SPAM_GRAMMAR_RE = re.compile(
    r"[一二三四1-4][区區][二三四2-4][区區]|[一二三]区(?:[在]|[免]|[视視])|久久(?:精品|[综綜]合|爱|[热熱]|[视視]|在[线線]|久|免|[国國]|[亚亞]|[日]|[中]|[草色鲁魯操碰播])"
    r"|在[线線][观觀]看|在[线線]播放|中文字幕|[无無][码碼]|有[码碼]|[国國]产(?:精品|自拍|[视視]频|AV|av|[在]|[午]|[福]|[一]区)|精品[国國]产"
    r"|[欧歐]美(?:日[韩韓]|[视視]频|[色性]|[在]|[一]区|[精]品)|日[韩韓](?:[欧歐]美|[a-zA-Z]{2}|[精]品|[在]|[一]区|[无無]码|[福]利)"
    r"|[视視]频在[线線]|[AaＡ][VvＶ](?:在|色|[网網]|片|女优|女優|天堂)|午夜(?:福利|影院|[视視]频|[电電]影|[剧劇]场|[激]情)|福利[视視][频頻]|福利姬"
    r"|免[费費](?:观看|觀看|[视視]频|[视視]頻|看片|毛片|[黄黃])|毛片|三[级級]片|三[级級](?:在[线線]|[电電]影|[视視]频)|成人(?:[视視]频|[网網]|影院|[电電]影|小[说說]|[论論]坛|[av]|AV)"
    r"|伊人(?:[网網]|在[线線]|[综綜]合|[久]|[大]|[青]|[影])|天堂[网網]|色[综綜]合|[综綜]合[网網]|色欲|人妻|熟女|波多野|[黄黃]色(?:[网網]站|[电電]影|[视視]频|小[说說])"
    r"|[黄黃][网網]|[激]情(?:[视視]频|[电電]影|小[说說]|[图圖]片|[五]月)|[乱亂]伦|偷拍(?:[视視]频|自拍)|自拍偷拍|18禁|草榴|[嫩]模|[爆]乳|[巨]乳|[美]乳"
)
#: Whether SPAM_GRAMMAR_RE matches anywhere (yes/no only), faster.
SPAM_GRAMMAR_ANY_RE = re.compile(literal_first(SPAM_GRAMMAR_RE.pattern))
#: Gambling brands and casino-site phrases: inside a sentence they are flagged (``spam_inline``).
GAMBLING_BRAND_RE = re.compile(
    r"澳[门門](?:新)?葡京|新葡京|葡京[娱娛][乐樂]|威尼斯人(?:[娱娛][乐樂]|[赌賭]场|[平][台臺]|[官]网|[官]網)|金沙(?:[娱娛][乐樂]|[赌賭][场場]|[国國]际|[城])"
    r"|[银銀]河[娱娛][乐樂]|太[阳陽]城(?:[集][团團]|[娱娛][乐樂])|皇冠(?:体育|體育|[网網]址|[赌賭])|永利[娱娛][乐樂]|[亚亞]博(?:体育|體育|[娱娛][乐樂])"
    r"|[bB][eE][tT]365|大[发發]快三|开元棋牌|開元棋牌|[\w\u4e00-\u9fff]{1,4}[娱娛][乐樂][城]|[娱娛][乐樂][平][台臺]|[注註][册冊]送(?:[彩]金|\d+)"
    r"|首存[送]|[真]人[视視][讯訊]|[线線]上[赌賭][场場]|[网網]上[赌賭][场場]"
)
#: Whether GAMBLING_BRAND_RE matches anywhere, faster: "1 to 4 word characters, then 娱乐城"
#: occurs exactly where "娱乐城 after a word character" does (for a yes/no, not for the span);
#: the look-behind comes after the 娱 it also checks, so that the branch opens with a literal
#: (see :func:`literal_first`).
GAMBLING_BRAND_ANY_RE = re.compile(
    literal_first(
        GAMBLING_BRAND_RE.pattern.replace(
            r"[\w\u4e00-\u9fff]{1,4}[娱娛][乐樂][城]", r"[娱娛](?<=[\w\u4e00-\u9fff][娱娛])[乐樂][城]"
        )
    )
)
#: Gambling terms: count towards a title list's spam share, never flagged in a sentence.
GAMBLING_TERM_RE = re.compile(
    r"博彩|百家[乐樂]|[赌賭][场場]|[赌賭]博|六合彩|[时時][时時]彩|北京[赛賽][车車]|老虎[机機]|棋牌|彩票[网網]|足球投注|[娱娛][乐樂][城]"
)
#: Whether GAMBLING_TERM_RE matches anywhere (yes/no only), faster.
GAMBLING_TERM_ANY_RE = re.compile(literal_first(GAMBLING_TERM_RE.pattern))
#: A heading that opens a related-news list, or a link-list label.
RELATED_HEADING_RE = re.compile(
    r"^[【\[]?(?:相[关關]新[闻聞]|相[关關][阅閱][读讀]|相[关關]文章|相[关關]推[荐薦]|延伸[阅閱][读讀]|推[荐薦][阅閱][读讀]"
    r"|[热熱][门門]推[荐薦]|[热熱]点新[闻聞]|[热熱][门門]文章|猜你喜[欢歡]|更多新[闻聞]|友情[链鏈]接|合作[伙夥]伴)[】\]]?[:：]?$"
)
#: A byline or dateline (source, author, editor, time): bars in it separate fields, not titles.
BYLINE_HINT_RE = re.compile(
    r"[来來]源|作者|[记記]者|[编編][辑輯]|通[讯訊][员員]|[发發][布佈]|[时時][间間]|日期|[摄攝]影|[审審]核|[点點]击|[阅閱][读讀]"
    r"|\d{4}\s*[-年/.]\s*\d{1,2}"
)
#: An author or editor line: (李明蔚), 记者 张三, 责任编辑：李四.
AUTHOR_LINE_RE = re.compile(
    r"^[(（][\u4e00-\u9fff·\s]{2,12}[)）]$|^[(（【\[]?(?:[记記]者|[编編][辑輯]|[责責]任[编編][辑輯]|[来來]源|作者|通[讯訊][员員]|[审審]核)"
)
#: A 友情链接 line with its list on the same line.
LINK_LIST_LEAD_RE = re.compile(r"^(?:友情[链鏈]接|[相][关關][链鏈]接|合作站[点點])[:：]")
#: A domain name written in text.
DOMAIN_RE = re.compile(
    r"(?<![\w.-])(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+(?:com|cn|net|org|cc|vip|top|xyz|info|me|tv|la|in|co)\b",
    re.I,
)
#: Thresholds: a block of at least this many titles ...
SPAM_MIN_TITLES = 3
#: ... with at least this share of spam titles (and two of them) is a spam block.
SPAM_MIN_SHARE = 0.3
SPAM_MIN_BAD_TITLES = 2
#: A hidden element needs only this share.
SPAM_HIDDEN_MIN_SHARE = 0.15
#: A title list: titles at most this long on average.
TITLE_MAX_MEAN_CHARS = 40
#: ... and none longer than this (a longer item is running text, e.g. a story's last lines before "| 打印 | 纠错").
TITLE_MAX_CHARS = 60

# --- mojibake ----------------------------------------------------------------------------------
#: log-probability below which a character counts as rare (normal text averages about -7).
RARE_LOGP = -11.5
#: A garbled run: at least this many rare characters ...
MOJIBAKE_MIN_RARE = 3
#: ... with mean log-probability below this.
MOJIBAKE_MAX_MEAN_LOGP = -11.0
#: A repair must decode to text with mean log-probability at least this.
REPAIR_MIN_MEAN_LOGP = -9.5
#: ASCII symbols that, inside a garbled run, are half of a shifted byte pair.
MOJIBAKE_ASCII = "?<>^`~|{}[]\\_@=;:"
