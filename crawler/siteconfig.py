"""Per-site crawl configuration, read from a TOML file (``--site CONFIG.toml`` / ``-a site=...``).

Everything is optional; what is given overrides the crawler's own discovery::

    # donghai.toml
    start_urls = ["http://news.donghai.example/"]
    allow = ['/(yaowen|shehui)/']          # follow only URLs matching one of these (regex, searched)
    deny = ['/print/', '\\?share=']         # never follow these
    article_xpath = "//div[@class='TRS_Editor']"   # a page is an article iff this matches
    list_xpath = "//div[@class='list']"    # on list pages, follow links inside this region only
    encoding = "gbk"                       # decode every page as this (when the site lies)
    since = "2020-11-01"                   # skip older articles, stop pagination there
    max_pages = 500                        # stop after this many responses
    max_articles = 200                     # stop after this many records
    allow_private = ["10.1.2.3"]           # private hosts that links may reach

The keys may also sit under a ``[site]`` table.
"""

from __future__ import annotations

import logging
import re
import tomllib
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

logger = logging.getLogger(__name__)


class SiteConfigError(ValueError):
    """The site configuration file is missing, not TOML, or has a bad value."""


@dataclass(frozen=True, slots=True)
class SiteConfig:
    """What a site's TOML file says; the defaults change nothing."""

    name: str | None = None
    start_urls: tuple[str, ...] = ()
    allow: tuple[re.Pattern[str], ...] = ()
    deny: tuple[re.Pattern[str], ...] = ()
    article_xpath: str | None = None
    list_xpath: str | None = None
    encoding: str | None = None
    since: str | None = None
    max_pages: int | None = None
    max_articles: int | None = None
    allow_private: tuple[str, ...] = ()

    def follows(self, url: str) -> bool:
        """True unless the allow/deny patterns exclude ``url``."""
        if any(p.search(url) for p in self.deny):
            return False
        return not self.allow or any(p.search(url) for p in self.allow)


def _strings(value: Any, key: str) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise SiteConfigError(f"{key} must be a string or a list of strings")
    return tuple(value)


def site_config_from_dict(data: dict[str, Any]) -> SiteConfig:
    """Validate a parsed TOML document into a :class:`SiteConfig`."""
    data = dict(data.get("site", data))
    known = {f.name for f in fields(SiteConfig)}
    unknown = sorted(set(data) - known)
    if unknown:
        raise SiteConfigError(f"unknown keys: {', '.join(unknown)} (known: {', '.join(sorted(known))})")
    out: dict[str, Any] = {}
    for key in ("start_urls", "allow_private"):
        if key in data:
            out[key] = _strings(data[key], key)
    for key in ("allow", "deny"):
        if key in data:
            try:
                out[key] = tuple(re.compile(p) for p in _strings(data[key], key))
            except re.error as exc:
                raise SiteConfigError(f"{key}: bad regular expression: {exc}") from exc
    for key in ("name", "article_xpath", "list_xpath", "encoding", "since"):
        if key in data:
            if not isinstance(data[key], str):
                raise SiteConfigError(f"{key} must be a string")
            out[key] = data[key]
    if "since" in out and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", out["since"]):
        raise SiteConfigError("since must be a date, YYYY-MM-DD")
    if "encoding" in out:
        import codecs

        try:
            codecs.lookup(out["encoding"])
        except LookupError as exc:
            raise SiteConfigError(f"unknown encoding {out['encoding']!r}") from exc
    for key in ("max_pages", "max_articles"):
        if key in data:
            if not isinstance(data[key], int) or data[key] < 0:
                raise SiteConfigError(f"{key} must be a whole number >= 0")
            out[key] = data[key] or None
    for key in ("article_xpath", "list_xpath"):
        if key in out:
            from lxml import etree

            try:
                etree.XPath(out[key])
            except etree.XPathSyntaxError as exc:
                raise SiteConfigError(f"{key}: bad XPath: {exc}") from exc
    return SiteConfig(**out)


def load_site_config(path: str | Path | None) -> SiteConfig:
    """The :class:`SiteConfig` in the TOML file at ``path`` (the empty config for None)."""
    if not path:
        return SiteConfig()
    try:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise SiteConfigError(f"cannot read {path}: {exc}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise SiteConfigError(f"{path} is not valid TOML: {exc}") from exc
    try:
        return site_config_from_dict(data)
    except SiteConfigError as exc:
        raise SiteConfigError(f"{path}: {exc}") from exc
