"""Decode page bytes to text without garbling pages whose charset is missing or wrong.

One pure function, :func:`decode`, in the manner of ``w3lib.encoding.html_to_unicode``
but stricter about lies, because Chinese regional sites often declare the wrong
charset (GBK served as ``utf-8``, UTF-8 pages whose ``<meta>`` still says ``gb2312``).

The order, first strict decode wins:

1. a byte-order mark;
2. the HTTP ``Content-Type`` charset, unless it names a legacy charset while the
   bytes are valid multi-byte UTF-8 (GB18030 decodes almost anything, so it would
   "succeed" with garbage);
3. strict UTF-8;
4. the charset declared in the document (``<meta charset>``, ``http-equiv``, XML
   declaration), GB2312/GBK widened to GB18030 (a declared or HTTP Western single-byte charset,
   in which any bytes decode, gives way to a multi-byte charset chardet names for non-ASCII
   bytes: Chinese sites say iso-8859-1 by mistake); a declared multi-byte charset that
   fails on only a few bytes (at most one in a thousand: a character cut in half) is
   used with them replaced, not second-guessed by a detector;
5. a page of parts in UTF-8 and in GB18030 (a GBK template around a UTF-8 article), each stretch between tags
   read in the charset it decodes in (:func:`_mixed_utf8_gb18030`; also before a declared GBK is taken with a
   few bytes replaced, since UTF-8 bytes cost GB18030 only a few);
6. GB18030, when the bytes decode in it strictly and read as Chinese: enough neighbouring Han
   characters of the visible text form dictionary words (:func:`reads_as_chinese`; about half of
   them do in Chinese, almost none in UTF-8, Big5, EUC-KR or Shift_JIS bytes decoded as GB18030),
   which is what chardet would say of an undeclared GBK page, ten times faster;
7. chardet's guess, widened the same way.

If nothing decodes strictly, the candidate with the fewest undecodable bytes is
used and a warning says how many were replaced. Decoding never raises.

>>> decode("连网".encode("gbk"), content_type="text/html; charset=utf-8").encoding
'gb18030'
>>> decode("<meta charset=gb2312>连网".encode("utf-8")).encoding
'utf-8'
"""

from __future__ import annotations

import codecs
import logging
import operator
import re

from w3lib.encoding import html_body_declared_encoding, http_content_type_encoding, resolve_encoding

from .values import Decoded

logger = logging.getLogger(__name__)

#: Legacy Chinese charsets are widened to the superset that decodes all their pages.
WIDER = {
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "cp936": "gb18030",
    "euc_cn": "gb18030",
    "hz": "gb18030",
    "big5": "big5hkscs",
    "cp950": "big5hkscs",
    "ascii": "utf-8",
    "latin_1": "cp1252",
    "iso8859_1": "cp1252",
}

BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

XML_DECL_RE = re.compile(rb"""<\?xml[^>]{0,200}?encoding\s*=\s*["']?([\w.:-]+)""", re.I)
#: How much of the document is sniffed for a declaration.
SNIFF_BYTES = 64 * 1024
#: How much of the document the detector's sample is taken from, and how many of the sample's
#: text bytes it is shown (about 4,000 Chinese characters: every non-UTF-8 page of the corpora
#: and fixtures, and GBK and Big5 copies of the UTF-8 ones, get the same answer from 4 KB as from
#: 16 KB; 8 KB for a margin. Only a page the detector is never sure of is read that far.)
DETECT_BYTES = 1024 * 1024
DETECT_TEXT_BYTES = 8 * 1024
#: ... fed to it this many bytes at a time.
DETECT_CHUNK = 4 * 1024
#: Multi-byte charsets a page may declare that are trusted over the detector when only a few bytes
#: (at most this share of the page) fail to decode.
MULTIBYTE = frozenset({"gb18030", "big5hkscs", "shift_jis", "euc_jp", "euc_kr", "cp949", "cp932"})
FEW_BAD_BYTES = 0.001
_MARKUP_RE = re.compile(rb"<script\b.*?</script\s*>|<style\b.*?</style\s*>|<!--.*?-->|<[^>]*>", re.I | re.S)
_SPACE_RE = re.compile(rb"[\x00-\x20]+")
_HAN_RUN_RE = re.compile(r"[\u4e00-\u9fff]{2,}")
#: GB18030 is taken without the detector when at least this many neighbouring Han characters of the
#: sample are read (fewer: the detector decides) ...
WORD_PAIRS_MIN = 50
#: ... at most this many are looked at ...
WORD_PAIRS_MAX = 400
#: ... and at least this share of them are two-character dictionary words. (Dev pages: 0.23 to 0.60;
#: the same text as UTF-8 or Big5 bytes decoded as GB18030: at most 0.022.)
WORD_SHARE_MIN = 0.12


def normalize_encoding(name: str | None) -> str | None:
    """A Python codec name for a declared charset, widened; None if unknown.

    >>> normalize_encoding("GB2312"), normalize_encoding("x-unknown")
    ('gb18030', None)
    """
    name = name.strip().strip("'\"").lower() if name else ""
    if name.startswith("x-"):
        name = name[2:]
    if not name:
        return None
    resolved = resolve_encoding(name)
    if not resolved:
        try:
            resolved = codecs.lookup(name).name
        except LookupError:
            return None
    resolved = codecs.lookup(resolved).name.replace("-", "_")
    widened = WIDER.get(resolved, resolved)
    return codecs.lookup(widened).name


def _strict(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def _bad_bytes(data: bytes, encoding: str) -> int:
    text = data.decode(encoding, errors="replace")
    return text.count("\ufffd")


def declared_encoding(data: bytes) -> str | None:
    """The charset the document declares for itself, or None."""
    head = data[:SNIFF_BYTES]
    m = XML_DECL_RE.search(head[:512])
    if m:
        return m.group(1).decode("ascii", "replace")
    return html_body_declared_encoding(head)


def detect_charset(data: bytes) -> str | None:
    """``chardet.detect(data)["encoding"]``, lazily imported, without its UTF-16/32 prober on
    input that has no NUL byte.

    That prober only answers when over 94% of the bytes at alternate (or every fourth)
    positions are NUL, and it is the slowest of chardet's pure-Python loops after the CJK
    probers; without a NUL byte its answer is known (none) and the result is the same.
    """
    from chardet import UniversalDetector
    from chardet.enums import ProbingState
    from chardet.utf1632prober import UTF1632Prober

    detector = UniversalDetector()
    if b"\x00" not in data:
        prober = UTF1632Prober()
        prober._state = ProbingState.NOT_ME
        detector._utf1632_prober = prober
    # Fed piece by piece, as chardet's docs show, so that it stops once a prober is sure (a GBK
    # page is known after a few KB); fed at once, every prober walks every byte first.
    for start in range(0, len(data), DETECT_CHUNK):
        detector.feed(bytearray(data[start : start + DETECT_CHUNK]))
        if detector.done:
            break
    return detector.close().get("encoding")


def detection_sample(data: bytes) -> bytes:
    """The bytes of ``data`` worth showing a charset detector: markup, scripts, styles and
    comments dropped, whitespace runs collapsed (as readability-lxml does before chardet).

    chardet's probers walk every byte in Python; on a page most bytes are ASCII markup that
    says nothing about the charset. Same answers on every non-UTF-8 page of the corpora and
    fixtures, about 2.5x faster. Pages whose text has no non-ASCII byte are given whole.

    >>> page = '<p class="x">中文</p><script>var a;</script>'.encode("gbk")
    >>> detection_sample(page).decode("gbk")
    ' 中文 '
    """
    sample = _SPACE_RE.sub(b" ", _MARKUP_RE.sub(b" ", data))
    return data if sample.isascii() else sample


def reads_as_chinese(text: str) -> bool | None:
    """Whether ``text`` reads as (Simplified) Chinese: at least WORD_SHARE_MIN of its neighbouring Han
    characters form a two-character word of jieba's dictionary. None when it has too few of them to say.

    Bytes decoded in the wrong multi-byte charset give Han characters too, but ones that never make
    words.

    >>> reads_as_chinese("区委书记今天在开发区主持召开会议，研究部署下一阶段的重点工作和具体措施。" * 3)
    True
    >>> reads_as_chinese("区委书记今天在开发区主持召开会议".encode("utf-8").decode("gb18030") * 5)
    False
    >>> reads_as_chinese("开发区") is None
    True
    """
    from .scrub.lexicon import two_char_words

    words = two_char_words()
    pairs = hits = 0
    for run in _HAN_RUN_RE.findall(text):
        pairs += len(run) - 1
        hits += sum(map(words.__contains__, map(operator.add, run[:-1], run[1:])))
        if pairs >= WORD_PAIRS_MAX:
            break
    if pairs < WORD_PAIRS_MIN:
        return None
    return hits >= pairs * WORD_SHARE_MIN


def _chinese_in(data: bytes, sample: bytes, encoding: str) -> str | None:
    """``data`` decoded in ``encoding`` when it decodes strictly and ``sample`` (its detection sample) reads
    as Chinese in it, Traditional characters read in Simplified script (for the word list); else None."""
    if data.isascii():
        return None
    text = _strict(data, encoding)
    if text is None:
        return None
    read = sample.decode(encoding, errors="ignore")
    if encoding != "gb18030":
        from .script import to_simplified

        read = to_simplified(read)
    return text if reads_as_chinese(read) else None


def _chinese_gb18030(data: bytes, sample: bytes) -> str | None:
    """:func:`_chinese_in` GB18030."""
    return _chinese_in(data, sample, "gb18030")


def _chinese_big5(data: bytes, sample: bytes) -> str | None:
    """:func:`_chinese_in` Big5-HKSCS (chardet takes Big5 with HKSCS characters, Hong Kong's 邨 and 嘅, for
    cp1252 or IBM866)."""
    return _chinese_in(data, sample, "big5hkscs")


#: What Big5 bytes read as GBK give besides Han characters: kana, Cyrillic, box drawing (ア穨瞯ど, ┦㊣).
_GARBLE_RE = re.compile(r"[\u3040-\u30ff\u0400-\u04ff\u2500-\u257f\u3220-\u32ff]")


def _big5_under_gb(data: bytes, text: str, declared: str, source: str) -> Decoded | None:
    """For a page that declares GB2312/GBK and decodes in it: Big5-HKSCS when the bytes are Big5 (Hong Kong
    and Taiwan pages with a mainland template's charset: they decode in GB18030 too, into Han characters that
    make no words, and kana and box drawing), with a warning; None to go on as declared."""
    if declared != "gb18030" or not _GARBLE_RE.search(text[:20000]):
        return None  # (GBK text holds none of these in the first place: no word check for it)
    sample = _sample(data)
    if reads_as_chinese(sample.decode("gb18030", errors="ignore")) is not False:
        return None
    big5 = _chinese_big5(data, sample)
    if big5 is None:
        return None
    note = f"the page declares {declared} ({source}) but its bytes are big5hkscs"
    return Decoded(big5, "big5hkscs", "detector", (note,))


def _sample(data: bytes) -> bytes:
    """What the detector (and :func:`reads_as_chinese`) is shown of ``data``."""
    return detection_sample(data[:DETECT_BYTES])[:DETECT_TEXT_BYTES]


def _is_multibyte_utf8(data: bytes) -> bool:
    return not data.isascii() and _strict(data, "utf-8") is not None


def decode(data: bytes, content_type: str | None = None) -> Decoded:
    """Decode ``data`` (page bytes) into text; see the module docstring for the order."""
    for bom, enc in BOMS:
        if data.startswith(bom):
            return Decoded(data[len(bom) :].decode(enc, errors="replace"), enc, "bom")

    tried: list[tuple[str, str]] = []
    header = normalize_encoding(http_content_type_encoding(content_type)) if content_type else None
    if header:
        legacy = header not in ("utf-8",)
        if _western(header) and (found := _instead_of_western(data, header, "http")):
            return found
        if not (legacy and _is_multibyte_utf8(data)):
            text = _strict(data, header)
            if text is not None:
                return _big5_under_gb(data, text, header, "http") or Decoded(text, header, "http")
        tried.append((header, "http"))

    text = _strict(data, "utf-8")
    if text is not None:
        return Decoded(text, "utf-8", "utf-8")
    tried.append(("utf-8", "utf-8"))

    declared = normalize_encoding(declared_encoding(data))
    tried_mixed = False
    if declared and _western(declared) and (found := _instead_of_western(data, declared, "meta")):
        return found
    if declared and declared != "utf-8":
        text = _strict(data, declared)
        if text is not None:
            return _big5_under_gb(data, text, declared, "meta") or Decoded(text, declared, "meta")
        tried.append((declared, "meta"))
        if declared == "gb18030":
            tried_mixed = True
            if (mixed := _mixed_utf8_gb18030(data)) is not None:
                return mixed  # (its UTF-8 parts may cost GB18030 only a few bytes)
        if declared in MULTIBYTE and (bad := _bad_bytes(data, declared)) <= len(data) * FEW_BAD_BYTES:
            # the page is in the charset it names, with a few broken characters (a summary cut in the
            # middle of one, a corrupted byte); a detector's guess from a sample could only do worse
            return _replaced(data, declared, "meta", bad)

    if not tried_mixed and (mixed := _mixed_utf8_gb18030(data)) is not None:
        return mixed

    sample = _sample(data)
    if "gb18030" not in {e for e, _ in tried} and (text := _chinese_gb18030(data, sample)) is not None:
        return Decoded(text, "gb18030", "detector")
    if "big5hkscs" not in {e for e, _ in tried} and (text := _chinese_big5(data, sample)) is not None:
        return Decoded(text, "big5hkscs", "detector")
    detected = normalize_encoding(detect_charset(sample))
    if detected and detected not in {e for e, _ in tried}:
        text = _strict(data, detected)
        if text is not None:
            return Decoded(text, detected, "detector")
        tried.append((detected, "detector"))

    if "gb18030" not in {e for e, _ in tried}:
        tried.append(("gb18030", "fallback"))
    bad, best_enc, best_src = min(((_bad_bytes(data, e), e, s) for e, s in tried), key=lambda t: t[0])
    return _replaced(data, best_enc, best_src, bad)


#: A stretch of bytes between tags that holds a non-ASCII byte: "<" and ">" are never part of a character in UTF-8 or
#: GB18030 (no trail byte takes them), so every character of either lies inside one stretch.
_TEXT_STRETCH_RE = re.compile(rb"[^<>]*[\x80-\xff][^<>]*")
#: A page is read as mixed when each charset decodes at least this many of its bytes ...
MIXED_MIN_BYTES = 64
#: ... and stretches that neither decodes hold at most this share of them.
MIXED_BAD_SHARE = 0.01
MIXED = "utf-8+gb18030"
#: Four Chinese characters in a row in UTF-8: GBK bytes line up so about once in 10**8 places, so a page without
#: them is not mixed (a C-speed test before the stretch-by-stretch one).
_UTF8_HAN_RUN_RE = re.compile(rb"[\xe3-\xe9][\x80-\xbf][\x80-\xbf]" * 4)  # (unrolled: six times as quick as a group)


def _mixed_utf8_gb18030(data: bytes) -> Decoded | None:
    """``data`` decoded stretch by stretch between tags, in UTF-8 where a stretch decodes in it to Chinese (or to
    anything GB18030 cannot decode) and in GB18030 where it decodes in that instead, when both hold text: a page
    pieced together from parts in both charsets (a GBK template around an article kept in UTF-8, a server-side
    include). None when the page is in one charset (or in neither).

    >>> menu = "".join(f"<a>{name}</a>" for name in ("首页", "新闻中心", "政务公开", "办事服务", "互动交流") * 4)
    >>> page = menu.encode("gbk") + "<p>今天我们去公园散步。</p>".encode("utf-8") * 8
    >>> decoded = decode(page)
    >>> decoded.encoding, decoded.text[:9], decoded.text[-17:]
    ('utf-8+gb18030', '<a>首页</a>', '<p>今天我们去公园散步。</p>')
    """
    if not _UTF8_HAN_RUN_RE.search(data):
        return None
    parts: list[str] = []
    sizes = {"utf-8": 0, "gb18030": 0, "bad": 0}
    pos = 0
    for m in _TEXT_STRETCH_RE.finditer(data):
        stretch = m.group(0)
        text = _strict(stretch, "utf-8")
        # (a few GBK characters happen to be UTF-8 too, as Latin or Cyrillic: a stretch of no Chinese in UTF-8 is
        # read in GB18030 when it decodes there)
        gb = _strict(stretch, "gb18030") if text is None or max(text) < "\u0800" else None
        if text is not None and gb is None:
            sizes["utf-8"] += len(stretch)
        elif gb is not None:
            text = gb
            sizes["gb18030"] += len(stretch)
        else:
            text = stretch.decode("gb18030", errors="replace")
            sizes["bad"] += len(stretch)
        parts.append(data[pos : m.start()].decode("ascii"))
        parts.append(text)
        pos = m.end()
    if min(sizes["utf-8"], sizes["gb18030"]) < MIXED_MIN_BYTES or sizes["bad"] > MIXED_BAD_SHARE * len(data):
        return None
    parts.append(data[pos:].decode("ascii"))
    note = f"the page mixes UTF-8 ({sizes['utf-8']} bytes) and GB18030 ({sizes['gb18030']} bytes), each read as such"
    return Decoded("".join(parts), MIXED, "detector", (note,))


def _western(encoding: str) -> bool:
    """A single-byte Western charset (cp1252, iso-8859-x): every byte decodes in it, so a page that
    declares one proves nothing by decoding; Chinese sites declare iso-8859-1 by mistake (Dreamweaver's
    default template, a server's default header) and serve GBK."""
    return encoding == "cp1252" or encoding.startswith("iso8859")


def _instead_of_western(data: bytes, declared: str, source: str) -> Decoded | None:
    """For a page that declares a Western charset but has non-ASCII bytes: the detector's charset, when it
    names a multi-byte one that decodes the page strictly (GBK, Big5, ...); None to go on as declared.

    >>> page = '<meta charset="iso-8859-1"><p>艺术节报名开始了，欢迎大家踊跃参加。</p>'.encode("gbk")
    >>> decode(page).text.endswith("艺术节报名开始了，欢迎大家踊跃参加。</p>"), decode(page).encoding
    (True, 'gb18030')
    >>> decode('<meta charset="iso-8859-1"><p>Café à Paris, très bien.</p>'.encode("cp1252")).encoding
    'cp1252'
    """
    if data.isascii():
        return None
    sample = _sample(data)
    text = _chinese_gb18030(data, sample)
    detected = "gb18030"
    if text is None:
        text = _chinese_big5(data, sample)
        detected = "big5hkscs"
    if text is None:
        detected = normalize_encoding(detect_charset(sample))
        if detected not in MULTIBYTE:
            return None  # (a Western page's accents: the detector may name another single-byte charset)
        text = _strict(data, detected)
        if text is None:
            return None
    note = f"the page declares {declared} ({source}) but its bytes are {detected}"
    return Decoded(text, detected, "detector", (note,))


def _replaced(data: bytes, encoding: str, source: str, bad: int) -> Decoded:
    """``data`` decoded with its ``bad`` undecodable bytes replaced, and a warning that says so."""
    logger.debug("no strict decoding; %s with %d bad bytes", encoding, bad)
    return Decoded(
        data.decode(encoding, errors="replace"),
        encoding,
        source,
        (f"decoded as {encoding} with {bad} undecodable byte(s) replaced",),
    )
