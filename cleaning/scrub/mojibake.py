"""Mojibake from a GBK byte shift: find garbled runs, repair them at byte level, flag the rest.

A mirror that decodes GBK bytes one byte out of step turns 楊春才教授來區 into
覘畲翰沤淌趤韰: rare characters (and private-use ones) in a row. Runs are found with a
character-frequency score (``data/char_freq.tsv``, from jieba's dictionary: normal
text averages about -7 natural-log probability per character, garbled runs about
-15). A run is repaired by re-encoding it as GB18030 and decoding it one byte
further on; ASCII symbols inside the run may stand for full-width ones (the dump was
NFKC-folded), so both are tried and the best-scoring decoding wins. The byte lost at
each end is recovered when it can be: a dangling lead byte followed by a left-over
reading (``?dòng)``) gives the character with that reading; a lone trail byte at
the start gives the character that forms the most frequent word with the next one
(專 + 家). Left-over fragments such as ``?qū)`` are removed (``mojibake_fragment``).

What cannot be repaired stays, flagged ``mojibake`` with its span (entities are
not taken from flagged text); private-use characters in it are removed.

>>> repair_run("<覘畲翰沤淌趤韰^").text
'專家楊春才教授來區'
"""

from __future__ import annotations

import bisect
import functools
import itertools
import logging
import operator
import re
from dataclasses import dataclass, replace

from ..script import to_simplified
from ..values import Article, Flag, Removal
from . import lexicon
from . import patterns as P
from .base import Edit, ScrubContext, add_flags, add_removals, apply_edits, edit_block
from .pinyin import reading_matches

logger = logging.getLogger(__name__)

STEP = "mojibake"
FRAGMENT = "mojibake_fragment"
REPAIR = "mojibake_repair"
#: A lost lead byte is restored only if the best word beats the next by this factor ...
LEAD_MIN_RATIO = 10.0
#: ... and is at least this frequent in jieba's dictionary.
LEAD_MIN_FREQ = 100
#: A repair must make the text this much more likely (sum over characters of log-probability + GAIN_OFFSET).
MIN_GAIN = 12.0
GAIN_OFFSET = 10.0
#: A run is widened over at most this many neighbouring characters each way when looking for the best repair.
SEGMENT_REACH = 8
#: A word-less stretch of at least this many characters, with mean log-probability at most this, is tried.
WORDLESS_MIN_CHARS = 5
WORDLESS_MAX_MEAN_LOGP = -8.0
#: A block is only searched for word-less stretches if it has two characters rarer than this.
WORDLESS_RARE_LOGP = -10.5
#: ... and its repair must gain at least this much.
WORDLESS_MIN_GAIN = 20.0
#: At most this many '?'-separated pieces in one run.
MAX_PIECES = 4
#: At most this many ASCII symbols in a run are tried both ways (2**n decodings).
MAX_AMBIGUOUS = 6

RUN_CHAR_RE = re.compile(rf"[{P.HAN}{P.PUA}{re.escape(P.MOJIBAKE_ASCII)}]")
FRAGMENT_BEFORE_RE = re.compile(rf"[?\ufffd][(（]?[{P.PINYIN_LETTERS}]{{1,7}}[1-5]?[)）]$")
FRAGMENT_AFTER_RE = re.compile(rf"[?\ufffd][(（]?([{P.PINYIN_LETTERS}]{{1,7}}[1-5]?)[)）]")
TONE_MARKED_RE = re.compile(r"[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ]")
PUA_RE = re.compile(rf"[{P.PUA}]")
#: Characters GBK encodes in two bytes that a shifted decoding produces: Han, PUA, kana, Greek, Cyrillic, box drawing.
WORDLESS_CHAR_RE = re.compile(rf"[{P.HAN}{P.PUA}\u3040-\u30ff\u0391-\u03c9\u0401-\u0451\u2500-\u257f]")
#: A stretch of them long enough to be tried (WORDLESS_MIN_CHARS or more): shorter runs are passed over at C speed.
WORDLESS_STRETCH_RE = re.compile(
    rf"[{P.HAN}{P.PUA}\u3040-\u30ff\u0391-\u03c9\u0401-\u0451\u2500-\u257f]{{{WORDLESS_MIN_CHARS},}}"
)


#: Punctuation a repaired run may hold besides Han characters.
DECODED_PUNCT = "，。、；：？！“”‘’（）《》"


@dataclass(frozen=True, slots=True)
class Repair:
    """A decoded run: its text and how many characters at its ends could not be restored."""

    text: str
    lost: int
    score: float
    gain: float


class _LogpTable(dict[str, float]):
    """``lexicon.char_logp`` memoised in a plain dict, so that a whole string is scored at C speed."""

    def __missing__(self, char: str) -> float:
        lp = self[char] = lexicon.char_logp(char)
        return lp


_LOGP = _LogpTable()


def _simplified(text: str) -> str:
    """``text`` in Simplified script, character for character."""
    simple = to_simplified(text)
    if len(simple) != len(text):
        simple = "".join(to_simplified(c) for c in text)
    return simple


def _logps(text: str, simple: str | None = None) -> list[float]:
    """Log-probability of each character of ``text`` (``simple``: its :func:`_simplified` form, if known)."""
    return list(map(_LOGP.__getitem__, _simplified(text) if simple is None else simple))


def mean_logp(text: str) -> float:
    """Mean log-probability of the Han and private-use characters of ``text`` (0 if none)."""
    scores = [lp for c, lp in zip(text, _logps(text), strict=True) if P.HAN_OR_PUA_RE.match(c)]
    return sum(scores) / len(scores) if scores else 0.0


def find_runs(text: str, lps: list[float] | None = None) -> list[tuple[int, int]]:
    """Spans of garbled runs: clusters of rare Han/PUA characters (gaps of one common one allowed).

    ``lps``: ``_logps(text)``, if known.
    """
    if lps is None:
        lps = _logps(text)
    # the rare Han/PUA characters: a run starts at one and counts them
    starts = [k for k, lp in enumerate(lps) if lp < P.RARE_LOGP and P.HAN_OR_PUA_RE.match(text[k])]
    if len(starts) < P.MOJIBAKE_MIN_RARE:
        return []
    runs = []
    i, n = 0, len(text)
    while i < n:
        k = bisect.bisect_left(starts, i)
        if k == len(starts):
            break
        i = starts[k]
        start = end = i
        rare, j = 0, i
        while j < n and RUN_CHAR_RE.match(text[j]):
            if P.HAN_OR_PUA_RE.match(text[j]):
                if lps[j] < P.RARE_LOGP:
                    rare += 1
                    end = j + 1
                elif not (j + 1 < n and P.HAN_OR_PUA_RE.match(text[j + 1]) and lps[j + 1] < P.RARE_LOGP):
                    break
            else:
                end = j + 1 if text[j] != "?" else end
            j += 1
        # absorb garble symbols hugging the run (the shifted halves of a pair)
        while start > 0 and text[start - 1] in P.MOJIBAKE_ASCII and text[start - 1] != "?":
            start -= 1
        while end < n and text[end] in P.MOJIBAKE_ASCII and text[end] != "?":
            end += 1
        core = text[start:end]
        if rare >= P.MOJIBAKE_MIN_RARE and mean_logp(core) <= P.MOJIBAKE_MAX_MEAN_LOGP:
            runs.append((start, end))
        i = max(j, i + 1)
    return runs


def wordless_runs(text: str, simple: str | None = None, lps: list[float] | None = None) -> list[tuple[int, int]]:
    """Stretches of at least WORDLESS_MIN_CHARS Han characters in which no two neighbours form a dictionary word.

    Garbled text decodes to common-looking characters that never make words; these
    stretches are only repaired, never flagged (normal text has some too).
    ``simple``, ``lps``: ``_simplified(text)`` and ``_logps(text)``, if known.
    """
    if simple is None:
        simple = _simplified(text)
    if len(_rare_re().findall(simple)) < 2:
        return []  # garbled text always brings rare characters along: skip the word check
    words = lexicon.two_char_words()
    out = []
    # within each stretch of word-less-able characters, cut between neighbours that form a word; a stretch
    # without a rare character is normal text, as above (the same gate, stretch by stretch)
    for m in WORDLESS_STRETCH_RE.finditer(text):
        a, b = m.span()
        if not _rare_in(simple, a, b):
            continue
        if not _may_hold_wordless_piece(lps[a:b] if lps is not None else _logps(text[a:b], simple[a:b])):
            continue
        # the stretch's pieces end after each neighbour pair that is a word, and at its end
        pairs = map(operator.add, simple[a : b - 1], simple[a + 1 : b])  # simple[j] + simple[j + 1], j in a..b-2
        ends = list(itertools.compress(range(a + 1, b), map(words.__contains__, pairs)))
        ends.append(b)
        for i, j in zip([a, *ends[:-1]], ends, strict=True):  # each piece starts where the one before it ends
            if j - i >= WORDLESS_MIN_CHARS and mean_logp(text[i:j]) <= WORDLESS_MAX_MEAN_LOGP:
                out.append((i, j))
    return out


_EXCESS = itertools.repeat(-WORDLESS_MAX_MEAN_LOGP)
#: Slack for rounding in :func:`_may_hold_wordless_piece` (the test may only err towards looking).
_SUM_SLACK = 1e-6


def _may_hold_wordless_piece(lps: list[float]) -> bool:
    """False when no piece of a stretch (``lps``: its characters' scores) at least WORDLESS_MIN_CHARS long can
    have a mean log-probability of at most WORDLESS_MAX_MEAN_LOGP, whatever the word cuts: then the word check
    can be skipped.

    A piece ``[i, j)`` qualifies only if the sum of ``lp + 8`` over its Han characters is at most 0; its
    other characters (kana, Greek, box drawing: UNSEEN_LOGP) only lower that sum, so counting them too
    errs towards looking. With prefix sums ``S``, some ``j - i >= n`` must have ``S[j] <= S[i]``,
    found with a running maximum, all at C speed. Four stretches in five of real text fail it.
    """
    n = WORDLESS_MIN_CHARS
    sums = list(itertools.accumulate(map(operator.add, lps, _EXCESS), initial=0.0))
    highest = list(itertools.accumulate(sums[: len(sums) - n], max))
    return any(map(operator.le, sums[n:], map(operator.add, highest, itertools.repeat(_SUM_SLACK))))


@functools.lru_cache(maxsize=8192)
def _char_options(c: str) -> tuple[bytes, ...] | None:
    """The bytes one character of a run may stand for (None: not a two-byte GB18030 character)."""
    if c.isascii():
        full = chr(ord(c) + 0xFEE0)
        return (c.encode("ascii"), full.encode("gbk"))
    try:
        b = c.encode("gb18030")
    except UnicodeEncodeError:
        return None
    if len(b) != 2:
        return None
    return (b,)


def _byte_options(core: str) -> list[tuple[bytes, ...]] | None:
    options = []
    for c in core:
        o = _char_options(c)
        if o is None:
            return None
        options.append(o)
    return options


def _decode_pairs(data: bytes) -> tuple[str, int | None] | None:
    """Decode GBK bytes; a lone lead byte at the end is returned apart. None if the bytes are not GBK text."""
    dangling = None
    if data:
        try:
            text = data.decode("gbk")
        except UnicodeDecodeError:
            if data[-1] >= 0x81:
                dangling, data = data[-1], data[:-1]
                try:
                    text = data.decode("gbk")
                except UnicodeDecodeError:
                    return None
            else:
                return None
    else:
        text = ""
    if any(not (P.HAN_RE.match(c) or c in DECODED_PUNCT) for c in text):
        return None
    return text, dangling


def _gain(decoded: str, core: str) -> float:
    """How much more common the decoded text is than the run it replaces (summed, shifted log-probabilities)."""
    dec = sum(lp + GAIN_OFFSET for lp in _logps(decoded))
    old = sum(lp + GAIN_OFFSET for c, lp in zip(core, _logps(core), strict=True) if P.HAN_OR_PUA_RE.match(c))
    return dec - old


def _decode_piece(piece: str) -> tuple[float, str, int | None, int] | None:
    """Best one-byte-shifted decoding of a '?'-free piece: (score, text, dangling lead, orphan first byte)."""
    options = _byte_options(piece)
    if options is None or sum(len(o) > 1 for o in options) > MAX_AMBIGUOUS:
        return None
    best: tuple[float, str, int | None, int] | None = None
    for combo in itertools.product(*options):
        data = b"".join(combo)
        decoded = _decode_pairs(data[1:])
        if decoded is None:
            continue
        text, dangling = decoded
        score = mean_logp(text) if text else P.REPAIR_MIN_MEAN_LOGP
        if best is None or score > best[0]:
            best = (score, text, dangling, data[0])
    return best


def repair_run(core: str, tail_reading: str | None = None, restore: bool = True) -> Repair | None:
    """Decode ``core`` one byte out of step; None when no decoding reads as common text.

    A ``?`` inside the run stands for a byte pair the shifted decoder rejected: the
    pieces around it are decoded apart and the two half-lost characters restored from
    their neighbours. ``tail_reading`` is a reading left after the run (``?dòng)``):
    it names the character whose lead byte dangles at the end.
    """
    pieces = core.split("?")
    if len(pieces) > MAX_PIECES or any(not p for p in pieces[1:-1]):
        return None
    decoded: list[tuple[float, str, int | None, int] | None] = []
    for piece in pieces:
        if not piece:
            decoded.append(None)
            continue
        best = _decode_piece(piece)
        if best is None:
            return None
        decoded.append(best)
    joined = "".join(d[1] for d in decoded if d)
    if not joined:
        return None
    score = mean_logp(joined)
    if score < P.REPAIR_MIN_MEAN_LOGP:
        return None
    gain = _gain(joined, core)
    if gain < MIN_GAIN:
        return None
    out: list[str] = []
    lost = 0
    for j, d in enumerate(decoded):
        if d is None:
            continue
        _, text, dangling, orphan = d
        nxt = text[0] if text else None
        lead = _restore_lead(orphan, nxt) if restore and nxt else None
        if lead:
            out.append(lead)
        else:
            lost += 1
        out.append(text)
        if dangling is not None:
            last = j == len(decoded) - 1
            prev = (out[-1] or out[-2] if len(out) > 1 else out[-1])[-1:] or " "
            tail = _restore_tail(dangling, tail_reading if last else None, prev) if restore else None
            if tail:
                out.append(tail)
            else:
                lost += 1
        elif j < len(decoded) - 1:
            lost += 1  # the '?' after this piece ate a whole character's bytes
    return Repair("".join(out), lost, score, gain)


def _restore_lead(trail: int, following: str) -> str | None:
    """The character whose trail byte is ``trail`` that forms the most frequent word with ``following``."""
    words = lexicon.word_freq()
    nxt = to_simplified(following)
    scored = []
    for lead in range(0x81, 0xFF):
        try:
            c = bytes([lead, trail]).decode("gbk")
        except UnicodeDecodeError:
            continue
        if P.HAN_RE.match(c):
            scored.append((words.get(to_simplified(c) + nxt, 0), c))
    scored.sort(reverse=True)
    if not scored or scored[0][0] < LEAD_MIN_FREQ:
        return None
    if len(scored) > 1 and scored[0][0] < LEAD_MIN_RATIO * scored[1][0]:
        return None
    return scored[0][1]


def _restore_tail(lead: int, reading: str | None, previous: str) -> str | None:
    """The character with lead byte ``lead``: the one with ``reading``, else the best word with ``previous``."""
    words = lexicon.word_freq()
    prev = to_simplified(previous)
    found = []
    for trail in itertools.chain(range(0x40, 0x7F), range(0x80, 0xFF)):
        try:
            c = bytes([lead, trail]).decode("gbk")
        except UnicodeDecodeError:
            continue
        if not P.HAN_RE.match(c):
            continue
        if reading is not None:
            if reading_matches(c, reading):
                found.append((lexicon.char_logp(to_simplified(c)), c))
        else:
            found.append((words.get(prev + to_simplified(c), 0), c))
    found.sort(reverse=True)
    if reading is not None:
        return found[0][1] if found else None
    if not found or found[0][0] < LEAD_MIN_FREQ or (len(found) > 1 and found[0][0] < LEAD_MIN_RATIO * found[1][0]):
        return None
    return found[0][1]


def _segment(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen a run over neighbouring run characters (at most SEGMENT_REACH each way), never over '?'."""

    def ok(i: int) -> bool:
        c = text[i]
        if c == "?":  # a rejected pair inside the run, not at its ends
            return (
                0 < i < len(text) - 1
                and bool(WORDLESS_CHAR_RE.match(text[i - 1]))
                and bool(WORDLESS_CHAR_RE.match(text[i + 1]))
            )
        if RUN_CHAR_RE.match(c):
            return True
        if WORDLESS_CHAR_RE.match(c):
            return True
        inner = 0 < i < len(text) - 1 and WORDLESS_CHAR_RE.match(text[i - 1]) and WORDLESS_CHAR_RE.match(text[i + 1])
        return bool(inner and ((c.isascii() and c.isalnum()) or "\u00c0" <= c <= "\u024f"))

    s = start
    while s > 0 and start - s < SEGMENT_REACH and ok(s - 1):
        s -= 1
    e = end
    while e < len(text) and e - end < SEGMENT_REACH and ok(e):
        e += 1
    return s, e


def _core_cannot_decode(text: str, start: int, end: int, seg_s: int) -> bool:
    """True when no window of ``text`` holding ``[start, end)`` can decode one byte out of step, known from
    the run's own characters: then :func:`_best_repair` need not try them all.

    Within one ``?``-free piece, the shifted decoding pairs each character's trail byte with the next one's
    lead byte, as long as every byte before is one of a pair (no ASCII character before the run in its
    segment, which may stand for one byte or two). So a pair between two of the run's characters that is
    not a Han character or Chinese punctuation in GBK (or a trail byte below 0x81, which decodes as ASCII,
    or a character with no two-byte form) spoils every window, whatever its ends.
    """
    core = text[start:end]
    if len(core) < 2 or "?" in core or any(c.isascii() for c in text[seg_s:start]):
        return False
    encoded = []
    for c in core:
        options = _char_options(c)
        if options is None:
            return True  # every piece holding it fails to encode
        if len(options) > 1:
            return False  # an ASCII character in the run: one byte or two
        encoded.append(options[0])
    for this, following in itertools.pairwise(encoded):
        if not _shifted_pair_ok(this[1], following[0]):
            return True
    return False


@functools.lru_cache(maxsize=16384)
def _shifted_pair_ok(trail: int, lead: int) -> bool:
    """Whether a trail byte followed by the next character's lead byte decode (GBK) as _decode_pairs accepts."""
    if trail < 0x81:
        return False
    try:
        c = bytes((trail, lead)).decode("gbk")
    except UnicodeDecodeError:
        return False
    return bool(P.HAN_RE.match(c)) or c in DECODED_PUNCT


def _best_repair(text: str, start: int, end: int) -> tuple[int, int, Repair, re.Match[str] | None] | None:
    seg_s, seg_e = _segment(text, start, end)
    if _core_cannot_decode(text, start, end, seg_s):
        return None
    best = None
    for a in range(seg_s, start + 1):
        for b in range(end, seg_e + 1):
            right = FRAGMENT_AFTER_RE.match(text, b)
            repair = repair_run(text[a:b], right.group(1) if right else None, restore=False)
            if repair and (best is None or repair.gain > best[2].gain):
                best = (a, b, repair, right)
    if best is None:
        return None
    a, b, _, right = best
    full = repair_run(text[a:b], right.group(1) if right else None)
    return (a, b, full, right) if full else None


@functools.cache
def _rare_re() -> re.Pattern[str]:
    """The Han and private-use characters rarer than WORDLESS_RARE_LOGP: the Han/PUA ranges without the
    characters the model knows at least that well (every other one scores UNSEEN_LOGP or PUA_LOGP).

    One character class, so that counting them is a C-speed scan (a ``str.translate`` deleting the
    common ones took six times as long).
    """
    counts, _ = lexicon.char_counts()
    common = sorted(ord(c) for c in counts if lexicon.char_logp(c) >= WORDLESS_RARE_LOGP)
    parts = []
    for first, last in P.HAN_PUA_BMP_RANGES:  # each range split at its common characters
        start = first
        for code in common[bisect.bisect_left(common, first) : bisect.bisect_right(common, last)]:
            if code > start:
                parts.append(f"\\u{start:04x}-\\u{code - 1:04x}")
            start = code + 1
        if start <= last:
            parts.append(f"\\u{start:04x}-\\u{last:04x}")
    return re.compile(f"[{''.join(parts)}{P.HAN_NON_BMP}]")


#: The characters of WORDLESS_CHAR_RE besides Han and PUA: kana, Greek, Cyrillic, box drawing. The model counts
#: Han characters only, so it scores every one of them UNSEEN_LOGP: rare.
_WORDLESS_OTHER_RE = re.compile(r"[\u3040-\u30ff\u0391-\u03c9\u0401-\u0451\u2500-\u257f]")


def _rare_in(simple: str, start: int, end: int) -> bool:
    """Whether ``simple[start:end]`` (a stretch of WORDLESS_CHAR_RE characters) holds one the model scores below
    WORDLESS_RARE_LOGP: two C-speed searches, with no per-character scores."""
    return bool(_rare_re().search(simple, start, end) or _WORDLESS_OTHER_RE.search(simple, start, end))


def _run_rare_count(simple: str) -> int:
    """How many Han/PUA characters of ``simple`` the model scores below RARE_LOGP (find_runs starts runs at
    them), or 0 when fewer than MOJIBAKE_MIN_RARE could be: scored among the ones :func:`_rare_re` finds,
    since RARE_LOGP is below WORDLESS_RARE_LOGP."""
    found = _rare_re().findall(simple)
    return sum(_LOGP[c] < P.RARE_LOGP for c in found) if len(found) >= P.MOJIBAKE_MIN_RARE else 0


def _simplified_all(texts: list[str]) -> list[str]:
    """``[to_simplified(t) for t in texts]`` in one OpenCC call (no dictionary entry spans a line break)."""
    parts = to_simplified("\n".join(texts)).split("\n")
    out, k = [], 0
    for t in texts:
        n = t.count("\n") + 1
        out.append("\n".join(parts[k : k + n]))
        k += n
    if k != len(parts):
        return [to_simplified(t) for t in texts]
    return out


def _quiet(text: str, simplified: str) -> bool:
    """True when ``text`` cannot hold a garbled run: fewer than two of its Han/PUA characters, in Simplified
    script, are rarer than WORDLESS_RARE_LOGP (RARE_LOGP is lower still), so :func:`find_runs` (three rare
    ones) and :func:`wordless_runs` (two) would find nothing.

    ``simplified`` is ``to_simplified(text)``; when it is not as long as ``text``, :func:`_fix_block`
    converts character by character, so nothing is known here. (t2s maps a Han character to a Han
    character and leaves every other one alone, so the Han/PUA positions of both are the same.)
    """
    if len(simplified) != len(text):
        return False
    return len(_rare_re().findall(simplified)) < 2


def _fix_block(
    text: str, block: int, quiet: bool = False, simplified: str | None = None
) -> tuple[list[Edit], list[Removal], list[Flag]]:
    """The edits, removals and flags that repair one block (``quiet``: :func:`_quiet` said it holds no
    garbled run; ``simplified``: ``to_simplified(text)``, if known)."""
    edits: list[Edit] = []
    removals: list[Removal] = []
    flags: list[Flag] = []
    taken: list[tuple[int, int]] = []
    candidates = []
    if not quiet:
        simple = simplified if simplified is not None and len(simplified) == len(text) else _simplified(text)
        lps = None
        if _run_rare_count(simple) >= P.MOJIBAKE_MIN_RARE:
            # (find_runs needs that many rare Han/PUA characters; t2s keeps Han and PUA positions)
            lps = _logps(text, simple)
            candidates += [(s, e, True) for s, e in find_runs(text, lps)]
        candidates += [(s, e, False) for s, e in wordless_runs(text, simple, lps)]
    for run_start, run_end, rare in candidates:
        if any(s < run_end and run_start < e for s, e in taken):
            continue
        found = _best_repair(text, run_start, run_end)
        if not rare and (found is None or found[2].gain < WORDLESS_MIN_GAIN):
            continue  # a word-less stretch of normal text: leave it alone
        start, end = (found[0], found[1]) if found else (run_start, run_end)
        repair = found[2] if found else None
        window = max(0, start - 12)
        left = FRAGMENT_BEFORE_RE.search(text[window:start])
        left_span = (window + left.start(), start) if left else None
        right = FRAGMENT_AFTER_RE.match(text, end)
        right_span = (end, right.end()) if right else None
        if right_span is None and repair and text[end : end + 1] in ("?", "\ufffd"):
            right_span = (end, end + 1)  # the byte the shift broke
        core = text[start:end]
        span_start = left_span[0] if left_span else start
        span_end = right_span[1] if right_span else end
        if any(s < span_end and span_start < e for s, e in taken):
            continue
        for frag in (left_span, right_span):
            if frag is not None:
                removals.append(Removal(FRAGMENT, text[frag[0] : frag[1]], STEP, block, frag[0], frag[1]))
        if repair:
            removals.append(Removal(REPAIR, core, STEP, block, start, end))
            edits.append((span_start, span_end, repair.text))
            if repair.lost:
                message = f"{repair.lost} character(s) lost to a GBK byte shift around {repair.text!r}"
                flags.append(Flag("mojibake", message, block, span_start, span_start))
        else:
            kept = PUA_RE.sub("", core)
            removals.extend(
                Removal(FRAGMENT, m.group(0), STEP, block, start + m.start(), start + m.end())
                for m in PUA_RE.finditer(core)
            )
            edits.append((span_start, span_end, kept))
            message = f"garbled text (GBK byte shift?) could not be repaired: {kept!r}"
            flags.append(Flag("mojibake", message, block, span_start, span_start + len(kept)))
        taken.append((span_start, span_end))
    # left-over reading fragments elsewhere: ?dòng) with a tone mark
    for m in FRAGMENT_AFTER_RE.finditer(text):
        if TONE_MARKED_RE.search(m.group(1)) and not any(s <= m.start() < e for s, e in taken):
            removals.append(Removal(FRAGMENT, m.group(0), STEP, block, m.start(), m.end()))
            edits.append((m.start(), m.end(), ""))
    return edits, removals, flags


def _flag_positions(flags: list[Flag], edits: list[Edit]) -> list[Flag]:
    """Flags were set at pre-edit span starts with post-edit widths; move them to post-edit offsets."""
    _, shift = apply_edits("", edits)
    out = []
    for f in flags:
        start = shift(f.start or 0)
        out.append(Flag(f.code, f.message, f.block, start, start + (f.end or 0) - (f.start or 0)))
    return out


def repair_mojibake(article: Article, ctx: ScrubContext | None = None) -> Article:
    """Repair garbled runs in every block, remove reading fragments, flag what stays garbled."""
    texts = [b.text for b in article.blocks] + ([article.title] if article.title else [])
    simplified = _simplified_all(texts)
    quiet = [_quiet(t, s) for t, s in zip(texts, simplified, strict=True)]
    for i, block in enumerate(article.blocks):
        edits, removals, flags = _fix_block(block.text, i, quiet[i], simplified[i])
        if not edits:
            continue
        article = edit_block(article, i, edits)
        article = add_flags(add_removals(article, removals), _flag_positions(flags, edits))
    if article.title:
        edits, removals, _ = _fix_block(article.title, -1, quiet[-1], simplified[-1])
        if edits:
            title, _ = apply_edits(article.title, edits)
            article = add_removals(replace(article, title=title), [replace(r, block=None) for r in removals])
    return article
