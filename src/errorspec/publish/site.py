"""The site's pages for one language, as plain data: HTML bodies, titles and search files.

Everything a page shows from the spec goes through `rich_text`, the sanitiser. The MkDocs
plugin only places these pages; it renders nothing itself.
"""

from __future__ import annotations

import functools
import json
import math
import posixpath
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from html import escape
from importlib import resources
from typing import TYPE_CHECKING, Literal

from markdown_it import MarkdownIt

from errorspec.model import Entry, PlatformSpec, Spec
from errorspec.publish.richtext import MARKUP, rich_text
from errorspec.spec.crosslinks import CodeKey, cross_links
from errorspec.spec.export import export_csv, export_json
from errorspec.spec.schema import SPEC_SCHEMA, schema_text
from errorspec.text import collapse_whitespace

if TYPE_CHECKING:
    from errorspec.review.diff import Change
    from errorspec.review.revisions import HistoryItem

UI: dict[str, dict[str, str]] = {
    "en": {
        "home": "Error codes",
        "home.lead": "Type an error code or a few words in the search box, or choose a platform.",
        "home.platforms": "Platforms",
        "home.codes": "{count} codes",
        "status": "Translation status",
        "status.lead": "How much of each platform is translated. Where a description is missing in a "
        "language, its page shows the other language's text, marked.",
        "status.missing": "Without a description in {language} ({count})",
        "platform": "Platform",
        "codes": "Codes",
        "code": "Code",
        "message": "SDK message",
        "description": "Description",
        "also_on": "Also on",
        "only_in": "{language} only",
        "copy_link": "Copy the link to code {code}",
        "related": "Related documents",
        "pages": "Pages of {platform}",
        "external": "On the vendor's website",
        "deprecated": "Deprecated",
        "empty_message": "(no message)",
        "none": "None.",
        "data": "The whole catalogue, for tools and spreadsheets",
        "resolver.several": "Code {code} is on several platforms",
        "resolver.missing": "No code {code} in this catalogue. The platforms:",
        "resolver.elsewhere": "{platform} has no code {code}. It is on:",
        "resolver.index": "Error codes by platform",
        "resolver.noscript": "This page needs JavaScript to find a code; the platforms' pages list every code.",
        "changes": "What changed",
        "changes.lead": "Changes to the catalogue, newest first, from the spec's history.",
        "changes.none": "This copy of the spec has no git history, so its changes cannot be listed here.",
        "changes.uncommitted": "Not yet committed",
        "changes.first": "First version of the catalogue: {count} codes.",
        "changes.nothing": "No change to the codes (only formatting or files around them).",
        "kind.code-added": "New codes",
        "kind.code-removed": "Removed codes",
        "kind.code-moved": "Moved to another platform",
        "kind.code-deprecated": "Deprecated",
        "kind.message-changed": "SDK message changed",
        "kind.description-changed": "Description changed",
        "kind.translation-added": "Translation added",
        "kind.translation-removed": "Translation removed",
        "kind.translation-stale": "Translation to check",
        "kind.prose-changed": "Page text changed",
        "kind.platform-added": "New platform",
        "kind.platform-removed": "Removed platform",
    },
    "zh": {
        "home": "错误码",
        "home.lead": "在搜索框中输入错误码或关键词，或选择一个平台。",
        "home.platforms": "平台",
        "home.codes": "{count} 个错误码",
        "status": "翻译状态",
        "status.lead": "各平台的翻译进度。某语言缺少说明时，页面显示另一种语言的说明并加以标注。",
        "status.missing": "缺少{language}说明（{count}）",
        "platform": "平台",
        "codes": "错误码数",
        "code": "错误码",
        "message": "SDK 消息",
        "description": "说明",
        "also_on": "其他平台",
        "only_in": "仅{language}",
        "copy_link": "复制错误码 {code} 的链接",
        "related": "相关文档",
        "pages": "{platform}的分页",
        "external": "厂商官网页面",
        "deprecated": "已弃用",
        "empty_message": "（无消息）",
        "none": "无。",
        "data": "完整错误码数据，供工具和表格使用",
        "resolver.several": "错误码 {code} 出现在多个平台",
        "resolver.missing": "目录中没有错误码 {code}。各平台：",
        "resolver.elsewhere": "{platform}没有错误码 {code}。它在：",
        "resolver.index": "各平台的错误码",
        "resolver.noscript": "本页需要 JavaScript 才能查找错误码；各平台页面列出了全部错误码。",
        "changes": "变更记录",
        "changes.lead": "错误码目录的变更，最新的在前，来自 spec 的版本历史。",
        "changes.none": "这份 spec 没有 git 历史，无法在此列出变更。",
        "changes.uncommitted": "尚未提交",
        "changes.first": "错误码目录的第一个版本：{count} 个错误码。",
        "changes.nothing": "错误码没有变化（只有格式或其他文件的改动）。",
        "kind.code-added": "新增错误码",
        "kind.code-removed": "删除的错误码",
        "kind.code-moved": "移到其他平台",
        "kind.code-deprecated": "已弃用",
        "kind.message-changed": "SDK 消息有变",
        "kind.description-changed": "说明有变",
        "kind.translation-added": "新增翻译",
        "kind.translation-removed": "删除的翻译",
        "kind.translation-stale": "翻译待核对",
        "kind.prose-changed": "页面文字有变",
        "kind.platform-added": "新增平台",
        "kind.platform-removed": "删除的平台",
    },
}

_inline = MarkdownIt("commonmark", {"html": True})

LANGUAGE_NAMES: dict[str, dict[str, str]] = {
    "en": {"en": "English", "zh": "Chinese"},
    "zh": {"en": "英文", "zh": "中文"},
}

HOME_PAGE = "index.md"
STATUS_PAGE = "status.md"
CHANGES_PAGE = "changes.md"
CODE = re.compile(r"-?\d+")
CODE_PREFIX_SETTING = re.compile(r"\d+ /\* errorspec:code-prefix \*/")  # where search-worker.js takes it
SHARD_CODES = 1000  # at most this many codes in one of the search's code files (search/errorspec-codes/)
CODES_PER_PAGE = 500  # a platform with more codes is split into pages: a page of 5,000 rows takes seconds to open
RESOLVER_PAGE = "codes/index.md"  # not a docs page: named so, its URL is asked of MkDocs
SEARCH_WORKER = "search/errorspec-worker.js"  # in each language's folder, beside the files it loads
DATA_FILES = {"JSON": "data/errorcodes.json", "CSV": "data/errorcodes.csv", "JSON Schema": "data/errorspec.schema.json"}


def platform_page(platform: str, part: int = 0) -> str:
    """The docs file of a platform's page: `android.md`, then `android/2.md` for a second part."""
    return f"{platform}.md" if part == 0 else f"{platform}/{part + 1}.md"


@dataclass(frozen=True)
class SearchEntry:
    """One search result: a page or a code. `title` and `text` are plain text; `fallback` says
    that `text` is not in the site's language."""

    location: str
    title: str
    text: str
    fallback: bool = False


@dataclass(frozen=True)
class SitePage:
    """One generated page: where it lives (as a docs file), its title and HTML body."""

    src_uri: str
    title: str
    body: str
    in_nav: bool = True
    """False for the second and later parts of a platform: its first part stands for it."""


@dataclass(frozen=True)
class LanguageSite:
    lang: str
    root: str
    """The language's folder in the site: "" for the site's default language, "zh/" for another."""
    pages: tuple[SitePage, ...]
    extra_files: dict[str, str]
    """Files beside the pages, by path from the site's root: the page behind the permanent URLs,
    the search worker and what it loads."""

    @property
    def search_worker(self) -> str:
        return self.root + SEARCH_WORKER


@dataclass(frozen=True)
class Layout:
    """What the pages of every language share: each platform's parts (a platform of more than
    `codes_per_page` codes is split), the part that holds each code, the cross-links, and how
    many leading digits name a code's search file. Worked out once for all languages."""

    parts: dict[str, list[tuple[Entry, ...]]]
    part_of: dict[CodeKey, int]
    links: dict[CodeKey, list[CodeKey]]
    code_prefix: int


def site_layout(spec: Spec, codes_per_page: int = CODES_PER_PAGE) -> Layout:
    parts = {platform.platform: _split(platform.entries, codes_per_page) for platform in spec.platforms}
    part_of = {
        (platform, entry.code): index
        for platform, platform_parts in parts.items()
        for index, part in enumerate(platform_parts)
        for entry in part
    }
    codes = {str(entry.code) for platform in spec.platforms for entry in platform.entries}
    return Layout(parts, part_of, cross_links(spec), _code_prefix(codes))


UrlFor = Callable[[str], str]
"""The URL of a docs file (`android.md`) relative to the site root, as MkDocs writes it."""


def relative_url(from_page: str, to_url: str) -> str:
    """`to_url` (site-relative) as a link from the page whose URL is `from_page`."""
    path, _, fragment = to_url.partition("#")
    target = _relative_path(from_page, path)
    return f"{target}#{fragment}" if fragment else target


@functools.lru_cache(maxsize=65536)  # asked again for every code a page links to on the same page
def _relative_path(from_page: str, path: str) -> str:
    base = posixpath.dirname(from_page) if not from_page.endswith("/") else from_page.rstrip("/")
    target = posixpath.relpath(path or ".", base or ".")
    if path.endswith("/") and target != ".":
        target += "/"
    elif target == ".":
        target = "./"
    return target


class _Builder:
    def __init__(self, spec: Spec, lang: str, url_for: UrlFor, root: str, layout: Layout) -> None:
        self.spec = spec
        self.lang = lang
        self.root = root
        self.languages = spec.language_ids
        self.parts, self.part_of, self.links = layout.parts, layout.part_of, layout.links
        self.code_prefix = layout.code_prefix
        self.ui = UI.get(lang, UI["en"])
        self.url_for = url_for
        self.platforms = {platform.platform: platform for platform in spec.platforms}
        # The vendor's page of each platform, so that links to it stay on this site.
        self.vendor_pages: dict[str, str] = {}
        for platform in spec.platforms:
            if platform.url:
                self.vendor_pages.setdefault(platform.url.rstrip("/"), platform.platform)

    def url_of(self, name: str) -> str:
        """The URL of this language's page `name` (`android.md`)."""
        return self.url_for(self.root + name)

    def page_url(self, platform: str, part: int = 0) -> str:
        """The URL of this language's page of a platform (of its part `part`)."""
        return self.url_of(platform_page(platform, part))

    def link(self, from_url: str, platform: str, code: int | str | None = None) -> str:
        """The relative link from the page at `from_url` to a platform's page, or to a code's row
        (on the part of the platform that holds it)."""
        if code in (None, ""):
            return relative_url(from_url, self.page_url(platform))
        part = self.part_of.get((platform, int(code)), 0) if CODE.fullmatch(str(code)) else 0
        return relative_url(from_url, f"{self.page_url(platform, part)}#{code}")

    # -- text helpers ------------------------------------------------------------------------

    def language_name(self, lang: str) -> str:
        names = LANGUAGE_NAMES.get(self.lang, LANGUAGE_NAMES["en"])
        return names.get(lang) or self.spec.language_name(lang)

    def pick(self, texts: dict[str, str | None]) -> tuple[str, str] | None:
        """The text in this language, else the first other language's text, with its language."""
        if texts.get(self.lang):
            return texts[self.lang] or "", self.lang
        for language in self.languages:
            if texts.get(language):
                return texts[language] or "", language
        return None

    def title_of(self, platform: PlatformSpec) -> str:
        picked = self.pick(platform.title)
        return picked[0] if picked else platform.platform

    def part_title(self, platform: PlatformSpec, part: int) -> str:
        """A part's title: the platform's, and for a later part the codes it holds."""
        if part == 0:
            return self.title_of(platform)
        return f"{self.title_of(platform)} · {_code_range(self.parts[platform.platform][part])}"

    def rewriter(self, page_url: str) -> Callable[[str], tuple[str, bool]]:
        def rewrite(url: str) -> tuple[str, bool]:
            base, _, fragment = url.partition("#")
            platform = self.vendor_pages.get(base.rstrip("/"))
            if platform is None:
                return url, url.startswith(("http://", "https://"))
            return self.link(page_url, platform, fragment), False

        return rewrite

    def html(self, texts: dict[str, str | None], page_url: str, tag: str = "span", css: str = "") -> str:
        """A localised piece of prose: in this language, or in another one with a visible marker."""
        picked = self.pick(texts)
        if picked is None:
            return ""
        text, lang = picked
        body = rich_text(text, self.rewriter(page_url), self.ui["external"])
        classes = f' class="{css}"' if css else ""
        if lang == self.lang:
            return f"<{tag}{classes}>{body}</{tag}>"
        marker = self.ui["only_in"].format(language=self.language_name(lang))
        fallback_class = f"{css} errorspec-fallback".strip()
        return (
            f'<{tag} class="{fallback_class}"><span lang="{lang}">{body}</span> '
            f'<span class="errorspec-marker">{escape(marker)}</span></{tag}>'
        )

    # -- pages -------------------------------------------------------------------------------

    def platform_body(self, platform: PlatformSpec, part: int = 0) -> str:
        page_url = self.page_url(platform.platform, part)
        ui = self.ui
        pager = self.pager(platform, part, page_url)
        # A link to a code another part holds (one made before the platform was split) is sent on
        # to the permanent URL, which knows the part: errorspec.js reads these attributes.
        resolver = relative_url(page_url, self.url_of(RESOLVER_PAGE))
        parts = [self.html(platform.intro, page_url, "p", "errorspec-intro"), pager]
        parts.append(
            f'<div class="errorspec-codes" data-errorspec-platform="{escape(platform.platform)}" '
            f'data-errorspec-resolver="{escape(resolver)}"><table>\n<thead><tr>'
            f"<th>{escape(ui['code'])}</th><th>{escape(ui['message'])}</th><th>{escape(ui['description'])}</th>"
            "</tr></thead>\n<tbody>"
        )
        parts += [self.row(platform, entry, page_url) for entry in self.parts[platform.platform][part]]
        parts.append("</tbody>\n</table></div>")
        parts.append(pager)
        parts.append(self.html(platform.hint, page_url, "p", "errorspec-hint"))
        related = platform.related.get(self.lang) or ()
        if related:
            rewrite = self.rewriter(page_url)
            items = "".join(
                f"<li>{rich_text(f'[{link.title}]({link.url})', rewrite, ui['external'])}</li>" for link in related
            )
            parts.append(f'<h2 id="related">{escape(ui["related"])}</h2>\n<ul class="errorspec-related">{items}</ul>')
        return "\n".join(part for part in parts if part) + "\n"

    def pager(self, platform: PlatformSpec, part: int, page_url: str) -> str:
        """Links to every part of a platform split into parts, each named by the codes it holds."""
        parts = self.parts[platform.platform]
        if len(parts) == 1:
            return ""
        items = []
        for index, codes in enumerate(parts):
            label = escape(_code_range(codes))
            if index == part:
                items.append(f'<strong aria-current="page">{label}</strong>')
            else:
                href = relative_url(page_url, self.page_url(platform.platform, index))
                items.append(f'<a href="{escape(href)}">{label}</a>')
        name = escape(self.ui["pages"].format(platform=self.title_of(platform)))
        return f'<nav class="errorspec-pager" aria-label="{name}">{" ".join(items)}</nav>'

    def row(self, platform: PlatformSpec, entry: Entry, page_url: str) -> str:
        code = str(entry.code)
        copy_label = escape(self.ui["copy_link"].format(code=code))
        message = (
            f"<code>{escape(entry.message)}</code>"
            if entry.message
            else f'<span class="errorspec-empty">{escape(self.ui["empty_message"])}</span>'
        )
        description = self.html(entry.description, page_url, "span", "errorspec-description")
        also = self.also_on((platform.platform, entry.code), page_url)
        deprecated = (
            f' <span class="errorspec-marker errorspec-deprecated">{escape(self.ui["deprecated"])}</span>'
            if entry.deprecated
            else ""
        )
        row_class = ' class="errorspec-retired"' if entry.deprecated else ""
        return (
            f'<tr id="{code}"{row_class}><td class="errorspec-code"><a href="#{code}">{code}</a>'
            f'<button class="errorspec-copy" type="button" title="{copy_label}" aria-label="{copy_label}" '
            f'data-clipboard-text="#{code}"></button>{deprecated}</td>'
            f"<td>{message}</td><td>{description}{also}</td></tr>"
        )

    def also_on(self, key: CodeKey, page_url: str) -> str:
        others = self.links.get(key)
        if not others:
            return ""
        links = ", ".join(
            f'<a href="{escape(self.link(page_url, platform, code))}">'
            f"{escape(self.title_of(self.platforms[platform]))} {code}</a>"
            for platform, code in others
        )
        return f'<span class="errorspec-also">{escape(self.ui["also_on"])}: {links}</span>'

    def home_body(self) -> str:
        page_url = self.url_of(HOME_PAGE)
        ui = self.ui
        rows = []
        for platform in self.spec.platforms:
            link = self.link(page_url, platform.platform)
            intro = self.html(platform.intro, page_url)
            count = escape(ui["home.codes"].format(count=len(platform.entries)))
            rows.append(
                f'<tr><td><a href="{escape(link)}">{escape(self.title_of(platform))}</a></td>'
                f"<td>{count}</td><td>{intro}</td></tr>"
            )
        status = relative_url(page_url, self.url_of(STATUS_PAGE))
        data = " · ".join(
            f'<a href="{escape(relative_url(page_url, path))}">{name}</a>' for name, path in DATA_FILES.items()
        )
        return (
            f'<p class="errorspec-lead">{escape(ui["home.lead"])}</p>\n'
            f'<h2 id="platforms">{escape(ui["home.platforms"])}</h2>\n'
            f'<div class="errorspec-platforms"><table><tbody>{"".join(rows)}</tbody></table></div>\n'
            f'<p><a href="{escape(status)}">{escape(ui["status"])}</a></p>\n'
            f'<p class="errorspec-data">{escape(ui["data"])}: {data}</p>\n'
        )

    def changes_body(self, history: list[HistoryItem] | None) -> str:
        ui = self.ui
        if history is None:
            return f"<p>{escape(ui['changes.none'])}</p>\n"
        # Here, not at the top: a site without history does not load the diff.
        from errorspec.review.diff import KINDS

        page_url = self.url_of(CHANGES_PAGE)
        current = {(p.platform, e.code) for p in self.spec.platforms for e in p.entries}
        parts = [f"<p>{escape(ui['changes.lead'])}</p>"]
        for item in history:
            heading = item.heading or ui["changes.uncommitted"]
            parts.append(f'<h2 id="{escape(item.anchor)}">{escape(heading)}</h2>')
            if item.first:
                parts.append(f"<p>{escape(ui['changes.first'].format(count=item.codes))}</p>")
                continue
            if not item.changes:
                parts.append(f"<p>{escape(ui['changes.nothing'])}</p>")
                continue
            items = []
            for kind in KINDS:
                of_kind = [change for change in item.changes if change.kind == kind]
                if not of_kind:
                    continue
                entries = ", ".join(self.change_label(change, page_url, current) for change in of_kind)
                items.append(f"<li><strong>{escape(ui[f'kind.{kind}'])}</strong> ({len(of_kind)}): {entries}</li>")
            parts.append(f'<ul class="errorspec-changes">{"".join(items)}</ul>')
        return "\n".join(parts) + "\n"

    def change_label(self, change: Change, page_url: str, current: set[CodeKey]) -> str:
        platform = self.platforms.get(change.platform)
        name = self.title_of(platform) if platform else change.platform
        suffix = f" ({change.lang})" if change.lang else ""
        if change.code is None:
            return escape(f"{name}{suffix}")
        label = escape(f"{name} {change.code}{suffix}")
        if (change.platform, change.code) not in current:
            return label
        return f'<a href="{escape(self.link(page_url, change.platform, change.code))}">{label}</a>'

    def code_resolver(self) -> dict[str, str]:
        """The page behind every permanent URL (`codes/#android/871310`, `codes/#0`): it leads to
        the code's row, or lets the reader choose where several platforms have the code."""
        path = f"{self.root}codes/index.html"  # the file behind RESOLVER_PAGE's URL
        data = {  # per platform, its parts: their pages and the codes each holds
            "pages": {
                platform: [relative_url(path, self.page_url(platform, part)) for part in range(len(parts))]
                for platform, parts in self.parts.items()
            },
            "titles": {p.platform: self.title_of(p) for p in self.spec.platforms},
            "codes": {
                platform: [[entry.code for entry in part] for part in parts] for platform, parts in self.parts.items()
            },
            "text": {key: self.ui[f"resolver.{key}"] for key in ("several", "elsewhere", "missing", "index")},
        }
        # In a <script> element only "</" could end it early; JSON escapes it away.
        payload = json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")
        script = _asset("code-resolver.js")
        body = (
            f'<main id="errorspec-result"><noscript>{escape(self.ui["resolver.noscript"])}</noscript></main>\n'
            f'<script type="application/json" id="errorspec-codes">{payload}</script>\n<script>\n{script}</script>'
        )
        style = "<style>body{font:16px/1.5 system-ui,sans-serif;margin:2rem auto;max-width:40rem;padding:0 1em}</style>"
        return {path: _standalone(self.lang, escape(self.ui["resolver.index"]), body, style)}

    def status_body(self) -> str:
        page_url = self.url_of(STATUS_PAGE)
        ui = self.ui
        languages = self.languages
        head = "".join(f"<th>{escape(self.language_name(lang))}</th>" for lang in languages)
        rows = []
        sections = []
        for platform in self.spec.platforms:
            link = self.link(page_url, platform.platform)
            total = len(platform.entries)
            cells = "".join(
                f"<td>{_coverage(sum(1 for e in platform.entries if e.description.get(lang)), total)}</td>"
                for lang in languages
            )
            title = f'<a href="{escape(link)}">{escape(self.title_of(platform))}</a>'
            rows.append(f"<tr><td>{title}</td><td>{total}</td>{cells}</tr>")
            sections.append(f'<h2 id="{escape(platform.platform)}">{escape(self.title_of(platform))}</h2>')
            for lang in sorted(languages, key=lambda language: language != self.lang):
                missing = [entry.code for entry in platform.entries if not entry.description.get(lang)]
                label = ui["status.missing"].format(language=self.language_name(lang), count=len(missing))
                codes = ", ".join(
                    f'<a href="{escape(self.link(page_url, platform.platform, code))}">{code}</a>' for code in missing
                ) or escape(ui["none"])
                sections.append(
                    f'<p class="errorspec-missing" data-lang="{lang}"><strong>{escape(label)}</strong>: {codes}</p>'
                )
        table = (
            f'<div class="errorspec-status"><table><thead><tr><th>{escape(ui["platform"])}</th>'
            f"<th>{escape(ui['codes'])}</th>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table></div>"
        )
        return f"<p>{escape(ui['status.lead'])}</p>\n{table}\n" + "\n".join(sections) + "\n"

    # -- search ------------------------------------------------------------------------------

    def page_entry(self, platform: PlatformSpec) -> SearchEntry:
        intro = self.pick(platform.intro)
        url = self.page_url(platform.platform)
        return SearchEntry(url, self.title_of(platform), _plain(intro[0]) if intro else "")

    def code_entries(self, platform: PlatformSpec) -> list[SearchEntry]:
        entries = []
        for entry in platform.entries:
            url = self.page_url(platform.platform, self.part_of[platform.platform, entry.code])
            description = self.pick(entry.description)
            text = _plain(description[0]) if description else ""
            title = f"{entry.code} {entry.message}".strip()
            fallback = description is not None and description[1] != self.lang
            entries.append(SearchEntry(f"{url}#{entry.code}", title, f"{self.title_of(platform)} · {text}", fallback))
        return entries

    def search_files(self) -> dict[str, str]:
        """The search worker and what it loads itself, off the page's thread: a small file per
        code prefix (a code is a key: its first characters say which file answers it, at once;
        a small catalogue has one file), and an entry per page and per code for words.
        Material's own index keeps only the pages written by hand."""
        platform_pages: list[list[str]] = []  # [URL, platform title] of every page of every platform
        shards: dict[str, dict[str, list[list[int | str]]]] = {}
        pages = [self.page_entry(platform) for platform in self.spec.platforms]
        coded: list[SearchEntry] = []
        for platform in self.spec.platforms:
            for part, held in enumerate(self.parts[platform.platform]):
                index = len(platform_pages)
                platform_pages.append([self.page_url(platform.platform, part), self.title_of(platform)])
                for entry in held:
                    code = str(entry.code)
                    shard = code[: self.code_prefix] or "all"
                    shards.setdefault(shard, {}).setdefault(code, []).append([index, entry.message])
            coded += self.code_entries(platform)

        def compact(data: object) -> str:
            return json.dumps(data, ensure_ascii=False, separators=(",", ":"))

        folder = posixpath.dirname(self.root + SEARCH_WORKER)
        files = {
            f"{folder}/errorspec-codes/{shard}.js": (
                f"(self.__errorspec_codes = self.__errorspec_codes || {{}})[{compact(shard)}] = "
                f"{compact({'platforms': platform_pages, 'codes': codes})}\n"
            )
            for shard, codes in shards.items()
        }
        entries = [[item.location, item.title, item.text, int(item.fallback)] for item in pages + coded]
        files[f"{folder}/errorspec-index.js"] = f"self.__errorspec_index = {compact(entries)}\n"
        worker, settings = CODE_PREFIX_SETTING.subn(str(self.code_prefix), _asset("search-worker.js"))
        assert settings == 1, "search-worker.js sets CODE_PREFIX where errorspec can write it"
        files[self.root + SEARCH_WORKER] = worker
        return files


def _asset(name: str) -> str:
    return resources.files("errorspec.publish").joinpath("assets", name).read_text(encoding="utf-8")


def _standalone(lang: str, title: str, body: str, head: str = "") -> str:
    return (
        f'<!doctype html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">\n{head}\n<title>{title}</title>\n'
        f"</head>\n<body>\n{body}\n</body>\n</html>\n"
    )


def _plain(markdown: str) -> str:
    """The text a reader sees of inline Markdown: for search entries, many thousands of them."""
    if not MARKUP.search(markdown):
        return markdown
    parts = []
    for token in _inline.parseInline(markdown)[0].children or ():
        if token.type in ("text", "code_inline"):
            parts.append(token.content)
        elif token.type in ("softbreak", "hardbreak", "html_inline"):
            parts.append(" ")
    return collapse_whitespace("".join(parts))


def _code_prefix(codes: set[str]) -> int:
    """How many leading characters of a code name its code file: the fewest that leave no file
    more than SHARD_CODES codes (none, so one file, for a small catalogue)."""
    longest = max(map(len, codes), default=0)
    return next(
        length
        for length in range(longest + 1)
        if length == longest or max(Counter(code[:length] for code in codes).values()) <= SHARD_CODES
    )


def _split(entries: tuple[Entry, ...], size: int) -> list[tuple[Entry, ...]]:
    """A platform's codes in parts of at most `size`, in their order; a platform without codes has one."""
    return [entries[start : start + size] for start in range(0, len(entries), size)] or [()]


def _code_range(entries: tuple[Entry, ...]) -> str:
    return f"{entries[0].code}–{entries[-1].code}" if entries else ""


def _coverage(count: int, total: int) -> str:
    percent = math.floor(count * 1000 / total) / 10 if total else 100.0
    return f"{count} ({percent:g}%)"


def data_files(spec: Spec) -> dict[str, str]:
    """The catalogue as data, published with the site: the export JSON, a CSV, the JSON Schema."""
    contents = [export_json(spec), export_csv(spec), schema_text(SPEC_SCHEMA)]
    return dict(zip(DATA_FILES.values(), contents, strict=True))


def site_files(spec: Spec, with_changes: bool = True) -> list[str]:
    """The generated pages' files, in the order of the site's navigation."""
    pages = [HOME_PAGE, *(platform_page(platform.platform) for platform in spec.platforms), STATUS_PAGE]
    return [*pages, CHANGES_PAGE] if with_changes else pages


def language_site(
    spec: Spec,
    lang: str,
    url_for: UrlFor,
    root: str = "",
    history: list[HistoryItem] | Literal[False] | None = False,
    layout: Layout | None = None,
) -> LanguageSite:
    """Every generated page of the site in `lang`, in the folder `root`, with its search files and
    permanent URLs.

    `history` feeds the "What changed" page: False leaves the page out, None says that there is
    no history to show. `layout` is the one `site_layout` gives, shared by the languages (the
    default one when None).
    """
    builder = _Builder(spec, lang, url_for, root, layout or site_layout(spec))
    pages = [SitePage(root + HOME_PAGE, builder.ui["home"], builder.home_body())]
    pages += [
        SitePage(
            root + platform_page(platform.platform, part),
            builder.part_title(platform, part),
            builder.platform_body(platform, part),
            in_nav=part == 0,
        )
        for platform in spec.platforms
        for part in range(len(builder.parts[platform.platform]))
    ]
    pages.append(SitePage(root + STATUS_PAGE, builder.ui["status"], builder.status_body()))
    if history is not False:
        pages.append(SitePage(root + CHANGES_PAGE, builder.ui["changes"], builder.changes_body(history)))
    return LanguageSite(lang, root, tuple(pages), builder.code_resolver() | builder.search_files())
