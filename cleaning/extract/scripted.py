"""The story a page keeps in a script and shows only when the script runs.

Single-page apps and lazily rendered pages ship the article inside the page but not in its markup:

- in a state object: ``window.__INITIAL_STATE__ = {"content": "<p>…</p>"}`` (Vue/React apps of
  news clients and 融媒体 H5 pages), or JSON-LD's ``articleBody``; or a paragraph to a string
  (``"content": [{"type": "text", "value": "…"}, …]``, an array of paragraphs), read as one story
  when the strings are close together (not a headline's or a summary's);
- in a template: ``<script type="text/html" id="article-body-tpl"><p>…</p></script>``, or a
  ``<template id="ssr-article">`` a script copies into the page;
- in a string a script writes: ``var content = '<p>…</p>'; document.write(content)``;
- in an attribute a script reads: ``<div id="article" data-content="&lt;p&gt;…&lt;/p&gt;"></div>``.

Without the script the page shows its header, navigation and footer, and an extractor finds no
story, or takes a teaser or the footer for it. :func:`unwrap_script_story` puts such a story where
its script stood, as a ``<div>`` of its HTML parsed, when the script holds more running text than
the whole page shows outside its links (twice as much), so that a page that shows its story, and
keeps a copy in its state for the script (server-side rendering), is left alone.

>>> from .dom import parse, text_content
>>> story = "".join(f"第{n}段：今天，市第一人民医院成功实施了第{n}例高难度手术，患者已经康复出院。" for n in range(8))
>>> doc = parse(f'<div id="app"></div><script>window.__STATE__={{"content":"<p>{story}<\\\\/p>"}}</script>')
>>> unwrap_script_story(doc)
True
>>> text_content(doc.find(".//div[@class='script-story']/p")) == story
True
"""

from __future__ import annotations

import html as htmllib
import logging
import re
from collections.abc import Iterator

import lxml.etree
import lxml.html

from . import patterns as pt
from .dom import _article_like, _copy, _parsed_div, _replace, hinted, link_chars, text_content, text_len

logger = logging.getLogger(__name__)

#: A script is looked into when it holds at least this many Han characters (escaped ones included) ...
SCRIPT_STORY_HAN = 150
#: ... and its story is taken when it has at least this many times the running text the page shows
#: outside its links (the story's own text characters against the page's).
SCRIPT_STORY_SHARE = 2.0
#: Script types whose content is markup, not code (templates).
TEMPLATE_TYPE_RE = re.compile(r"html|template", re.I)
#: Types of scripts that are neither code nor data (a template is taken whole instead).
_SKIPPED_TYPE_RE = re.compile(r"css|text/plain", re.I)
#: A Han character, or a \\uXXXX escape of one.
_HAN_RE = re.compile(r"[\u4e00-\u9fff]|\\u[4-9][0-9a-fA-F]{3}")
#: String literals of JavaScript and JSON, double- or single-quoted, on one line.
_STRING_RE = re.compile(r""""((?:[^"\\\r\n]|\\.)*)"|'((?:[^'\\\r\n]|\\.)*)'""")
_ESCAPE_RE = re.compile(r"\\(u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|[\s\S])")
_ESCAPES = {"n": "\n", "r": "\n", "t": "\t", "b": "", "f": "", "v": "", "0": ""}
_TAG_RE = re.compile(r"<\s*/?\s*(?:p|br|div|section|span|img|h[1-6]|strong|b|font|table|ul|li)\b", re.I)


def _unescape(literal: str) -> str:
    r"""A string literal's value: ``\n``, ``\"``, ``\/``, ``\u4e2d``, ``\x3c`` … resolved.

    >>> _unescape(r"\u4eca\u5929<\/p>\x3cbr>\"好\"")
    '今天</p><br>"好"'
    """

    def resolve(m: re.Match[str]) -> str:
        e = m.group(1)
        if len(e) > 1:
            return chr(int(e[1:], 16))
        return _ESCAPES.get(e, e)

    value = _ESCAPE_RE.sub(resolve, literal)
    # escaped surrogate pairs (emoji) to characters; a lone half cannot be written out: replaced
    return value.encode("utf-16", "surrogatepass").decode("utf-16", "replace")


def _as_markup(value: str) -> str:
    """A string's value as HTML: markup as it is (escaped markup unescaped: 头条's ``'&quot;&lt;div&gt;&lt;p&gt;…'``);
    plain text (JSON-LD's articleBody) one paragraph a line.

    >>> _as_markup("&quot;&lt;div&gt;&lt;p&gt;今天&lt;/p&gt;&lt;/div&gt;&quot;")
    '<div><p>今天</p></div>'
    """
    if not _TAG_RE.search(value) and "&lt;" in value:
        unescaped = htmllib.unescape(value).strip().strip('"').strip()
        if _TAG_RE.search(unescaped):
            value = unescaped
    if _TAG_RE.search(value):
        return value
    return "".join(f"<p>{htmllib.escape(line.strip())}</p>" for line in value.split("\n") if line.strip())


def _candidates(code: str | None, kind: str) -> list[str]:
    """The markup of the stories a script (its ``code`` and ``type``) may hold: a template's content, or
    its long string literals."""
    if not code or len(code) < SCRIPT_STORY_HAN:
        return []
    # most scripts are code with few Han characters, escaped or not: told at C speed (a Han character
    # takes three bytes in UTF-8, an ASCII one takes one), before they are counted
    if (len(code.encode("utf-8", "surrogatepass")) - len(code)) // 2 + code.count("\\u") < SCRIPT_STORY_HAN:
        return []
    if len(_HAN_RE.findall(code)) < SCRIPT_STORY_HAN:
        return []
    if TEMPLATE_TYPE_RE.search(kind):
        return [code]
    if _SKIPPED_TYPE_RE.search(kind):
        return []
    out = []
    pieces: list[tuple[int, int, str]] = []  # (start, end, value) of the literals that hold a sentence
    for m in _STRING_RE.finditer(code):
        literal = m.group(1) if m.group(1) is not None else m.group(2)
        if len(literal) >= SCRIPT_STORY_HAN and len(_HAN_RE.findall(literal)) >= SCRIPT_STORY_HAN:
            out.append(_as_markup(_unescape(literal)))
        elif not out and len(literal) >= PIECE_HAN and _piece(code, m, literal):
            pieces.append((m.start(), m.end(), _unescape(literal)))
    return out or _joined_pieces(pieces)


#: A story kept a paragraph to a string (``"content":[{"type":"text","value":"…"}, …]``, an array of
#: paragraphs): strings of at least this many Han characters with a mark of punctuation, ...
PIECE_HAN = 12
#: ... at most this many characters of code apart, joined in order.
PIECE_GAP = 300
#: Keys whose strings are not the story's paragraphs: a teaser's summary, a headline, a name.
_NOT_PARAGRAPH_KEY_RE = re.compile(
    r"""["']?(?:title|summary|abstract|desc|description|intro|digest|brief|name|keywords?|tags?|source|author)"""
    r"""["']?\s*:\s*$""",
    re.I,
)
_PIECE_PUNCT_RE = re.compile(r"[，。！？；：、]|\\u(?:ff0c|3002|ff01|ff1f|ff1b|ff1a|3001)", re.I)


def _piece(code: str, m: re.Match[str], literal: str) -> bool:
    """The string literal ``literal`` (matched as ``m`` in ``code``) may be a paragraph of a story: Han text
    with punctuation, a value (not a key), not under a key of a headline or a summary."""
    if not _PIECE_PUNCT_RE.search(literal) or len(_HAN_RE.findall(literal)) < PIECE_HAN:
        return False  # (punctuation first: most strings, ids and addresses, have none)
    if code[m.end() : m.end() + 3].lstrip().startswith(":"):
        return False  # a key
    return not _NOT_PARAGRAPH_KEY_RE.search(code[max(0, m.start() - 24) : m.start()])


def _joined_pieces(pieces: list[tuple[int, int, str]]) -> list[str]:
    """Runs of paragraph strings (each at most PIECE_GAP characters of code after the one before) that hold
    SCRIPT_STORY_HAN Han characters together, each as the markup of one story."""
    runs: list[list[str]] = []
    end = None
    for start, stop, value in pieces:
        if end is None or start - end > PIECE_GAP:
            runs.append([])
        runs[-1].append(value)
        end = stop
    return [
        "".join(_as_markup(v) for v in run)
        for run in runs
        if len(run) >= 2 and sum(len(_HAN_RE.findall(v)) for v in run) >= SCRIPT_STORY_HAN
    ]


def _stories(code: str | None, kind: str) -> Iterator[tuple[int, lxml.html.HtmlElement]]:
    """The stories a script holds, parsed, that read as an article, with their text sizes."""
    for markup in _candidates(code, kind):
        div = _parsed_div(markup)
        if div is not None and _article_like(div):
            yield text_len(text_content(div)), div


#: Script tags, spelt case by case (not re.I: sre then scans for "<" at C speed, also on Chinese text).
_SCRIPT_START_RE = re.compile(r"<[sS][cC][rR][iI][pP][tT]\b([^>]*)>")
_SCRIPT_END_RE = re.compile("</[sS][cC][rR][iI][pP][tT]")
#: A ``<template>`` (inert markup a script copies into the page) and its content; a declarative shadow
#: root (``shadowrootmode``) is shown by the browser and read as part of the page instead.
_TEMPLATE_RE = re.compile(
    r"<[tT][eE][mM][pP][lL][aA][tT][eE]\b([^>]*)>(.*?)</[tT][eE][mM][pP][lL][aA][tT][eE]\s*>", re.S
)
_SHADOW_ROOT_RE = re.compile(r"\bshadowroot(?:mode)?\b", re.I)
_TYPE_RE = re.compile(r"""\btype\s*=\s*["']?([^"'\s>]*)""", re.I)


#: A ``data-*`` attribute long enough to hold a story (``<div data-content="&lt;p&gt;…">``, written in by a script).
_DATA_ATTR_RE = re.compile(
    rf"""\sdata-[\w-]+\s*=\s*(?:"([^"]{{{SCRIPT_STORY_HAN},}})"|'([^']{{{SCRIPT_STORY_HAN},}})')"""
)


def script_story_size(html: str) -> int:
    """The text size of the largest story a script, a ``<template>`` or a ``data-*`` attribute of the page holds
    (0: none), read from the page's source: the quick test before the page is parsed again for
    :func:`unwrap_script_story`."""
    best = 0
    for m in _DATA_ATTR_RE.finditer(html):
        for n, _ in _stories(htmllib.unescape(m.group(1) or m.group(2)), "template"):
            best = max(best, n)
    for m in _SCRIPT_START_RE.finditer(html):
        end = _SCRIPT_END_RE.search(html, m.end())
        code = html[m.end() : end.start() if end else len(html)]
        kind = _TYPE_RE.search(m.group(1))
        for n, _ in _stories(code, kind.group(1) if kind else ""):
            best = max(best, n)
    for m in _TEMPLATE_RE.finditer(html):
        if not _SHADOW_ROOT_RE.search(m.group(1)):
            for n, _ in _stories(m.group(2), "template"):
                best = max(best, n)
    return best


def _chrome_text(root: lxml.html.HtmlElement) -> int:
    """Text characters outside links in the page's furniture named so by id or class (a footer's licences and
    addresses, a header, a share bar: a shell page may show more of it than its story is long), outermost
    elements only."""
    total = 0
    stack = [root]
    while stack:
        el = stack.pop()
        for child in el:
            if not isinstance(child.tag, str) or child.tag in ("script", "style", "template"):
                continue
            if hinted(child, pt.CHROME_HINT_RE) and not hinted(child, pt.CONTENT_HINT_RE):
                code = sum(text_len(text_content(c)) for c in child.iter("script", "style", "template"))
                total += text_len(text_content(child)) - code - link_chars(child)
            else:
                stack.append(child)
    return total


def _inner_html(el: lxml.html.HtmlElement) -> str:
    """The markup inside ``el``."""
    return (el.text or "") + "".join(lxml.etree.tostring(c, encoding="unicode", with_tail=True) for c in el)


def unwrap_script_story(doc: lxml.html.HtmlElement) -> bool:
    """Replace the script that holds the page's story (see the module docstring) by a ``<div
    class="script-story">`` of the story; True if one was found."""
    body = doc.find("body")
    root = body if body is not None else doc
    found: list[tuple[int, lxml.html.HtmlElement, lxml.html.HtmlElement]] = []
    holders: set[lxml.html.HtmlElement] = set()  # elements whose data-* attribute holds a story
    for el in root.iter(lxml.etree.Element):
        for name, value in el.items():
            if name.startswith("data-") and len(value) >= SCRIPT_STORY_HAN:
                stories = [(n, el, div) for n, div in _stories(value, "template")]
                found += stories
                holders.update(el for _, el, _ in stories)
    for script in doc.iter("script", "template"):  # (JSON-LD sits in the <head>)
        if script.tag == "template":
            if script.get("shadowrootmode") is None and script.get("shadowroot") is None:  # (shown: not a story)
                found += ((n, script, div) for n, div in _stories(_inner_html(script), "template"))
            continue
        found += ((n, script, div) for n, div in _stories(script.text, script.get("type", "")))
    if not found:
        return False
    n, script, div = max(found, key=lambda t: t[0])
    # the text the page shows (without its scripts and styles), and how much of it is not links
    visible = text_content(root)
    links = link_chars(root)
    for el in root.iter("script", "style", "template"):
        code = text_content(el)
        if code:
            visible = visible.replace(code, "", 1)
        if el.tag == "template":
            links -= link_chars(el)
    shown = text_len(visible) - links - _chrome_text(root)
    story = text_content(div)
    # an empty element that holds a story in its attribute is where the story goes, whatever the page shows
    empty_holder = script in holders and not text_len(text_content(script))
    if (n < SCRIPT_STORY_SHARE * shown and not empty_holder) or _copy(story, visible + story):
        return False
    logger.debug("the story is in a <script> (%d characters; the page shows %d)", n, shown)
    div.set("class", "script-story")
    if script in holders:
        script.append(div)  # the element a script writes the story into, from its attribute
    elif body is not None and not any(node is body for node in script.iterancestors("body")):
        body.append(div)  # a script in the <head> (JSON-LD, kept for its metadata): the story ends the body
    else:
        _replace(script, div)
    return True
