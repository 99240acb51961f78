"""Person names in Simplified text: the tagger's PER words, corrected by rules.

Rules on top of the tagger: foreign names split at ``·``, at a dash (``约翰—格伦``, but
not a pair of Chinese names ``王楠—李菊``) or in two are joined;
a title stuck to a surname is cut off (``李先生`` -> ``李``); a bare surname
before an honorific is a name (``唐外长`` -> ``唐``); a two-character name the
tagger cut short gets its third character back (``顾修`` ``全`` -> ``顾修全``);
well-known names inside longer words are found (``马克思主义``); a transliterated
word next to a title is a name even when the tagger says otherwise (``总理若斯潘``);
a name found once is found again wherever the text repeats it; places the tagger
took for people (``首都阿布贾``, weather tables) and words on the not-a-person list
are dropped, and so is a name that fills a pair of book-title marks (``《花木兰》``, a
film or book) or the part of a tagged name from ``的`` on (``陈伊玲的故事``).
Each result is a :class:`Mention` with offsets into the text.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from .lexicon import Lexicon
from .patterns import NOT_NAME_CHAR_RE, NOT_NAME_END
from .tagger import Token

logger = logging.getLogger(__name__)

#: Tags of a single character that may finish a name the tagger cut short.
COMPLETE_TAGS = frozenset({"a", "n", "d", "ad", "an", "nz", "vd", "v", "s", "f"})
#: Function words that never belong to a name as its last character.
NAME_STOP = frozenset("的了在和与及或是为对把被将向从也都就还又说等让给由于到上下中里外前后来去已曾再并而但则")


#: Titles that stand next to foreign names.
FOREIGN_TITLES = frozenset(
    "总统 副总统 总理 副总理 首相 外长 外交部长 议长 国王 女王 亲王 王储 国务卿 部长 大使 主席 秘书长 发言人 "
    "外援 球员 主教练 教练".split()
)
FOREIGN_TITLE_MAX = max(map(len, FOREIGN_TITLES))
#: One-character words the tagger sometimes glues to the end of a name.
TRAILING_VERB = frozenset("也派说称在是将向对到让把被和与")
#: Weather words that follow city names in forecast tables.
WEATHER_END = ("晴", "多云", "阴", "小雨", "阵雨", "雷阵雨")
#: Words right before a place name.
PLACE_BEFORE = frozenset("首都 城市 首府 省会 港口 胜地 小镇 城镇 村庄 市 县 州 省".split())
#: Last characters of place names.
PLACE_END = frozenset("省州市县岛湾港河湖山峰村镇乡部")


@dataclass(frozen=True, slots=True)
class Mention:
    """A name found at ``start:end`` of the text; ``name`` is the Simplified form."""

    name: str
    start: int
    end: int


def _join_split(tokens: Sequence[Token], lex: Lexicon) -> list[Token]:
    """Join PER + ``·`` + PER and PER directly followed by PER into one PER token."""
    out: list[Token] = []
    i = 0
    n = len(tokens)
    while i < n:
        tok = tokens[i]
        if tok.tag == "PER":
            end_i = i
            while True:
                nxt = tokens[end_i + 1] if end_i + 1 < n else None
                if nxt is None:
                    break
                if nxt.tag == "PER" and (len(nxt.word) > 1 or len(tokens[end_i].word) > 1):
                    end_i += 1
                    continue
                if (
                    nxt.word in ("·", "•", "・", ".")
                    and end_i + 2 < n
                    and tokens[end_i + 2].tag in ("PER", "nz", "n", "LOC")
                ):
                    end_i += 2
                    continue
                if (
                    nxt.word in ("—", "－", "-")
                    and end_i + 2 < n
                    and tokens[end_i + 2].tag == "PER"
                    and tokens[end_i + 2].start == nxt.end
                    and nxt.start == tokens[end_i].end
                    and not _chinese_like(tokens[end_i].word, lex)
                    and not _chinese_like(tokens[end_i + 2].word, lex)
                ):
                    end_i += 2  # 约翰—格伦: a dash between the parts of one foreign name (not 王楠—李菊, a pair)
                    continue
                if tokens[end_i].word.endswith(("·", "•")) and nxt.tag in ("PER", "nz", "n", "LOC"):
                    end_i += 1
                    continue
                break
            if end_i > i:
                start, end = tok.start, tokens[end_i].end
                word = "".join(t.word for t in tokens[i : end_i + 1])
                out.append(Token(word, "PER", start, end))
                i = end_i + 1
                continue
        out.append(tok)
        i += 1
    return out


def _chinese_like(word: str, lex: Lexicon) -> bool:
    """A word shaped like a Chinese name: a surname and one or two characters."""
    return 2 <= len(word) <= 4 and 0 < _surname_len(word, lex) < len(word) and len(word) - _surname_len(word, lex) <= 2


def _surname_len(word: str, lex: Lexicon) -> int:
    if len(word) >= 2 and word[:2] in lex.surnames:
        return 2
    return 1 if word[:1] in lex.surnames else 0


def _strip_title(tok: Token, lex: Lexicon) -> Token | None:
    """``李先生`` -> ``李``; ``明仁天皇`` -> ``明仁``; ``小徐婷`` -> ``徐婷``; other PER words unchanged."""
    word = tok.word
    for cut in range(min(len(word) - 1, 4), 0, -1):
        head, tail = word[:-cut], word[-cut:]
        if (tail in lex.honorifics or tail == "家") and _surname_len(head, lex) == len(head):
            return Token(head, "PER", tok.start, tok.start + len(head))
        if len(tail) >= 2 and tail in lex.titles and len(head) >= 2:
            return Token(head, "PER", tok.start, tok.start + len(head))
    if word.startswith(("老", "小")) and len(word) == 2 and word[1] in lex.surnames:
        return Token(word[1], "PER", tok.start + 1, tok.end)
    if word.startswith(("老", "小")) and len(word) >= 3 and _surname_len(word[1:], lex):
        return Token(word[1:], "PER", tok.start + 1, tok.end)
    return tok


def _surname_title(tok: Token, nxt: Token | None, lex: Lexicon) -> Mention | None:
    """A bare surname with an honorific the tagger did not call a name (``唐外长``, ``老于``)."""
    word = tok.word
    tail = word[1:]
    if (
        len(word) >= 2
        and word[0] in lex.surnames
        and (tail in lex.honorifics or (len(tail) >= 2 and tail in lex.titles))
        and tail not in ("总", "工", "董")
    ):
        return Mention(word[0], tok.start, tok.start + 1)
    return None


def _single_ok(toks: Sequence[Token], i: int, lex: Lexicon) -> bool:
    """A one-character PER word is a name only before a title or in a list of names (戴、亨二人)."""
    nxt = toks[i + 1].word if i + 1 < len(toks) else ""
    prev = toks[i - 1].word if i else ""
    if any(nxt.startswith(h) for h in lex.honorifics) or nxt in lex.titles:
        return True
    return nxt in ("、", "和", "与") or prev in ("、", "和", "与")


def _foreign_by_title(toks: Sequence[Token], lex: Lexicon) -> list[Token]:
    """A transliterated name next to a title that the tagger mislabelled: 总理若斯潘, 库马拉通加总统, 总理基里延科."""
    out: list[Token] = []
    n = len(toks)
    for i, tok in enumerate(toks):
        word = tok.word
        if tok.tag != "PER":
            prev = toks[i - 1] if i else None
            nxt = toks[i + 1] if i + 1 < n else None
            translit = len(word) >= 2 and all(c in lex.translit for c in word)
            if translit and prev is not None and prev.word in FOREIGN_TITLES and prev.end == tok.start:
                tok = Token(word, "PER", tok.start, tok.end)
            elif translit and tok.tag != "LOC" and nxt is not None and nxt.word in FOREIGN_TITLES:
                tok = Token(word, "PER", tok.start, tok.end)
            else:
                for k in range(2, min(len(word) - 2, FOREIGN_TITLE_MAX) + 1):  # a title and two or more characters
                    title, rest = word[:k], word[k:]
                    if title in FOREIGN_TITLES and all(c in lex.translit for c in rest):
                        out.append(Token(title, "n", tok.start, tok.start + len(title)))
                        tok = Token(rest, "PER", tok.start + len(title), tok.end)
                        break
        out.append(tok)
    return out


def _propagate(text: str, found: list[Mention], lex: Lexicon) -> list[Mention]:
    """Other places in the text where a name found once is written again."""
    return _occurrences(text, {m.name for m in found if len(m.name) >= 2 and m.name not in lex.surnames}, found)


def _occurrences(text: str, names: Iterable[str], found: Sequence[Mention]) -> list[Mention]:
    """Every place of each of ``names`` in ``text`` that overlaps no mention found so far; longer
    names first, so that the result does not depend on set order (the hash seed)."""
    taken = [(m.start, m.end) for m in found]
    out: list[Mention] = []
    for name in sorted(set(names), key=lambda n: (-len(n), n)):
        pos = text.find(name)
        while pos >= 0:
            end = pos + len(name)
            if not any(s < end and pos < e for s, e in taken):
                out.append(Mention(name, pos, end))
                taken.append((pos, end))
            pos = text.find(name, end)
    return out


def find_people(text: str, tokens: Sequence[Token], lex: Lexicon) -> list[Mention]:
    """Person mentions in ``text`` (Simplified) from its tokens, in text order."""
    toks = _foreign_by_title(_join_split(tokens, lex), lex)
    found: list[Mention] = []
    n = len(toks)
    for i, tok in enumerate(toks):
        nxt = toks[i + 1] if i + 1 < n else None
        if tok.tag != "PER":
            m = _surname_title(tok, nxt, lex)
            if m:
                found.append(m)
            continue
        fixed = _strip_title(tok, lex)
        if fixed is None:
            continue
        word = fixed.word
        end = fixed.end
        if fixed is tok and len(word) == 1 and not _single_ok(toks, i, lex):
            continue
        # a name cut one character short: 顾修 + 全
        if (
            fixed is tok
            and len(word) == 2
            and _surname_len(word, lex) == 1
            and nxt is not None
            and len(nxt.word) == 1
            and (nxt.tag in COMPLETE_TAGS or nxt.word == "之")
            and nxt.word not in NAME_STOP
            and "\u4e00" <= nxt.word <= "\u9fff"
        ):
            after = toks[i + 2] if i + 2 < n else None
            titled = after is not None and (after.word in lex.titles or after.word in lex.honorifics)
            if titled or (nxt.word != "之" and (after is None or after.tag in ("w", "v", "p", "c", "m", "u", "d"))):
                word += nxt.word
                end = nxt.end
        if len(word) >= 3 and word[-1] in TRAILING_VERB and (len(word) >= 4 or _surname_len(word, lex) == 1):
            word = word[:-1]  # 卢金也警告, 克林顿派代表: a verb glued to the name
            end -= 1
        if word.endswith(NOT_NAME_END):
            word = word.rstrip("".join(NOT_NAME_END))
            end = fixed.start + len(word)
        if word.find("的", 2) > 0:  # 陈伊玲的故事: a phrase the tagger took whole
            word = word[: word.find("的", 2)]
            end = fixed.start + len(word)
        if _whole_title(text, fixed.start, end):
            continue  # 《花木兰》: a film or book named after a person is a title, not a mention of one
        if not word or word in lex.not_people or NOT_NAME_CHAR_RE.search(word):
            continue
        prev = toks[i - 1].word if i else ""
        if prev in PLACE_BEFORE or (len(word) >= 3 and word[-1] in PLACE_END and not _surname_len(word, lex)):
            continue  # 首都阿布贾, 巴达赫尚省: a place the tagger took for a person
        if word.endswith(WEATHER_END) or any(word.endswith(suf) for suf in lex.org_suffixes if len(suf) >= 2):
            continue  # 卡拉奇晴 in a weather table; 乔治·梅森大学
        found.append(Mention(word, fixed.start, end))
    found.extend(_famous(text, found, lex))
    found.extend(_propagate(text, found, lex))
    found.sort(key=lambda m: m.start)
    return found


def _whole_title(text: str, start: int, end: int) -> bool:
    """Is ``text[start:end]`` the whole of a title in book-title marks (《叶问》)?"""
    return start > 0 and text[start - 1] == "《" and text[end : end + 1] == "》"


def _famous(text: str, found: Sequence[Mention], lex: Lexicon) -> list[Mention]:
    return _occurrences(text, lex.famous, found)
