"""Patterns of the extract stage: tag sets, XPaths, regexes and Chinese boilerplate word lists.

Everything the extractor matches against lives here, as data, so that the logic in
:mod:`.dom`, :mod:`.body`, :mod:`.meta` and :mod:`.byline` stays free of literals.

>>> bool(find_boilerplate("分享到：微信 微博"))
True
>>> FILENAME_ALT_RE.match("QQ截图20201113114608") is not None
True
"""

from __future__ import annotations

import logging
import re

logger = logging.getLogger(__name__)

# --------------------------------------------------------------------------- DOM structure

#: Elements dropped with their content before anything is measured.
DROP_TAGS = (
    "script",
    "style",
    "noscript",
    "iframe",
    "object",
    "embed",
    "applet",
    "svg",
    "canvas",
    "select",
    "option",
    "button",
    "input",
    "textarea",
    "template",
    "audio",
    "video",
    "head",
    "link",
    "meta",
    "marquee",  # a scrolling bar of announcements or links (1999-2006 portals), never the story
)
DIGIT_RE = re.compile(r"\d+")
#: id/class words of a tab's panels.
TAB_HINT_RE = re.compile(r"tab", re.I)
#: An editor's note leading a story: 编者按：… 【编者的话】…
EDITOR_NOTE_RE = re.compile(r"^\s*[【\[(（]?\s*编\s*者\s*(?:按|的话|注)\s*[】\])）]?\s*[：:]?")
#: <body> and </body> tags inside raw HTML (a <noframes> holding a whole body).
BODY_TAG_RE = re.compile(r"</?body\b[^>]*>", re.I)
#: Elements that start a new text block (everything else is inline).
BLOCK_TAGS = frozenset(
    "p div section article li ul ol dl dt dd h1 h2 h3 h4 h5 h6 table tbody thead tfoot tr td th blockquote pre "
    "center header footer nav aside main figure figcaption form fieldset legend address hr body html caption "
    "details summary menu dir xmp listing plaintext".split()
)
HEADING_TAGS = frozenset("h1 h2 h3 h4 h5 h6".split())
#: Containers whose own id/class says "navigation, not article".
CHROME_TAGS = frozenset("nav header footer aside menu".split())

#: id/class words that mark the article container.
CONTENT_HINT_RE = re.compile(
    r"(?:^|[\s_-])(?:trs_editor|custom_unionstyle|js_content|rich_media_content|article[_-]?(?:content|body|text|con)?"
    r"|content|contents|post[_-]?(?:body|content)|entry[_-]?content|text|zoom|con|detail|main[_-]?(?:text|content)?"
    r"|news[_-]?(?:content|text|body|con)|body[_-]?text|artibody|article_?box|textbox|txt|cont|neirong|zw|wenzhang"
    r"|content[_-]?(?:text|main|body|box|con|detail)|detail[_-]?(?:content|text|con)|show[_-]?content|maintext"
    r"|mainbody|bodytext|ozoom|fontzoom|endtext|left_zw|read[_-]?content|newstext|newscontent|arttext|art_content)"
    r"(?:$|[\s_-])",
    re.I,
)
#: id/class words that mark page chrome (navigation, comments, related lists, share bars ...).
CHROME_HINT_RE = re.compile(
    r"(?:^|[\s_-])(?:nav|navbar|menu|footer|foot|header|head|sidebar|side|aside|breadcrumb|crumbs?|share|sharebar"
    r"|bdshare|comment|comments|pinglun|related|relate|xgxw|recommend|tuijian|hot|rank|paihang|copyright|banquan"
    r"|advert|ads?|guanggao|gg|toolbar|tools|login|search|friendlink|links|link|weizhi|location|position|tags?"
    r"|pager|page[_-]?nav|pagination|prev|next|subscribe|qrcode|erweima|footer[_-]?\w+|bottom)(?:$|[\s_-])",
    re.I,
)

#: id/class words of a story's lead or summary set in a box of its own under the headline (Baike's lemma-summary).
SUMMARY_HINT_RE = re.compile(r"(?:^|[\s_-])(?:summary|abstract|lead|zhaiyao)(?:$|[\s_-])", re.I)

#: id/class words of regions whose running text is not the article (comments, sidebars, related lists).
ASIDE_HINT_RE = re.compile(
    r"(?:^|[\s_-])(?:comments?|commentlist|cmt|pinglun|reply|replies|revert|allcomm|comm|feedback|tie|gentie|huifu|liuyan"
    r"|related|relate"
    r"|paywall|chargewall|subscribe"
    r"|xgxw|xgwz|recommend|tuijian"
    r"|sidebar|side|aside|rightbar|right[_-]?side|left[_-]?side|footer|foot|copyright|banquan|nav|menu|rank|paihang"
    r"|hot[_-]?news|sider"
    # an encyclopedia's fact box and table of contents (MediaWiki's infobox and toc, Baike's basicInfo and catalog)
    r"|infobox|basic[_-]?info|toc|catalog|navbox)(?:$|[\s_-])",
    re.I,
)

#: ... of them, the words that name a column of the layout (a CMS may name the story's own so: right_side).
SIDE_COLUMN_HINT_RE = re.compile(
    r"(?:^|[\s_-])(?:sidebar|side|aside|rightbar|right[_-]?side|left[_-]?side|sider)(?:$|[\s_-])", re.I
)

#: Inline styles that hide an element (checked on the lower-cased, space-free style).
HIDDEN_STYLE_RE = re.compile(
    r"display:none|visibility:hidden|(?:left|top|text-indent|margin-left|margin-top):-\d{3,}(?:\.\d+)?(?:px|em|pt)"
    r"|font-size:0(?:[;!]|$|px|em|pt|%)|(?:^|;)(?:height|width):0(?:px)?(?:;|!|$)(?=.*overflow:hidden)"
    r"|(?:^|;)opacity:0(?:;|!|$)|clip:rect\(0"
)
#: Substrings one of which a hiding declaration block must hold (a cheap test before the regexes).
#: White, as a colour attribute or CSS value; a colour declaration; a white background declaration.
WHITE_RE = re.compile(r"^\s*(?:#fff(?:fff)?|white|rgb\(\s*255\s*,\s*255\s*,\s*255\s*\))\s*(?:!important\s*)?$", re.I)
STYLE_COLOR_RE = re.compile(r"(?:^|;)\s*color\s*:\s*([^;]+)", re.I)
WHITE_BACKGROUND_RE = re.compile(
    r"background(?:-color)?\s*:\s*(?:#fff(?:fff)?|white|rgb\(\s*255\s*,\s*255\s*,\s*255\s*\))\s*(?:!important\s*)?(?:;|$)",
    re.I,
)
#: Sentence punctuation: white text with it is a sentence on a coloured ground set by a class, not keywords.
SENTENCE_PUNCT_RE = re.compile(r"[。！？；，、：]")
HIDING_KEYS = (":-", "font-size:0", "height:0", "width:0", "opacity:0", "clip:rect(0")
#: Same as :data:`HIDDEN_STYLE_RE` for the width/height rule in either order.
ZERO_BOX_RE = re.compile(r"(?:^|;)(?:height|width):0(?:px)?(?:;|!|$)")
OVERFLOW_HIDDEN_RE = re.compile(r"overflow:hidden")
CSS_COMMENT_RE = re.compile(r"/\*.*?\*/", re.S)
#: @media/@supports blocks (print and small-screen rules): skipped, they do not hide on the page as read.
CSS_AT_BLOCK_RE = re.compile(r"@(?:media|supports)[^{]*\{((?:[^{}]*\{[^{}]*\})*)\s*\}", re.S)
#: Declarations (in a lower-cased sheet) that show an element again: a box, visibility, a non-zero opacity (the
#: property is the group that matched).
SHOWING_DECL_RE = re.compile(
    r"(?<![\w-])(?:(display)\s*:\s*(?:block|inline-block|inline|flex|grid|table|list-item)"
    r"|(visibility)\s*:\s*visible|(opacity)\s*:\s*(?:1(?![\d.])|1\.0|0?\.[1-9]))"
)
#: The property names SHOWING_DECL_RE opens with: a sheet is searched for them with ``str.find`` and the
#: expression is tried only where one is (scanning a 300 KB sheet with it position by position takes 20 times
#: as long).
SHOWING_PROPERTIES = ("display", "visibility", "opacity")
#: Selectors simple enough to apply: tag, #id, .class, tag#id, tag.class, .a.b, and descendant chains of them.
CSS_COMPOUND_RE = re.compile(r"^([a-zA-Z][a-zA-Z0-9]*)?((?:[#.][a-zA-Z0-9_\-]+)*)$")
CSS_PART_RE = re.compile(r"[#.][a-zA-Z0-9_\-]+")

# --------------------------------------------------------------------------- text measures

#: Chinese (and ASCII sentence) punctuation that marks running text.
PUNCT_RE = re.compile(r"[，。、；：？！“”‘’（）《》…,.;:?!]")
SENTENCE_END_CHARS = frozenset("。！？!?…；;")
#: Characters counted as text: CJK ideographs and ASCII letters/digits.
TEXT_CHAR_RE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaffA-Za-z0-9]")
#: Runs of them (counted by what removing them takes away).
TEXT_RUN_RE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaffA-Za-z0-9]+")
HAN_RE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
WHITESPACE_RE = re.compile(r"[ \t\r\n\f\v\u00a0\u2002\u2003\u2009\u200b\u3000\ufeff]+")
#: str.translate table deleting zero-width characters.
ZERO_WIDTH_TABLE = dict.fromkeys([*range(0x200B, 0x2010), 0x2060, 0xFEFF])
#: The same characters as a pattern (much faster than str.translate on non-ASCII text).
ZERO_WIDTH_RE = re.compile("[\u200b-\u200f\u2060\ufeff]")

# --------------------------------------------------------------------------- boilerplate

#: A block that is page furniture when it matches (short blocks only; see body.py).
#: Boilerplate phrases anywhere in a short line (``search``; see :func:`find_boilerplate`), one expression
#: each. Written without IGNORECASE: the Latin words are spelled case by case, with the characters
#: IGNORECASE would also match (İ ı), so that every phrase opens with a literal character.
_I = "[Ii\u0130\u0131]"
BOILERPLATE_PHRASES = (
    "分享到",
    "分享至",
    "一键分享",
    "转发到",
    "扫一扫",
    "扫描二维码",
    "扫码",
    "责任编辑",
    "责编",
    "编辑：",
    "编辑:",
    "编辑/",
    "编辑／",
    "审核/",
    "审核／",
    "校对/",
    "校对／",
    r"播放[：:]\s*[\d,.]+万?次",
    r"播放量[：:]?\s*[\d,.]+",
    "版权所有",
    "版权声明",
    "版權所有",
    "版權聲明",
    "不得转载",
    "不得轉載",
    "禁止转载",
    "禁止轉載",
    "严禁转载",
    "嚴禁轉載",
    "转载请注明",
    "轉載請註明",
    f"C[Oo][Pp][Yy][Rr]{_I}[Gg][Hh][Tt]",
    f"c[Oo][Pp][Yy][Rr]{_I}[Gg][Hh][Tt]",
    "©",
    "相关新闻",
    "相关阅读",
    "相关文章",
    "相关链接",
    "延伸阅读",
    "推荐阅读",
    "热点推荐",
    "热门推荐",
    "猜你喜欢",
    "上一篇",
    "下一篇",
    "上一条",
    "下一条",
    "打印本页",
    "打印此页",
    "【打印】",
    "关闭窗口",
    "【关闭】",
    r"字体[：:]?\s*[【\[]?\s*大",
    r"【\s*大\s*中\s*小\s*】",
    "字号[：:]",
    "收藏本页",
    "加入收藏",
    "设为首页",
    "我要纠错",
    "我要评论",
    "发表评论",
    "网友评论",
    r"评论\(",
    "参与讨论",
    "点击数[：:]",
    "浏览次数",
    "阅读次数",
    "访问量[：:]",
    r"点击[：:]\s*\d",
    "点击量",
    "返回顶部",
    "返回首页",
    "免责声明",
    "投稿邮箱",
    "联系我们",
    "关于我们",
    "网站地图",
    "I[Cc][Pp][备证]",
    "i[Cc][Pp][备证]",
    "\u0130[Cc][Pp][备证]",
    "\u0131[Cc][Pp][备证]",
    "公网安备",
    "京公网",
    "违法和不良信息",
    "不良信息举报",
    "客户端下载",
    "下载客户端",
    "关注我们",
    "微信公众号",
    "手机看新闻",
    "主办单位[：:]",
    "承办单位[：:]",
    "技术支持[：:]",
    "网站标识码",
    r"下载[“\"]?\S{1,8}?[”\"]?客户端",
    "【纠错】",
    r"\[纠错\]",
    "【我要打印】",
    "【关闭窗口】",
    "点赞",
    r"赞\(\d",
    "阅读原文",
    "Trackback",
    "TrackBack",
    "trackback",
    "引用通告",
    "引用地址",
    "您的浏览器不支持",
    "視頻加載中",
    "视频加载中",
    "阅读时长",
    "本文字数",
    "点个“在看”",
    "点个在看",
    "点亮“在看”",
    "请点这里",
    "原标题[：:]?$",
    "仅提供信息存储服务",
    "仅提供信息发布平台",
    "用户上传并发布",
    "Only provides information storage",
    "only provides information storage",
    "此类内容推荐",
    "此类推荐",
    f"建议[Ww]{_I}[Ff]{_I}下",
    f"建议在[Ww]{_I}[Ff]{_I}",
    "秒会员跳过广告",
    "正在为您切换",
    "上一章",
    "下一章",
    "返回目录",
    "返回书目",
    "加入书签",
    "投推荐票",
    r"上一页\s*[|｜]",
    r"\|\s*下一页",
    r"｜\s*下一页",
)


def by_first_character(phrases: tuple[str, ...]) -> str:
    r"""One alternation of ``phrases`` (regular expressions, each opening with a literal character, in the
    order given) with those that open with the same character grouped under it.

    It matches where the flat alternation matches. sre scans for the first characters either way (as long as
    every phrase opens with a literal one: a phrase opening with a class, ``[Oo]nly``, turns the scan off
    and made the flat alternation six times slower); grouped, it then tries one group where one of them
    is, not every phrase in turn, which is another 1.5 times quicker on Chinese text, full of 上, 下 and 不.

    >>> by_first_character(("上一篇", "下一篇", "上一页", r"\[纠错\]", "©"))
    '上(?:一篇|一页)|下一篇|©|\\[纠错\\]'
    """
    groups: dict[str, list[str]] = {}
    others: list[str] = []
    for phrase in phrases:
        if phrase[0] not in "\\[(.^$|" and phrase[1:2] not in ("*", "+", "?", "{"):
            groups.setdefault(phrase[0], []).append(phrase[1:])
        else:
            others.append(phrase)
    parts = [
        first + (tails[0] if len(tails) == 1 else "(?:" + "|".join(tails) + ")") for first, tails in groups.items()
    ]
    return "|".join(parts + others)


BOILERPLATE_RE = re.compile(by_first_character(BOILERPLATE_PHRASES))
#: Boilerplate at the start of a line (``match``): a 分享： bar, an advertisement's label.
BOILERPLATE_HEAD_RE = re.compile(r"\s*(?:分享[：:]|[【\[]广告[】\]]|广告\s*$)")
#: A fold toggle (收起) closing a line that does not end a sentence (``search``, where 收起 is).
FOLD_TOGGLE_RE = re.compile(r"[^。！？!?]\s*收起\s*$")


#: Player and viewer controls that make up a whole line (``match``); an encyclopedia's read-aloud button after
#: each heading (播报), its prompts to editors (本词条缺少概述图，…赶紧来编辑吧！, 本词条由…审核) and its note
#: on a synonym (同义词某某一般指…).
BOILERPLATE_LINE_RE = re.compile(
    r"(?:自动播放|正在加载|加载中|点击播放|播放视频|展开全文|展开阅读全文|查看全文|收起|查看原图|点击查看大图|上一张|下一张"
    r"|倍速|高清|标清|全屏|退出全屏|不喜欢|时长[：:]\s*\d|\d{1,2}:\d{2}\s*/\s*\d{1,2}:\d{2}$"
    r"|播报\s*(?:编辑\s*)?$|本词条(?:缺少|由)|同义词\S{1,30}一般指)"
)


#: Words that are furniture on a button or a bar (举报/反馈, 使用道具 举报) but words of a sentence too
#: (畅通投诉举报渠道): boilerplate only in a line that is not a sentence.
WEAK_BOILERPLATE_RE = re.compile(r"举报")


def find_boilerplate(text: str) -> re.Match[str] | None:
    """A boilerplate phrase in ``text``: a match starting where the first one starts (that is all callers use).

    >>> find_boilerplate("分享到：微信 微博").start(), find_boilerplate("今天天气很好。")
    (0, None)
    >>> find_boilerplate("举报/反馈").start(), find_boilerplate("下一步将畅通投诉举报渠道，保障群众安全。")
    (0, None)
    """
    found = BOILERPLATE_LINE_RE.match(text) or BOILERPLATE_HEAD_RE.match(text) or BOILERPLATE_RE.search(text)
    if "收起" in text:
        toggle = FOLD_TOGGLE_RE.search(text)
        if toggle is not None and (found is None or toggle.start() < found.start()):
            found = toggle
    if found is None and "举报" in text:
        weak = WEAK_BOILERPLATE_RE.search(text)
        if weak and not (text.rstrip()[-1:] in ("。", "！", "？") and "，" in text):
            return weak
    return found


#: Headings that start a list of other stories; what follows them in the container is not the article.
#: A related heading that heads comments (网友评论, 留言板, 跟帖): what follows it is never the story resumed.
COMMENT_HEAD_RE = re.compile(r"评论|留言|跟帖|热评|书评|comment", re.I)
#: A reply's subject line on a bulletin board: Re:<the title>, 回复：<the title>.
REPLY_SUBJECT_RE = re.compile(r"^\s*(?:re|回复|回覆)\s*[:：]", re.I)
#: A floor's number on a line of its own: 2楼, #3, 3#, 第4楼, and the first replies' nicknames 沙发, 板凳, 地板.
FLOOR_LINE_RE = re.compile(
    r"^\s*(?:#\s*\d{1,4}|\d{1,4}\s*(?:楼|#|F)|第\s*\d{1,4}\s*楼|沙发|板凳|地板|地下室)\s*$", re.I
)
#: A forum reply's quote of the post it answers: 以下是引用某某在2005-6-14 3:25:00的发言：, 引用：原帖由 某某 于
#: 2005-6-14 03:25 发表, 引用 某某 的帖子：, 引用第1楼某某于2005-06-14 03:25发表的：.
REPLY_QUOTE_RE = re.compile(
    r"^\s*[【\[]?\s*(?:以下是引用.{1,40}?的发言|(?:引用\s*[:：]?\s*)?原帖由.{1,40}?发表|引用第\d+楼.{1,40}?发表"
    r"|引用\s*\S{1,20}?\s*的帖子)"
)
#: A commenter's label at the head of a comment: 某某网广东省广州市网友:, 新浪网友, 匿名用户, 游客.
COMMENTER_RE = re.compile(r"网友|用户|游客|匿名|[iI][pP]\s*[:：]")
#: A commenter's masked IP address: 218.19.*.*
IP_MASK_RE = re.compile(r"(?<![\d.])\d{1,3}\.\d{1,3}\.(?:\*|\d{1,3})\.\*")
#: The pager line between a site's stories: 上一篇：…, 【下一篇】…, 下一条：….
PAGER_LINE_RE = re.compile(r"^\s*[【\[]?\s*(?:上一篇|下一篇|上一条|下一条|上篇|下篇)\s*(?:[】\]]\s*[：:]?|[：:]|\s|$)")
#: A wiki's section-edit link at the end of a heading: 历史[编辑], 歷史[編輯原始碼].
EDIT_LINK_RE = re.compile(r"\s*\[\s*(?:编辑|编辑源代码|編輯|編輯原始碼|edit|edit source)\s*\]\s*$", re.I)
RELATED_HEAD_RE = re.compile(
    r"^[【\[]?\s*(?:\d+\s*)?(?:相关新闻|相关阅读|相关文章|相关链接|相关报道|相关稿件|延伸阅读"
    r"|推荐阅读|热点推荐|热门推荐|猜你喜欢|猜您喜欢|更多新闻|更多阅读|相关词条"
    r"|往期回顾|往期精彩|往期推荐|往期精选|精彩回顾|精彩推荐|热门文章|热点新闻|最新新闻|今日推荐|图片新闻|新闻排行|点击排行"
    r"|热门排行|网友评论|发表评论"
    r"|评论|评论列表|最新评论|热门评论|精彩评论|全部评论|最热评论|网友热评|热评|热门跟帖|跟帖"
    r"|网友留言|留言|留言板|comments?|你可能还想看|你可能還想看|为你推荐|更多回答|其他回答|免责声明|版权声明"
    r"|关于我们|关于本站|网站简介|本站简介|读者评论|读者留言|读者书评|网友书评|书评"
    r"|為你推薦|相关推荐|相關新聞|相關閱讀|更多快讯|最新快讯|实时快讯|电报持续更新|其他\s*\d+\s*[条个]回答)"
    r"\s*[】\]]?\s*(?:[(（]\d*[)）])?\s*[：:>»]*"
    r"(?:\s*[(（]?共?\s*[\d,.]+万?\s*条(?:评论|回复|跟帖)?[)）]?(?:\s*[\d,.]+万?\s*人参与)?)?\s*$",
    re.I,
)
#: A teaser link labelled as another story inside the text: 【延伸阅读】<title>, [相关新闻]<title>.
LABELLED_TEASER_RE = re.compile(r"^\s*[【\[](?:延伸阅读|相关阅读|相关新闻|推荐阅读|相关链接|相关报道|链接)[】\]]\s*\S")
#: A link to a document file (an attachment of a notice: 附件1：名单.xls).
DOCUMENT_HREF_RE = re.compile(r"\.(?:docx?|xlsx?|pdf|wps|et|ofd|zip|rar|7z|pptx?|csv)(?:$|[?#])", re.I)
#: A link text that names an attachment: 附件 (numbered), or a file name with its extension.
ATTACHMENT_TEXT_RE = re.compile(
    r"^\s*附件\s*[0-9一二三四五六七八九十]*|\.(?:docx?|xlsx?|pdf|wps|et|ofd|zip|rar|7z|pptx?|csv)\s*$", re.I
)
#: A platform's disclaimer paragraph under a story (网易号, 百家号; and its English twin).
DISCLAIMER_RE = re.compile(
    r"^\s*[【\[]?(?:特别声明|免责声明|郑重声明|版权声明|平台声明|新浪声明|风险提示|声明|Notice|Disclaimer)[】\]]?\s*[：:]"
)
#: The label of a summary box: 摘要：, 内容摘要：, 内容提要：.
SUMMARY_LABEL_RE = re.compile(r"^\s*[【\[]?(?:内容)?(?:摘要|提要)[】\]]?\s*[：:]?\s*")
#: A cell that is only a field's label (索引号：, 发布机构：).
FIELD_LABEL_RE = re.compile(r"^[\u4e00-\u9fff]{2,8}\s*[：:]$")
#: A line that only labels the attachments below it.
ATTACHMENT_LABEL_RE = re.compile(r"^附\s*件\s*[：:]?\s*$")
#: Link texts that lead to the rest of a teaser.
MORE_LINK_RE = re.compile(
    r"^[【\[(（<]?\s*(?:详细|详情|更多|全文|阅读全文|查看全文|查看详情|阅读更多|more|»"
    r"|>>)\s*[】\])）>]?$",
    re.I,
)
#: A line a server printed into the page: a PHP/ASP error (Warning: mysql_connect(): … on line 12, Microsoft
#: OLE DB Provider … error '80004005'), or the lines of a default error page (404 Not Found, The requested URL
#: /x was not found on this server., Apache/2.0.54 (Unix) Server at … Port 80, nginx/1.18.0).
SERVER_JUNK_RE = re.compile(
    r"(?:(?:PHP )?(?:Warning|Notice|Fatal error|Parse error|Deprecated|Strict Standards|Catchable fatal error)\s*:"
    r".{0,300}\son line \d+\s*$"
    r"|Microsoft (?:OLE DB Provider|VBScript|JET Database).{0,200}(?:error|错误)\s*'[0-9a-fA-F]{8}'"
    r"|(?:40[034]|50[0234]) (?:Not Found|Forbidden|Bad Request|Internal Server Error|Bad Gateway|Service Unavailable"
    r"|Gateway Time-?out)\s*$"
    r"|Not Found\s*$|The requested URL \S+ was not found on this server\.?\s*$"
    r"|(?:Apache|nginx|Microsoft-IIS|openresty)(?:/[\d.]+)?(?: \([^)]*\))?(?: [\w/.-]+)* Server at \S+ Port \d+\s*$"
    r"|(?:nginx|openresty|Microsoft-IIS)/[\d.]+\s*$)"
)
#: A bracketed "more" link closing an entry's text: …发表重要讲话。[详细]
MORE_TAIL_RE = re.compile(
    r"(?<=[。！？”）)])\s*[【\[(（<]\s*(?:详细|详情|全文|阅读全文|查看全文|查看详情|更多)\s*[】\])）>]\s*$"
)
#: A line of article metadata (source, time, author, editor, view count ...), not body text.
META_LINE_RE = re.compile(
    r"^(?:[【\[(（]?\s*)?(?:来源|来自|稿源|出处|发布时间|发布日期|发表时间|发表日期|时间|日期"
    r"|更新时间|作者|(?:本报|本台|本刊|本网)?(?:特约|见习)?(?:记者|通讯员|实习生)|编辑|责任编辑"
    r"|责编|审核|校对|点击|浏览|阅读|字体|字号|发布者|发布人|供稿|摄影|本文来源|文章来源"
    # the credits a WeChat-style post closes with: 初审 / 终审 / 监制 / 统筹 / 美编 / 文字 ...
    r"|初审|复审|终审|一审|二审|三审|审校|审签|监制|统筹|策划|美编|主编|值班编辑|文字|摄像"
    r"|信息来源|新闻来源|稿件来源|发表于|发布于|发帖于|更新于)(?:\s*[：:／/]|\s+|$)|^文\s*[/／:：]"
)
#: Labels that also introduce a speaker in an interview (记者：…？ 答：…).
SPEAKER_LABEL_RE = re.compile(r"^[【\[(（]?\s*(?:记者|作者|编辑|主持人|本报记者|本台记者)\s*[：:]")
#: A speaker line of a transcript (在线访谈, 新闻发布会): a host or a guest, not a commenter.
HOST_LABEL_RE = re.compile(r"主持人|嘉宾|主讲人|新闻发言人")
#: A line that carries nothing but metadata fields (time + source + views ...), any order.
META_FIELDS_RE = re.compile(
    r"(?:(?:文章|本文|信息|新闻|稿件)来源|(?:发布|发表|更新|发稿)(?:时间|日期)|责任编辑|阅读次数|浏览次数|点击数"
    r"|(?<![\u4e00-\u9fff])(?:来源|来自|时间|日期|作者|编辑|点击|浏览|阅读|字体|字号|访问|发布者|查看|评论))\s*[：:]"
)


def meta_fields(text: str) -> list[str]:
    """``META_FIELDS_RE.findall(text)``: every field ends in a colon, so a line without one is not scanned."""
    if "：" not in text and ":" not in text:
        return []
    return META_FIELDS_RE.findall(text)


def has_meta_field(text: str) -> bool:
    """``META_FIELDS_RE.search(text)``, skipping lines without a colon."""
    return ("：" in text or ":" in text) and META_FIELDS_RE.search(text) is not None


def names_attachment(text: str) -> bool:
    """``ATTACHMENT_TEXT_RE.search(text)``, skipping lines with neither 附件 nor a dot."""
    return ("附件" in text or "." in text) and ATTACHMENT_TEXT_RE.search(text) is not None


#: A counter without a colon (字数 1,506, 阅读 8,921, 浏览 2.3万, 3.2万次播放) as a blog's, a portal's or a video
#: page's date line shows them.
COUNT_FIELD_RE = re.compile(
    r"(?:字数|阅读|浏览|点击|评论|点赞|喜欢|阅读量|浏览量|播放)\s*[\d,.]+万?(?!\d)"
    r"|(?<![\d.])[\d,.]+万?\s*次?(?:播放|阅读|浏览|观看)"
)
#: A time of day (14:05, 14:05:00).
CLOCK_RE = re.compile(r"(?<!\d)[0-2]?\d:[0-5]\d(?::[0-5]\d)?(?!\d)")
#: Chinese meta words that are never an author name.
NOT_NAME_WORDS = frozenset(
    "本报 本台 本网 新华社 记者 通讯员 编辑 责任编辑 实习生 见习记者 特约 摄影 报道 综合 "
    "来源 作者 发布 转载 整理 供图 图片 "
    "网友 佚名 未知 admin 管理员 本站 原创".split()
)

#: Words of metadata field labels; a "name" containing one is a label, not a person.
FIELD_WORD_RE = re.compile(
    r"浏览|点击|来源|时间|日期|编辑|字体|字号|次数|阅读|发布|审核|责任|摄影|通讯|记者|作者|供稿"
    r"|单位|部门"
)

# --------------------------------------------------------------------------- titles

#: Separators between a headline and the site/column names in <title>.
TITLE_SEP_RE = re.compile(r"\s*(?:_+|\|+|｜|\s[-–—]{1,2}\s|\s?--\s?|\s·\s|—\s|-\s(?=\S))\s*")
#: Site-name words: a <title> part containing one is a site or column name, not the headline.
SITE_WORDS_RE = re.compile(
    r"(?:网|報|报|新闻|新聞|频道|頻道|门户|平台|中心|政府|官网|在线|日报|晚报|电视台|广播|客户端|网站|网络版"
    r"|Online|News|\.com|\.cn)$",
    re.I,
)
#: Names of a site's columns, which a <title> may give instead of the headline.
COLUMN_NAME_RE = re.compile(
    r"(?:图片|视频|本地|国内|国际|社会|时政|综合|县区|乡镇|部门|今日|最新)?新闻|要闻|动态|工作动态|政务动态|通知公告|公告|公示"
    r"|图片|视频|专题|正文|详情|详细内容|内容页|文章|信息|首页|列表|新闻中心|新闻详情|文章详情|信息公开"
)
#: A site name glued to the headline by a bare hyphen: "标题-搜狐财经".
TIGHT_SUFFIX_RE = re.compile(
    r"[-－—_|｜]\s*[^-－—_|｜\s]{1,10}"
    r"(?:网|網|新闻|新聞|频道|頻道|财经|日报|晚报|在线|官网|门户|Online|\.com|\.cn)$",
    re.I,
)
#: Site and column names glued before the headline: "中国新闻网-北京…", "南方网：省劳动保障厅…",
#: "新闻中心-国内新闻-北京前三季度GDP增长".
TIGHT_PREFIX_RE = re.compile(
    r"^(?:[^-－—_|｜:：\s]{1,12}?(?:网|網|新闻|新聞|中心|频道|頻道|在线|日报|晚报|网络版|网站|门户|国际)\s*[-－—:：]\s*)+"
)
#: Elements that may hold the headline.
TITLE_XPATH = (
    "//h1|//h2|//*[contains(@class,'title') or contains(@id,'title')"
    " or contains(@class,'Title') or contains(@id,'Title')]"
)
#: A leading 【column】 tag of a headline.
COLUMN_TAG_RE = re.compile(r"^\s*[【\[]([^【】\[\]]{1,30})[】\]]\s*")
#: Lead tags that introduce a summary or note, not a source.
NOT_SOURCE_TAG_RE = re.compile(
    r"摘要|导读|导语|编者按|编者的话|核心提示|提要|提示|按语|前言|引言"
    r"|背景|链接|详情|图|视频|组图|独家|快讯|速览"
)
#: A leading 【source】 lead tag of a first paragraph, e.g. 【连网】.
LEAD_TAG_RE = re.compile(r"^\s*[【\[]([^【】\[\]]{1,20})[】\]]\s*")

# --------------------------------------------------------------------------- metadata

#: <meta> names/properties that carry the publication time, best first.
DATE_META_NAMES = (
    "article:published_time",
    "og:article:published_time",
    "og:published_time",
    "published_time",
    "pubdate",
    "publishdate",
    "publish_date",
    "publish-date",
    "publishtime",
    "publish_time",
    "pubtime",
    "datepublished",
    "dc.date.issued",
    "dcterms.issued",
    "sailthru.date",
    "article_date_original",
    "original-publish-date",
    "weibo:article:create_at",
    "firstpublishedtime",
    "releasedate",
    "og:release_date",
    "itemprop:datepublished",
    "contentpubdate",
    "apub:time",
)
#: JSON-LD's datePublished: after the dates shown by the headline (sites write it in UTC without saying so).
DATE_LD_NAMES = ("ld:datepublished",)
#: Generic <meta> dates (may be the page's, not the article's): used after the visible date.
DATE_META_GENERIC = ("date", "dc.date", "dcterms.created", "created", "createdate", "dcterms.date")
#: When the page was last changed: the last resort (a page without any other date; 百家号 shows "08-23 09:41").
DATE_MODIFIED_NAMES = ("dateupdate", "datemodified", "article:modified_time", "og:updated_time", "lastmodified")
#: <meta> names that carry the source (来源) of the article.
SOURCE_META_NAMES = ("contentsource", "source", "og:article:source", "article:source", "mediaid", "sitename_source")
#: <meta> names that carry the author(s).
AUTHOR_META_NAMES = ("author", "article:author", "og:article:author", "dc.creator", "byl", "authors")
#: <meta> names that carry the column (栏目).
COLUMN_META_NAMES = ("columnname", "column", "article:section", "og:article:section", "catalogname", "channel")

#: A full date, numeric or with 年月日, with an optional time.
DATE_RE = re.compile(
    r"(?<!\d)((?:19|20)\d{2})\s*(?:[-/.]|年)\s*(\d{1,2})\s*(?:[-/.]|月)\s*(\d{1,2})(?!\d)\s*日?"
    r"(?:\s*(?:T|\s|&nbsp;|-(?=\d{1,2}[:：]))?\s*(\d{1,2})\s*[:：时]\s*(\d{1,2})"
    # a zone only after seconds (ISO 8601): "10:30-11:30" is a range, gov.cn's "2024-03-12-19:00:01" a time
    r"(?:\s*[:：分]\s*(\d{1,2})(?:\.\d+)?(?:\s*(Z|[+-]\d{2}:?\d{2}))?)?)?"
)
#: A line that is nothing but a date and time (a post's time stamp).
BARE_DATE_RE = re.compile(
    r"^[\[(（【]?\s*(?:19|20)\d{2}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?"
    r"\s*(?:(?:星期|周|週|礼拜)[一二三四五六日天])?\s*(?:上午|下午|早上|晚上|凌晨|中午|AM|PM)?"
    r"(?:\s*\d{1,2}\s*[:：]\s*\d{1,2}(?:\s*[:：]\s*\d{1,2})?)?\s*(?:AM|PM)?"
    # a diary's heading goes on with the day of the week and the weather: 星期二 晴转多云
    r"(?:\s*(?:星期|周|週|礼拜)[一二三四五六日天])?(?:\s*[晴阴雨雪云雾霾风转多小中大暴雷阵有]{1,8})?\s*[\])）】]?$"
)
#: A byline of a source's name and a time stamp, without labels: 某某网 2024-11-20 10:05.
SOURCE_STAMP_RE = re.compile(
    r"^(?:原创\s*)?[\u4e00-\u9fffA-Za-z·\s]{2,16}?\s*(?:19|20)\d{2}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?"
    r"\s*\d{1,2}\s*[:：]\s*\d{2}(?:\s*[:：]\s*\d{2})?(?:\s*发表于\s*[\u4e00-\u9fff]{1,8})?$"
)
#: A paragraph that introduces a table of data below it: 名单如下：, 见下表, 附表, 一览表, or a closing colon.
TABLE_CUE_RE = re.compile(r"如下|以下|下表|附表|名单|名录|一览表|统计表|情况表|明细表|[：:]\s*$")
#: The header of a post on a 2000s bulletin board (水木, 未名): 发信人: 某某 (昵称), 信区: 版名.
BBS_HEADER_RE = re.compile(r"^\s*发信人\s*[:：].{1,60}?信区\s*[:：]")
#: Words of a forum post's header line (作者：某某 发表时间：…, 沙发 某某 发表于 …): a stamped line holding one heads a
#: post, not an entry of a timeline in a story.
POST_HEADER_RE = re.compile(r"作者|发表于|发表时间|发帖|回复日期|回复时间|回帖|楼主|沙发|板凳|地板|\d+\s*[楼#]|发信人")
#: The date line that closes a notice: 2022年1月27日 (no time).
SIGNATURE_DATE_RE = re.compile(r"^\s*(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*$")
#: The issuing body that signs a notice: 某某人民政府, 某某公司董事会, 某某办公室 ...
SIGNATURE_ORG_RE = re.compile(
    r"^[\u4e00-\u9fff（）()]{2,28}(?:人民政府|政府办公室|办公厅|办公室|委员会|董事会|监事会|公司|集团|局|厅|委|院|所"
    r"|中心|协会|学会|联合会|研究会|大学|学院|学校|医院|支队|大队|指挥部|领导小组)$"
)
#: A US-style date: 9/17/2004 5:54:13 AM.
DATE_US_RE = re.compile(
    r"(?<![\d/])(\d{1,2})/(\d{1,2})/((?:19|20)\d{2})(?![\d/])(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AP]M)?)?", re.I
)
#: An English date with the month's name: May 16, 2023 / 16 May 2023 (an English page of a Chinese site).
MONTHS = {
    m: i for i, m in enumerate(("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1)
}
DATE_EN_RE = re.compile(
    r"\b(?:(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?"
    r"|(\d{1,2})(?:st|nd|rd|th)?\s+(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?,?)\s+((?:19|20)\d{2})\b",
    re.I,
)
#: A date in the Republic of China calendar (Taiwan): 民國112年5月16日, 中華民國94年7月1日 (the year plus 1911).
DATE_ROC_RE = re.compile(r"民國\s*(\d{2,3})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
#: A date in Chinese numerals (a notice's 落款): 二〇一一年八月十日, 二○○五年七月十二日.
DATE_HAN_RE = re.compile(
    r"([〇○零一二三四五六七八九]{4})\s*年\s*([一二三四五六七八九十]{1,2})\s*月\s*([一二三四五六七八九十]{1,3})\s*日"
)
#: A label in front of the publication time.
DATE_LABEL_RE = re.compile(
    r"(?:发布时间|发布日期|发表时间|发表日期|发稿时间|出版日期|刊发时间|时间|日期|更新时间|发表于|发布于|发帖于|写于|更新于|发帖时间"
    r"|publish(?:ed)?\s*(?:at|on|time)?|posted\s*(?:at|on)?)"
    r"\s*[：:]?\s*$",
    re.I,
)
#: A site's top bar that shows today's date (今天是：2024年5月12日 星期日 农历四月初五, 当前时间：…): never the story's.
TODAY_LINE_RE = re.compile(r"今天是|今日[是：:]|当前(?:日期|时间)\s*[：:]|现在(?:是|时间)\s*[：:]?")
#: The labels of DATE_LABEL_RE that name the publication (not the writing or an update).
PUBLISH_LABEL_RE = re.compile(r"发布|发表|发稿|刊发|出版|publish|posted", re.I)
#: Dates in URLs: /2020/1113/, /202011/13/, /2020-11/13/, t20201113_, /20201113/.
URL_DATE_RES = (
    re.compile(r"(?<!\d)((?:19|20)\d{2})[/_-](\d{2})[/_-]?(\d{2})(?!\d)"),
    re.compile(r"(?<!\d)((?:19|20)\d{2})(\d{2})[/_-](\d{2})(?!\d)"),
    re.compile(r"(?:^|[/_t])((?:19|20)\d{2})(\d{2})(\d{2})(?:[/_]|\d{2,}|\.)"),
)
#: "published at 2005-03-21 11:21:30" comments left by some CMSs.
#: (Written out case by case, with the characters IGNORECASE would also match (İ ı ſ), so that each
#: alternative starts with a literal and sre scans for those four letters instead of trying the
#: pattern at every position of the page: the same matches, many times faster.)
_PUBLISHED_AT = "[Uu][Bb][Ll][Ii\u0130\u0131][Ss\u017f][Hh](?:[Ee][Dd])?\\s+[Aa][Tt]\\s+"
_ENPPROPERTY = "[Nn][Pp][Pp][Rr][Oo][Pp][Ee][Rr][Tt][Yy]\\s*<[Dd][Aa][Tt][Ee]>"
COMMENT_DATE_RE = re.compile(
    f"(?:P{_PUBLISHED_AT}|p{_PUBLISHED_AT}|E{_ENPPROPERTY}|e{_ENPPROPERTY})"
    r"((?:19|20)\d{2}-\d{1,2}-\d{1,2}(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?)"
)

#: 来源：xxx in a meta line (value up to the next field label or a wide gap).
SOURCE_RE = re.compile(
    r"(?:来源|稿源|来自|出处|本文来源|文章来源|信息来源)\s*[：:]\s*[【\[]?\s*([^\s【】\[\]|｜:：]{2,30}?)"
    r"(?=\s*[】\]]?\s*(?:$|\s{1,}|作者|记者|编辑|责任编辑|发布|时间|日期|点击|浏览|阅读|[|｜]|(?:19|20)\d{2}))"
)
#: 作者：/记者：/通讯员：/文/ names in a meta line.
AUTHOR_RE = re.compile(
    r"(?<!责任)(?<!责)(?:作者|记者|通讯员|撰稿|撰文|文\s*/|文／|本报记者|本台记者|特约记者"
    r"|见习记者|实习生)\s*[：:／/]?\s*"
    r"((?:[\u4e00-\u9fff·]{2,4}(?:[\s、，,和及]+|$|(?=[^\u4e00-\u9fff])))+)"
)
#: A closing byline in parentheses at the end of the last paragraph: (李明蔚), （记者 张三 李四）.
CLOSING_BYLINE_RE = re.compile(
    r"[（(]\s*((?:(?:本报)?(?:记者|通讯员|实习生|见习记者|作者|文|编辑|撰稿|摄影|图|文/图|文／图)\s*[：:/／]?\s*)?"
    r"[\u4e00-\u9fff]{2,4}(?:\s*[\s、，,]\s*(?:(?:记者|通讯员|实习生)\s*)?[\u4e00-\u9fff]{2,4}){0,5})\s*[）)]\s*$"
)
BYLINE_ROLE_RE = re.compile(
    r"(?:本报|本台)?(?:记者|通讯员|实习生|见习记者|作者|文/图|文／图|文|编辑|撰稿|摄影"
    r"|图)\s*[：:/／]?"
)
NAME_SPLIT_RE = re.compile(r"[\s、，,和及]+")
NAME_RE = re.compile(r"^[\u4e00-\u9fff]{2,4}$")

# --------------------------------------------------------------------------- images and captions

#: An alt/title that is a file name or camera counter, not a description.
FILENAME_ALT_RE = re.compile(
    r"^(?:\d{5,}|QQ截图\d*|QQ截圖\d*|微信图片_?\w*|微信圖片_?\w*|image\d*|img_?\d*|IMG_?\d+|DSC_?\d+|DSCN?\d+|P\d{6,}|"
    r"截图\d*|屏幕截图.*|未标题-?\d*|无标题.*|\w+\.(?:jpe?g|png|gif|bmp|webp|tiff?)|[0-9a-f]{16,}|[\w-]{20,}|图片|图像|"
    r"photo|picture|pic\d*|null|undefined|logo)$",
    re.I,
)
#: id/class words of a caption element.
CAPTION_HINT_RE = re.compile(
    r"caption|pic_?txt|pictext|imgtxt|img_?desc|pic_?desc|picture_?text|tuzhu|photo_?text|zhu"
    r"|desc",
    re.I,
)
#: A line that says it is a caption: 图为…, 图片来源…, 资料图…, 图：…, 摄影：…
CAPTION_LEAD_RE = re.compile(
    r"^\s*[◎●▲△↑]?\s*(?:[图圖][为為片]|图片来源|圖片來源|资料图|資料圖|[图圖]\s*[:：/]|摄影?\s*[:：])"
)
#: A photographer's credit closing a caption: …发表重要讲话。新华社记者 谢环驰 摄, （张三 摄）, 记者 李四/摄.
PHOTO_CREDIT_RE = re.compile(
    r"(?:记者|通讯员|摄影师|摄影记者|[通特]约摄影|^|[\s。，：:（(])\s*[\u4e00-\u9fff·]{2,5}(?:\s+[\u4e00-\u9fff·]{2,5})?(?<![拍航])\s*[/／]?\s*摄\s*[）)]?\s*$"
)
#: A dateline opening the story (本报讯, 新华社北京11月13日电, XX 10月14日报道): text, not a caption.
DATELINE_RE = re.compile(r"^(?:本报讯|本台讯|新华社|中新社|中新网)|(?:报道|讯|电)\s*[）)]?\s*$")
#: A story's opening dateline (新华社上海11月30日电, 本报北京6月11日讯, 中新网12月1日电, 本报讯).
DATELINE_OPEN_RE = re.compile(
    r"^\s*(?:本报讯|本台讯|本网讯|央视网消息|(?:新华社|中新社|中新网|本报|本台|本网)?\S{0,12}?\d{1,2}月\d{1,2}日(?:电|讯)(?=[\s（(：:—－]|$))"
)
#: A gallery's picture counter opening a line: 1/6, (2/6), 3 / 6.
GALLERY_COUNTER_RE = re.compile(r"^\s*[（(]?\s*(\d{1,3})\s*/\s*(\d{1,4})")
#: A numbered section heading: 一、… (二)… 第三部分… 4.…
SECTION_NUMBER_RE = re.compile(
    r"^\s*(?:[一二三四五六七八九十]{1,3}\s*[、.．]|[（(]\s*[一二三四五六七八九十\d]{1,3}\s*[)）]"
    r"|第[一二三四五六七八九十\d]{1,3}[部章节篇]|\d{1,2}\s*[、．])"
)
#: A caption line wrapped in parentheses: (设立科技镇长大讲堂).
PAREN_CAPTION_RE = re.compile(r"^\s*[（(]([^（()）]{2,80})[）)]\s*$")
#: Image sources that are page decoration, not article pictures.
DECOR_IMG_RE = re.compile(
    r"(?:logo|icon|spacer|blank|pixel|banner|button|btn|arrow|dot\.|line\.|bg[_.]|share|qrcode|erweima|weixin|ewm|"
    r"\.gif$|/ad[s/_]|count|stat|loading)",
    re.I,
)
LAZY_SRC_ATTRS = ("data-src", "data-original", "data-lazy-src", "data-url", "original", "src2", "file", "src")

#: An XML declaration with an encoding, which lxml refuses on str input.
XML_DECL_RE = re.compile(r"^\s*<\?xml[^>]*\?>", re.I)
#: The CleanEval-style wrapper some saved pages carry: <text id="URL" title="...">.
WRAPPER_URL_RE = re.compile(r"^\s*<text\s+id=\"([^\"]+)\"", re.I)
