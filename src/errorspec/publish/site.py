"""The site's pages for one language, as plain data: where each page goes, its headings, and the
views its templates render; plus the search files and the page behind the permanent URLs.

A page is Markdown that holds only its headings (so that the host's own Markdown gives them the
ids, the table of contents and the permalinks its other pages have) and a marker where each
piece of its body goes; each piece is a template of `templates/errorspec/` with its view.
Everything a page shows from the spec goes through `rich_text`, the sanitiser, and reaches the
templates as Markup; every other text is escaped by the templates.
"""

from __future__ import annotations

import dataclasses
import functools
import itertools
import json
import math
import posixpath
import re
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from html import escape
from importlib import resources
from typing import TYPE_CHECKING, Any, Literal

from markupsafe import Markup
from markupsafe import escape as markup_escape

from errorspec.memo import EntryTexts
from errorspec.model import Entry, PlatformSpec, Spec
from errorspec.publish.interface import LANGUAGE_NAMES, UI
from errorspec.publish.richtext import MARKUP, rich_text
from errorspec.spec.crosslinks import CodeKey, cross_links
from errorspec.spec.export import export_csv_pieces, export_json_pieces
from errorspec.spec.pasted import RULES
from errorspec.spec.schema import SPEC_SCHEMA, schema_text
from errorspec.spec.translations import stale_translations
from errorspec.text import collapse_whitespace

if TYPE_CHECKING:
    from markdown_it import MarkdownIt

    from errorspec.review.diff import Change
    from errorspec.review.revisions import HistoryItem, SpecHistory

HOME_PAGE = "index.md"
STATUS_PAGE = "status.md"
CHANGES_PAGE = "changes.md"
CODE = re.compile(r"-?\d+")
# Where a name may break across lines: after punctuation, and before a word that starts with a
# capital (a lower-case letter or digit then a capital; a run of capitals then a capitalised word).
NAME_BREAK = re.compile(r"(?<=[_.:/-])(?=[^_.:/-])|(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")
SEARCH_SETTINGS = re.compile(r"\{.*\} /\* errorspec:settings \*/")  # where search-worker.js takes its settings
SHARD_CODES = 1000  # at most this many codes in one of the search's code files (search/errorspec-codes/)
INDEX_BATCH = 1000  # the search index is made and written this many codes at a time
CODES_PER_PAGE = 500  # a page of more codes is split into parts: a page of 5,000 rows takes seconds to open
RESOLVER_PAGE = "codes/index.md"  # the page behind the permanent URLs, in each language's folder
SEARCH_WORKER = "search/errorspec-worker.js"  # in each language's folder, beside the files it loads
DATA_FILES = {"JSON": "data/errorcodes.json", "CSV": "data/errorcodes.csv", "JSON Schema": "data/errorspec.schema.json"}
MARKER = "<!-- errorspec:{} -->"
"""Where a page's piece of body goes in the HTML that Markdown makes of the page."""


def part_path(path: str, part: int = 0) -> str:
    """The docs file of a page's part: the page itself, then `android/2.md` for `android.md`'s second."""
    return path if part == 0 else f"{path.removesuffix('.md')}/{part + 1}.md"


def platform_page(platform: str, part: int = 0) -> str:
    """The docs file of a platform's page where it has a page of its own: `android.md`, `android/2.md`."""
    return part_path(f"{platform}.md", part)


# -- where the pages go ----------------------------------------------------------------------


@dataclass(frozen=True)
class PagePlan:
    """A page of codes: where it goes (a docs file in a language's folder) and which platforms it
    holds, in order. Its title, per language, is its first platform's unless given; `anchors`
    gives a platform section's heading the id it had where links point (else the host's own)."""

    path: str
    platforms: tuple[str, ...]
    title: Mapping[str, str] = field(default_factory=dict)
    anchors: Mapping[str, str] = field(default_factory=dict)

    @property
    def sectioned(self) -> bool:
        """Whether each platform has a heading of its own: several platforms, or a title of the page's own."""
        return len(self.platforms) > 1 or bool(self.title)


@dataclass(frozen=True)
class Placement:
    """Where the generated pages go in each language's folder; None: no such page."""

    pages: tuple[PagePlan, ...] | None = None
    """None: each platform alone at `<platform>.md`."""
    home: str | None = HOME_PAGE
    status: str | None = STATUS_PAGE
    changes: str | None = CHANGES_PAGE

    def plans(self, spec: Spec) -> tuple[PagePlan, ...]:
        if self.pages is not None:
            return self.pages
        return tuple(PagePlan(platform_page(platform.platform), (platform.platform,)) for platform in spec.platforms)

    def problems(self, spec: Spec) -> list[str]:
        """What makes this placement unusable for `spec`: unknown or twice-placed platforms, one path twice."""
        known = {platform.platform for platform in spec.platforms}
        problems = []
        plans = self.plans(spec)
        placed: list[str] = [platform for plan in plans for platform in plan.platforms]
        problems += [
            f"platform '{p}' is not in the spec ({', '.join(sorted(known))})" for p in placed if p not in known
        ]
        problems += [f"platform '{p}' is placed on more than one page" for p, n in Counter(placed).items() if n > 1]
        paths = [plan.path for plan in plans] + [p for p in (self.home, self.status, self.changes) if p]
        problems += [f"two pages are placed at {path}" for path, n in Counter(paths).items() if n > 1]
        problems += [f"'{path}' is not a Markdown page path (….md)" for path in paths if not path.endswith(".md")]
        return problems


Section = tuple[str, tuple[Entry, ...]]
"""A platform's codes on a page (or on a part of a page)."""


@dataclass(frozen=True)
class Layout:
    """What the pages of every language share: each page of codes split into parts (a page of more
    than `codes_per_page` codes is), where each code is, the cross-links, and how many leading digits
    name a code's search file. Worked out once for all languages."""

    placement: Placement
    plans: tuple[PagePlan, ...]
    parts: tuple[list[list[Section]], ...]
    """Per page of codes, its parts; per part, its platform sections."""
    where: dict[CodeKey, tuple[int, int]]
    """The page and the part that hold each code."""
    renamed: dict[CodeKey, str]
    """The codes whose id on their page is not the code, but `<platform>-<code>`: an earlier
    platform of the same page has the code too (code 0 is on Android and JMRTC Android)."""
    page_of: dict[str, int]
    """The page that holds each platform."""
    links: dict[CodeKey, list[CodeKey]]
    code_prefix: int

    def anchor(self, key: CodeKey) -> str:
        """A code's id on its page (its row's)."""
        return self.renamed.get(key) or str(key[1])


def site_layout(spec: Spec, codes_per_page: int = CODES_PER_PAGE, placement: Placement | None = None) -> Layout:
    placement = placement or Placement()
    plans = placement.plans(spec)
    entries = {platform.platform: platform.entries for platform in spec.platforms}
    parts = tuple(_split([(p, entries[p]) for p in plan.platforms], codes_per_page) for plan in plans)
    # Worked out for every code of a catalogue: one tuple per part, shared by the codes it holds.
    where: dict[CodeKey, tuple[int, int]] = {}
    renamed: dict[CodeKey, str] = {}
    for page, page_parts in enumerate(parts):
        taken: set[int] = set()  # the codes of the page that have their own id
        for part, sections in enumerate(page_parts):
            held_at = (page, part)
            for platform, held in sections:
                for entry in held:
                    where[platform, entry.code] = held_at
                    if entry.code in taken:
                        renamed[platform, entry.code] = f"{platform}-{entry.code}"
                    taken.add(entry.code)
    page_of = {platform: page for page, plan in enumerate(plans) for platform in plan.platforms}
    codes = {str(entry.code) for platform in spec.platforms for entry in platform.entries}
    return Layout(placement, plans, parts, where, renamed, page_of, _links(spec, page_of), _code_prefix(codes))


def relaid(layout: Layout, spec: Spec, codes_per_page: int = CODES_PER_PAGE, relink: bool = True) -> Layout:
    """The layout of `spec`, a spec of the same pages, codes and places as `layout`'s (an edit
    of some codes' texts, under `mkdocs serve`): its entries in the same parts, and the links
    between them again where the edit may change them (`relink`)."""
    entries = {platform.platform: platform.entries for platform in spec.platforms}
    parts = tuple(_split([(p, entries[p]) for p in plan.platforms], codes_per_page) for plan in layout.plans)
    links = _links(spec, layout.page_of) if relink else layout.links
    return dataclasses.replace(layout, parts=parts, links=links)


def _links(spec: Spec, page_of: dict[str, int]) -> dict[CodeKey, list[CodeKey]]:
    """The cross-links between codes, to those of platforms the site has: a guest may publish
    some of the spec's platforms only."""
    return {
        key: [target for target in targets if target[0] in page_of]
        for key, targets in cross_links(spec).items()
        if key[0] in page_of
    }


# -- what the generator gives the plugin ---------------------------------------------------------


@dataclass(frozen=True)
class Fragment:
    """A piece of a page's body: a template of `templates/errorspec/` and what makes its view.
    A view is made when its page is written, and dropped with it: the rows of every page of a
    large catalogue, made at once, would hold the whole catalogue a second time."""

    template: str
    make_view: Callable[[], dict[str, Any]]
    later: bool = False
    """Rendered as the page is written (a section of codes), rather than with the page's content
    (which the theme reads: Material adds a heading to a page whose content has none)."""

    @property
    def view(self) -> dict[str, Any]:
        return self.make_view()


@dataclass(frozen=True)
class SitePage:
    """One generated page: where it lives (as a docs file), its title, its Markdown (headings and
    markers) and the pieces of body the markers stand for."""

    src_uri: str
    title: str
    markdown: str
    fragments: tuple[Fragment, ...]
    anchors: dict[int, str] = field(default_factory=dict)
    """The id of the heading just before marker i, where it is not the one Markdown gives it."""
    in_nav: bool = True
    """False for the second and later parts of a page (its first part stands for it) and for the
    permanent-URL page, which leads to other pages."""
    listed: bool = True
    """False for the permanent-URL page: it has no address of its own for a search engine (no
    sitemap entry, no canonical URL)."""
    contents: bool = False
    """True for the "What changed" page: its table of contents, the versions, stays where the
    site hides the other pages' (a page of codes has a heading or two, and wants the width)."""

    def meta(self, hide_toc: bool = False) -> dict[str, Any]:
        """What front matter would say of the page, given to MkDocs by the plugin instead: a title
        with a character YAML refuses (a C1 control, U+FFFE) would make the whole front matter
        page text. The title reaches templates that do not escape it, so it arrives escaped;
        errorspec writes these pages' search entries itself."""
        meta: dict[str, Any] = {"title": escape(self.title), "search": {"exclude": True}}
        if hide_toc and not self.contents:
            meta["hide"] = ["toc"]
        return meta


@dataclass(frozen=True)
class SearchEntry:
    """One search result: a page or a code. `title` and `text` are plain text; `fallback` says
    that `text` is not in the site's language; `names` are a code's names in the SDKs, which
    the search finds as it finds a code."""

    location: str
    title: str
    text: str
    fallback: bool = False
    names: tuple[str, ...] = ()
    other: dict[str, str] = field(default_factory=dict)
    """A code's description in each other language where it is not the text shown, and what to
    do about the code in that language: a word found only there still finds the code, and the
    result says in which language."""


SiteFiles = Iterator[tuple[str, Iterable[str]]]
"""Files beside the pages, each as its path from the site's root and its text in pieces, made one
at a time as they are written: a large catalogue's search and data files are megabytes."""


@dataclass(frozen=True)
class LanguageSite:
    lang: str
    root: str
    """The language's folder in the site: "" for the site's default language, "zh/" for another."""
    pages: tuple[SitePage, ...]
    extra_files: Callable[[], SiteFiles]
    """Files beside the pages: the search worker and what it loads."""

    @property
    def search_worker(self) -> str:
        return self.root + SEARCH_WORKER


# -- the views the templates render --------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Localised:
    """A piece of prose as HTML, in the page's language or, with a visible marker, in another one."""

    html: Markup
    lang: str
    marker: str | None = None
    stale: bool = False
    """A translation made from a text that has changed since: it may be out of date."""


@dataclass(frozen=True, slots=True)
class ConstantName:
    """A code's name in one SDK, as a row shows it."""

    name: str
    sdk: str | None
    """The title of the SDK's platform where that is not the row's own platform (a server code
    the iOS SDK names), else None."""

    @property
    def parts(self) -> tuple[str, ...]:
        """The name in the pieces a narrow screen may break it into, each a word of it."""
        return name_parts(self.name)


@dataclass(frozen=True, slots=True)
class WhatToDo:
    """What a row says to do about its code, folded under its description; each part in the
    page's language or, marked, in another one; None where the spec has none."""

    causes: Localised | None
    solutions: Localised | None
    """Likely causes and what to do: sanitised HTML, as descriptions are."""
    example: Localised | None
    """A snippet or log excerpt: escaped text, shown as code as it is written."""


@dataclass(frozen=True, slots=True)
class Row:
    code: int
    anchor: str
    """The row's id on the page: its code, unless another platform of the page has the code too."""
    message: str
    constants: tuple[ConstantName, ...]
    """The code's name in each SDK that declares it: the row's own platform's SDK first."""
    description: Localised | None
    also: tuple[tuple[str, str], ...]
    """Links to the same code's meaning on other platforms: (href, label)."""
    deprecated: bool
    undocumented: bool
    """On no page of the vendor: only an SDK's API reference declares the code."""
    todo: WhatToDo | None = None
    """What to do about the code, where the spec says: None for most codes."""
    widest: bool = False
    """The table's longest code (the first of them): its cell keeps the room of the copy controls
    errorspec.js gives each row once the page has loaded, so that the column does not widen then."""


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


def name_parts(name: str) -> tuple[str, ...]:
    """An SDK's name (`kJMSGErrorSDKMessageProtocolContentTypeNotSupport`, `RTC_INVITE_MYSELF_ERROR`)
    in its words: a line may break after punctuation and where a word starts with a capital,
    never inside a word. The longest names are wider than a phone's line."""
    return tuple(NAME_BREAK.split(name))


def heading_markdown(text: str) -> str:
    """Plain text as the text of a Markdown heading: nothing in it is read as markup or HTML."""
    text = collapse_whitespace(text).replace("&", "&amp;").replace("<", "&lt;")
    return re.sub(r"([\\`*_{}\[\]()#+\-.!>])", r"\\\1", text)


class _Builder:
    def __init__(
        self, spec: Spec, lang: str, url_for: UrlFor, root: str, layout: Layout, texts: EntryTexts | None = None
    ) -> None:
        self.spec = spec
        self.lang = lang
        self.root = root
        self.texts = texts
        self.layout = layout
        self.languages = spec.language_ids
        self.ui = UI.get(lang, UI["en"])
        self.url_for = url_for
        self.platforms = {platform.platform: platform for platform in spec.platforms}
        # The vendor's page of each platform this site has, so that links to it stay on this site.
        self.vendor_pages: dict[str, str] = {}
        for platform in spec.platforms:
            if platform.url and platform.platform in layout.page_of:
                self.vendor_pages.setdefault(platform.url.rstrip("/"), platform.platform)

    def url_of(self, name: str) -> str:
        """The URL of this language's page `name` (`android.md`)."""
        return self.url_for(self.root + name)

    def part_url(self, page: int, part: int = 0) -> str:
        return self.url_of(part_path(self.layout.plans[page].path, part))

    def section_url(self, platform: str) -> str:
        """The URL of the page (of the part) where a platform's codes start."""
        page = self.layout.page_of[platform]
        part = next(i for i, sections in enumerate(self.layout.parts[page]) if platform in dict(sections))
        return self.part_url(page, part)

    def link(self, from_url: str, platform: str, code: int | str | None = None) -> str:
        """The relative link from the page at `from_url` to a platform's codes, or to a code's row
        (on the part of the page that holds it)."""
        if code in (None, ""):
            return relative_url(from_url, self.section_url(platform))
        if CODE.fullmatch(str(code)) and (platform, int(code)) in self.layout.where:
            page, part = self.layout.where[platform, int(code)]
            return relative_url(from_url, f"{self.part_url(page, part)}#{self.layout.anchor((platform, int(code)))}")
        return relative_url(from_url, f"{self.section_url(platform)}#{code}")

    # -- text helpers ------------------------------------------------------------------------

    def language_name(self, lang: str) -> str:
        names = LANGUAGE_NAMES.get(self.lang, LANGUAGE_NAMES["en"])
        return names.get(lang) or self.spec.language_name(lang)

    def pick(self, texts: Mapping[str, str | None]) -> tuple[str, str] | None:
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

    def page_title(self, page: int) -> str:
        plan = self.layout.plans[page]
        picked = self.pick(plan.title)
        return picked[0] if picked else self.title_of(self.platforms[plan.platforms[0]])

    def part_title(self, page: int, part: int) -> str:
        """A part's title: the page's, and for a later part the codes it holds."""
        if part == 0:
            return self.page_title(page)
        return f"{self.page_title(page)} · {_code_range(self.layout.parts[page][part])}"

    def rewriter(self, page_url: str) -> Callable[[str], tuple[str, bool]]:
        def rewrite(url: str) -> tuple[str, bool]:
            base, _, fragment = url.partition("#")
            platform = self.vendor_pages.get(base.rstrip("/"))
            if platform is None:
                return url, url.startswith(("http://", "https://"))
            return self.link(page_url, platform, fragment), False

        return rewrite

    def localised(
        self, texts: Mapping[str, str | None], page_url: str, stale: Collection[str] = ()
    ) -> Localised | None:
        """A localised piece of prose: in this language, or in another one with a visible marker;
        `stale`: the languages whose text is a translation that may be out of date."""
        picked = self.pick(texts)
        if picked is None:
            return None
        text, lang = picked
        shown = self.marked(Markup(rich_text(text, self.rewriter(page_url), self.ui["external"])), lang)
        return replace(shown, stale=True) if lang in stale else shown

    def verbatim(self, texts: Mapping[str, str | None]) -> Localised | None:
        """A text shown as it is written (an example, as code): escaped, never read as Markdown;
        in this language or, marked, in another one."""
        picked = self.pick(texts)
        if picked is None:
            return None
        text, lang = picked
        return self.marked(markup_escape(text.strip("\n")), lang)

    def marked(self, html: Markup, lang: str) -> Localised:
        if lang == self.lang:
            return Localised(html, lang)
        return Localised(html, lang, self.ui["only_in"].format(language=self.language_name(lang)))

    # -- pages of codes ----------------------------------------------------------------------

    def code_pages(self, page: int) -> list[SitePage]:
        plan = self.layout.plans[page]
        return [self.code_page(page, part) for part in range(len(self.layout.parts[page]))] if plan.platforms else []

    def code_page(self, page: int, part: int) -> SitePage:
        plan = self.layout.plans[page]
        title = self.part_title(page, part)
        page_url = self.part_url(page, part)
        pager = self.pager(page, part, page_url)
        # A link to a code another part holds (one made before the page was split) is sent on to
        # the permanent URL, which knows the part: errorspec.js reads these attributes.
        resolver = relative_url(page_url, self.url_of(RESOLVER_PAGE))
        markdown = [f"# {heading_markdown(title)}"]
        fragments: list[Fragment] = []
        anchors: dict[int, str] = {}
        for platform_id, entries in self.layout.parts[page][part]:
            platform = self.platforms[platform_id]
            if plan.sectioned:
                markdown.append(f"## {heading_markdown(self.title_of(platform))}")
                if platform_id in plan.anchors:
                    anchors[len(fragments)] = plan.anchors[platform_id]
            section = functools.partial(self.section_view, platform_id, entries, page_url, pager, resolver)
            markdown.append(MARKER.format(len(fragments)))
            fragments.append(self.fragment_made("errorspec/section.html", section, later=True))
        related = [
            Markup(rich_text(f"[{link.title}]({link.url})", self.rewriter(page_url), self.ui["external"]))
            for platform_id in plan.platforms
            for link in self.platforms[platform_id].related.get(self.lang) or ()
        ]
        if related:
            markdown.append(f"## {heading_markdown(self.ui['related'])}")
            markdown.append(MARKER.format(len(fragments)))
            fragments.append(self.fragment("errorspec/related.html", {"links": list(dict.fromkeys(related))}))
        return SitePage(
            self.root + part_path(plan.path, part),
            title,
            "\n\n".join(markdown) + "\n",
            tuple(fragments),
            anchors,
            in_nav=part == 0,
        )

    def section_view(
        self,
        platform_id: str,
        entries: tuple[Entry, ...],
        page_url: str,
        pager: list[tuple[str, str | None]],
        resolver: str,
    ) -> dict[str, Any]:
        """One platform's codes on a page: `section.html`'s view."""
        platform = self.platforms[platform_id]
        return {
            "platform": platform_id,
            "resolver": resolver,
            "intro": self.localised(platform.intro, page_url),
            "hint": self.localised(platform.hint, page_url),
            "pager": pager,
            "title": self.title_of(platform),
            "rows": _widest_marked([self.row(platform_id, entry, page_url) for entry in entries]),
        }

    def pager(self, page: int, part: int, page_url: str) -> list[tuple[str, str | None]]:
        """Every part of a page split into parts, each named by the codes it holds: (label, href);
        the part shown has no href."""
        parts = self.layout.parts[page]
        if len(parts) == 1:
            return []
        return [
            (_code_range(sections), None if index == part else relative_url(page_url, self.part_url(page, index)))
            for index, sections in enumerate(parts)
        ]

    def row(self, platform: str, entry: Entry, page_url: str) -> Row:
        return Row(
            entry.code,
            self.layout.anchor((platform, entry.code)),
            entry.message,
            self.constant_names(platform, entry),
            self.localised(entry.description, page_url, _stale_languages(entry, "description")),
            self.also_on((platform, entry.code), page_url),
            bool(entry.deprecated),
            entry.undocumented,
            self.what_to_do(entry, page_url),
        )

    def what_to_do(self, entry: Entry, page_url: str) -> WhatToDo | None:
        if not (entry.causes or entry.solutions or entry.example):
            return None  # most codes: nothing to fold
        return WhatToDo(
            self.localised(entry.causes or {}, page_url, _stale_languages(entry, "causes")),
            self.localised(entry.solutions or {}, page_url, _stale_languages(entry, "solutions")),
            self.verbatim(entry.example or {}),
        )

    def constant_names(self, platform: str, entry: Entry) -> tuple[ConstantName, ...]:
        """The code's names: its own platform's SDK first, then the others in the spec's order of
        platforms, each named by its platform's title (by its id where the spec has no such platform)."""
        if not entry.constants:  # asked for every row, and most codes have no name
            return ()
        order = {sdk: index for index, sdk in enumerate(self.platforms)}
        ranked = sorted(entry.constants, key=lambda c: (c.sdk != platform, order.get(c.sdk, len(order)), c.sdk))
        return tuple(ConstantName(c.name, None if c.sdk == platform else self.sdk_title(c.sdk)) for c in ranked)

    def sdk_title(self, sdk: str) -> str:
        platform = self.platforms.get(sdk)
        return self.title_of(platform) if platform else sdk

    def also_on(self, key: CodeKey, page_url: str) -> tuple[tuple[str, str], ...]:
        return tuple(
            (self.link(page_url, platform, code), f"{self.title_of(self.platforms[platform])} {code}")
            for platform, code in self.layout.links.get(key) or ()
        )

    # -- home, status, changes ---------------------------------------------------------------

    def simple_page(self, path: str, title: str, template: str, view: dict[str, Any]) -> SitePage:
        markdown = f"# {heading_markdown(title)}\n\n{MARKER.format(0)}\n"
        return SitePage(self.root + path, title, markdown, (self.fragment(template, view),))

    def fragment(self, template: str, view: dict[str, Any]) -> Fragment:
        """A piece of body whose view is known now."""
        return self.fragment_made(template, lambda: view)

    def fragment_made(self, template: str, make_view: Callable[[], dict[str, Any]], later: bool = False) -> Fragment:
        """A piece of body whose view is made when it is rendered (`later`: as the page is written):
        every template also has the page's language and its interface texts."""
        return Fragment(template, lambda: {**make_view(), "lang": self.lang, "ui": self.ui}, later)

    def home_page(self, path: str) -> SitePage:
        page_url = self.url_of(path)
        products = [
            {
                "id": product_id,
                "name": name,
                "platforms": [
                    {
                        "href": self.link(page_url, platform.platform),
                        "title": self.title_of(platform),
                        "count": len(platform.entries),
                        "intro": self.localised(platform.intro, page_url),
                    }
                    for platform in platforms
                ],
            }
            for product_id, name, platforms in self.products()
        ]
        status = self.layout.placement.status
        view = {
            "products": products,
            "status": relative_url(page_url, self.url_of(status)) if status else None,
            "data": [(name, relative_url(page_url, path)) for name, path in DATA_FILES.items()],
        }
        return self.simple_page(path, self.ui["home"], "errorspec/home.html", view)

    @functools.cached_property
    def published(self) -> list[PlatformSpec]:
        """The platforms this site has a page for: a guest may publish some of the spec's only."""
        return [platform for platform in self.spec.platforms if platform.platform in self.layout.page_of]

    def products(self) -> list[tuple[str | None, str | None, list[PlatformSpec]]]:
        """The platforms by product, as (id, name, platforms): where the spec holds several
        products, under each one's name in the manifest's order (a platform of none under
        "Other platforms", last); else all of them, unnamed."""
        if len(self.spec.products) < 2:
            return [(None, None, self.published)]
        groups: list[tuple[str | None, str | None, list[PlatformSpec]]] = []
        for product in self.spec.products:
            picked = self.pick(product.name)
            held = [platform for platform in self.published if platform.product == product.id]
            groups.append((product.id, picked[0] if picked else product.id, held))
        known = {product.id for product in self.spec.products}
        groups.append((None, self.ui["home.other"], [p for p in self.published if p.product not in known]))
        return [group for group in groups if group[2]]

    def status_page(self, path: str) -> SitePage:
        page_url = self.url_of(path)
        platforms = []
        for platform in self.published:
            total = len(platform.entries)
            translated = [sum(1 for e in platform.entries if e.description.get(lang)) for lang in self.languages]
            missing = [
                {
                    "lang": lang,
                    "name": self.language_name(lang),
                    "codes": [
                        (code, self.link(page_url, platform.platform, code))
                        for code in (entry.code for entry in platform.entries if not entry.description.get(lang))
                    ],
                }
                for lang in sorted(self.languages, key=lambda language: language != self.lang)
            ]
            stale = [
                {
                    "lang": lang,
                    "name": self.language_name(lang),
                    "codes": [(code, self.link(page_url, platform.platform, code)) for code in codes],
                }
                for lang in sorted(self.languages, key=lambda language: language != self.lang)
                if (codes := _stale_codes(platform, lang))
            ]
            platforms.append(
                {
                    "id": platform.platform,
                    "title": self.title_of(platform),
                    "href": self.link(page_url, platform.platform),
                    "total": total,
                    "coverage": [_coverage(count, total) for count in translated],
                    "missing": missing,
                    "stale": stale,
                }
            )
        view = {"languages": [self.language_name(lang) for lang in self.languages], "platforms": platforms}
        return self.simple_page(path, self.ui["status"], "errorspec/status.html", view)

    def changes_page(self, path: str, history: SpecHistory | None) -> SitePage:
        """What changed in the codes, for readers: a lead that says where it comes from and what it
        leaves out, then each version under a heading of its own (in the table of contents), its
        changes in the groups of CHANGE_GROUPS."""
        title = self.ui["changes"]
        markdown = [f"# {heading_markdown(title)}", MARKER.format(0)]
        fragments = [self.fragment("errorspec/changes.html", {"lead": self.changes_lead(history), "version": None})]
        anchors: dict[int, str] = {}
        if history is not None:
            page_url = self.url_of(path)
            for item, anchor in zip(history.items, _version_anchors(history.items), strict=True):
                markdown += [f"## {heading_markdown(self.version_heading(item))}", MARKER.format(len(fragments))]
                anchors[len(fragments)] = anchor
                view = {"lead": None, "version": self.version_view(item, page_url)}
                fragments.append(self.fragment("errorspec/changes.html", view))
        return SitePage(self.root + path, title, "\n\n".join(markdown) + "\n", tuple(fragments), anchors, contents=True)

    def changes_lead(self, history: SpecHistory | None) -> dict[str, Any]:
        if history is None:
            return {"history": False}
        return {
            "history": True,
            "folder": history.folder or "./",
            "commit": history.head[:7],
            "older": history.older,
            "empty": not (history.items or history.older),
        }

    def version_heading(self, item: HistoryItem) -> str:
        if item.date is None:
            return self.ui["changes.uncommitted"]
        return self.ui["changes.release"].format(tag=item.tag, date=item.date) if item.tag else item.date

    def version_view(self, item: HistoryItem, page_url: str) -> dict[str, Any]:
        """A version's changes in groups, each as (heading, group, items): descriptions in a group
        per language, the page's own first (its reader's text), then the spec's order."""
        groups = []
        for group, kinds in CHANGE_GROUPS.items():
            changes = [change for change in item.changes if change.kind in kinds]
            if group == "descriptions":
                languages = sorted(
                    dict.fromkeys(change.lang or "" for change in changes), key=lambda lang: lang != self.lang
                )
                for lang in languages:
                    heading = self.ui["changes.group.descriptions"].format(language=self.language_name(lang))
                    items = [self.change_item(change, page_url) for change in changes if change.lang == lang]
                    groups.append((heading, group, items))
            elif group in ("todo", "pages") and changes:
                groups.append((self.ui[f"changes.group.{group}"], group, self.merged_items(changes, page_url)))
            elif changes:
                items = [self.change_item(change, page_url) for change in changes]
                groups.append((self.ui[f"changes.group.{group}"], group, items))
        return {"first": item.codes if item.first else None, "groups": groups}

    def merged_items(self, changes: list[Change], page_url: str) -> list[dict[str, Any]]:
        """Changes to the texts of a code (what to do about it) or of a platform's page, one item per
        code or platform: which of its texts changed (causes, an example; its intro, its title)."""
        items: dict[tuple[str, int | None], dict[str, Any]] = {}
        for change in changes:
            key = (change.platform, change.code)
            item = items.setdefault(key, {**self.changed(*key, page_url), "notes": []})
            note = self.ui[f"changes.field.{change.field}"]
            if note not in item["notes"]:
                item["notes"].append(note)
        return list(items.values())

    def changed(self, platform: str, code: int | None, page_url: str) -> dict[str, Any]:
        """What a change is about, a platform or one of its codes: its label, and a link to where it
        is now (None where this site no longer has it: a removed code is not linked)."""
        spec_platform = self.platforms.get(platform)
        name = self.title_of(spec_platform) if spec_platform else platform
        if code is None:
            return {"label": name, "href": self.link(page_url, platform) if platform in self.layout.page_of else None}
        href = self.link(page_url, platform, code) if (platform, code) in self.layout.where else None
        return {"label": f"{name} {code}", "href": href}

    def change_item(self, change: Change, page_url: str) -> dict[str, Any]:
        """One change as the page lists it: what it is about and, by its kind, a message (the new
        one; a removed code's last one), the message before, where a code moved to, or the name an
        SDK gives the code before and after (`sdk`: the SDK's platform, where not the code's own),
        or what became of its description (`notes`)."""
        item = self.changed(change.platform, change.code, page_url)
        if change.kind in ("code-added", "message-changed"):
            item["message"] = change.after
        if change.kind in ("code-removed", "message-changed"):
            item["before" if change.kind == "message-changed" else "message"] = change.before
        if change.kind == "code-moved" and change.after:
            platform, _, code = change.after.rpartition(":")
            item["to"] = self.changed(platform, int(code), page_url)
        if change.kind in DESCRIPTION_STATES:
            item["notes"] = [self.ui[f"changes.description.{DESCRIPTION_STATES[change.kind]}"]]
        if change.kind.startswith("constant-"):
            sdk = change.field or change.platform
            item["sdk"] = None if sdk == change.platform else self.sdk_title(sdk)
            item["name_before"], item["name_after"] = change.before, change.after
        return item

    # -- permanent URLs ----------------------------------------------------------------------

    def code_resolver(self) -> SitePage:
        """The page behind every permanent URL (`codes/#android/871310`, `codes/#0`, and a code's
        name in an SDK, `codes/#kJMSGErrorSDKUserNotLogin`), a page of the site in its language:
        its script leads to the code's row, or lets the reader choose where several platforms have
        the code (or several codes the name), or says what the catalogue knows of a number that
        is no code. As built, it lists the platforms: what `codes/` alone shows. Its view holds
        every code: made as the page is read, and dropped with it."""
        fragment = self.fragment_made("errorspec/resolver.html", self.resolver_view)
        title = self.ui["resolver.index"]
        return SitePage(
            self.root + RESOLVER_PAGE, title, MARKER.format(0) + "\n", (fragment,), in_nav=False, listed=False
        )

    def resolver_view(self) -> dict[str, Any]:
        page_url = self.url_of(RESOLVER_PAGE)
        pages: dict[str, list[str]] = {}
        codes: dict[str, list[str]] = {}
        names: dict[str, list[list[str | None]]] = {}
        for page, page_parts in enumerate(self.layout.parts):
            for part, sections in enumerate(page_parts):
                for platform, held in sections:
                    pages.setdefault(platform, []).append(relative_url(page_url, self.part_url(page, part)))
                    # Codes as text, joined by spaces: a JavaScript number loses digits past 2**53.
                    codes.setdefault(platform, []).append(" ".join(str(entry.code) for entry in held))
                    for entry in held:
                        for constant in self.constant_names(platform, entry):
                            names.setdefault(platform, []).append([str(entry.code), constant.name, constant.sdk])
        titles = {platform: self.title_of(self.platforms[platform]) for platform in pages}
        offered = {f"{platform}/{entry.code}": entry for platform, entry in self.offered_together()}
        data = {  # per platform, the parts that hold its codes: their pages and the codes each holds
            "pages": pages,
            "titles": titles,
            "codes": codes,
            "anchors": _renamed_rows(self.layout.renamed),
            "names": names,  # [code, name, the title of the SDK's platform where not the code's own]
            "about": {key: [entry.message, *self.described(entry.description)] for key, entry in offered.items()},
            # What to do about a code offered: shown open, as the reader is choosing which one is theirs.
            "todo": {key: said for key, entry in offered.items() if (said := self.what_to_do_said(entry))},
            "ranges": self.code_ranges(),
            "nearest": RULES["nearest"],
            "text": {
                **{key: self.ui[f"resolver.{key}"] for key in ("several", "named", "elsewhere", "missing", "nearest")},
                # A number that is no code: in the words of the search's result, which links here.
                "unknown": self.ui["search.not_code"],
                "range": self.ui["search.range"],
                "rangeDescribed": self.ui["search.range_described"],
            },
        }
        view = {
            "platforms": [(titles[platform], urls[0]) for platform, urls in pages.items()],
            "data": Markup(script_json(data)),  # script_json leaves nothing that could end the script
            "script": Markup(asset("code-resolver.js")),  # errorspec's own, which says no "</script"
        }
        return view

    def offered_together(self) -> list[tuple[str, Entry]]:
        """Each code the permanent-URL page offers beside others (a code on several platforms, one
        of several codes a name names), with its platform: the page carries their messages,
        descriptions and what to do about them, and only theirs, since a catalogue has tens of
        thousands of codes."""
        platforms_of: dict[int, list[str]] = {}
        named: dict[str, set[CodeKey]] = {}
        for platform in self.published:
            for entry in platform.entries:
                platforms_of.setdefault(entry.code, []).append(platform.platform)
                for constant in entry.constants:
                    named.setdefault(constant.name.lower(), set()).add((platform.platform, entry.code))
        together = {(platform, code) for code, held in platforms_of.items() if len(held) > 1 for platform in held}
        together |= {key for keys in named.values() if len(keys) > 1 for key in keys}
        return [
            (platform.platform, entry)
            for platform in self.published
            for entry in platform.entries
            if (platform.platform, entry.code) in together
        ]

    def what_to_do_said(self, entry: Entry) -> list[list[str]] | None:
        """What to do about a code, for a script to show: its causes, solutions and example, each
        as `described` gives it; None where the spec has none of them."""
        if not (entry.causes or entry.solutions or entry.example):
            return None
        return [
            self.described(entry.causes or {}),
            self.described(entry.solutions or {}),
            self.described(entry.example or {}, verbatim=True),
        ]

    def described(self, texts: Mapping[str, str | None], verbatim: bool = False) -> list[str]:
        """A description (or another text of the spec) as plain text, for a script to show: []
        without one, [text] in this language, else [text, its language, the marker that says
        so]. A `verbatim` text (an example) is kept as it is written, line breaks and all."""
        picked = self.pick(texts)
        if picked is None:
            return []
        text, lang = picked
        text = text.strip("\n") if verbatim else _plain(text)
        if lang == self.lang:
            return [text]
        return [text, lang, self.ui["only_in"].format(language=self.language_name(lang))]

    # -- search ------------------------------------------------------------------------------

    def page_entries(self) -> list[SearchEntry]:
        entries = []
        for plan in self.layout.plans:
            for platform_id in plan.platforms:
                platform = self.platforms[platform_id]
                intro = self.pick(platform.intro)
                url = self.section_url(platform_id)
                entries.append(SearchEntry(url, self.title_of(platform), _plain(intro[0]) if intro else ""))
        return entries

    def code_entries(self, platform: PlatformSpec, entries: tuple[Entry, ...]) -> list[SearchEntry]:
        found = []
        for entry in entries:
            page, part = self.layout.where[platform.platform, entry.code]
            shown, shown_lang = self.pick(entry.description) or ("", self.lang)
            # The worker reads the message back from the title: after the code and one space.
            title = f"{entry.code} {entry.message}".strip()
            fallback = shown_lang != self.lang
            location = f"{self.part_url(page, part)}#{self.layout.anchor((platform.platform, entry.code))}"
            names = tuple(dict.fromkeys(constant.name for constant in self.constant_names(platform.platform, entry)))
            # What to do about the code is found by its words too, after the description: in
            # this language in the entry's text, in another in its text there. A code without
            # any has not a character more.
            text = " · ".join([self.title_of(platform), _plain(shown), *_what_to_do_words(entry, self.lang)])
            other = {}
            for lang in (lang for lang in self.languages if lang != self.lang):
                said = entry.description.get(lang)
                words = ([_plain(said)] if said and said != shown else []) + _what_to_do_words(entry, lang)
                if words:
                    other[lang] = " · ".join(words)
            found.append(SearchEntry(location, title, text, fallback, names, other))
        return found

    def search_files(self) -> SiteFiles:
        """The search worker and what it loads itself, off the page's thread: a small file per
        code prefix (a code is a key: its first characters say which file answers it, at once;
        a small catalogue has one file), and an entry per page and per code for words.
        The theme's own index keeps only the pages written by hand."""
        folder = posixpath.dirname(self.root + SEARCH_WORKER)
        part_pages, shards = self.code_files()
        for shard, codes in shards.items():
            text = (
                f"(self.__errorspec_codes = self.__errorspec_codes || {{}})[{script_json(shard)}] = "
                f"{script_json({'platforms': part_pages, 'codes': codes})}\n"
            )
            yield f"{folder}/errorspec-codes/{shard}.js", [text]
        del shards  # written: the index is made next
        yield f"{folder}/errorspec-index.js", self.index_pieces()
        worker = asset("search-worker.js", SEARCH_SETTINGS, script_json(self.search_settings()))
        yield self.root + SEARCH_WORKER, [worker]

    def code_files(self) -> tuple[list[list[str]], dict[str, dict[str, list[list[int | str]]]]]:
        """What the code files say: [URL, platform title] of every part of every page, per
        platform; and per code prefix, each code's [part, message, its row's id where that is
        not the code]."""
        part_pages: list[list[str]] = []
        shards: dict[str, dict[str, list[list[int | str]]]] = {}
        for page, page_parts in enumerate(self.layout.parts):
            for part, sections in enumerate(page_parts):
                for platform, held in sections:
                    index = len(part_pages)
                    part_pages.append([self.part_url(page, part), self.title_of(self.platforms[platform])])
                    for entry in held:
                        code = str(entry.code)
                        shard = code[: self.layout.code_prefix] or "all"
                        found: list[int | str] = [index, entry.message]
                        if (platform, entry.code) in self.layout.renamed:
                            found.append(self.layout.renamed[platform, entry.code])
                        shards.setdefault(shard, {}).setdefault(code, []).append(found)
        return part_pages, shards

    def index_pieces(self) -> Iterator[str]:
        """`errorspec-index.js`, the entries for words, in pieces of INDEX_BATCH codes (the index of
        a large catalogue is megabytes, never held whole); under `mkdocs serve`, an entry's piece is
        the one made for the same entry before (`texts`)."""
        yield "self.__errorspec_index = ["
        separator = ""
        pieces = itertools.chain(
            [_index_items(self.page_entries())],
            (
                self.index_batch(platform, platform.entries[start : start + INDEX_BATCH])
                for platform in self.published
                for start in range(0, len(platform.entries), INDEX_BATCH)
            ),
        )
        for piece in pieces:
            if piece:
                yield separator + piece
                separator = ","
        yield "]\n"

    def index_batch(self, platform: PlatformSpec, entries: tuple[Entry, ...]) -> str:
        """The index's entries of some codes, as the items of one list of them all say them."""
        if self.texts is None:
            return _index_items(self.code_entries(platform, entries))
        kind = ("index", self.lang, platform.platform)
        return ",".join(
            self.texts.text(kind, entry, functools.partial(self.index_item, platform, entry)) for entry in entries
        )

    def index_item(self, platform: PlatformSpec, entry: Entry) -> str:
        return _index_items(self.code_entries(platform, (entry,)))

    def search_settings(self) -> dict[str, object]:
        """What the search worker is told of this site: where a code's file is, the rules for
        reading pasted text (the command line's own, so that both read a paste alike), the
        permanent-URL page, the code ranges of the platforms it has and what its results say."""
        ui = self.ui
        texts = {
            "matched": ui["search.matched"],
            "reasons": {reason: ui[f"search.reason.{reason}"] for reason in ("code", "number", "constant", "message")},
            "otherLanguage": {
                lang: ui["search.other_language"].format(language=self.language_name(lang))
                for lang in self.languages
                if lang != self.lang
            },
            "notCode": ui["search.not_code"],
            "range": ui["search.range"],
            "rangeDescribed": ui["search.range_described"],
            "nearest": ui["search.nearest"],
            "more": ui["search.more"],
        }
        return {
            "codePrefix": self.layout.code_prefix,
            "rules": RULES,
            "resolver": self.url_of(RESOLVER_PAGE),
            "ranges": self.code_ranges(),
            "texts": texts,
        }

    def code_ranges(self) -> list[list[str]]:
        """The code ranges of the platforms this site has, as the search and the permanent-URL
        page say them: [platform's title, prefix, *its description as `described` gives it]."""
        return [
            [self.title_of(platform), code_range.prefix, *self.described(code_range.description)]
            for platform in self.published
            for code_range in platform.ranges
        ]


def _widest_marked(rows: list[Row]) -> list[Row]:
    """The rows, the first of the longest codes marked (`Row.widest`)."""
    if rows:
        widest = max(range(len(rows)), key=lambda index: len(str(rows[index].code)))
        rows[widest] = dataclasses.replace(rows[widest], widest=True)
    return rows


def _index_items(entries: list[SearchEntry]) -> str:
    """Search entries as the items of a list in the index's JSON."""
    items = [[item.location, item.title, item.text, int(item.fallback), *_optional(item)] for item in entries]
    return script_json(items)[1:-1]


def _optional(entry: SearchEntry) -> list[object]:
    """A search entry's names and other languages' descriptions, where it has them, so that a
    page's entry (and a code's without them) takes no room for them."""
    if entry.other:
        return [list(entry.names), entry.other]
    return [list(entry.names)] if entry.names else []


def script_json(data: object) -> str:
    """`data` as JSON to write into a script, inline or in a file: in a `<script>` element "</"
    would end it early and "<!--" change how it ends, and before ES2019 a line or paragraph
    separator ended a string literal. JSON says each of these characters as an escape."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for char in "<>&\u2028\u2029":  # replace, not translate: the search index can be megabytes
        text = text.replace(char, f"\\u{ord(char):04x}")
    return text


def asset(name: str, setting: re.Pattern[str] | None = None, value: str = "") -> str:
    """One of errorspec's assets; `setting`, where given, marks the one place where this site's
    `value` is written into it (a script's settings)."""
    text = resources.files("errorspec.publish").joinpath("assets", name).read_text(encoding="utf-8")
    if setting is None:
        return text
    text, found = setting.subn(lambda _: value, text)
    assert found == 1, f"{name} has one place for errorspec's settings"
    return text


@functools.cache
def _inline() -> MarkdownIt:
    # Imported here: most descriptions are plain text, and a catalogue of them parses no Markdown.
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", {"html": True})


def _plain(markdown: str) -> str:
    """The text a reader sees of inline Markdown: for search entries, many thousands of them."""
    if not MARKUP.search(markdown):
        return markdown
    parts = []
    for token in _inline().parseInline(markdown)[0].children or ():
        if token.type in ("text", "code_inline"):
            parts.append(token.content)
        elif token.type in ("softbreak", "hardbreak", "html_inline"):
            parts.append(" ")
    return collapse_whitespace("".join(parts))


def _what_to_do_words(entry: Entry, lang: str) -> list[str]:
    """What to do about a code in `lang` as plain text, for its search entry: causes, solutions
    and the example, each where the spec has it."""
    words = [_plain(said[lang]) for said in (entry.causes, entry.solutions) if said and said.get(lang)]
    if entry.example and entry.example.get(lang):
        words.append(collapse_whitespace(entry.example[lang]))  # verbatim, not Markdown
    return words


def _code_prefix(codes: set[str]) -> int:
    """How many leading characters of a code name its code file: the fewest that leave no file
    more than SHARD_CODES codes (none, so one file, for a small catalogue)."""
    longest = max(map(len, codes), default=0)
    return next(
        length
        for length in range(longest + 1)
        if length == longest or max(Counter(code[:length] for code in codes).values()) <= SHARD_CODES
    )


def _split(sections: list[Section], size: int) -> list[list[Section]]:
    """A page's sections in parts of at most `size` codes, in their order; a section may run on
    into the next part. A page without codes has one part."""
    parts: list[list[Section]] = [[]]
    room = size
    for platform, entries in sections:
        if not entries:
            parts[-1].append((platform, ()))
        start = 0
        while start < len(entries):
            if room == 0:
                parts.append([])
                room = size
            held = entries[start : start + room]
            parts[-1].append((platform, held))
            start += len(held)
            room -= len(held)
    return parts


def _renamed_rows(renamed: dict[CodeKey, str]) -> dict[str, dict[str, str]]:
    """Per platform, the codes whose row's id is not the code itself."""
    rows: dict[str, dict[str, str]] = {}
    for (platform, code), anchor in renamed.items():
        rows.setdefault(platform, {})[str(code)] = anchor
    return rows


def _code_range(sections: list[Section]) -> str:
    held = [entries for _, entries in sections if entries]  # asked of every part for each part's pager
    return f"{held[0][0].code}–{held[-1][-1].code}" if held else ""


def _stale_languages(entry: Entry, field: str) -> set[str]:
    return {record.lang for record in stale_translations(entry) if record.field == field}


def _stale_codes(platform: PlatformSpec, lang: str) -> list[int]:
    """The platform's codes with a text translated into `lang` from one that has changed since."""
    return [entry.code for entry in platform.entries if any(r.lang == lang for r in stale_translations(entry))]


def _coverage(count: int, total: int) -> str:
    percent = math.floor(count * 1000 / total) / 10 if total else 100.0
    return f"{count} ({percent:g}%)"


# -- what changed ----------------------------------------------------------------------------

# The groups of a version's changes on the "What changed" page, in its order, each with the kinds
# of change (review/diff.py) it holds: as a reader asks, not as a reviewer does (a translation
# added is a description changed in that language; an SDK's name for a code is one group).
CHANGE_GROUPS: dict[str, tuple[str, ...]] = {
    "platforms-added": ("platform-added",),
    "added": ("code-added",),
    "removed": ("code-removed",),
    "platforms-removed": ("platform-removed",),
    "moved": ("code-moved",),
    "messages": ("message-changed",),
    "descriptions": ("description-changed", "translation-added", "translation-updated", "translation-removed"),
    "deprecated": ("code-deprecated",),
    "names": ("constant-added", "constant-renamed", "constant-removed"),
    "todo": ("what-to-do-changed",),
    "pages": ("prose-changed",),
}
DESCRIPTION_STATES = {
    "translation-added": "added",
    "description-changed": "changed",
    "translation-updated": "changed",
    "translation-removed": "removed",
}


def _version_anchors(items: tuple[HistoryItem, ...]) -> list[str]:
    """Each version's id on the page: its tag (only letters, digits and `._-` kept, so that a tag
    is never markup), its date, or `uncommitted`; a second of the same name gets `-2`."""
    anchors: list[str] = []
    for item in items:
        if item.date is None:
            name = "uncommitted"
        elif item.tag:
            name = re.sub(r"[^A-Za-z0-9._-]+", "-", item.tag).strip("-") or "release"
        else:
            name = item.date
        anchor, number = name, 1
        while anchor in anchors:
            number += 1
            anchor = f"{name}-{number}"
        anchors.append(anchor)
    return anchors


def data_files(spec: Spec, texts: EntryTexts | None = None) -> SiteFiles:
    """The catalogue as data, published with the site: the export JSON, a CSV, the JSON Schema."""
    yield DATA_FILES["JSON"], export_json_pieces(spec, texts)
    yield DATA_FILES["CSV"], export_csv_pieces(spec, texts)
    yield DATA_FILES["JSON Schema"], [schema_text(SPEC_SCHEMA)]


def site_files(layout: Layout, with_changes: bool = True) -> list[str]:
    """The generated pages' files, in the order of the site's navigation (first parts only)."""
    placement = layout.placement
    pages = [placement.home, *(plan.path for plan in layout.plans), placement.status]
    if with_changes:
        pages.append(placement.changes)
    return [page for page in pages if page]


def language_site(
    spec: Spec,
    lang: str,
    url_for: UrlFor,
    root: str = "",
    history: SpecHistory | Literal[False] | None = False,
    layout: Layout | None = None,
    texts: EntryTexts | None = None,
    status: SitePage | None = None,
) -> LanguageSite:
    """Every generated page of the site in `lang`, in the folder `root`, with its search files and
    permanent URLs.

    `history` feeds the "What changed" page: False leaves the page out, None says that there is
    no history to show. `layout` is the one `site_layout` gives, shared by the languages (the
    default one when None). `texts` keeps what the search files say of each entry, for the next
    build of the same layout. `status`: the status page as made before, where an edit changed
    nothing it shows (`mkdocs serve`: at 25,000 codes it takes a tenth of a second to make).
    """
    builder = _Builder(spec, lang, url_for, root, layout or site_layout(spec), texts)
    placement = builder.layout.placement
    pages = [builder.home_page(placement.home)] if placement.home else []
    pages += [page for index in range(len(builder.layout.plans)) for page in builder.code_pages(index)]
    if placement.status:
        pages.append(status or builder.status_page(placement.status))
    if placement.changes and history is not False:
        pages.append(builder.changes_page(placement.changes, history))
    pages.append(builder.code_resolver())
    return LanguageSite(lang, root, tuple(pages), builder.search_files)
