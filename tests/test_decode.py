"""Decoding raw page bytes whose charset is missing or wrong (fixtures/decode, raw bytes as served)."""

from __future__ import annotations

import json
import random

import pytest

from cleaning.decode import decode, normalize_encoding

from .conftest import FIXTURES

CASES = json.loads((FIXTURES / "decode" / "cases.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", CASES, ids=[c["file"] for c in CASES])
def test_fixture_pages_decode_right(case: dict) -> None:
    data = (FIXTURES / "decode" / case["file"]).read_bytes()
    got = decode(data, case["content_type"])
    assert got.encoding == case["encoding"]
    assert got.source == case["source"]
    assert case["contains"] in got.text
    replaced = case.get("replaced", 0)  # broken characters in the page itself: replaced, and said so
    assert got.text.count("\ufffd") == replaced
    if replaced:
        assert got.warnings == (f"decoded as {got.encoding} with {replaced} undecodable byte(s) replaced",)
    else:
        assert got.warnings == tuple(case.get("warnings", ()))


def test_truncated_gbk_keeps_the_text_and_warns() -> None:
    data = ("连云港开发区用好科技镇长，助推区域创新发展。" * 4).encode("gbk")[:-1]
    got = decode(data)
    assert got.encoding == "gb18030"
    assert got.text.startswith("连云港开发区用好科技镇长")
    assert got.warnings and "undecodable" in got.warnings[0]


@pytest.mark.parametrize("seed", range(5))
def test_random_bytes_never_raise(seed: int) -> None:
    data = random.Random(seed).randbytes(5000)
    got = decode(data, "text/html; charset=nonsense")
    assert isinstance(got.text, str) and got.encoding


@pytest.mark.parametrize(
    ("declared", "codec"),
    [
        ("GB2312", "gb18030"),
        ("gbk", "gb18030"),
        ("x-gbk", "gb18030"),
        ("big5", "big5hkscs"),
        ("UTF8", "utf-8"),
        ("no-such-charset", None),
        ("", None),
    ],
)
def test_declared_charsets_are_widened(declared: str, codec: str | None) -> None:
    assert normalize_encoding(declared) == codec


@pytest.mark.parametrize("name", ["gbk_undeclared.html", "gbk_declares_latin1.html", "gbk_header_says_latin1.html"])
def test_chinese_gbk_is_known_without_chardet(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """GBK bytes that read as Chinese words are GB18030 at once: chardet (about 12 ms a page) is not run."""
    import cleaning.decode as decoding

    def no_detector(data: bytes) -> str:
        raise AssertionError("chardet was asked")

    monkeypatch.setattr(decoding, "detect_charset", no_detector)
    assert decode((FIXTURES / "decode" / name).read_bytes()).encoding == "gb18030"


@pytest.mark.parametrize("name", ["euckr_undeclared.html", "eucjp_undeclared.html", "sjis_undeclared.html"])
def test_strict_gb18030_without_words_goes_to_chardet(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Bytes that decode as GB18030 but make no Chinese words (Korean, Japanese) are left to chardet."""
    import cleaning.decode as decoding

    asked = []
    real = decoding.detect_charset
    monkeypatch.setattr(decoding, "detect_charset", lambda data: asked.append(1) or real(data))
    decode((FIXTURES / "decode" / name).read_bytes())
    assert asked


def test_a_stray_phrase_in_the_other_charset_does_not_make_a_page_mixed() -> None:
    """A GBK page with a few UTF-8 characters pasted in (less than MIXED_MIN_BYTES of them) is a GBK page with a
    few broken characters, not a page of two charsets."""
    text = "连云港开发区用好科技镇长，助推区域创新发展。" * 20
    data = f'<meta charset="gbk"><p>{text}</p>'.encode("gbk") + "<p>创新发展</p>".encode()
    got = decode(data)
    assert got.encoding == "gb18030" and text in got.text
