"""Extract-stage rules one at a time: title suffixes, date formats, URL dates, bylines, text dumps and the seed.

Cases are data in fixtures/extract/*.json; the seed runs through extract_text, the real
scrub stage and bylines, as the pipeline does.
"""

from __future__ import annotations

import html
import json
from pathlib import Path

import pytest

from cleaning.config import CleanConfig
from cleaning.extract import bylines, extract_html, extract_text
from cleaning.extract import patterns as pt
from cleaning.extract.meta import date_positions, find_date, labelled_date, strip_site_suffix, url_date
from cleaning.scrub import scrub
from cleaning.values import CAPTION, Article, Block, Flag

from .conftest import FIXTURES, SEED_TXT

HERE = FIXTURES / "extract"


def _cases(name: str) -> list[dict]:
    return json.loads((HERE / name).read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", _cases("titles.json"), ids=lambda c: c["raw"][:12])
def test_title_suffix_is_stripped(case: dict) -> None:
    assert strip_site_suffix(case["raw"]) == case["want"]


@pytest.mark.parametrize("case", _cases("dates.json"), ids=lambda c: c["text"][:16])
def test_date_formats(case: dict) -> None:
    assert find_date(case["text"]) == case["want"]


@pytest.mark.parametrize("case", _cases("url_dates.json"), ids=lambda c: c["url"][-24:])
def test_url_dates(case: dict) -> None:
    assert (url_date(case["url"]) or "")[:10] == (case["want"] or "")


def test_meta_date_beats_footer_date() -> None:
    page = (
        '<html><head><meta name="PubDate" content="2020-11-13 09:00"><title>某某_某某网</title></head>'
        "<body><h1>某某</h1><p>今天，会议召开。</p><div>2019-01-01 版权所有</div></body></html>"
    )
    assert (extract_html(page).published_at or "")[:10] == "2020-11-13"


def test_date_near_the_title_beats_dates_in_the_body() -> None:
    page = (
        "<html><head><title>市里召开会议_某某网</title></head><body><h1>市里召开会议</h1>"
        "<div>2020-11-13 10:30 来源：某某日报</div><div class=content><p>2019年5月1日，会议首次召开，今年是第二次。</p>"
        "<p>会议认为，各项工作进展顺利，成效明显。</p></div><div>2018-01-01</div></body></html>"
    )
    assert extract_html(page).published_at == "2020-11-13T10:30:00+08:00"


_LD_DATE = (
    '<script type="application/ld+json">{"@type": "NewsArticle", "datePublished": "2023-10-18T20:00:00"}</script>'
)


def test_json_ld_date_when_the_page_shows_none() -> None:
    page = (
        f"<html><head><title>市里召开会议_某某网</title>{_LD_DATE}</head><body><h1>市里召开会议</h1>"
        "<div class=content><p>会议认为，各项工作进展顺利，成效明显。</p></div><div>版权所有 2019</div></body></html>"
    )
    assert extract_html(page).published_at == "2023-10-18T20:00:00+08:00"


def test_date_by_the_headline_beats_json_ld() -> None:
    """A site's JSON-LD may give UTC without saying so (20:00 on the 18th is 04:00 on the 19th in Beijing)."""
    page = (
        f"<html><head><title>市里召开会议_某某网</title>{_LD_DATE}</head><body><h1>市里召开会议</h1>"
        "<div>发布时间：2023-10-19 04:00</div><div class=content><p>会议认为，各项工作进展顺利，成效明显。</p></div>"
        "</body></html>"
    )
    assert extract_html(page).published_at == "2023-10-19T04:00:00+08:00"


def test_url_date_is_the_fallback() -> None:
    art = extract_html("<p>今天，会议召开，各方参加。</p>", url="http://x.example/2020/1113/1.html")
    assert (art.published_at or "")[:10] == "2020-11-13"


@pytest.mark.parametrize("case", _cases("bylines.json"), ids=lambda c: c["name"])
def test_bylines(case: dict) -> None:
    art = bylines(Article(blocks=tuple(Block(t) for t in case["blocks"])))
    assert art.title == case["title"]
    assert art.column == case["column"]
    assert art.source_name == case["source_name"]
    assert list(art.authors) == case["authors"]
    if "first_block_contains" in case:
        assert case["first_block_contains"] in art.blocks[0].text


def test_bylines_moves_flags_with_the_text() -> None:
    blocks = (Block("市里召开会议"), Block("【连网】近日,会议召开,亂碼在此。"))
    start = blocks[1].text.index("亂碼")
    art = Article(blocks=blocks, flags=(Flag("mojibake", "garbled", block=1, start=start, end=start + 2),))
    out = bylines(art)
    (flag,) = out.flags
    assert flag.block == 0
    assert out.blocks[0].text[flag.start : flag.end] == "亂碼"


def test_extract_text_gives_one_block_per_line() -> None:
    art = extract_text("  第一行  \n\n\n第二行\r\n   \n第三行")
    assert [b.text for b in art.blocks] == ["第一行", "第二行", "第三行"]
    assert art.title is None


@pytest.fixture(scope="module")
def seed(shared: Path) -> Article:
    art = extract_text(SEED_TXT.read_text(encoding="utf-8"))
    return bylines(scrub(art, CleanConfig(entities=False)))


def test_seed_title(seed: Article) -> None:
    assert seed.title is not None and "連云港開發區用好科技鎮長" in seed.title
    assert not seed.title.startswith("【")


@pytest.mark.parametrize(
    ("field", "want"),
    [("column", ("新時代 新作為 新篇章", "新时代 新作为 新篇章")), ("source_name", ("連網", "连网"))],
)
def test_seed_tags(seed: Article, field: str, want: tuple[str, ...]) -> None:
    assert getattr(seed, field) in want


def test_seed_authors(seed: Article) -> None:
    assert list(seed.authors) == ["李明蔚"]


def test_seed_text(seed: Article) -> None:
    text = "\n".join(b.text for b in seed.blocks if b.kind != CAPTION)
    assert "近日,筆者從連云港市開發區獲悉" in text
    assert "進入快車道" in text
    assert "【連網】" not in text


def _body(html: str) -> list[tuple[str, str]]:
    return [(b.kind, b.text) for b in extract_html(html).blocks]


def test_full_sentence_under_a_picture_is_text_and_a_short_label_a_caption() -> None:
    page = (
        "<title>河北遵化：数字农机助力农业生产_某某网</title><div class=content>"
        '<p><img src="/a.jpg"></p><p>5月13日，在河北省遵化市东新庄镇一家庭农场，无人驾驶农机在播种玉米。</p>'
        "<p>眼下，植保无人机、无人驾驶农机等在田间地头忙碌，助力农业生产，促进农民增收。</p>"
        '<p><img src="/b.jpg"></p><p>无人机植保作业</p>'
        "<p>近年来，当地积极推行农机无人驾驶耕种和无人机植保作业等数字农机服务工作。</p></div>"
    )
    blocks = _body(page)
    assert ("paragraph", "5月13日，在河北省遵化市东新庄镇一家庭农场，无人驾驶农机在播种玉米。") in blocks
    assert (CAPTION, "无人机植保作业") in blocks


def test_video_player_furniture_is_dropped() -> None:
    page = (
        "<title>访谈节目今晚播出_某某网</title><div class=content><div>00:00/00:00</div><div>倍速</div>"
        "<div>时长：01:45建议WIFI下打开</div><p>以光影之名，探寻首都文化魅力。今晚22点起，系列访谈节目将陆续播出，"
        "几位电影人将讲述他们的成长故事和艺术生涯，一起期待吧！</p></div>"
    )
    text = "\n".join(t for _, t in _body(page))
    assert "以光影之名" in text
    assert "00:00" not in text and "建议WIFI" not in text


def test_label_lines_stay_meta_but_speech_after_a_label_is_text() -> None:
    from cleaning.extract.body import is_meta_line

    assert is_meta_line("记者 张三 李四")
    assert is_meta_line("作者：王五")
    assert is_meta_line("发表于 2023-06-01 10:12:13")
    assert is_meta_line("本报记者 王燕平 方云凤") and is_meta_line("本报实习生 刘国栋")
    assert not is_meta_line("备注：销售时间：5月12日-5月18日 使用时间：5月17日—19日；适用人群：2名成人")
    assert not is_meta_line("记者：首先欢迎你接受我们的采访，请问你怎样看待补贴问题？")


def test_a_subheading_in_h1_among_the_paragraphs_does_not_end_the_story() -> None:
    page = (
        "<title>关于加强安全生产工作的意见_某某县人民政府</title><h1>关于加强安全生产工作的意见</h1>"
        "<div class=zw><p>为进一步加强安全生产工作，有效防范和遏制各类事故发生，现提出如下意见。</p>"
        "<h1>二、加强组织领导确保工作落实</h1><p>2023年6月1日起，各单位要建立健全安全生产责任制，层层压实责任。</p>"
        "<p>各乡镇要加强巡查，及时发现和处置各类隐患，确保安全生产形势稳定。</p></div>"
    )
    text = "\n".join(t for _, t in _body(page))
    assert "层层压实责任" in text and "确保安全生产形势稳定" in text


def test_a_summary_and_a_tool_bar_above_the_body_do_not_replace_it() -> None:
    body = "".join(
        f"<p>第{i}段，今年以来，全县上下坚持稳中求进工作总基调，扎实推进各项工作，经济社会发展取得新成效。</p>"
        for i in range(6)
    )
    page = (
        "<title>全县经济运行稳中向好_某某新闻网</title><h1>全县经济运行稳中向好</h1>"
        "<div class=summary>摘要：今年前三季度，全县地区生产总值同比增长6.5%，主要经济指标保持平稳增长。</div>"
        "<div class=tools><span>评论</span><span>分享</span><span>收藏</span></div>"
        f"<div class=article>{body}</div>"
    )
    text = "\n".join(t for _, t in _body(page))
    assert "第0段" in text and "第5段" in text


def test_a_schedule_of_dated_lines_among_the_paragraphs_is_not_taken_for_comments() -> None:
    intro = "".join(
        f"<p>第{i}段，本届联赛将于下月在市体育中心举行，共有八支球队参赛，比赛采用单循环赛制，欢迎市民到场观赛。</p>"
        for i in range(3)
    )
    games = "".join(f"<p>2023-06-0{i} 19:30 第{i}场 红队对蓝队</p><p>地点：市体育中心{i}号场</p>" for i in range(1, 5))
    page = f"<title>市足球联赛赛程公布_某某网</title><h1>市足球联赛赛程公布</h1><div class=content>{intro}{games}</div>"
    text = "\n".join(t for _, t in _body(page))
    assert "第4场 红队对蓝队" in text and "第2段" in text


#: Every rule of a sheet, as the CSS grammar's simplest reading has it: selectors { declarations }.
_RULE_RE = __import__("re").compile(r"([^{}]+)\{([^{}]*)\}")


@pytest.mark.parametrize(
    "sheet",
    [
        ".a{color:red} .b{display:none} #c { DISPLAY : None } .d{margin:-10px}",
        "div.x li ul{height:0;overflow:hidden}\n.y{visibility:\thidden}",
        "{display:none} .lost{ display:none }",  # a block with no selector is no rule
        ".a{b{display:none}} .c{opacity:0}",  # a stray brace
        ".a:hover{color:red}.nav-left:-x{width:0}",  # a key inside a selector hides nothing
        ".wide{font-size:0px}.clip{clip:rect(0 0 0 0)}.keep{font-size:12px}",
        "",
    ],
)
def test_hiding_rules_are_those_of_every_rule_that_hides(sheet: str) -> None:
    """Rules found from their hiding keys are exactly the rules that hide, in sheet order."""
    from cleaning.extract.dom import _rules_with_hiding_keys, style_hides

    every = [(sel, body) for sel, body in _RULE_RE.findall(sheet) if style_hides(body)]
    assert [(sel, body) for sel, body, _ in _rules_with_hiding_keys(sheet) if style_hides(body)] == every


@pytest.mark.parametrize(
    ("sheet", "shown"),
    [
        (".tabs>.pane{display:none}.tabs>.active{display:block}", True),  # as specific, later
        (".tabs>.active{display:block}.tabs>.pane{display:none}", False),  # as specific, earlier
        (".fade{opacity:0}.fade.in{opacity:1}", True),  # more specific
        (".pane.active{display:none}.pane{display:block}", False),  # less specific
        (".pane{display:none!important}.tabs .pane.active{display:block}", False),  # !important holds
        (".pane{left:-9999px;position:absolute}.pane.active{display:block}", False),  # off-screen stays
        (".pane{display:none}.pane.active{opacity:1}", False),  # another property
        (".pane{display:none}.tabs .pane.active{display:block}", True),
    ],
)
def test_a_rule_that_shows_again_beats_a_hiding_rule_by_the_cascade(sheet: str, shown: bool) -> None:
    from cleaning.extract.dom import hidden_elements, parse

    pane = "<div class='pane active'>正文第一句，第二句。第三句。</div>"
    doc = parse(f"<style>{sheet}</style><div class=tabs>{pane}</div>")
    hidden = {el.get("class") for el, _ in hidden_elements(doc)}
    assert ("pane active" not in hidden) is shown


def test_a_hidden_link_list_is_not_shown_again() -> None:
    """Only running text is looked at for a rule that shows it again: a hidden list of links stays hidden."""
    from cleaning.extract.dom import hidden_elements, parse

    links = "".join(f"<a href=/{k}>链接{k}</a>" for k in range(5))
    doc = parse(f"<style>.seo{{display:none}}div.seo.box{{display:block}}</style><div class='seo box'>{links}</div>")
    assert [el.get("class") for el, _ in hidden_elements(doc)] == ["seo box"]


def test_bare_tag_selector_hides_only_under_its_anchor() -> None:
    page = (
        "<style>.menu li ul{display:none}</style><body><div class=menu><ul><li>首页<ul><li>子栏目</li></ul>"
        "</li></ul></div><div class=content><ul><li>正文列表，第一项内容。</li></ul>"
        "<p>今天，天气很好。我们去公园散步，看到了很多花，大家都很高兴。</p></div></body>"
    )
    art = extract_html(page)
    hidden = [r.text for r in art.removed if r.kind == "hidden_element"]
    assert hidden == ["子栏目"]
    assert "正文列表" in " ".join(b.text for b in art.blocks)


def test_an_unclosed_link_around_the_story_is_not_link_text() -> None:
    """An <a href> left open before the story nests its paragraphs inside it; a teaser card stays a link."""
    paragraphs = "".join(f"<p>第{i}段，今天我们去公园散步，看到了很多花，大家都很高兴。</p>" for i in range(1, 5))
    page = (
        "<html><head><title>公园里的花开了</title></head><body><div class=nav><a href=/>首页</a></div>"
        f"<h1>公园里的花开了</h1><div><a href=/photo/1.html>查看组图</div><div class=content>{paragraphs}</div>"
        "</body></html>"
    )
    text = "\n".join(b.text for b in extract_html(page).blocks)
    assert "第1段" in text and "第4段" in text

    from cleaning.extract.body import is_link
    from cleaning.extract.dom import parse

    card = parse("<a href=/n/1.html><h3>公园里的花开了</h3><p>今天我们去公园散步。</p></a>").find(".//a")
    assert is_link(card)
    assert not is_link(parse("<a name=zw></a>").find(".//a"))


@pytest.mark.parametrize(
    "line",
    [
        "热门评论",
        "精彩评论（12）",
        "全部评论",
        "热门跟帖",
        "更多回答",
        "其他回答（5）",
        "相关新闻：",
        "猜您喜欢",
        "相关词条",
        "最热评论共1,256条评论 38,120人参与",
        "往期推荐",
        "免责声明",
    ],
)
def test_headings_that_end_a_story(line: str) -> None:
    assert pt.RELATED_HEAD_RE.match(line)


@pytest.mark.parametrize("line", ["相关问题", "参考资料：", "注释", "评论员文章"])
def test_section_headings_that_do_not_end_a_story(line: str) -> None:
    # a notice's 相关问题 section and a poem page's 参考资料 sit between parts of the text
    assert not pt.RELATED_HEAD_RE.match(line)


def test_a_qualifier_under_the_headline_is_not_the_title() -> None:
    # an encyclopedia entry: <h1>name</h1><h2>（qualifier）</h2>, <title> = name（qualifier）_site
    html = (
        "<html><head><title>青石古镇（青石县古镇）_某某百科</title></head><body><dl><dd><h1>青石古镇</h1>"
        "<h2>（青石县古镇）</h2></dd></dl><div class='para'>青石古镇位于青石县境内，始建于北宋年间，"
        "因镇内街巷全部以青石板铺就而得名，是省级历史文化名镇。</div></body></html>"
    )
    assert extract_html(html).title == "青石古镇"


@pytest.mark.parametrize(
    "line", ["某某网 2024-11-20 10:05", "原创小江江城生活志2024-11-21 09:00发表于湖北", "机器猫 发表于 2005-11-3 20:17"]
)
def test_source_and_time_lines_are_bylines(line: str) -> None:
    assert pt.SOURCE_STAMP_RE.match(line)


def test_a_sentence_with_a_time_is_not_a_byline() -> None:
    assert not pt.SOURCE_STAMP_RE.match("我们在2024-11-20 10:05开会")


def test_story_a_script_writes_from_a_single_quoted_string() -> None:
    """``var content = '…'; document.write(content)``: escaped quotes, \\n and \\x3c resolved; the page's
    own teaser line is not what is kept."""
    paras = [
        "10月18日，记者从市交通运输局获悉，我市城区公交线网优化调整方案正式实施，新开通公交线路6条，调整线路11条。",
        "此次优化调整坚持\\'以人为本、需求导向\\'的原则，重点解决新建小区、产业园区和学校周边群众乘车难问题。",
        "调整后，城区公交站点500米覆盖率由85%提高到93%，平均换乘次数明显减少，市民出行更加方便快捷。",
        "据悉，下一步，我市还将根据运营情况适时对线路进行评估和微调，同时加快推进公交场站建设，提升服务水平。",
        "市民可通过“某某公交”手机应用或拨打服务热线查询线路调整的详细信息，也可在各公交站点查看公告。",
    ]
    literal = "".join(f"\\x3cp>{p}\\x3c/p>\\n" for p in paras)
    page = (
        "<html><head><title>城区公交线网优化调整_某某网</title></head><body><h1>城区公交线网优化调整</h1>"
        f"<div id=c></div><script>var content = '{literal}'; document.write(content);</script>"
        "<div class=footer>版权所有 某某网</div></body></html>"
    )
    art = extract_html(page)
    assert len(art.blocks) == 5
    assert art.blocks[1].text.startswith("此次优化调整坚持'以人为本")
    assert all("\\x3c" not in b.text and "<p>" not in b.text for b in art.blocks)


@pytest.mark.parametrize(
    ("line", "furniture"),
    [
        ("分享：微信 微博 播放：7023次", True),
        ("播放量：1.2万", True),
        ("分享到：微信 微博", True),
        ("大家纷纷分享：这是好事。", False),
        ("今天，他在会上分享：创新很重要。", False),
        ("播报", True),
        ("本词条缺少概述图，补充相关内容使词条更完整，还能快速升级，赶紧来编辑吧！", True),
        ("同义词青林（青林）一般指青林县", True),
        ("播报员李明介绍，今年的节目将于下月开播。", False),
        ("本次会议由县政府主办。", False),
    ],
)
def test_share_and_play_count_lines_are_furniture(line: str, furniture: bool) -> None:
    from cleaning.extract.patterns import find_boilerplate

    assert bool(find_boilerplate(line)) is furniture


def test_short_headline_before_a_subtitle_in_the_title() -> None:
    """<title> "<h1>——<subtitle>_<site>": the short <h1> is the headline, not the longer "——subtitle" <h2>."""
    page = (
        "<html><head><title>艺术激活古村落——屏南龙潭村乡村振兴见闻_某某融媒</title></head><body>"
        "<h1>艺术激活古村落</h1><h2>——屏南龙潭村乡村振兴见闻</h2>"
        "<div class=content><p>龙潭村地处闽东山区，曾经是一个人口外流严重的空心村，如今吸引了大批艺术爱好者。</p></div>"
        "</body></html>"
    )
    assert extract_html(page).title == "艺术激活古村落"


def test_story_in_an_html_escaped_script_string() -> None:
    """头条 2018: BASE_DATA's content is HTML escaped inside a JS string ('&quot;&lt;div&gt;&lt;p&gt;…')."""
    paras = [
        "7月11日晚，由县文化广电新闻出版局主办的百姓大舞台广场文艺演出在县城人民广场拉开帷幕，3000余名群众观看了演出。",
        "当晚的演出由本土文艺团队和群众自发组建的文艺队伍担纲，歌舞、小品、地方戏曲等节目精彩纷呈，赢得现场观众阵阵掌声。",
        "据了解，百姓大舞台活动将持续到10月，每周举办一场，为群众提供展示才艺的平台，丰富群众的精神文化生活。",
        "县文化广电新闻出版局负责人表示，今年还将组织文艺小分队深入乡镇和村组巡回演出，把更多优秀节目送到群众家门口。",
    ]
    escaped = "&quot;&lt;div&gt;" + "".join(f"&lt;p&gt;{p}&lt;/p&gt;" for p in paras) + "&lt;/div&gt;&quot;"
    page = (
        "<html><head><title>百姓大舞台开演 - 今日头条</title></head><body><div id=root></div>"
        f"<script>var BASE_DATA = {{articleInfo: {{content: '{escaped}'.slice(6, -6)}}}};</script></body></html>"
    )
    art = extract_html(page)
    assert [b.text for b in art.blocks] == paras


def test_portal_summary_copy_meta_line_and_disclaimers_are_not_text() -> None:
    """Discuz's 摘要 box (the story's opening cut short) and its 发布者/查看 line; 网易号's 特别声明 and Notice."""
    first = "7月14日晚，受强降雨影响，城区部分路段出现积水，市城管局、市住建局立即启动防汛应急预案，连夜开展排涝作业。"
    second = "据市气象台消息，14日20时至15日2时，城区累计降雨量达到86.5毫米，预计未来三天我市仍有阵雨或雷阵雨天气。"
    page = (
        "<html><head><title>城区积水点已全部排除_某某网</title></head><body><div class=bm><h1>城区积水点已全部排除</h1>"
        "<p class=xg1>2020-7-15 08:12| 发布者: 六安小编| 查看: 3527| 评论: 0|来自: 皖西日报</p>"
        f"<div class=s><strong>摘要</strong>: {first[:40]} ...</div>"
        f"<div id=article_content><p>{first}</p><p>{second}</p>"
        "<p><b>特别声明：</b>以上内容(如有图片或视频亦包括在内)为自媒体平台“网易号”用户上传并发布，本平台仅提供信息存储服务。</p>"
        "<p><b>Notice:</b> The content above (including the pictures and videos if any) is uploaded and posted by"
        " a user of NetEase Hao, which is a social media platform and only provides information storage services.</p>"
        "</div></div></body></html>"
    )
    assert [b.text for b in extract_html(page).blocks] == [first, second]


def test_last_modified_date_only_when_the_page_gives_no_other() -> None:
    """百家号 shows "发布时间：08-23 09:41" without a year; its dateUpdate meta is the only full date."""
    meta = '<meta itemprop="dateUpdate" content="2019-08-23 09:41:05">'
    page = (
        f"<html><head><title>寒地黑土农博会闭幕_百家号</title>{meta}</head><body><h1>寒地黑土农博会闭幕</h1>"
        "<div>发布时间：08-23 09:41</div><div class=content><p>本届农博会共签约项目86个，签约金额218.6亿元。</p></div>"
        "</body></html>"
    )
    assert extract_html(page).published_at == "2019-08-23T09:41:05+08:00"
    dated = page.replace("<div>发布时间：08-23 09:41</div>", "<div>发布时间：2019-08-22 18:00</div>")
    assert extract_html(dated).published_at == "2019-08-22T18:00:00+08:00"


def test_interviewer_question_is_not_a_byline() -> None:
    """A short 记者：…？ question of an interview is text, and its first words are no author."""
    art = bylines(
        Article(
            blocks=(
                Block("今年春节后，我省部分地区出现了民工荒现象。"),
                Block("记者：造成“民工荒”的原因是什么？"),
                Block("答：原因是多方面的。首先是农村收入提高了。"),
            )
        )
    )
    assert [b.text for b in art.blocks][1] == "记者：造成“民工荒”的原因是什么？"
    assert art.authors == ()
    assert bylines(Article(blocks=(Block("记者：张三 李四"), Block("正文。")))).authors == ("张三", "李四")


def test_script_copies_found_by_pieces_are_those_a_full_comparison_finds() -> None:
    """The copy check compares a paragraph only with earlier ones that share one of its pieces; by the
    pigeonhole rule that finds every copy a comparison with all of them finds (a differing character in each
    piece but one, up to the slack), and many same-length paragraphs no longer cost a comparison each."""
    import random

    from cleaning.extract import SCRIPT_COPY_SLACK, drop_script_copies
    from cleaning.script import to_simplified

    rng = random.Random(7)
    simple, traditional = "国会发开区书记议监管们这来为说时", "國會發開區書記議監管們這來為說時"
    for _ in range(200):
        paras = []
        for _ in range(rng.randint(4, 12)):
            n = rng.choice((5, 20, 41, 60))
            paras.append("".join(rng.choice(simple) for _ in range(n)))
        for p in list(paras):  # Traditional copies with a few characters t2s would not change back
            if rng.random() < 0.5:
                chars = [traditional[simple.index(c)] for c in p]
                for i in rng.sample(range(len(p)), rng.randint(0, int(SCRIPT_COPY_SLACK * len(p)) + 1)):
                    chars[i] = "著"
                paras.append("".join(chars))
        blocks = [Block(t, "paragraph") for t in paras]
        simplified = [to_simplified(t) for t in paras]
        want = set()
        for k, (t, s) in enumerate(zip(paras, simplified, strict=True)):
            earlier = [e for e in simplified[:k] if len(e) == len(s)]
            if s != t and any(sum(map(str.__ne__, s, e)) <= SCRIPT_COPY_SLACK * len(s) for e in earlier):
                want.add(t)
        kept, dropped = drop_script_copies(blocks)
        assert set(dropped) == (want if len(want) >= 2 else set())
        assert [b.text for b in kept] == [t for t in paras if t not in set(dropped)]


def test_a_stamped_comment_list_longer_than_the_story_stays_aside() -> None:
    """A column named as an aside holding four times the story's text is the main column (see
    story_in_a_column_named_side), but not a comment list: its floors carry date-and-time stamps."""
    story = "<p>11月8日，县城第二座污水处理厂正式通水运行，日处理能力达到三万吨。</p>"
    floor = (
        "<div class='item'><span>网友{name}</span> <span>2021-11-08 10:2{i}</span>"
        "<p>这是好事情，以前一下雨河里就有味道，希望以后管网也能跟上，把老城区的雨污分流一起做好，"
        "让河水真正清起来，我们住在河边的居民最有体会，支持县里把这件事情一直做下去。</p></div>"
    )
    html = (
        "<html><head><title>县城第二污水处理厂通水</title></head><body><h1>县城第二污水处理厂通水</h1>"
        f"<div class='content'>{story}</div>"
        "<div id='comment'><h3>网友评论</h3>"
        + "".join(floor.format(i=i, name=name) for i, name in enumerate("甲乙丙丁戊己"))
        + "</div></body></html>"
    )
    text = "\n".join(b.text for b in extract_html(html).blocks)
    assert "日处理能力达到三万吨" in text
    assert "网友" not in text and "支持县里" not in text


@pytest.mark.parametrize(
    ("line", "credit"),
    [
        ("11月30日上午，与会人员观摩灌区建设情况。新华社记者 谢环驰 摄", True),
        ("群众在广场上跳舞。（张三 摄）", True),
        ("村民在田间收割水稻（通讯员 王五五 摄）", True),
        ("天河区一处公共自行车站点。新快报记者 夏世焱/摄", True),
        ("影片今年5月开机，在我县拍摄", False),
        ("无人机在水库上空航摄", False),
        ("他说，这件事情要认真办好", False),
    ],
)
def test_photo_credit_closes_a_caption(line: str, credit: bool) -> None:
    assert bool(pt.PHOTO_CREDIT_RE.search(line)) is credit


def test_a_description_box_with_its_collapse_toggle_is_furniture() -> None:
    """A video's description box ends in its 收起 toggle (the page keeps the description as its text)."""
    assert pt.find_boilerplate("《城市记忆》第三集 6月1日起每晚20:00播出收起") is not None
    assert pt.find_boilerplate("雨停了，他把伞收起。") is None


def test_a_bold_line_above_a_paragraph_without_a_dateline_stays() -> None:
    """Subtitles go only above a dateline paragraph (subtitles_above_the_dateline); a bold line opening a
    story that has none is the story's own (a section label, a lead-in)."""
    html = (
        "<html><head><title>全国冬小麦播种基本结束</title></head><body><h1>全国冬小麦播种基本结束</h1><div class='c'>"
        "<p style='text-align:center'><strong>播种面积稳中有增</strong></p>"
        "<p>记者从农业农村部获悉，截至11月18日，全国冬小麦播种基本结束，播种面积稳中有增，苗情好于常年。</p>"
        "<p>农业农村部有关负责人表示，各地抢抓墒情适期播种，大力推广宽幅精播、种肥同播等技术。</p></div></body></html>"
    )
    assert extract_html(html).blocks[0].text == "播种面积稳中有增"


def test_a_teaser_with_a_headline_link_and_a_more_link_stays_a_teaser() -> None:
    """Entries whose only links are [详细] are the story's (chronology_entries_with_more_links); a list whose
    items link their headlines as well is a list of other stories."""
    items = "".join(
        f"<p><a href='/a/{i}.html'>全县第{i}项重点工程顺利推进</a> 近日，全县第{i}项重点工程顺利推进，"
        f"相关部门表示将确保工程按期完工。<a href='/a/{i}.html'>[详细]</a></p>"
        for i in range(1, 7)
    )
    html = (
        "<html><head><title>县城快速公交专线月底开通</title></head><body><h1>县城快速公交专线月底开通</h1>"
        "<div class='c'><p>记者从县交通运输局获悉，县城至高铁站的快速公交专线将于本月底开通，全程设站十二个。</p></div>"
        f"<div class='box'>{items}</div></body></html>"
    )
    text = "\n".join(b.text for b in extract_html(html).blocks)
    assert "快速公交专线将于本月底开通" in text and "重点工程" not in text


def test_credited_lines_under_pictures_are_captions_in_a_photo_story() -> None:
    """Where the lines under pictures are a large share of the text they are read as text unless marked as
    captions; a closing photographer's credit marks them. (Where they outweigh the paragraphs, a gallery,
    they are the text whatever marks them: photo_story.)"""
    pics = "".join(
        f"<p><img src='/p/{i}.jpg'></p><p>{line}（记者 孙浩 摄）</p>"
        for i, line in enumerate(("环卫工人在海滨北路清扫积雪。", "雪后的广场银装素裹。", "交警在路口指挥交通。"))
    )
    html = (
        "<html><head><title>瑞雪映威城</title></head><body><h1>瑞雪映威城</h1><div class='txt'>"
        "<p>11月29日夜间至30日上午，我市迎来今冬首场降雪，市区平均降雪量四点二毫米。</p>"
        "<p>降雪期间，市环卫处组织一千二百余名环卫工人、六十余台机械连夜清雪，主次干道在早高峰前全部通行。</p>"
        f"{pics}</div></body></html>"
    )
    article = extract_html(html)
    text = "\n".join(b.text for b in article.blocks if b.kind != CAPTION)
    assert "迎来今冬首场降雪" in text and "孙浩 摄" not in text
    assert article.images[0].caption == "环卫工人在海滨北路清扫积雪。（记者 孙浩 摄）"


@pytest.mark.parametrize(
    ("line", "junk"),
    [
        ("Warning: mysql_connect(): Too many connections in /home/www/inc/conn.php on line 12", True),
        ("Notice: Undefined index: id in /var/www/show.php on line 3", True),
        ("Microsoft OLE DB Provider for ODBC Drivers 错误 '80004005'", True),
        ("404 Not Found", True),
        ("The requested URL /count/stat.php was not found on this server.", True),
        ("Apache/2.0.54 (Unix) PHP/4.4.2 Server at www.example.cn Port 80", True),
        ("nginx/1.18.0", True),
        ("会议发出警告：要注意用电安全。", False),
        ("Warning: the bridge is closed for repairs until Friday.", False),
    ],
)
def test_server_junk_lines(line: str, junk: bool) -> None:
    assert bool(pt.SERVER_JUNK_RE.match(line)) is junk


def test_a_finance_sites_disclaimer_under_the_story_goes() -> None:
    story = "".join(
        f"<p>{t}</p>"
        for t in (
            "周四，两市早盘小幅低开，随后在白酒、保险板块带动下震荡走高，沪指盘中重返2900点上方。",
            "截至收盘，沪指涨0.8%，深成指涨1.1%，创业板指涨1.3%，两市成交额较前一交易日有所放大。",
        )
    )
    html = (
        "<html><head><title>沪指重返2900点</title></head><body><h1>沪指重返2900点</h1><div class='c'>"
        f"{story}<p>郑重声明：本网发布此信息的目的在于传播更多信息，与本站立场无关。</p>"
        "<p>风险提示：股市有风险，投资需谨慎。</p></div></body></html>"
    )
    text = "\n".join(b.text for b in extract_html(html).blocks)
    assert "两市成交额较前一交易日有所放大" in text
    assert "郑重声明" not in text and "风险提示" not in text


@pytest.mark.parametrize(
    "notice",
    [
        "本文系观察者网独家稿件，未经授权，不得转载。",
        "本文为健康时报原创，未经授权禁止转载",
        "本新聞著作權屬於中央通訊社，不得轉載。",
    ],
)
def test_a_reprint_notice_is_boilerplate(notice: str) -> None:
    assert pt.find_boilerplate(notice) is not None


def test_a_tree_nested_over_a_thousand_deep_is_read_whole() -> None:
    """A tag left open in every paragraph nests the page 1,500 levels deep: the tree walks recurse once a
    level, so the page is read again under a higher recursion limit, not lost to a RecursionError."""
    import sys

    para = "镇里组织干部群众清理河道垃圾，整治沿岸环境，河水逐步恢复清澈。"
    body = "".join(f"<span>第{n}段，{para}<br><br>" for n in range(1500))
    html = f"<html><head><title>河道整治</title></head><body><div id='main'><h1>河道整治</h1>{body}</div></body></html>"
    limit = sys.getrecursionlimit()
    blocks = extract_html(html).blocks
    assert len(blocks) == 1500
    assert blocks[0].text.startswith("第0段") and blocks[-1].text.startswith("第1499段")
    assert sys.getrecursionlimit() == limit


def test_a_site_named_title_gives_way_to_the_article_title_meta() -> None:
    """A government page whose <title> names only the site, with no headline element to read: the
    ArticleTitle <meta> the national site standard asks for names the story."""
    line = "全县各乡镇结合实际，扎实开展第{}轮秋冬季森林防火隐患排查，确保不发生重大森林火灾。"
    story = "".join(f"<p>{line.format(n)}</p>" for n in range(1, 6))
    html = (
        "<html><head><title>某某县人民政府</title>"
        '<meta name="ArticleTitle" content="我县开展秋冬季森林防火隐患排查">'
        '<meta name="PubDate" content="2023-11-20 09:30"></head><body>'
        "<div class='nav'><a href='/'>首页</a> <a href='/zwdt/'>政务动态</a></div>"
        f"<table><tr><td class='bt'>我县开展秋冬季森林防火隐患排查</td></tr><tr><td>{story}</td></tr></table>"
        "</body></html>"
    )
    assert extract_html(html).title == "我县开展秋冬季森林防火隐患排查"


def test_a_staircase_of_unclosed_divs_keeps_its_first_paragraphs() -> None:
    """Each paragraph opens a <div> it never closes, so each nests in the one before (in a browser too):
    going down the staircase left one paragraph behind at each step, and the first tenth was lost."""
    line = "镇里组织干部群众清理河道垃圾，整治沿岸环境，第{}段写的是河水逐步恢复清澈的经过。"
    body = "".join(f"<div class='x'>{line.format(n)}" for n in range(100))
    html = f"<html><head><title>河道整治</title></head><body><div id='main'><h1>河道整治</h1>{body}</div></body></html>"
    blocks = extract_html(html).blocks
    assert len(blocks) == 100
    assert "第0段" in blocks[0].text and "第99段" in blocks[-1].text


def test_a_lead_beside_the_body_comes_without_the_box_under_it() -> None:
    """The lead sits in the page's top block (with the menu and headline) and the body in a container of
    its own, both straight in <body>: the lead's paragraphs are read with the body, the note box under the
    lead in the same block is not."""
    line = "村里把闲置的老房子改造成民宿，第{}批游客已经住了进来，村民的收入明显增加。"
    story = "".join(f"<p>{line.format(n)}</p>" for n in range(1, 25))
    html = (
        "<html><head><title>老房子变身民宿 - 某某网</title></head><body>"
        "<div class='top'><div class='nav'><a href='/'>首页</a> <a href='/xw/'>新闻</a></div>"
        "<h1>老房子变身民宿</h1><p>记者近日走进石桥村，看到一座座老房子经过改造，成了游客喜爱的特色民宿。</p>"
        "<div class='note'><h3>温馨提示</h3><p>本栏目持续关注乡村振兴，欢迎读者来信来稿。</p></div></div>"
        f"<div class='article'>{story}</div><div class='foot'>版权所有 某某网</div></body></html>"
    )
    text = "\n".join(b.text for b in extract_html(html).blocks)
    assert text.startswith("记者近日走进石桥村") and "第24批游客" in text
    assert "温馨提示" not in text and "欢迎读者来信来稿" not in text


def test_an_interview_with_speakers_on_lines_of_their_own_is_one_story() -> None:
    """An online interview whose messages each open with the time, then the speaker on a line of its own
    (王局长：): the speakers are read off those lines, and the talk is one story, not a thread's posts."""
    said = [
        "请问今年城区新建的两所学校什么时候能够投入使用，能增加多少学位？",
        "两所学校主体工程已经完工，预计秋季开学前投入使用，可以新增学位两千多个，缓解城东的入学压力。",
        "农村学校的老师留不住，教育局有没有具体的办法让好老师愿意到农村去？",
        "今年安排一百二十名骨干教师到农村学校任教，同时提高乡村教师的生活补助，职称评定也向他们倾斜。",
        "课后服务会不会收费，时间怎么安排，双职工家庭下午接孩子很不方便？",
        "课后服务坚持自愿原则，困难家庭学生全部免费，服务时间一般到下午五点半，能满足大多数家庭的需要。",
    ]
    who = ["网友春天：", "王局长：", "网友老陈：", "王局长：", "网友小雨：", "王局长："]
    more = "这个问题很多家长都关心，我们会在教育局网站上及时公布有关情况，也欢迎大家继续提出意见和建议。"
    talk = "".join(
        f"<div class='msg'><p>2005-03-12 14:{10 + 5 * n:02d}:00</p><p>{who[n]}</p><p>{said[n]}{more}</p></div>"
        for n in range(6)
    )
    html = (
        "<html><head><title>网上访谈：局长谈招生 - 某某网</title></head><body>"
        "<div class='nav'><a href='/'>首页</a></div>"
        "<h1>网上访谈：局长谈招生</h1><div class='info'>发布时间：2005-03-12 17:35</div>"
        f"<div class='talk'>{talk}</div><div class='foot'>版权所有 某某网</div></body></html>"
    )
    text = "\n".join(b.text for b in extract_html(html).blocks)
    assert "能增加多少学位" in text and "能满足大多数家庭的需要" in text


def test_every_boilerplate_phrase_opens_with_a_literal_character() -> None:
    """One phrase opening with a character class or a group turns off sre's scan for the phrases' first
    characters, and every line is then tried phrase by phrase at every position (six times slower)."""
    for phrase in pt.BOILERPLATE_PHRASES:
        first = phrase[:2] if phrase.startswith("\\") else phrase[0]
        assert first not in ("[", "(", ".", "^", "$", "\\s", "\\d", "\\w", "\\S"), phrase
        assert phrase[len(first) : len(first) + 1] not in ("*", "+", "?", "{"), phrase


@pytest.mark.parametrize(
    ("line", "pager"),
    [
        ("上一篇：县教育局发布暑期安全提示", True),
        ("【下一篇】县医院开通远程会诊服务", True),
        ("下一条: 全县秋粮收购进度过半", True),
        ("上篇讲到，石门村的茶叶合作社成立于二〇一九年。", False),  # a serial story's recap is text
        ("下篇文章将介绍合作社的销售渠道。", False),
    ],
)
def test_a_pager_line_is_told_from_a_sentence_that_opens_alike(line: str, pager: bool) -> None:
    assert bool(pt.PAGER_LINE_RE.match(line)) is pager


def test_a_story_quoting_timed_posts_is_not_cut_as_comments() -> None:
    # a chronology of netizens' posts, in a story's words (10时20分), is not a list of one-line comments
    paras = [
        f"2024年6月1{n}日1{n}时20分，网友“小王{n}”在微博上发布消息称，当地一处山林起火，浓烟可见，消防部门随即赶赴现场处置。"
        for n in range(4)
    ]
    html = (
        "<html><head><title>山火当日的网络讯息_某某网</title></head><body><h1>山火当日的网络讯息</h1>"
        "<div class='content'><p>记者梳理了山火当日网络上的讯息，还原了事件经过，以下是部分讯息的时间线。</p>"
        + "".join(f"<p>{p}</p>" for p in paras)
        + "</div></body></html>"
    )
    text = "\n".join(b.text for b in extract_html(html).blocks)
    assert all(p in text for p in paras)


@pytest.mark.parametrize(
    ("line", "quote"),
    [
        ("以下是引用山水行者在2005-6-14 3:25:00的发言：", True),
        ("引用：原帖由 山水行者 于 2005-6-14 03:25 发表", True),
        ("引用第1楼山水行者于2005-06-14 03:25发表的 :", True),
        ("引用 山水行者 的帖子：", True),
        ("引用《人民日报》发表的评论员文章指出，要加强防汛工作。", False),  # a story's sentence
    ],
)
def test_a_replys_quote_line_is_told_from_a_story_sentence(line: str, quote: bool) -> None:
    assert bool(pt.REPLY_QUOTE_RE.match(line)) is quote


@pytest.mark.parametrize(
    ("line", "floor"),
    [
        ("沙发", True),
        ("2楼", True),
        ("#3", True),
        ("12F", True),
        ("第4楼", True),
        ("地板", True),
        ("他住在3楼，每天爬楼梯上下班。", False),
        ("沙发上坐着两位老人", False),
        ("2024", False),
    ],
)
def test_floor_lines_are_lines_of_their_own(line: str, floor: bool) -> None:
    from cleaning.extract.patterns import FLOOR_LINE_RE

    assert bool(FLOOR_LINE_RE.match(line)) is floor


def test_one_reply_subject_does_not_cut_the_story() -> None:
    """A single Re: line is a quoted subject, not a thread's replies (two are needed)."""
    paras = "".join(f"<p>第{k}段，会议强调要落实防汛责任，确保安全度汛。</p>" for k in range(4))
    page = (
        "<html><head><title>防汛会议召开</title></head><body><h1>防汛会议召开</h1>"
        f"<div class=c>{paras}<p>Re:防汛会议召开</p>{paras.replace('第', '另')}</div></body></html>"
    )
    text = "\n".join(b.text for b in extract_html(page).blocks)
    assert "另3段" in text


@pytest.mark.parametrize(
    ("attrs", "applies"),
    [
        ("", True),
        (' media="all"', True),
        (' media="screen"', True),
        (' media="screen, print"', True),
        (' media="print"', False),
        (' media="(max-width: 768px)"', False),
        (' media="screen and (max-width:640px)"', False),
    ],
)
def test_a_sheet_applies_on_a_screen_with_scripts_on(attrs: str, applies: bool) -> None:
    from cleaning.extract.dom import hidden_elements, parse

    doc = parse(f"<style{attrs}>.a{{display:none}}</style><div class=a>正文，第一句。第二句。</div>")
    assert (not hidden_elements(doc)) is not applies
    doc = parse("<noscript><style>.a{display:none}</style></noscript><div class=a>正文，第一句。第二句。</div>")
    assert not hidden_elements(doc)


def test_a_two_line_story_is_shown_again_too() -> None:
    """The running-text gate of the cascade check lets a story of two short lines through (two marks)."""
    from cleaning.extract.dom import hidden_elements, parse

    doc = parse("<style>.fade{opacity:0}.fade.in{opacity:1}</style><div class='fade in'>第一行，第二行。</div>")
    assert not hidden_elements(doc)


def test_a_show_rule_keeps_the_case_of_its_class_names() -> None:
    """Declarations are matched case-blind, class names as written (``.tabPane`` is not ``.tabpane``)."""
    from cleaning.extract.dom import hidden_elements, parse

    pane = "<div class='tabPane active'>正文第一句，第二句。</div>"
    doc = parse(f"<style>.tabPane{{DISPLAY:none}}.tabPane.active{{Display: Block}}</style><div>{pane}</div>")
    assert not hidden_elements(doc)


def _paged_story(pages: list[str], hiding: str, side_links: int = 3) -> str:
    side = "".join(f"<li><a href=/n/{k}.html>全市第{k}批重点项目集中开工</a></li>" for k in range(side_links))
    return (
        "<html><head><title>小山村的变化</title><style>.hide{display:none}</style></head><body>"
        "<div class=nav><a href=/>首页</a> <a href=/xw/>新闻</a></div><h1>小山村的变化</h1>"
        f"<div class=box>{''.join(hiding.format(k=k, text=p) for k, p in enumerate(pages))}</div>"
        f"<ul class=side>{side}</ul></body></html>"
    )


PAGED = [
    "清晨，村里的工坊已经坐满了人。村民们围坐在长桌旁，一件件竹编工艺品在手中成形。",
    "工坊去年由村集体牵头建起，公司提供原料和订单，村民按件计酬，产品远销海外。",
    "工坊运行一年来，带动村集体增收二十余万元。下一步，村里计划扩建工坊，发展乡村旅游。",
]


@pytest.mark.parametrize(
    "hiding",
    [
        "<div class=page style='display:none'><p>{text}</p></div>",  # none shown until a script runs
        "<div hidden><h3>第{k}页</h3><p>{text}</p></div>",  # unnamed, by the hidden attribute
        "<div class='page hide'><p>{text}</p></div>",  # by a hiding class
    ],
)
def test_a_story_whose_pages_are_all_hidden_is_read_whole(hiding: str) -> None:
    """Sibling pages of one tag and name (numbers and a hiding class aside) that together hold most of the page's
    running text are the story's pages, each only a sentence or two."""
    text = "\n".join(b.text for b in extract_html(_paged_story(PAGED, hiding)).blocks)
    assert all(p in text for p in PAGED)


def test_hidden_pages_that_are_a_minority_of_the_page_stay_hidden() -> None:
    """Hidden siblings holding less than half the page's running text are not taken for the story's pages."""
    page = _paged_story(PAGED[:2], "<div class=tip style='display:none'><p>{text}</p></div>", side_links=0)
    body = "".join(f"<p>第{k}段，今天我们去公园散步，看到了很多花，大家都很高兴，拍了不少照片。</p>" for k in range(8))
    page = page.replace("<div class=box>", f"<div class=content>{body}</div><div class=box>")
    text = "\n".join(b.text for b in extract_html(page).blocks)
    assert "第7段" in text and PAGED[0] not in text


def test_hidden_tab_panels_are_not_pages() -> None:
    """Panels named as tabs hold other texts (a policy and its reading): a hidden one stays hidden."""
    page = _paged_story(PAGED, "<div class='tabpanel hide' id=p{k}><p>{text}</p></div>").replace(
        "class='tabpanel hide' id=p0", "class=tabpanel id=p0"
    )
    text = "\n".join(b.text for b in extract_html(page).blocks)
    assert PAGED[0] in text and PAGED[1] not in text


def test_an_unnamed_hidden_paragraph_box_among_the_story_s_stays_hidden() -> None:
    """A story whose paragraphs are each boxed in an unnamed <div>: a hidden box of one paragraph among them is not
    a page of the story (a line kept from readers), however much of the page its shown siblings hold."""
    line = "今天我们去公园散步，看到了很多花，大家都很高兴，拍了不少照片。"
    boxes = "".join(f"<div><p>第{k}段，{line}</p></div>" for k in range(6))
    hidden = "<div style='display:none'><p>本站内容仅供内部交流使用，请勿对外转载。</p></div>"
    page = f"<html><head><title>公园</title></head><body><h1>公园</h1><div class=box>{boxes}{hidden}</div></body>"
    text = "\n".join(b.text for b in extract_html(page).blocks)
    assert "第5段" in text and "请勿对外转载" not in text


def test_a_hidden_copy_of_the_shown_story_stays_out_however_much_text_it_holds() -> None:
    """A hidden print version of the story (headline, byline and all) holds more than half the page's text outside
    links: it is a copy, not the story's folded rest, and the text is not doubled."""
    line = "今天我们去公园散步，看到了很多花，大家都很高兴，拍了不少照片。"
    story = "".join(f"<p>第{k}段，{line}</p>" for k in range(12))
    links = "".join(f"<li><a href=/n/{k}.html>全市第{k}批重点项目集中开工仪式举行</a></li>" for k in range(60))
    copy = "<h2>公园</h2>2024年5月1日 来源：某某日报<br>" + story.replace("<p>", "").replace("</p>", "<br>")
    page = (
        "<html><head><title>公园</title></head><body><h1>公园</h1>"
        f"<div class=main>{story}<div class=b style='display:none'>{copy}</div></div><ul>{links}</ul></body></html>"
    )
    text = "\n".join(b.text for b in extract_html(page).blocks)
    assert text.count("第11段") == 1


@pytest.mark.parametrize(
    "textarea",
    [
        "<textarea name=comment>请文明上网，理性发言。我来说两句……</textarea>",  # a comment form's prompt
        "<textarea id=copybox>{story}</textarea>",  # a box to copy the shown story from
    ],
)
def test_a_textarea_of_no_content_name_is_read_only_when_it_holds_the_story(textarea: str) -> None:
    """A form field's prompt, or a copy of the story the page shows, stays out: only a textarea holding more running
    text than the page shows outside links is read as the story."""
    line = "今天我们去公园散步，看到了很多花，大家都很高兴，拍了不少照片。"
    story = "".join(f"<p>第{k}段，{line}</p>" for k in range(8))
    field = textarea.format(story=html.escape(story))
    page = f"<html><head><title>公园</title></head><body><h1>公园</h1><div class=a>{story}</div>{field}</body></html>"
    text = "\n".join(b.text for b in extract_html(page).blocks)
    assert text.count("第7段") == 1 and "文明上网" not in text and "<p>" not in text


def test_hidden_keyword_stuffing_is_not_taken_for_the_story_however_much_text_it_holds() -> None:
    """A spam mirror's hidden block of keywords stuffed between commas holds most of the page's text, punctuation and
    all, but has one sentence end to a paragraph: it stays hidden (and is reported as spam), not read as the story."""
    line = "今天我们去公园散步，看到了很多花，大家都很高兴，拍了不少照片。"
    story = "".join(f"<p>第{k}段，{line}</p>" for k in range(8))
    titles = ["国产精品一区二区在线观看", "久久综合网天天色", "午夜福利视频网站", "在线观看免费高清"]
    stuffing = "".join(f"<p>{'，'.join(titles * 8)}。</p>" for _ in range(2))
    page = (
        "<html><head><title>公园</title></head><body><h1>公园</h1>"
        f"<div class=content>{story}</div><div style='display:none'>{stuffing}</div></body></html>"
    )
    art = extract_html(page)
    assert "国产精品" not in "\n".join(b.text for b in art.blocks)
    assert any("国产精品" in r.text for r in art.removed if r.kind == "hidden_element")


@pytest.mark.parametrize(
    "top", ["今天是：2024年5月12日 星期日 农历四月初五", "欢迎访问某某网 今天是2024年05月12日", "当前时间：2024-05-12"]
)
@pytest.mark.parametrize("info", ["[2021-03-02]", "来源：某某日报 2021-3-2 10:20:30", "日期：2021/03/02 作者：张三"])
def test_a_top_bar_s_date_of_today_is_not_the_story_s(top: str, info: str) -> None:
    """A site's top bar shows today's date; the date line just above the headline is the story's."""
    line = "今天我们去公园散步，看到了很多花，大家都很高兴，拍了不少照片。"
    story = "".join(f"<p>第{k}段，{line}</p>" for k in range(6))
    page = (
        f"<html><head><title>公园散步_某某网</title></head><body><div class=top>{top}</div>"
        f"<div class=nav><a href=/>首页</a></div><div class=info>{info}</div><h1>公园散步</h1>"
        f"<div class=content>{story}</div></body></html>"
    )
    assert (extract_html(page).published_at or "")[:10] == "2021-03-02"


def _section_boxes(between: str) -> list[str]:
    """The texts of the teaser items of a page: a headline, ``between``, then three boxes of a heading, a "more"
    link and a paragraph."""
    from cleaning.extract.body import teaser_items
    from cleaning.extract.dom import parse, text_content

    boxes = "".join(
        f'<div class="box"><h3>栏目{k}</h3><span><a href="/l/{k}.html">更多</a></span>'
        f"<div>第{k}段介绍文字，写的是这一栏目的基本情况和近年来的主要工作。</div></div>"
        for k in range(3)
    )
    doc = parse(f"<html><body><div class='main'><div><h1>青林镇</h1>{between}</div>{boxes}</div></body></html>")
    return sorted(text_content(el) for el in teaser_items(doc.find("body"), "青林镇"))


def test_boxes_right_under_the_headline_are_the_pages_sections() -> None:
    assert _section_boxes("<p>所属地区：青林县</p>") == []


def test_boxes_after_a_story_under_the_headline_are_teasers() -> None:
    story = "<p>" + "会议强调，要严格落实值班和领导带班制度，遇有险情第一时间组织群众转移。" * 5 + "</p>"
    assert len(_section_boxes(story)) == 3


def test_boxes_with_linked_headings_are_teasers() -> None:
    from cleaning.extract.body import teaser_items
    from cleaning.extract.dom import parse

    boxes = "".join(
        f'<div class="box"><h3><a href="/n/{k}.html">青林县第{k}批重点项目集中开工</a></h3>'
        f'<span><a href="/l/{k}.html">更多</a></span><div>第{k}段介绍文字，写的是这一栏目的基本情况。</div></div>'
        for k in range(3)
    )
    doc = parse(f"<html><body><div><div><h1>青林镇</h1></div>{boxes}</div></body></html>")
    assert len(teaser_items(doc.find("body"), "青林镇")) == 3


@pytest.mark.parametrize("case", _cases("dates.json"), ids=lambda c: c["text"][:16])
def test_date_positions_finds_every_form_find_date_reads(case: dict) -> None:
    """date_positions (the labelled-date search over every line) sees each form find_date reads."""
    found = [iso for _, iso in date_positions(case["text"])]
    assert (case["want"] in found) if case["want"] else not found


@pytest.mark.parametrize(
    ("lines", "want"),
    [
        (["发布时间：二〇二〇年五月十日", "正文"], "2020-05-10"),
        (["發佈日期：民國112年5月16日"], "2023-05-16"),
        (["发布于 May 16, 2023"], "2023-05-16"),
        (["时间：", "1998-07-01"], "1998-07-01"),
        (["来源：本网 时间：12月3日", "第3版"], None),
    ],
)
def test_labelled_dates_in_every_form(lines: list[str], want: str | None) -> None:
    assert (labelled_date(lines) or "")[:10] == (want or "")


def _teaser_boxes(depth: int) -> str:
    """A story beside four teaser boxes; in each, a line ``depth`` elements below the box (its headline link
    climbs to the box), after a deeper one in the same block (so that the climb from it reaches the block first,
    from further down)."""
    wrap = "<div>" * (depth - 2), "</div>" * (depth - 2)
    items = "".join(
        f'<section class="item"><h3><a href="/n/{k}.html">青林县第{k}批重点项目集中开工建设仪式举行</a></h3>'
        f"<div><div><div><div><div><p>现场，{k}号项目。</p></div></div></div></div>"
        f"{wrap[0]}<p>摘要：开工项目{k}个，总投资大。</p>{wrap[1]}</div></section>"
        for k in range(4)
    )
    story = "<p>" + "会议强调，要严格落实值班和领导带班制度，遇有险情第一时间组织群众转移。" * 4 + "</p>"
    head = "<html><head><title>青林镇召开防汛会议</title></head><body>"
    return f"{head}<div class=main><h1>青林镇召开防汛会议</h1>{story}</div><div class=side>{items}</div></body></html>"


_PAGES = sorted(HERE.glob("*.html")) + sorted((FIXTURES / "pages").glob("*.html"))
_BOXES = [_teaser_boxes(depth) for depth in (2, 4, 5, 6)]


@pytest.mark.parametrize("page", _PAGES + _BOXES, ids=lambda p: p.stem if isinstance(p, Path) else "boxes")
def test_teaser_search_within_reach_marks_what_the_full_search_marks(page: Path | str) -> None:
    """segments() looks for teaser items only around the segments of positive value (the ones it asks
    about): every such segment is a teaser by that search exactly when it is by the search of the whole page."""
    from cleaning.decode import decode
    from cleaning.extract import md
    from cleaning.extract.body import _build, _in_teaser, _plain_lines, _teaser_reach, segment_value, teaser_items
    from cleaning.extract.dom import index_page, parse, strip_page, without_controls

    text = page if isinstance(page, str) else decode(page.read_bytes()).text
    doc = parse(without_controls(text))  # (as extract_html retries a page with them)
    index = index_page(doc)
    title = md.find_title(doc, md.meta_map(doc, index), index)
    strip_page(doc, index, title)
    root = doc.find("body") if doc.find("body") is not None else doc
    b = _build(root)
    for seg in b.out:
        seg.value = segment_value(seg)
    _plain_lines(b.out)
    reach = _teaser_reach(b.out)
    full = teaser_items(root, title, b.links)
    near = teaser_items(root, title, b.links, reach)
    assert near <= full
    for seg in b.out:
        if seg.value > 0:
            assert _in_teaser(seg.owner, near) == _in_teaser(seg.owner, full)


@pytest.mark.parametrize(("depth", "teaser"), [(2, True), (4, True), (5, True), (6, False)])
def test_teaser_summary_as_deep_as_the_search_reaches(depth: int, teaser: bool) -> None:
    """A summary line up to TEASER_DEPTH (5) elements below its teaser box is a teaser's; one deeper is not
    looked at (the same as before the search was limited to the segments it is asked about)."""
    from cleaning.extract.body import segments
    from cleaning.extract.dom import parse

    segs = segments(parse(_teaser_boxes(depth)).find("body"), "青林镇召开防汛会议")
    summaries = [s for s in segs if s.text.startswith("摘要")]
    assert len(summaries) == 4
    assert all(s.teaser is teaser for s in summaries)
    assert not any(s.teaser for s in segs if s.text.startswith(("会议强调", "现场")))
