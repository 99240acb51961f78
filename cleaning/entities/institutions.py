"""Institution names in Simplified text: the tagger's ORG words, joined and extended by rules.

Adjacent ORG words are one name (``共青团`` ``四川省委``); a place or ORG word
followed by words ending in an institution suffix becomes one name
(``连云港市`` ``开发区``, ``松日`` ``队``); listed stand-alone institutions
(``科技镇长团``, ``市委``) are found by string; a minister's title names the
ministry (``财政部长`` -> ``财政部``); a country's ``政府`` is the country acting,
not a named body, while ``连云港市政府`` is one. Names that differ only by an
administrative level character are one institution with aliases
(``连云港市开发区`` = ``连云港开发区``), and the suffix gives the type.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

from .lexicon import Lexicon
from .patterns import ADMIN_LEVEL_RE, MEDIA_ENDINGS, MEDIA_TITLE_RE, REFERENCE_RE
from .people import Mention
from .tagger import Token

logger = logging.getLogger(__name__)

#: Tags that may continue an institution name after its first word.
CONTINUE_TAGS = frozenset({"n", "nz", "ORG", "LOC", "vn", "nw", "a"})
#: Tags an institution name may start with.
START_TAGS = frozenset({"ORG", "LOC", "nz", "n", "PER"})
#: A character the tagger sometimes glues to the front of a name after a dateline or a verb.
LEADING_NOISE = frozenset("电据在对向")
#: Conjunctions the tagger glues to the end of an ORG word.
TRAILING_FUNCTION = frozenset("同和与及的")
#: Characters that do not start a two-character name.
FUNCTION_CHARS = frozenset("从在对向把被和与及的了是为将")
#: Last characters of a place name that is an administrative unit (its 政府 is a named body).
ADMIN_LEVELS = frozenset("省市县区镇乡村州")
#: Words before 政府 that make it a named body (人民政府, 联邦政府).
GOVERNMENT_QUALIFIERS = frozenset({"人民", "联邦", "中央", "临时", "过渡", "自治"})
#: Endings that make a single common-noun word an institution (内政部, 民政厅).
DEPARTMENT_SUFFIXES = frozenset("部 厅 局 署 委员会 办事处 大使馆 领事馆 总领事馆 法院 检察院".split())
#: Bare endings that after a country name are generic, not a name (美国公司).
GENERIC_AFTER_PLACE = frozenset({"公司", "企业", "银行界", "政府部门"})
#: Common words that end like an institution but are not one.
NOT_ORG_WORDS = frozenset(
    "干部 内部 外部 全部 局部 东部 西部 南部 北部 中部 头部 底部 格局 布局 结局 大局 全局 骗局 饭局 "
    "上网 联网 电网 法网 天网 当局 市政府 县政府 区政府 省政府 镇政府 乡政府 特区政府 地方政府 "
    "人民政府 部队 军队 团队 球队 乐队 车队 舰队 梯队 队伍 委员 组织 中心".split()
)
#: Words at most this many past the start are looked at for a suffix.
LOOKAHEAD = 3


def _suffix(word: str, lex: Lexicon) -> str | None:
    for k in range(min(len(word), 6), 0, -1):
        if word[-k:] in lex.org_suffixes:
            return word[-k:]
    return None


def _ends_org(word: str, lex: Lexicon) -> bool:
    """Does this word end an institution name (开发区, 地税所, 队) rather than a common word (干部)?"""
    suf = _suffix(word, lex)
    if suf is None or word in NOT_ORG_WORDS or word[-2:] in NOT_ORG_WORDS or word in lex.titles:
        return False
    return word == suf or len(suf) >= 2 or len(word) >= 3


def inst_type(name: str, lex: Lexicon) -> str:
    """``university``, ``company``, ``government``, ``media`` or ``other`` by the name's ending.

    >>> from .lexicon import lexicon
    >>> inst_type("中国药科大学", lexicon()), inst_type("鲁南制药", lexicon()), inst_type("连云港市开发区", lexicon())
    ('university', 'company', 'government')
    """
    suf = _suffix(name, lex)
    return lex.org_suffixes[suf] if suf else "other"


def alias_key(name: str) -> str:
    """The form two names of one institution share.

    >>> alias_key("连云港市开发区") == alias_key("连云港开发区")
    True
    """
    return ADMIN_LEVEL_RE.sub("", name)


def _split_trailing(tokens: Sequence[Token]) -> list[Token]:
    """``罗政府同`` -> ``罗政府`` ``同``: a conjunction the tagger glued to the end of an ORG word."""
    out: list[Token] = []
    for tok in tokens:
        if tok.tag == "ORG" and len(tok.word) > 2 and tok.word[-1] in TRAILING_FUNCTION:
            out.append(Token(tok.word[:-1], "ORG", tok.start, tok.end - 1))
            out.append(Token(tok.word[-1], "c", tok.end - 1, tok.end))
        else:
            out.append(tok)
    return out


def _ministry(tokens: Sequence[Token], i: int) -> Mention | None:
    """``(美国)财政部长``: a minister's title names the ministry (美国财政部)."""
    j = i + 1 if tokens[i].tag == "LOC" else i
    if j + 1 >= len(tokens):
        return None
    field, title = tokens[j], tokens[j + 1]
    if field.tag != "n" or len(field.word) != 2 or title.word != "部长" or title.start != field.end:
        return None
    if j > i and field.start != tokens[i].end:
        return None
    word = "".join(t.word for t in tokens[i : j + 1]) + "部"
    return Mention(word, tokens[i].start, title.start + 1)


def _country_government(name: str) -> bool:
    """``中国政府``, ``美国政府``: a country acting, not a named body (the gold sets agree); ``连云港市政府`` is one."""
    if not name.endswith("政府") or len(name) <= 2:
        return False
    return name[-3] not in ADMIN_LEVELS and name[-4:-2] not in GOVERNMENT_QUALIFIERS


def _named_after(tokens: Sequence[Token], i: int, lex: Lexicon) -> bool:
    """A person's name directly followed by an institution word: 李嘉诚 + 基金会."""
    if i + 1 >= len(tokens) or tokens[i + 1].start != tokens[i].end:
        return False
    word = tokens[i + 1].word
    suf = _suffix(word, lex)
    return suf is not None and len(suf) >= 2 and word == suf and _ends_org(word, lex)


def _department(word: str, lex: Lexicon) -> bool:
    """A single word naming a department: 内政部, 民政厅 (not the bare 委员会, not 干部)."""
    suf = _suffix(word, lex)
    return suf in DEPARTMENT_SUFFIXES and len(word) >= 3 and len(word) > len(suf) and _ends_org(word, lex)


def _org_head(word: str, lex: Lexicon) -> str | None:
    """``省委书记`` -> ``省委``: a word that is an institution ending followed by a title."""
    for k in range(len(word) - 1, 1, -1):
        head, tail = word[:k], word[k:]
        if head in lex.org_suffixes and (tail in lex.titles or (tail[1:] in lex.titles and tail[0] in "副正")):
            return head
    return None


def find_institutions(text: str, tokens: Sequence[Token], lex: Lexicon) -> list[Mention]:
    """Institution mentions in ``text`` (Simplified), in text order."""
    found: list[Mention] = []
    tokens = _split_trailing(tokens)
    n = len(tokens)
    i = 0
    while i < n:
        tok = tokens[i]
        if tok.tag not in START_TAGS or (tok.tag == "ORG" and len(tok.word) == 1):
            i += 1  # a one-character ORG (the dateline's 电) is the tagger's noise
            continue
        # the longest run of continuing words that ends with an institution suffix
        if tok.tag == "ORG":
            best = i
        elif tok.tag == "LOC" and len(tok.word) >= 3 and _ends_org(tok.word, lex):
            best = i  # 连云港开发区, 八一队 tagged as a place
        elif tok.tag == "n" and _department(tok.word, lex):
            best = i  # 内政部, 民政厅, 法律委员会
        elif tok.tag == "n" or (tok.tag == "PER" and not _named_after(tokens, i, lex)):
            ministry = _ministry(tokens, i) if tok.tag == "n" and not (i and tokens[i - 1].tag == "LOC") else None
            if ministry:
                found.append(ministry)
            i += 1
            continue
        else:
            best = -1
        j = i
        while (
            j + 1 < n
            and j - i < LOOKAHEAD
            and tokens[j + 1].tag in CONTINUE_TAGS
            and tokens[j + 1].start == tokens[j].end
        ):
            j += 1
            nxt = tokens[j]
            if nxt.tag == "ORG" or (nxt.tag != "LOC" and _ends_org(nxt.word, lex)):
                best = j
        if best == j and j + 1 < n and tokens[j + 1].word == "组织" and tokens[j + 1].start == tokens[j].end:
            best = j + 1  # 欧佩克 + 组织 (tagged as a verb)
        end = tokens[best].end if best >= 0 else -1
        # 吉林 + 省委书记: the institution ends inside the next word, before a title
        k = max(best, i) + 1
        if k < n and tokens[k].start == tokens[k - 1].end and (best >= 0 or tokens[k - 1].tag in ("LOC", "ORG")):
            head = _org_head(tokens[k].word, lex)
            if head:
                best, end = k, tokens[k].start + len(head)
        if best < 0:
            ministry = _ministry(tokens, i)
            if ministry:
                found.append(ministry)
            i += 1
            continue
        start = tok.start
        if tok.word[0] in LEADING_NOISE and i and tokens[i - 1].tag in ("TIME", "LOC", "m") and len(tok.word) > 3:
            start += 1  # 6月10日电国务院: the dateline's 电 glued to the name
        generic = tokens[best].word in GENERIC_AFTER_PLACE or (
            tokens[best].word == "政府" and tok.word[-1] not in ADMIN_LEVELS
        )
        if tok.tag == "LOC" and best == i + 1 and generic:
            # 美国公司 is any American company; 中国政府 is the country acting (as the gold sets have it),
            # while 连云港市政府 names one body
            i = best + 1
            continue
        name = text[start:end]
        if best == i and _country_government(name):
            i = best + 1
            continue
        if len(name) == 2 and name[0] in FUNCTION_CHARS:
            i = best + 1
            continue  # 从一: the tagger's noise
        if len(name) >= 2 and not REFERENCE_RE.match(name) and name not in NOT_ORG_WORDS:
            found.append(Mention(name, start, end))
        i = best + 1
    found.extend(_media_titles(text, found, lex))
    found.extend(_listed(text, found, lex))
    found.sort(key=lambda m: m.start)
    return found


def _listed(text: str, found: Sequence[Mention], lex: Lexicon) -> list[Mention]:
    taken = [(m.start, m.end) for m in found]
    out: list[Mention] = []
    for name in lex.org_words:
        pos = text.find(name)
        while pos >= 0:
            end = pos + len(name)
            if not any(s < end and pos < e for s, e in taken):
                out.append(Mention(name, pos, end))
                taken.append((pos, end))
            pos = text.find(name, end)
    return out


def _media_titles(text: str, found: Sequence[Mention], lex: Lexicon) -> list[Mention]:
    """Newspapers and magazines named in book-title marks: 《纽约时报》, 《时代潮》杂志."""
    taken = [(m.start, m.end) for m in found]
    out: list[Mention] = []
    for m in MEDIA_TITLE_RE.finditer(text):
        if m.group("kind"):
            start, end = m.start(), m.end()
        elif m.group("name").endswith(MEDIA_ENDINGS):
            start, end = m.start("name"), m.end("name")
        else:
            continue
        if not any(s < end and start < e for s, e in taken):
            out.append(Mention(text[start:end], start, end))
    return out
