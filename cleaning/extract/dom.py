"""Parse a page into an lxml tree and strip what is never article text.

:func:`parse` copes with fragments (no ``<html>``), XML declarations and the
CleanEval ``<text id=URL>`` wrapper. :func:`hidden_elements` finds elements hidden by
inline style or by the page's own ``<style>`` rules (display:none, visibility:hidden,
off-screen positions, font-size:0, zero boxes with overflow hidden) and
:func:`strip_page` removes them and the non-content tags, keeping a hidden element
that clearly is the article (WeChat's ``#js_content`` is shown by a script).

>>> doc = parse("<p>你好，世界。</p>")
>>> doc.tag, doc.find(".//p").text
('html', '你好，世界。')
"""

from __future__ import annotations

import bisect
import functools
import itertools
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass

import lxml.etree
import lxml.html

from . import patterns as pt

logger = logging.getLogger(__name__)

#: A plain lxml HTML parser: the same tree as ``lxml.html``'s, without its per-element class lookup (slow).
#: ``huge_tree``: libxml2 otherwise stops reading at 256 levels of nesting, and an old page whose every
#: paragraph leaves a ``<font>`` open reaches that in 128 paragraphs (the rest of the page is lost).
#: ``collect_ids=False``: nothing looks elements up by id through libxml2's table (css_matches has its own), and
#: filling it costs a hash entry per id, and an error logged per id a page repeats.
_PARSER = lxml.etree.HTMLParser(huge_tree=True, collect_ids=False)
#: Elements a <p> start tag does not look past for an open <p> to close (HTML5's "button scope").
_P_SCOPE = frozenset(("table", "td", "th", "caption", "marquee", "object", "applet", "template", "button", "html"))
_NESTED_P = lxml.etree.XPath("//p//p")  # a <p> with a <p> above it (quicker than ancestor::p)
_string = lxml.etree.XPath("string()", smart_strings=False)


def text_content(el: lxml.html.HtmlElement) -> str:
    """The text of ``el`` and its descendants (what ``HtmlElement.text_content()`` gives)."""
    if len(el):
        return _string(el)  # type: ignore[no-any-return]
    return el.text or ""  # no child nodes: the text is all there is


@dataclass(frozen=True, slots=True)
class Hidden:
    """An element removed because CSS hides it, with its text (for the audit)."""

    text: str
    how: str


#: The start of an end tag of ``<html>`` or ``<body>`` in any case (and a few near misses, which
#: :func:`unclose` then finds are not followed by the document's end). Several times faster than re.I
#: or a ``str.find`` per spelling on a page of Chinese text.
_END_TAG_START_RE = re.compile("</[hHbB][tToO][mMdD][lLyY]")
_END_TAG_RE = re.compile(r"</(?:html|body)\s*>", re.I)
#: What may follow the document's end: more end tags of html/body, comments, white space.
_AFTER_END_RE = re.compile(r"(?:\s+|<!--.*?-->|</(?:html|body)\s*>)*", re.I | re.S)


def hinted(el: lxml.html.HtmlElement, pattern: re.Pattern[str]) -> bool:
    """The element's id or class matches ``pattern`` (CONTENT_HINT_RE, CHROME_HINT_RE, ASIDE_HINT_RE ...)."""
    ident = f"{el.get('id', '')} {el.get('class', '')}"
    return bool(ident.strip()) and hint_in(pattern, ident)


@functools.lru_cache(maxsize=1 << 15)
def hint_in(pattern: re.Pattern[str], ident: str) -> bool:
    """``pattern.search(ident)``, remembered: the hint expressions are case-blind alternations of dozens of
    words that sre tries at every position, and a page (a site) names its elements with few words."""
    return pattern.search(ident) is not None


def unclose(html: str) -> str:
    r"""``html`` without the ``</body>`` and ``</html>`` end tags that come before more of the page.

    A header include that closes the document (``...</html><!--end header--><div id=content>``),
    or a page with content or a second part after its ``</html>``: libxml2 (2.14) drops everything
    after ``</html>`` and puts what follows ``</body>`` outside the body. A browser, as HTML5 says,
    shows both as part of the body. A page that ends at its end tags is returned as it is.

    >>> unclose("<p>头</p></body></html>\n<!-- x -->\n")
    '<p>头</p></body></html>\n<!-- x -->\n'
    >>> unclose("<p>头</p></html><div>正文</div></body></html>")
    '<p>头</p><div>正文</div>'
    """
    found = _END_TAG_START_RE.search(html)
    if found is None:
        return html
    first = found.start()
    if _AFTER_END_RE.match(html, first).end() == len(html):
        return html
    return html[:first] + _END_TAG_RE.sub("", html[first:])


_CONTROL_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")


def without_controls(html: str) -> str:
    """``html`` without C0 control characters: Word's line breaks (\\v, \\f) become newlines, the rest (a DOS
    end-of-file mark \\x1a) go. lxml keeps them in text but refuses them when text is moved (a dropped
    element's tail), so one after a <script> sinks the page; see :func:`~cleaning.extract.extract_html`."""
    return _CONTROL_RE.sub(lambda m: "\n" if m.group(0) in "\x0b\x0c" else "", html)


def parse(html: str) -> lxml.html.HtmlElement:
    """The page as an lxml document rooted at ``<html>`` (fragments get one; see :func:`unclose`)."""
    html = pt.XML_DECL_RE.sub("", html, count=1)
    html = unclose(html.replace("\x00", ""))
    try:
        doc = lxml.etree.fromstring(html, _PARSER)
        if doc is None:
            raise lxml.etree.ParserError("Document is empty")
    except (lxml.etree.ParserError, ValueError):
        doc = lxml.etree.fromstring("<html><body></body></html>", _PARSER)
    unnest_paragraphs(doc)
    unnest_voids(doc)
    return doc


#: Elements that HTML5 makes empty (void) but libxml2's HTML 4 parser does not know as such: left unclosed, as they
#: always are, they take in everything after them up to their parent's end.
_HTML5_VOIDS = ("embed", "source", "track", "wbr", "keygen")


def unnest_voids(doc: lxml.html.HtmlElement) -> None:
    """Move what libxml2 put inside an HTML5 void element out after it, as a browser's parser has it.

    ``<embed src=a.swf>`` (a Flash clip in a 2005 story) has no end tag; libxml2 puts the rest of its parent in it,
    and the story went with the embed when embeds were dropped.

    >>> doc = parse("<div><p>一段</p><embed src=a.swf><p>二段</p>三段</div>")
    >>> [(el.tag, el.text, el.tail) for el in doc.find("body/div")]
    [('p', '一段', None), ('embed', None, None), ('p', '二段', '三段')]
    """
    for el in [el for el in doc.iter(*_HTML5_VOIDS) if len(el) or el.text]:  # (tag iteration runs in C)
        moved, after = list(el), el.tail
        el.tail, el.text = el.text, None
        anchor = el
        for child in moved:
            anchor.addnext(child)  # (the child's tail moves with it)
            anchor = child
        if after:
            anchor.tail = (anchor.tail or "") + after


def unnest_paragraphs(doc: lxml.html.HtmlElement) -> None:
    """Move every ``<p>`` that libxml2 put inside another one out after it, as a browser's parser does.

    ``<p><font size=2>一段<p><font size=2>二段``: libxml2 closes an open ``<p>`` at the next one only
    when nothing is open inside it, so each paragraph of such a page (FrontPage, old CMS templates) nests
    in the one before; HTML5 closes the ``<p>`` and what is open in it. The inner paragraph moves with
    everything after it up to the end of the outer one, so the text keeps its order.

    >>> doc = parse("<div><p><font>一段<p><font>二段<p><font>三段</div>")
    >>> [p.xpath("string()") for p in doc.find("body/div")]
    ['一段', '二段', '三段']

    A table cell is a scope of its own (HTML5's "button scope"): a paragraph in it stays where it is.

    >>> doc = parse("<p><font>甲<table><tr><td>乙<p>丙</td><td>丁</td></tr></table>戊")
    >>> doc.find("body").xpath("string()"), len(doc.findall(".//td/p"))
    ('甲乙丙丁戊', 1)
    """
    for inner in _NESTED_P(doc):
        outer = None
        for el in inner.iterancestors():
            if el.tag == "p":
                outer = el
                break
            if el.tag in _P_SCOPE:
                break  # a paragraph in a table cell (or a button) inside a paragraph: nested in a browser too
        if outer is None:  # moved out already, behind an earlier one, or in its own scope
            continue
        moved = [inner, *inner.itersiblings()]
        el = inner.getparent()
        while el is not outer:
            moved.extend(el.itersiblings())
            el = el.getparent()
        anchor = outer
        for m in moved:
            anchor.addnext(m)
            anchor = m


def style_hides(style: str) -> bool:
    """True if a declaration block hides what it applies to.

    >>> style_hides("display: none"), style_hides("position:absolute; left:-9999px"), style_hides("color:red")
    (True, True, False)
    >>> style_hides("height:0;overflow:hidden"), style_hides("height:0")
    (True, False)

    WOW.js leaves what is below the fold hidden, and not yet animated, in a page saved from a browser:

    >>> style_hides("visibility: hidden; animation-name: none;"), style_hides("visibility:hidden")
    (False, True)
    """
    s = "".join(style.lower().split())
    if "display:none" in s:
        return True
    if "visibility:hidden" in s:
        # a scroll-reveal script (WOW.js) leaves what is below the fold so in a page saved from a browser
        return "animation-name:none" not in s
    if not _HIDING_KEY_SEARCH(s):
        return False
    if pt.HIDDEN_STYLE_RE.search(s):
        return True
    return bool(pt.ZERO_BOX_RE.search(s) and pt.OVERFLOW_HIDDEN_RE.search(s))


_HIDING_KEY_SEARCH = re.compile("|".join(re.escape(key) for key in pt.HIDING_KEYS)).search

Compound = tuple[str | None, tuple[str, ...], tuple[str, ...]]


def parse_selector(selector: str) -> tuple[Compound, ...] | None:
    """A simple selector (``tag#id.class`` parts joined by spaces or ``>``) as compounds, else None.

    >>> parse_selector("div.a .b")
    (('div', (), ('a',)), (None, (), ('b',)))
    """
    out = []
    for part in selector.replace(">", " ").split():
        m = pt.CSS_COMPOUND_RE.match(part)
        if not m or not part:
            return None
        tag = m.group(1).lower() if m.group(1) else None
        rest = m.group(2) or ""
        ids = tuple(x[1:] for x in pt.CSS_PART_RE.findall(rest) if x.startswith("#"))
        classes = tuple(x[1:] for x in pt.CSS_PART_RE.findall(rest) if x.startswith("."))
        if tag is None and not ids and not classes:
            return None
        out.append((tag, ids, classes))
    return tuple(out) or None


#: A rule's weight beside its selector's specificity: !important first, then its place among the page's rules
#: (its sheet, then where its block opens in it), a later one winning.
Order = tuple[bool, int, int]


@functools.lru_cache(maxsize=64)
def _bare_sheet(sheet: str) -> str:
    """``sheet`` without comments and @media/@supports blocks (read once for the hiding rules and again for
    the rules that show again)."""
    return pt.CSS_AT_BLOCK_RE.sub("", pt.CSS_COMMENT_RE.sub("", sheet))


def hiding_rules(sheets: list[str]) -> list[tuple[tuple[Compound, ...], str, Order]]:
    """The page's hiding rules as (simple selector, the property that hides, the rule's order): the property is
    display, visibility or opacity, which a later or more specific rule may set back, or "" for the others
    (off-screen offsets, zero sizes)."""
    out: list[tuple[tuple[Compound, ...], str, Order]] = []
    for k, sheet in enumerate(sheets):
        if "none" not in sheet and "hidden" not in sheet and "-9" not in sheet and ":0" not in sheet.replace(" ", ""):
            continue
        sheet = _bare_sheet(sheet)
        for selectors, body, at in _rules_with_hiding_keys(sheet):
            if not style_hides(body):
                continue
            compact = "".join(body.lower().split())
            prop = _hiding_property(compact)
            for sel in selectors.split(","):
                parsed = parse_selector(sel.strip())
                if parsed:
                    out.append((parsed, prop, ("!important" in compact, k, at)))
    return out


def _hiding_property(body: str) -> str:
    """Which of display, visibility and opacity hides in ``body`` (lower-cased, space-free), or ""."""
    if "display:none" in body:
        return "display"
    if "visibility:hidden" in body:
        return "visibility"
    if pt.HIDDEN_STYLE_RE.search(body.replace("opacity:0", "")):
        return ""  # hidden some other way too
    return "opacity" if "opacity:0" in body else ""


_NAME_FINDALL = re.compile(r"[.#]([\w-]+)").findall


def showing_rules(sheets: list[str], keys: set[str] | None = None) -> list[tuple[tuple[Compound, ...], str, Order]]:
    """The page's rules that show what a hiding rule hid, as (simple selector, property, order): display set to
    a box, visibility:visible, a non-zero opacity. With ``keys`` (classes and ids), only the selectors that
    name one of them (the others cannot match the hidden elements at their end)."""
    out: list[tuple[tuple[Compound, ...], str, Order]] = []
    for k, sheet in enumerate(sheets):
        if keys is not None and not any(key in sheet for key in keys):
            continue
        sheet = _bare_sheet(sheet)
        low = sheet.lower()  # (declarations are found in it; selectors, whose names keep their case, in sheet)
        if len(low) != len(sheet):
            low = sheet
        for m in _showing_declarations(low):
            opening = sheet.rfind("{", 0, m.start())
            if opening < 0 or sheet.rfind("}", 0, m.start()) > opening:
                continue  # not inside a declaration block
            start = max(sheet.rfind("{", 0, opening), sheet.rfind("}", 0, opening)) + 1
            selectors = sheet[start:opening]
            if keys is not None and keys.isdisjoint(_NAME_FINDALL(selectors)):
                continue
            closing = low.find("}", m.end())
            important = "!important" in "".join(low[m.end() : closing if closing >= 0 else None].split())[:12]
            prop = m.group(1) or m.group(2) or m.group(3)
            for sel in selectors.split(","):
                parsed = parse_selector(sel.strip())
                if parsed:
                    out.append((parsed, prop, (important, k, opening)))
    return out


def _showing_declarations(low: str) -> list[re.Match[str]]:
    """``list(pt.SHOWING_DECL_RE.finditer(low))``: the expression is tried only where one of the property names
    it opens with is, found with ``str.find`` (its look-behind still sees the character before)."""
    match = pt.SHOWING_DECL_RE.match
    found = []
    for name in pt.SHOWING_PROPERTIES:
        at = low.find(name)
        while at >= 0:
            m = match(low, at)
            if m:
                found.append(m)
            at = low.find(name, at + 1)
    found.sort(key=lambda m: m.start())
    return found


#: What a declaration block must hold, once lowercased and stripped of white space, to hide (see style_hides).
_HIDING_KEYS = ("display:none", "visibility:hidden", *pt.HIDING_KEYS)


def _rules_with_hiding_keys(sheet: str) -> list[tuple[str, str, int]]:
    """The rules of ``sheet`` (``selectors{declarations}``: a run of characters other than braces, then
    a block without braces) whose declarations hold a hiding key once lowercased and stripped of
    white space, in sheet order (others cannot hide), each with where its block opens.

    A big sheet has thousands of rules and few hide: the keys are looked up with ``str.find`` in the
    whole sheet lowercased and stripped of white space, where a block's text is the block's own
    lowercased, stripped text and the braces are the same braces in the same order. A key between
    the k-th ``{`` and the ``}`` after it belongs to the rule of the sheet's k-th ``{``: the run of
    non-brace characters before that ``{`` and everything up to its ``}``.
    """
    compact = "".join(sheet.lower().split())
    hits = []
    for key in _HIDING_KEYS:
        at = compact.find(key)
        while at >= 0:
            hits.append(at)
            at = compact.find(key, at + 1)
    if not hits:
        return []
    opens = _positions(compact, "{")
    blocks: set[int] = set()
    for at in hits:
        k = bisect.bisect_right(opens, at) - 1
        if k < 0 or compact.rfind("}", 0, at) > opens[k]:
            continue  # not inside a declaration block
        closing = compact.find("}", at)
        if closing < 0 or (k + 1 < len(opens) and opens[k + 1] < closing):
            continue
        blocks.add(k)
    raw_opens = _positions(sheet, "{")
    out = []
    for k in sorted(blocks):
        opening = raw_opens[k]
        closing = sheet.find("}", opening)
        start = max(sheet.rfind("{", 0, opening), sheet.rfind("}", 0, opening)) + 1
        if start < opening:  # findall's rule needs a selector
            out.append((sheet[start:opening], sheet[opening + 1 : closing], opening))
    return out


def _positions(text: str, char: str) -> list[int]:
    out = []
    at = text.find(char)
    while at >= 0:
        out.append(at)
        at = text.find(char, at + 1)
    return out


_Info = tuple[object, "str | None", "set[str]"]


def _matches(info: _Info, comp: Compound) -> bool:
    tag, ids, classes = comp
    if tag and info[0] != tag:
        return False
    if ids and info[1] not in ids:
        return False
    if classes:
        have = info[2]
        if not all(c in have for c in classes):
            return False
    return True


def _infos(el: lxml.html.HtmlElement, memo: dict[lxml.html.HtmlElement, tuple[_Info, ...]]) -> tuple[_Info, ...]:
    """Tag, id and class set of ``el`` and of each of its ancestors (nearest first), memoised for one page."""
    got = memo.get(el)
    if got is not None:
        return got
    path = []
    node: lxml.html.HtmlElement | None = el
    tail: tuple[_Info, ...] = ()
    while node is not None:
        known = memo.get(node)
        if known is not None:
            tail = known
            break
        path.append(node)
        node = node.getparent()
    for node in reversed(path):
        tail = ((node.tag, node.get("id"), set((node.get("class") or "").split())), *tail)
        memo[node] = tail
    return tail


def _match_chain(
    el: lxml.html.HtmlElement, chain: tuple[Compound, ...], memo: dict[lxml.html.HtmlElement, tuple[_Info, ...]]
) -> bool:
    infos = _infos(el, memo)
    if not _matches(infos[0], chain[-1]):
        return False
    # the compounds above the last one, nearest first, each matched by the nearest ancestor that can (what
    # _matches does, inlined: a long chain of ancestors is looked at for every candidate)
    k = len(chain) - 2
    if k < 0:
        return True
    tag, ids, classes = chain[k]
    for i in range(1, len(infos)):
        info = infos[i]
        if (tag and info[0] != tag) or (ids and info[1] not in ids) or (classes and not info[2].issuperset(classes)):
            continue
        k -= 1
        if k < 0:
            return True
        tag, ids, classes = chain[k]
    return False


@dataclass(slots=True)
class PageIndex:
    """Elements of the freshly parsed page that later steps look up by attribute, in document order:
    those with a style, hidden, class or id attribute (for :func:`hidden_elements`), microdata
    publication dates and title-like elements (for :mod:`.meta`).

    One walk over the elements gathers them all; an ``//*[@...]`` XPath query per list takes
    several times as long.
    """

    style: list[lxml.html.HtmlElement]
    hidden: list[lxml.html.HtmlElement]
    classed: list[lxml.html.HtmlElement]
    ided: list[lxml.html.HtmlElement]
    #: ``//*[@itemprop='datePublished']``
    date_published: list[lxml.html.HtmlElement]
    #: :data:`~.patterns.TITLE_XPATH`: h1, h2 and elements whose class or id holds ``title``/``Title``.
    title_like: list[lxml.html.HtmlElement]
    #: ``<script type="application/ld+json">`` (JSON-LD metadata)
    ld_json: list[lxml.html.HtmlElement]
    #: ``<time datetime=…>``
    times: list[lxml.html.HtmlElement]


_ELEMENTS = lxml.etree.Element
_HEADLINE_TAGS = frozenset(("h1", "h2"))


def index_page(doc: lxml.html.HtmlElement) -> PageIndex:
    """The :class:`PageIndex` of ``doc``."""
    found = PageIndex([], [], [], [], [], [], [], [])
    style, hidden, classed, ided = found.style, found.hidden, found.classed, found.ided
    dated, titled, ld_json = found.date_published, found.title_like, found.ld_json
    for el in doc.iter(_ELEMENTS):
        keys = el.keys()
        if el.tag in _HEADLINE_TAGS:
            titled.append(el)
            if not keys:
                continue
        elif not keys:
            continue
        else:
            ident = f"{el.get('class', '')} {el.get('id', '')}" if "class" in keys or "id" in keys else ""
            if "title" in ident or "Title" in ident:
                titled.append(el)
            if el.tag == "script" and "ld+json" in el.get("type", ""):
                ld_json.append(el)
            elif el.tag == "time" and "datetime" in keys:
                found.times.append(el)
        if "style" in keys:
            style.append(el)
        if "hidden" in keys and el.tag != "input":
            hidden.append(el)
        if "class" in keys:
            classed.append(el)
        if "id" in keys:
            ided.append(el)
        if "itemprop" in keys and el.get("itemprop") == "datePublished":
            dated.append(el)
    return found


def css_matches(
    doc: lxml.html.HtmlElement, selectors: list[tuple[Compound, ...]], index: PageIndex | None = None
) -> list[tuple[lxml.html.HtmlElement, tuple[Compound, ...]]]:
    """Elements matched by any of ``selectors`` (descendant and child combinators alike), each with the
    selector that matched it."""
    index = index or index_page(doc)
    # A chain ending in a bare tag (``.menu li ul``) is tried only on the tag's elements inside an
    # element matching one of its compounds with an id or a class (its anchor): a match has to be.
    anchors = {chain: _anchor(chain) for chain in selectors if not chain[-1][1] and not chain[-1][2]}
    keyed = [chain[-1] for chain in selectors] + [a for a in anchors.values() if a is not None]
    want_ids = {comp[1][0] for comp in keyed if comp[1]}
    want_classes = {comp[2][0] for comp in keyed if not comp[1] and comp[2]}
    by_class: dict[str, list[lxml.html.HtmlElement]] = {}
    by_id: dict[str, list[lxml.html.HtmlElement]] = {}
    if want_classes:
        for el in index.classed:
            for c in el.get("class", "").split():
                if c in want_classes:
                    by_class.setdefault(c, []).append(el)
    if want_ids:
        for el in index.ided:
            ident = el.get("id", "")
            if ident in want_ids:
                by_id.setdefault(ident, []).append(el)
    out: list[tuple[lxml.html.HtmlElement, tuple[Compound, ...]]] = []
    memo: dict[lxml.html.HtmlElement, tuple[_Info, ...]] = {}
    for chain in selectors:
        tag, ids, classes = chain[-1]
        if ids:
            cands = by_id.get(ids[0], [])
        elif classes:
            cands = by_class.get(classes[0], [])
        elif tag in ("html", "body", "head"):
            cands = []
        elif (anchor := anchors[chain]) is None:
            cands = list(doc.iter(tag))
        else:
            inside: set[lxml.html.HtmlElement] = set()
            for el in by_id.get(anchor[1][0], []) if anchor[1] else by_class.get(anchor[2][0], []):
                if _matches(_infos(el, memo)[0], anchor):
                    inside.update(d for d in el.iter(tag) if d is not el)
            cands = [el for el in doc.iter(tag) if el in inside] if inside else []
        out.extend((el, chain) for el in cands if _match_chain(el, chain, memo))
    return out


def _anchor(chain: tuple[Compound, ...]) -> Compound | None:
    """The nearest compound of ``chain`` above its last one with an id (else a class), if any."""
    for comp in reversed(chain[:-1]):
        if comp[1]:
            return comp
    for comp in reversed(chain[:-1]):
        if comp[2]:
            return comp
    return None


def hidden_elements(
    doc: lxml.html.HtmlElement, index: PageIndex | None = None
) -> list[tuple[lxml.html.HtmlElement, str]]:
    """Elements hidden by inline style, a ``hidden`` attribute or a <style> rule, outermost only.

    ``index`` is the page's :class:`PageIndex`, made before the page was changed.
    """
    sheets = [text_content(s) for s in doc.iter("style") if _applies(s)]
    found: dict[lxml.html.HtmlElement, str] = {}
    seen: dict[str, bool] = {}
    index = index or index_page(doc)
    for el in index.style:
        style = el.get("style", "")
        hides = seen.get(style)
        if hides is None:
            hides = seen[style] = style_hides(style)
        if hides:
            found[el] = "inline style"
    for el in index.hidden:
        found.setdefault(el, "hidden attribute")
    for el in white_text(doc, index):
        found.setdefault(el, "white on white")
    rules = hiding_rules(sheets)
    if rules:
        matched = css_matches(doc, list(dict.fromkeys(chain for chain, _, _ in rules)), index)
        if matched:
            shown = _shown_again(doc, sheets, rules, matched, index)
            for el, _ in matched:
                if el.tag not in ("html", "body", "head") and el not in shown:
                    found.setdefault(el, "style sheet")
    outer = []
    for el, how in found.items():
        if el.tag in ("html", "body", "head") or not isinstance(el.tag, str):
            continue
        if any(anc in found for anc in el.iterancestors()):
            continue
        outer.append((el, how))
    return outer


def _applies(style: lxml.html.HtmlElement) -> bool:
    """A <style> sheet applies to the page as read: on a screen, with scripts on. Not one for print or for
    narrow screens only (``media="print"``, ``media="(max-width:768px)"``), nor one in a <noscript> (what a
    page hides when scripts are off: ``<noscript><style>#app{display:none}</style>请启用JavaScript</noscript>``)."""
    media = "".join((style.get("media") or "").lower().split())
    if media and media not in ("all", "screen") and not media.startswith(("screen,", "all,")):
        return False
    return not any(anc.tag == "noscript" for anc in style.iterancestors())


def _specificity(chain: tuple[Compound, ...]) -> tuple[int, int, int]:
    return (
        sum(len(ids) for _, ids, _ in chain),
        sum(len(classes) for _, _, classes in chain),
        sum(tag is not None for tag, _, _ in chain),
    )


#: Only an element with this many punctuation marks in it is looked at for a rule showing it again (a link list has
#: none; a two-line story may have two).
SHOWN_PUNCT = 1


def _shown_again(
    doc: lxml.html.HtmlElement,
    sheets: list[str],
    rules: list[tuple[tuple[Compound, ...], str, Order]],
    matched: list[tuple[lxml.html.HtmlElement, tuple[Compound, ...]]],
    index: PageIndex,
) -> set[lxml.html.HtmlElement]:
    """Of the elements hiding ``rules`` matched (``matched``), those that every hiding rule of is beaten by a rule
    that shows them again, by the cascade: !important, then a more specific selector, then a later rule.
    Bootstrap's tabs hide each pane (``.tab-content>.tab-pane{display:none}``, ``.fade{opacity:0}``) and show
    the active one (``.tab-content>.active{display:block}``, ``.fade.in{opacity:1}``). Rules that hide some
    other way (off-screen, zero size) are never set back, and only elements with running text in them (at least
    SHOWN_PUNCT punctuation marks) are looked at: a hidden link list stays hidden."""
    by_chain: dict[tuple[Compound, ...], list[tuple[str, Order]]] = {}
    for chain, prop, order in rules:
        by_chain.setdefault(chain, []).append((prop, order))
    hiding: dict[lxml.html.HtmlElement, list[tuple[str, tuple]]] = {}
    for el, chain in matched:
        spec = _specificity(chain)
        hiding.setdefault(el, []).extend((prop, (order[0], spec, order[1:])) for prop, order in by_chain[chain])
    keys: set[str] = set()
    for el, ways in list(hiding.items()):
        if not any(prop for prop, _ in ways) or punct_count(text_content(el)) < SHOWN_PUNCT:
            del hiding[el]  # (a hidden link list, a spam block: no running text to show again)
            continue
        keys.update(el.get("class", "").split())
        if el.get("id"):
            keys.add(el.get("id"))
    if not keys:
        return set()
    showing = showing_rules(sheets, keys)
    if not showing:
        return set()
    best: dict[tuple[lxml.html.HtmlElement, str], tuple] = {}
    show_by_chain: dict[tuple[Compound, ...], list[tuple[str, Order]]] = {}
    for chain, prop, order in showing:
        show_by_chain.setdefault(chain, []).append((prop, order))
    for el, chain in css_matches(doc, list(show_by_chain), index):
        if el not in hiding:
            continue
        spec = _specificity(chain)
        for prop, order in show_by_chain[chain]:
            weight = (order[0], spec, order[1:])
            if (el, prop) not in best or weight > best[el, prop]:
                best[el, prop] = weight
    shown = set()
    for el, ways in hiding.items():
        if all(prop and (el, prop) in best and best[el, prop] > weight for prop, weight in ways):
            shown.add(el)
    return shown


def white_text(doc: lxml.html.HtmlElement, index: PageIndex) -> list[lxml.html.HtmlElement]:
    """Keywords written in white on the page's white ground (``<font color=#ffffff>`` stuffing for search
    engines): elements whose own colour is white, with text but no sentence punctuation, no heading or link
    among them, when neither they nor any element around them (up to ``<html>``) sets a background by attribute
    or inline style. (A white menu on a ground set by a class only is taken too: it is no text either.)
    """
    candidates = [el for el in doc.iter("font") if pt.WHITE_RE.match(el.get("color", ""))]
    candidates += [
        el
        for el in index.style
        if (style := el.get("style", ""))
        and "color" in style.lower()
        and (m := pt.STYLE_COLOR_RE.search(style))
        and pt.WHITE_RE.match(m.group(1))
    ]
    out = []
    for el in candidates:
        text = text_content(el)
        if not text.strip() or pt.SENTENCE_PUNCT_RE.search(text) or el.find(".//a") is not None:
            continue
        if any(_ground(node) or node.tag in pt.HEADING_TAGS or node.tag == "a" for node in self_and_ancestors(el)):
            continue
        out.append(el)
    return out


def self_and_ancestors(el: lxml.html.HtmlElement):  # type: ignore[no-untyped-def]
    """``el``, then its ancestors up to the root."""
    yield el
    yield from el.iterancestors()


def _ground(el: lxml.html.HtmlElement) -> bool:
    """Whether ``el`` sets a background of its own (attribute or inline style) other than white."""
    for attr in ("bgcolor", "background"):
        value = el.get(attr)
        if value is not None and not pt.WHITE_RE.match(value):
            return True
    return "background" in el.get("style", "").lower() and not pt.WHITE_BACKGROUND_RE.search(el.get("style", ""))


_WS_SUB = pt.WHITESPACE_RE.sub
_ZW_SUB = pt.ZERO_WIDTH_RE.sub
_TEXT_RUN_SUB = pt.TEXT_RUN_RE.sub
_PUNCT_FINDALL = pt.PUNCT_RE.findall


def clean_text(text: str) -> str:
    """Collapse white space (incl. ideographic space and nbsp) and drop zero-width characters."""
    return _WS_SUB(" ", _ZW_SUB("", text)).strip()


def punct_count(text: str) -> int:
    """Number of punctuation marks that signal running text."""
    return len(_PUNCT_FINDALL(text))


def sentence_ends(text: str) -> int:
    """Number of full-width sentence ends (。！？) in ``text``."""
    return text.count("。") + text.count("！") + text.count("？")


def text_len(text: str) -> int:
    """Number of Han characters and ASCII letters/digits."""
    return len(text) - len(_TEXT_RUN_SUB("", text))


def drop_element(el: lxml.html.HtmlElement) -> None:
    """Remove ``el`` and its content but keep the text that follows it."""
    parent = el.getparent()
    if parent is None:
        return
    # What HtmlElement.drop_tree() does.
    tail = el.tail
    if tail:
        previous = el.getprevious()
        if previous is None:
            parent.text = (parent.text or "") + tail
        else:
            previous.tail = (previous.tail or "") + tail
    parent.remove(el)


def strip_page(doc: lxml.html.HtmlElement, index: PageIndex | None = None, title: str | None = None) -> list[Hidden]:
    """Remove hidden elements and non-content tags in place; return what hidden text was removed.

    A hidden element is kept when it is clearly the article: it holds most of the page's
    running text and is not a link list (WeChat's script-revealed ``#js_content``), or it is
    the page itself, headline (``title``) and all.
    """
    body = doc.find("body")
    root = body if body is not None else doc
    for el in list(root.iter("textarea", "noframes", "svg", "template", "iframe", "pre", "object")):
        tag = el.tag
        if tag == "textarea":
            unwrap_article_textarea(el, root)
        elif tag == "noframes":
            unwrap_noframes(el)
        elif tag == "pre":
            unwrap_text_pre(el)
        elif tag == "object":
            unwrap_object_fallback(el)
        elif tag == "svg":
            unwrap_foreign_objects(el)
        elif tag == "template":
            if el.get("shadowrootmode") is not None or el.get("shadowroot") is not None:
                el.tag = "div"  # a declarative shadow root (Lit, Stencil): the browser shows it in place
        elif el.get("srcdoc"):
            unwrap_srcdoc(el)
    fallbacks = [el for el in root.iter("noscript") if _article_like(el, NOSCRIPT_LINKS)]
    for el in fallbacks:
        el.tag = "div"  # kept through the drop below, and dropped after it if a copy of the page's text
    hidden = hidden_elements(doc, index)
    for el in list(root.iter(lxml.etree.Comment, lxml.etree.ProcessingInstruction)):
        drop_element(el)
    for el in list(root.iter(*pt.DROP_TAGS)):
        if el.getparent() is not None:
            if el.tag in ("button", "marquee") and _swallowed_story(el):
                el.tag = "div"  # a button or a scrolling bar left unclosed before the story: the parser nests it
                continue
            drop_element(el)
    if fallbacks:
        _drop_copies(root, fallbacks)
    hidden = [(el, how) for el, how in hidden if _attached(el, root)]
    if not hidden:
        return []
    page = text_content(root)
    # the page's text characters, counted when first asked for (a long page takes a while)
    total = functools.cache(lambda: text_len(page) or 1)
    # ... and those outside its links (its running text and headings)
    unlinked = functools.cache(lambda: max(1, total() - link_chars(root)))
    groups: dict[tuple[lxml.html.HtmlElement, str, frozenset[str]], bool] = {}  # see _page_of_story
    removed: list[Hidden] = []
    hidden_set = {el for el, _ in hidden}
    for el, how in hidden:
        if el.getparent() is None:
            continue
        if _slide(el, hidden_set):
            el.set("style", "")  # a slideshow's next slide: the pictures and captions of the story
            continue
        text = text_content(el)
        n = text_len(text)
        if n and _is_article(el, text, n, total, page, title, unlinked, groups):
            logger.debug("keeping hidden element <%s id=%r>: it holds the article", el.tag, el.get("id"))
            if el.get("style"):
                el.set("style", "")
            continue
        drop_element(el)
        cleaned = hidden_text(el)
        if cleaned:
            removed.append(Hidden(cleaned, how))
    return removed


#: A slideshow shows one of at least this many slides at a time.
SLIDES_MIN = 3


#: Text with at least this many characters and sentence ends is running text wherever it sits: in a link (a card
#: that opens the story's page, a link left unclosed before it) or in a button left unclosed before it. A teaser
#: card's headline and summary have a sentence or two.
PROSE_CHARS = 150
PROSE_SENTENCES = 4


def is_prose(text: str) -> bool:
    """``text`` is running text: PROSE_CHARS characters or more, with PROSE_SENTENCES sentence ends."""
    return len(text) >= PROSE_CHARS and sentence_ends(text) >= PROSE_SENTENCES


def _swallowed_story(el: lxml.html.HtmlElement) -> bool:
    """``el`` (a button, a marquee) holds running text set in blocks: the rest of the page, which the parser nested
    in it when it was left unclosed. A scrolling bar's announcements are a line of inline text; a button's label is
    a word."""
    return any(child.tag in pt.BLOCK_TAGS for child in el.iter() if child is not el) and is_prose(text_content(el))


def _slide(el: lxml.html.HtmlElement, hidden: set[lxml.html.HtmlElement]) -> bool:
    """``el`` is a slide a slideshow script hides until its turn: a picture (with its caption), among at least
    SLIDES_MIN siblings of its tag and class that are pictures too, one of them shown (the first slide). A
    hidden tab panel or menu has no picture in each of its siblings."""
    if el.find(".//img") is None:
        return False
    parent = el.getparent()
    if parent is None:
        return False
    slides = [sib for sib in parent if sib.tag == el.tag and sib.get("class") == el.get("class")]
    if len(slides) < SLIDES_MIN or any(sib.find(".//img") is None for sib in slides):
        return False
    return any(sib not in hidden for sib in slides)


#: A <textarea> holding at least this much text, with this many punctuation marks, and a content-like
#: id/class carries the article's HTML for a page script to render.
TEXTAREA_ARTICLE_CHARS = 100
TEXTAREA_ARTICLE_PUNCT = 3
#: ... and whatever its name, when it holds at least this much text and more than the page shows outside links.
TEXTAREA_STORY_CHARS = 200


def unwrap_article_textarea(el: lxml.html.HtmlElement, root: lxml.html.HtmlElement | None = None) -> None:
    """Replace a ``<textarea>`` that carries the article's HTML (huanqiu.com's ``textarea.article-content``,
    rendered by a script) by a ``<div>`` holding that HTML; any other is left to be dropped as a form field.

    A textarea of any name carries the story when it holds more running text than the page (``root``) shows
    outside links and its text is not shown on the page already (a box to copy the story from): the page shows
    a summary at most, and a script puts the story in its place.

    >>> text = "今天，我们去公园。" * 20
    >>> doc = parse(f'<div><textarea class="article-content">&lt;p&gt;{text}&lt;/p&gt;</textarea></div>')
    >>> unwrap_article_textarea(doc.find(".//textarea"))
    >>> doc.find(".//div/div/p").text[:9], doc.find(".//div/div").get("class")
    ('今天，我们去公园。', 'article-content')
    """
    raw = el.text or ""
    n = text_len(raw)
    named = hinted(el, pt.CONTENT_HINT_RE)
    if n < (TEXTAREA_ARTICLE_CHARS if named else TEXTAREA_STORY_CHARS):
        return
    div = _parsed_div(raw)
    if div is None:
        return
    text = text_content(div)
    if punct_count(text) < TEXTAREA_ARTICLE_PUNCT:
        return
    if not named:
        if root is None:
            return
        # the page's text but the textarea's, its scripts' and its links' (a form's textarea holds a line or nothing)
        outside = _shown_text(root)
        if text_len(text) <= text_len(outside) - link_chars(root) or _copy(text, outside + text):
            return
    div.set("class", el.get("class", ""))
    _replace(el, div)


_UNSHOWN = frozenset(("script", "style", "textarea", "noscript", "template"))


def _shown_text(root: lxml.html.HtmlElement) -> str:
    """The text of ``root`` without that of its scripts, style sheets, textareas, noscripts and templates."""
    text = text_content(root)
    for el in root.iter(*_UNSHOWN):
        unshown = text_content(el)
        if unshown:
            text = text.replace(unshown, "", 1)
    return text


#: An <object>'s fallback content with this much running text is shown (no browser runs its Flash any more).
OBJECT_FALLBACK_CHARS = 50


def unwrap_object_fallback(el: lxml.html.HtmlElement) -> None:
    """Turn an ``<object>`` (a Flash player) whose fallback content holds running text into a ``<div>`` of that
    content: no browser shows the plug-in any more, so every reader sees the fallback (a video page's script).
    Its ``<param>``s and ``<embed>`` go; an object without such text is left to be dropped.

    >>> story = "今天上午，首条公交线路开通运营。" * 4
    >>> doc = parse(f"<div><object><param name=movie><embed src=a.swf><p>{story}</p></object></div>")
    >>> unwrap_object_fallback(doc.find(".//object"))
    >>> [c.tag for c in doc.find(".//div/div")]
    ['p']

    (The parser puts what follows an ``<embed>`` inside it: its content stays, its tag goes.)
    """
    for child in list(el.iter("param", "embed")):
        if child.tag == "param":
            drop_element(child)
        else:
            _drop_tag(child)
    text = text_content(el)
    if text_len(text) < OBJECT_FALLBACK_CHARS or not punct_count(text):
        return
    el.tag = "div"
    for attr in list(el.attrib):
        del el.attrib[attr]


def _drop_tag(el: lxml.html.HtmlElement) -> None:
    """Remove the tag of ``el`` but keep its text and children in its place (lxml.html's ``drop_tag``)."""
    parent = el.getparent()
    if parent is None:
        return
    previous = el.getprevious()
    if el.text:
        if previous is None:
            parent.text = (parent.text or "") + el.text
        else:
            previous.tail = (previous.tail or "") + el.text
    children = list(el)
    if el.tail:
        if children:
            children[-1].tail = (children[-1].tail or "") + el.tail
        elif previous is None:
            parent.text = (parent.text or "") + el.tail
        else:
            previous.tail = (previous.tail or "") + el.tail
    index = parent.index(el)
    parent[index : index + 1] = children


#: A <pre> of plain Chinese text (a wire story as filed) is read as paragraphs when at least this share of its
#: visible characters are Han.
PRE_HAN_SHARE = 0.5
_PRE_PARAGRAPH_RE = re.compile(r"\n[ \t\u3000]*\n|\n(?=\u3000|[ \t]{2})")
_PRE_WRAP_RE = re.compile(r"[ \t]*\n[ \t]*")


def unwrap_text_pre(el: lxml.html.HtmlElement) -> None:
    r"""Replace a ``<pre>`` of plain Chinese text by a ``<div>`` of its paragraphs: a paragraph ends at a blank
    line or before an indented line, and the lines of one, wrapped at a fixed width, are joined (without a
    space between two Chinese characters). A ``<pre>`` with elements in it, or of code, is left alone.

    >>> doc = parse("<div><pre>　　新华社杭州电　记者从省里获\n悉，今年以来全省。\n\n　　下一步，将推进。</pre></div>")
    >>> unwrap_text_pre(doc.find(".//pre"))
    >>> [p.text for p in doc.find(".//div/div")]
    ['新华社杭州电\u3000记者从省里获悉，今年以来全省。', '下一步，将推进。']
    """
    raw = el.text or ""
    if len(el) or "\n" not in raw.strip():
        return
    visible = "".join(raw.split())
    if not visible or len(pt.HAN_RE.findall(visible)) < PRE_HAN_SHARE * len(visible):
        return
    div = lxml.etree.Element("div")
    for block in _PRE_PARAGRAPH_RE.split(raw):
        lines = [ln for ln in _PRE_WRAP_RE.split(block.strip(" \t\u3000\n")) if ln]
        if not lines:
            continue
        text = lines[0]
        for line in lines[1:]:
            cjk = text[-1:] > "\u2e7f" and line[:1] > "\u2e7f"
            text += line if cjk else " " + line
        lxml.etree.SubElement(div, "p").text = text
    div.set("class", el.get("class", ""))
    _replace(el, div)


#: A <noscript> holding at least this much text, few links and sentence punctuation is the article's
#: fallback for readers without scripts (the page writes the article with a script).
NOSCRIPT_ARTICLE_CHARS = 200
#: ... and at most this share of links: a fallback may be a whole plain page (a menu, the article, a list of
#: other stories), which the extractor then reads like any page.
NOSCRIPT_LINKS = 0.35


def link_chars(el: lxml.html.HtmlElement) -> int:
    """How many text characters of ``el`` are inside its links."""
    return sum(text_len(text_content(a)) for a in el.iter("a"))


def _article_like(el: lxml.html.HtmlElement, links: float | None = None) -> bool:
    """Whether ``el`` holds an article: NOSCRIPT_ARTICLE_CHARS of text outside links, with sentence punctuation,
    and at most ``links`` (default HIDDEN_TEXT_LINKS) of its text in links."""
    text = text_content(el)
    n = text_len(text)
    if n < NOSCRIPT_ARTICLE_CHARS or punct_count(text) < max(HIDDEN_TEXT_PUNCT, n // 60):
        return False
    linked = link_chars(el)
    return linked <= (HIDDEN_TEXT_LINKS if links is None else links) * n and n - linked >= NOSCRIPT_ARTICLE_CHARS


def _drop_copies(root: lxml.html.HtmlElement, blocks: list[lxml.html.HtmlElement]) -> None:
    """Drop those of ``blocks`` whose text the page shows elsewhere too (a fallback of what it shows)."""
    page = text_content(root)
    for el in blocks:
        if el.getparent() is not None and _copy(text_content(el), page):
            drop_element(el)


def unwrap_noframes(el: lxml.html.HtmlElement) -> None:
    """Replace a frameset page's ``<noframes>`` (its frameless version, which the parser keeps as raw text)
    by a ``<div>`` holding that HTML parsed.

    >>> doc = parse("<frameset><frame></frameset><noframes><body><p>禽流感病例确诊。</p></body></noframes>")
    >>> unwrap_noframes(doc.find(".//noframes"))
    >>> [(el.tag, el.text) for el in doc.find(".//div")]
    [('p', '禽流感病例确诊。')]
    """
    raw = el.text or ""
    if len(el) or not raw.strip():
        return  # parsed as elements already, or empty
    div = _parsed_div(pt.BODY_TAG_RE.sub("", raw))
    if div is not None:
        _replace(el, div)


def unwrap_srcdoc(el: lxml.html.HtmlElement) -> None:
    """Replace an ``<iframe srcdoc="…">`` by a ``<div>`` holding the document it shows, parsed.

    >>> doc = parse('<div><iframe srcdoc="&lt;p&gt;禽流感病例确诊。&lt;/p&gt;"></iframe></div>')
    >>> unwrap_srcdoc(doc.find(".//iframe"))
    >>> [(el.tag, el.text) for el in doc.find(".//div/div")]
    [('p', '禽流感病例确诊。')]
    """
    div = _parsed_div(pt.BODY_TAG_RE.sub("", el.get("srcdoc", "")))
    if div is not None:
        _replace(el, div)


def _parsed_div(raw: str) -> lxml.html.HtmlElement | None:
    """``raw`` HTML parsed into one ``<div>``, or None."""
    try:
        holder = lxml.etree.fromstring(f"<html><body><div>{raw}</div></body></html>", _PARSER)
    except (lxml.etree.ParserError, ValueError):
        return None
    return holder.find("body/div") if holder is not None else None


def _replace(el: lxml.html.HtmlElement, div: lxml.html.HtmlElement) -> None:
    div.tail = el.tail
    parent = el.getparent()
    if parent is not None:
        parent.replace(el, div)


def unwrap_foreign_objects(svg: lxml.html.HtmlElement) -> None:
    """Put the HTML an ``<svg>`` shows in its ``<foreignObject>``s (WeChat's interactive layouts set
    paragraphs of the story so) in a ``<div>`` before it; the rest of the picture is dropped with it.

    >>> doc = parse('<div><svg><image/><foreignObject><p>村民们自编自演。</p></foreignObject></svg></div>')
    >>> unwrap_foreign_objects(doc.find(".//svg"))
    >>> [(el.tag, el.text) for el in doc.find(".//div/div")]
    [('p', '村民们自编自演。')]
    """
    holders = [el for el in svg.iter("foreignobject") if len(el) or (el.text or "").strip()]
    parent = svg.getparent()
    if not holders or parent is None:
        return
    div = lxml.html.Element("div")
    for holder in holders:
        if holder.text and holder.text.strip():
            div.append(lxml.html.Element("p"))
            div[-1].text = holder.text
        div.extend(list(holder))
    svg.addprevious(div)


def _attached(el: lxml.html.HtmlElement, root: lxml.html.HtmlElement) -> bool:
    return any(anc is root for anc in el.iterancestors())


def _is_article(
    el: lxml.html.HtmlElement,
    text: str,
    n: int,
    total: Callable[[], int],
    page: str = "",
    title: str | None = None,
    unlinked: Callable[[], int] | None = None,
    groups: dict[tuple[lxml.html.HtmlElement, str, frozenset[str]], bool] | None = None,
) -> bool:
    """A hidden element that is the article, or part of it, and is kept: most of the page's running text
    (WeChat's ``#js_content``), or running text under a content-like id or class, or folded away in the
    article's container, or one of the story's pages, that is not a copy of text shown elsewhere (``page``:
    the page's text; ``total()``: its text characters; ``unlinked()``: those outside links, by default all;
    ``groups``: the answers of :func:`_page_of_story` by group, kept over a page's hidden elements)."""
    ident = f"{el.get('id', '')} {el.get('class', '')}".lower()
    links = link_chars(el)
    punct = punct_count(text)
    most = punct >= max(10, n // 60) and n >= 0.5 * total()  # most of the page's running text
    if (
        most
        and links <= HIDDEN_PAGE_LINKS * n
        and (next(el.iter("h1"), None) is not None or bool(title and len(title) >= 4 and title in text))
    ):
        # the page itself, headline and all, with its link columns: hidden only until a script fades it in
        # (animsition's opacity:0) or "hidden" by a layout trick (font-size:0 on an inline-block row)
        return True
    if links > 0.3 * n:
        return False
    if "js_content" in ident or "rich_media" in ident:
        return punct >= 3
    # running text has a sentence end every few dozen characters; keywords stuffed between commas (一区二区，
    # 在线观看，…) have one a paragraph
    sentences = sentence_ends(text) >= max(3, n // HIDDEN_SENTENCE_CHARS)
    if most and n >= 200 and sentences:
        return True
    if (
        unlinked is not None
        and sentences
        and punct >= max(10, n // 60)
        and n >= max(200, 0.5 * unlinked())
        and links <= HIDDEN_TEXT_LINKS * n
        and not hinted(el, pt.CHROME_HINT_RE)
    ):
        # most of the page's text outside links (a portal's link columns may outweigh a long story whose rest is
        # folded away until 展开全文 is clicked), unless it copies what the page shows (a print version)
        return not _copy(text, page)
    # Hidden until a script shows it, by a content-like id or class of its own (``<div id="article"
    # style="display:none">``), or folded away inside the article's container (展开全文): running text
    # with few links.
    if links > HIDDEN_TEXT_LINKS * n or not punct:
        return False
    if hinted(el, pt.CHROME_HINT_RE):
        return False  # hidden comments, a related list
    if _page_of_story(el, unlinked or total, groups):
        return not _copy(text, page)
    if punct < max(HIDDEN_TEXT_PUNCT, n // 60):
        return False
    if n >= HIDDEN_ARTICLE_CHARS and hinted(el, pt.CONTENT_HINT_RE):
        return not _copy(text, page)
    return n >= HIDDEN_FOLD_CHARS and (_in_content(el) or _next_page(el)) and not _copy(text, page)


def _next_page(el: lxml.html.HtmlElement) -> bool:
    """One of a story's pages that a pager script shows in turn: a numbered sibling (``#page2`` after
    ``#page1``) of the same tag and the same id/class but for the number, the other holding running text."""
    ident = f"{el.get('id', '')} {el.get('class', '')}"
    if not pt.DIGIT_RE.search(ident) or pt.TAB_HINT_RE.search(ident):
        return False  # (a tab's panels hold other texts: a policy's 解读 and its 原文)
    stem = pt.DIGIT_RE.sub("", ident)
    parent = el.getparent()
    if parent is None:
        return False
    for sib in parent:
        if sib is el or sib.tag != el.tag:
            continue
        other = f"{sib.get('id', '')} {sib.get('class', '')}"
        if (
            other != ident
            and pt.DIGIT_RE.sub("", other) == stem
            and punct_count(text_content(sib)) >= HIDDEN_TEXT_PUNCT
        ):
            return True
    return False


#: Class names that hide a story's later pages or show the current one (``<div class="pagecon hide">``,
#: ``<div class="page on">``): states, not part of a page's name.
_STATE_CLASS_RE = re.compile(
    r"^(?:hide|hidden|d-?none|dn|none|undis\w*|invisible|is-hidden|js-hide|off"
    r"|hid|show|shown|on|in|active|cur|current|selected|visible|d-?block|is-active)$",
    re.I,
)


def _page_name(el: lxml.html.HtmlElement) -> frozenset[str]:
    """The words of ``el``'s id and class without their numbers and without a state class (hidden, shown)."""
    words = f"{el.get('id', '')} {el.get('class', '')}".split()
    return frozenset(pt.DIGIT_RE.sub("", w) for w in words if not _STATE_CLASS_RE.match(w))


#: What holds a page of a story: a box of blocks (_PAGE_BLOCKS; two or more when the boxes have no name).
_PAGE_TAGS = frozenset(("div", "section", "article", "table"))
_PAGE_BLOCKS = ("p", "br", "div", "h2", "h3", "h4", "li", "tr")


def _page_of_story(
    el: lxml.html.HtmlElement,
    running: Callable[[], int],
    groups: dict[tuple[lxml.html.HtmlElement, str, frozenset[str]], bool] | None = None,
) -> bool:
    """One of a story's pages that a pager script shows in turn (the first shown, or none until a script runs),
    whatever their names: ``el`` (a box of blocks) and its siblings of its tag and name (:func:`_page_name`:
    numbers and state classes aside), two or more, that together hold most of the page's running text
    (``running()``: its text characters outside links), with punctuation and few links; a page may be a sentence
    or two. Tab panels are left alone (see :func:`_next_page`). ``groups``: answers by (parent, tag, name), so
    that a page with many hidden siblings measures them once."""
    parent = el.getparent()
    if el.tag not in _PAGE_TAGS or parent is None or hinted(el, pt.TAB_HINT_RE) or hinted(parent, pt.TAB_HINT_RE):
        return False
    name = _page_name(el)
    if sum(1 for _ in itertools.islice(el.iterdescendants(*_PAGE_BLOCKS), 2)) < (2 if not name else 1):
        return False  # a paragraph, or an unnamed box of one: one hidden among the story's shown ones is no page
    key = (parent, el.tag, name)
    if groups is not None and key in groups:
        return groups[key]
    pages = [sib for sib in parent if sib.tag == el.tag and _page_name(sib) == name]
    texts = [text_content(sib) for sib in pages]
    n = sum(map(text_len, texts))
    found = (
        len(pages) >= 2
        and n >= 0.5 * running()
        and sum(map(punct_count, texts)) >= max(HIDDEN_TEXT_PUNCT, n // 60)
        and sum(map(link_chars, pages)) <= HIDDEN_TEXT_LINKS * n
    )
    if groups is not None:
        groups[key] = found
    return found


def _copy(text: str, page: str) -> bool:
    """``text`` (a hidden block's) is also elsewhere on the page (a print version, a copy for a share card):
    pieces of it (taken between white space, which a copy may set otherwise) are found in ``page`` (all the
    page's text, the block's included) twice."""
    pieces = [
        word[i : i + COPY_PIECE] for word in text.split() for i in range(0, len(word) - COPY_PIECE + 1, COPY_STEP)
    ][:COPY_PIECES]
    return bool(pieces) and sum(page.count(p) >= 2 for p in pieces) >= COPY_SHARE * len(pieces)


#: Pieces of a hidden block looked for elsewhere on the page: their length, their spacing, how many at
#: most, and the share that must be found twice for the block to be a copy.
COPY_PIECE = 12
COPY_STEP = 40
COPY_PIECES = 20
COPY_SHARE = 0.5


#: A hidden block kept as article text (see :func:`_is_article`): at most this share of link text and at least
#: this many punctuation marks, and this long when its own id/class says content, or this long inside a
#: container whose id/class says so.
HIDDEN_TEXT_LINKS = 0.1
#: A hidden element holding the headline and most of the page's running text is the page when at most this
#: share of its text is links (a link farm is mostly links).
HIDDEN_PAGE_LINKS = 0.6
HIDDEN_TEXT_PUNCT = 5
#: A hidden block kept for holding most of the page's text has a sentence end to every this many text characters.
HIDDEN_SENTENCE_CHARS = 200
HIDDEN_ARTICLE_CHARS = 200
HIDDEN_FOLD_CHARS = 100
#: How many levels up a folded block's content-like container may be.
HIDDEN_FOLD_DEPTH = 3


def _in_content(el: lxml.html.HtmlElement) -> bool:
    node = el.getparent()
    for _ in range(HIDDEN_FOLD_DEPTH):
        if node is None or node.tag in ("body", "html"):
            return False
        if hinted(node, pt.CONTENT_HINT_RE):
            return True
        node = node.getparent()
    return False


def hidden_text(el: lxml.html.HtmlElement) -> str:
    """The text of a removed element, link titles and blocks separated by newlines."""
    parts: list[str] = []
    for node in el.iter():
        if node.tag in pt.BLOCK_TAGS or node.tag in ("a", "br"):
            parts.append("\n")
        if isinstance(node.tag, str) and node.text:
            parts.append(node.text)
        if node is not el and node.tail:
            parts.append(node.tail)
    lines = [clean_text(x) for x in "".join(parts).split("\n")]
    return "\n".join(x for x in lines if x)
