"""Institution names in Simplified text: the tagger's ORG words, joined and extended by rules.

Adjacent ORG words are one name (``共青团`` ``四川省委``, ``团`` ``县委``); a place or ORG word
followed by words ending in an institution suffix becomes one name
(``连云港市`` ``开发区``, ``松日`` ``队``, ``解州`` ``铝厂``); a trade word ends a company's
name only where no noun follows (``中信`` ``证券``, not ``中国证券市场``); listed
institutions (``data/org_words.txt``: ``科技镇长团``, ``纪委``, ``证监会``, ``国家杜马``, ``NBA``)
are found where they stand as whole words, and replace a shorter name inside them; a
country or province with a team word is a team (``印尼队``, ``辽宁男篮``); a numbered party
congress is one (``中共十五大``); generic words (``执政党``, ``大公司``) and bare places the
tagger marked (``温州市``, ``纽约汇市``) are not; a minister's title names the
ministry (``财政部长`` -> ``财政部``); a country's ``政府`` is the country acting,
not a named body, while ``连云港市政府`` is one. Names that differ only by an
administrative level character are one institution with aliases
(``连云港市开发区`` = ``连云港开发区``), and the suffix gives the type.
"""

from __future__ import annotations

import functools
import logging
import re
from collections.abc import Sequence

from .lexicon import Lexicon
from .patterns import ADMIN_LEVEL_RE, CONGRESS_RE, MEDIA_ENDINGS, MEDIA_TITLE_RE, REFERENCE_RE
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
    "人民政府 部队 军队 团队 球队 乐队 车队 舰队 梯队 队伍 委员 组织 中心 "
    "大部 总部 本部 工厂 全队 该队 本队 我队 全厂 该厂 本厂 执政党 反对党 在野党 政党 党派 "
    "大公司 小公司 母公司 子公司 分公司 总公司 壳公司 该公司 本公司 我公司 大银行 各银行".split()
)
#: Generic endings that close a name after its first word (新闻 + 中心; 组织 right after a name: 泛美卫生 + 组织)
#: but are no name alone.
CLOSING_INSIDE = frozenset({"中心", "组织"})
#: What follows a place name in a team's name: 队, 男队, 女子排球队, 男篮, 国奥队 (not 队员, 队长).
TEAM_TAIL = (
    r"(?:国家|国奥|国青|青年|奥运)?(?:男子|女子)?"
    r"(?:(?:足球|篮球|排球|乒乓球|羽毛球|网球|手球|水球|冰球|棒球|垒球|曲棍球|橄榄球|田径|游泳|跳水|体操|举重|射击|击剑|围棋|象棋)?"
    r"[男女]?队|[男女](?:篮|排|足))(?![员长伍友列形])"
)
#: A city or county by name alone (温州市), or a city's market (纽约汇市, 东京股市): no institution.
BARE_PLACE_RE = re.compile(r"(?!.*超市$)[^\W\d]{1,4}[市县]|[^\W\d]{1,4}(?:汇市|股市|楼市|车市)")
#: Endings of venues: places, not institutions (museums, halls, parks; CLUENER's guideline calls 海洋馆, 动物园 scenes).
VENUE_ENDINGS = tuple(
    "博物馆 美术馆 纪念馆 展览馆 科技馆 体育馆 艺术馆 体育场 展览中心 会展中心 航天中心 太空中心 航天城 "
    "大厦 广场 公园 动物园 植物园 海洋馆".split()
)
#: One-character ORG words that begin the ORG word after them (团县委, 省妇联).
ORG_PREFIX_CHARS = frozenset("团党省市县区乡镇村")
#: Tags of a word that continues a noun phrase.
NOUN_TAGS = frozenset({"n", "nz", "vn", "an", "ORG", "LOC", "nw"})
#: Words at most this many past the start are looked at for a suffix.
LOOKAHEAD = 4


def _suffix(word: str, lex: Lexicon) -> str | None:
    for k in range(min(len(word), 6), 0, -1):
        if word[-k:] in lex.org_suffixes:
            return word[-k:]
    return None


def _ends_org(word: str, lex: Lexicon, *, inside: bool = False) -> bool:
    """Does this word end an institution name (开发区, 地税所, 队) rather than a common word (干部)?

    ``inside``: the word follows the start of a name (解州 + 铝厂, 新闻 + 中心), where a short
    word with a one-character ending and the generic endings (中心, 球队) also close the name.
    """
    suf = _suffix(word, lex)
    if suf is None or word in lex.titles:
        return False
    if inside and word in CLOSING_INSIDE:
        return True
    if word in NOT_ORG_WORDS or (word[-2:] in NOT_ORG_WORDS and len(suf) < 3):
        return False  # 领导干部; but 巴西 + 足球队
    return word == suf or len(suf) >= 2 or len(word) >= 3 or inside


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


def _split_trailing(tokens: Sequence[Token], lex: Lexicon) -> list[Token]:
    """``罗政府同`` -> ``罗政府`` ``同``: a conjunction the tagger glued to the end of an ORG word;
    ``泰中友协会长`` -> ``泰中友协会`` ``长``: the head of the institution glued to it."""
    out: list[Token] = []
    for tok in tokens:
        if (
            tok.tag == "ORG"
            and len(tok.word) > 3
            and tok.word[-1] == "长"
            and tok.word[-2:] in lex.titles
            and _suffix(tok.word[:-1], lex)
        ):
            out.append(Token(tok.word[:-1], "ORG", tok.start, tok.end - 1))
            out.append(Token("长", "n", tok.end - 1, tok.end))
        elif tok.tag == "ORG" and len(tok.word) > 2 and tok.word[-1] in TRAILING_FUNCTION:
            out.append(Token(tok.word[:-1], "ORG", tok.start, tok.end - 1))
            out.append(Token(tok.word[-1], "c", tok.end - 1, tok.end))
        else:
            out.append(tok)
    return out


def _completes(text: str, start: int, last: Token, nxt: Token, lex: Lexicon) -> bool:
    """Does the one-character word after the name make its ending longer (基金 + 会 = 基金会)?"""
    if len(nxt.word) != 1 or nxt.start != last.end or nxt.tag in ("w", "u", "p", "c"):
        return False
    longer = _suffix(text[start : nxt.end], lex)
    shorter = _suffix(text[start : last.end], lex)
    return longer is not None and len(longer) >= 2 and (shorter is None or len(longer) > len(shorter))


def _closes(tokens: Sequence[Token], i: int, j: int, lex: Lexicon) -> bool:
    """A trade word (证券, 地产, 航空) ends a company's name only after a name that is not just a
    place and where no noun follows it: 中信 + 证券 is a company, 中国 + 汽车 is an industry and
    中信 + 证券 + 市场 a market."""
    if _suffix(tokens[j].word, lex) not in lex.trade_suffixes:
        return True
    if all(t.tag == "LOC" for t in tokens[i:j]) and tokens[j].word in lex.trade_suffixes:
        return False
    nxt = tokens[j + 1] if j + 1 < len(tokens) else None
    return nxt is None or nxt.start != tokens[j].end or nxt.tag not in NOUN_TAGS


def _org_follows(tokens: Sequence[Token], i: int) -> bool:
    """A one-character prefix of the ORG word after it: 团 + 县委 (not the dateline's 电 + 国务院)."""
    return (
        tokens[i].word in ORG_PREFIX_CHARS
        and i + 1 < len(tokens)
        and tokens[i + 1].tag == "ORG"
        and tokens[i + 1].start == tokens[i].end
    )


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
    """A person's name directly followed by an institution word: 李嘉诚 + 基金会 (but 刘延宇 +
    办公室 is the person's office, and 江泽民 + 新闻 no name)."""
    if i + 1 >= len(tokens) or tokens[i + 1].start != tokens[i].end:
        return False
    word = tokens[i + 1].word
    suf = _suffix(word, lex)
    return (
        suf is not None
        and len(suf) >= 2
        and word == suf
        and lex.org_suffixes[suf] in ("company", "university", "other")
        and _ends_org(word, lex)
    )


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
    tokens = _split_trailing(tokens, lex)
    n = len(tokens)
    i = 0
    while i < n:
        tok = tokens[i]
        if tok.tag not in START_TAGS or (tok.tag == "ORG" and len(tok.word) == 1 and not _org_follows(tokens, i)):
            i += 1  # a one-character ORG (the dateline's 电) is the tagger's noise, unless an ORG follows (团 县委)
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
            if nxt.tag == "ORG" or (
                nxt.tag != "LOC"
                and _ends_org(nxt.word, lex, inside=True)
                and _closes(tokens, i, j, lex)
                and (nxt.word != "组织" or tokens[j - 1].tag in ("ORG", "nz"))
            ):
                best = j
        if (
            best == j
            and j + 1 < n
            and tokens[j + 1].word == "组织"
            and tokens[j + 1].start == tokens[j].end
            and _suffix(text[tok.start : tokens[j].end], lex) is None
        ):
            best = j + 1  # 欧佩克 + 组织 (tagged as a verb)
        elif best == j and j + 1 < n and _completes(text, tok.start, tokens[j], tokens[j + 1], lex):
            best = j + 1  # 李嘉诚基金 + 会, 美国化学 + 会: one character makes a longer ending
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
        if best == i + 1 and (
            (tok.tag == "LOC" and generic)
            or (tok.tag == "ORG" and tokens[best].word == "政府" and _country_government(tok.word + "政府"))
        ):
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
        if name in lex.places or BARE_PLACE_RE.fullmatch(name) or name.endswith(VENUE_ENDINGS):
            i = best + 1
            continue  # 中国, 温州市, 纽约汇市: a place the tagger took for an institution
        if len(name) >= 2 and not REFERENCE_RE.match(name) and name not in NOT_ORG_WORDS:
            found.append(Mention(name, start, end))
        i = best + 1
    found.extend(_media_titles(text, found, lex))
    found.extend(_congresses(text, found))
    found = _merge(found, _listed(text, tokens, [], lex))
    found = _merge(found, _teams(text, tokens, [], lex))
    found.sort(key=lambda m: m.start)
    return found


def _merge(found: list[Mention], extra: Sequence[Mention]) -> list[Mention]:
    """``found`` plus the ``extra`` names that do not cross one of them; an extra name that holds
    found ones replaces them (团县委 over 县委)."""
    for m in extra:
        inside = [f for f in found if m.start <= f.start and f.end <= m.end]
        crossing = [f for f in found if f.start < m.end and m.start < f.end and f not in inside]
        if crossing or any(f.start == m.start and f.end == m.end for f in inside):
            continue
        found = [f for f in found if f not in inside] + [m]
    return found


@functools.lru_cache(maxsize=4)
def _listed_re(words: frozenset[str]) -> re.Pattern[str]:
    return re.compile("|".join(map(re.escape, sorted(words, key=len, reverse=True))), re.IGNORECASE)


def _listed(text: str, tokens: Sequence[Token], found: Sequence[Mention], lex: Lexicon) -> list[Mention]:
    """Listed institutions (``org_words.txt``) standing as whole words: 纪委, 足协 but not 足协杯.

    A listed name must start where a word starts and end where one ends, or be followed in its
    word by a title only (纪委书记 -> 纪委).
    """
    if not lex.org_words:
        return []
    matches = list(_listed_re(lex.org_words).finditer(text))
    if not matches:
        return []
    word_at = {t.start: t for t in tokens}
    ends = {t.end for t in tokens}
    taken = [(m.start, m.end) for m in found]
    out: list[Mention] = []
    for m in matches:
        start, end = m.start(), m.end()
        if start not in word_at:
            continue
        if end not in ends:
            inner = next((t for t in tokens if t.start < end < t.end), None)
            if inner is None or inner.start < start or text[end : inner.end] not in lex.titles:
                continue
        if not any(s < end and start < e for s, e in taken):
            out.append(Mention(m.group(), start, end))
            taken.append((start, end))
    return out


@functools.lru_cache(maxsize=4)
def _team_re(places: frozenset[str]) -> re.Pattern[str]:
    names = "|".join(map(re.escape, sorted(places, key=len, reverse=True)))
    return re.compile(f"(?:{names}){TEAM_TAIL}")


def _teams(text: str, tokens: Sequence[Token], found: Sequence[Mention], lex: Lexicon) -> list[Mention]:
    """A team named by its country or province: 印尼队, 牙买加队, 辽宁男篮, 德国男子网球队."""
    if not lex.places:
        return []
    matches = list(_team_re(lex.places).finditer(text))
    if not matches:
        return []
    starts = {t.start for t in tokens}
    taken = [(m.start, m.end) for m in found]
    out: list[Mention] = []
    for m in matches:
        start, end = m.start(), m.end()
        if start in starts and not any(s < end and start < e for s, e in taken):
            out.append(Mention(m.group(), start, end))
    return out


def _congresses(text: str, found: Sequence[Mention]) -> list[Mention]:
    """A party congress by its number: 十五大, 中共十五大 (not 十大, the top ten)."""
    taken = [(m.start, m.end) for m in found]
    out: list[Mention] = []
    for m in CONGRESS_RE.finditer(text):
        start, end = m.start(), m.end()
        if not any(s < end and start < e for s, e in taken):
            out.append(Mention(m.group(), start, end))
    return out


def _media_titles(text: str, found: Sequence[Mention], lex: Lexicon) -> list[Mention]:
    """Newspapers and magazines named in book-title marks: 《纽约时报》, 《时代潮》杂志."""
    taken = [(m.start, m.end) for m in found]
    out: list[Mention] = []
    for m in MEDIA_TITLE_RE.finditer(text):
        if m.group("kind"):
            start, end = m.start(), m.end()
        elif m.group("name").endswith(MEDIA_ENDINGS) or (len(m.group("name")) >= 3 and m.group("name")[-1] == "报"):
            start, end = m.start("name"), m.end("name")
        else:
            continue
        if not any(s < end and start < e for s, e in taken):
            out.append(Mention(text[start:end], start, end))
    return out
