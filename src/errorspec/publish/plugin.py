"""The MkDocs plugin: a thin adapter that places errorspec's generated pages into a build.

One `mkdocs build` writes every language: the default one at the site's root, each other one
under `<lang>/`. A page in another language is rendered with that language's view of the
configuration (theme language and site name) and its own navigation, so that Material's
interface speaks the reader's language while the theme's files are shared.

Hooks: `on_config` loads the spec, `on_files` adds the pages, `on_nav` makes each other
language's navigation, `on_env` makes each language's view of the configuration,
`on_page_content` puts each page's body in place, `on_page_context` gives the page its
language, `on_post_build` writes the search and data files, `on_serve` watches the spec.
"""

from __future__ import annotations

import copy
import functools
import json
import os
import posixpath
from collections.abc import Iterator, Mapping
from html import escape
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jinja2.bccache import Bucket, BytecodeCache
from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation

from errorspec.model import InputError, Spec
from errorspec.publish.bundle import ZIP_EPOCH
from errorspec.publish.site import (
    CODES_PER_PAGE,
    HOME_PAGE,
    SEARCH_WORKER,
    LanguageSite,
    SitePage,
    data_files,
    language_site,
    relative_url,
    site_files,
    site_layout,
)
from errorspec.sources.manifest import load_manifest
from errorspec.spec.crosslinks import broken_references
from errorspec.spec.specfiles import SpecInvalid, load_spec

if TYPE_CHECKING:
    from jinja2 import Environment
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.livereload import LiveReloadServer
    from mkdocs.structure.pages import Page
    from mkdocs.theme import Theme
    from mkdocs.utils.templates import TemplateContext

    from errorspec.review.revisions import HistoryItem

log = get_plugin_logger(__name__)

ASSETS = "assets/errorspec"
UNDATED = "{:04}-{:02}-{:02}".format(*ZIP_EPOCH[:3])  # for files that must carry a date
BODY_MARKER = "<!-- errorspec:body -->"


class ErrorspecConfig(Config):
    enabled = config_options.Type(bool, default=True)
    """Build the spec's pages; off, the site has only what `docs_dir` holds."""
    spec = config_options.Dir(exists=True, default="spec")
    """The spec folder, holding `sources.yaml` and one file per platform."""
    languages = config_options.Optional(config_options.ListOfItems(config_options.Type(str)))
    """The site's languages; by default every language of the spec."""
    default_language = config_options.Optional(config_options.Type(str))
    """The language at the site's root; the others live under `<lang>/`. By default the spec's first.
    A `nav` in mkdocs.yml is the default language's; the others list their generated pages."""
    site_name = config_options.Type(dict, default={})
    """The site's name in each other language (`zh: JMessage 错误码`); `site_name` serves the default."""
    history = config_options.Type(int, default=10)
    """How many versions of the spec the "What changed" page shows, from git; 0: no such page."""
    codes_per_page = config_options.Type(int, default=CODES_PER_PAGE)
    """A platform with more codes is split into pages of this many, linked from one another."""


class ErrorspecPlugin(BasePlugin[ErrorspecConfig]):
    def __init__(self) -> None:
        self.spec: Spec | None = None
        self.languages: list[str] = []  # the default first
        self.sites: dict[str, LanguageSite] = {}
        self.pages: dict[str, SitePage] = {}  # by src_uri
        self.urls: dict[str, str] = {}  # every page's URL, by src_uri
        self.navs: dict[str, Navigation] = {}  # each other language's navigation
        self.views: dict[str, MkDocsConfig] = {}  # each other language's configuration, as templates see it

    # -- hooks -------------------------------------------------------------------------------

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        if not self.config.enabled:
            return None
        if self.config.codes_per_page < 1:
            raise PluginError(f"errorspec: codes_per_page is {self.config.codes_per_page}; it must be 1 or more")
        spec_dir = Path(self.config.spec)
        try:
            self.spec = load_spec(spec_dir, load_manifest(spec_dir))
        except InputError as error:
            raise PluginError(f"errorspec: {error}") from None
        except SpecInvalid as invalid:
            raise PluginError("errorspec: the spec is invalid:\n" + str(invalid)) from None
        for (platform, code), reference in broken_references(self.spec):
            log.warning(
                "%s/%s.yaml: code %s links to %s, which the spec does not have", spec_dir, platform, code, reference
            )
        self.languages = list(self.config.languages or self.spec.language_ids)
        unknown = [lang for lang in self.languages if lang not in self.spec.language_ids]
        if unknown:
            raise PluginError(f"errorspec: languages {unknown} are not in {spec_dir}/sources.yaml")
        default = self.config.default_language or self.languages[0]
        if default not in self.languages:
            raise PluginError(f"errorspec: default_language '{default}' is not one of {self.languages}")
        self.languages.remove(default)
        self.languages.insert(0, default)
        config.theme["language"] = default
        config.extra["alternate"] = True  # Material shows its language menu; ours fills it per page
        config.extra["errorspec"] = {
            "search_worker": SEARCH_WORKER,
            # Without SOURCE_DATE_EPOCH a build has no date, so that it is reproducible.
            "dated": "SOURCE_DATE_EPOCH" in os.environ,
        }
        config.extra_css.append(f"{ASSETS}/errorspec.css")
        config.extra_javascript.append(f"{ASSETS}/errorspec.js")
        if config.nav is None:
            config.nav = site_files(self.spec, with_changes=bool(self.config.history))
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files | None:
        if not self.config.enabled or self.spec is None:
            return None

        # The pages' URLs depend on use_directory_urls; a stand-in file knows them. Asked for
        # each cross-link of each row, so each answer is kept.
        @functools.cache
        def url_for(src_uri: str) -> str:
            return File(src_uri, config.docs_dir, config.site_dir, config.use_directory_urls).url

        history = self._history() if self.config.history else False
        layout = site_layout(self.spec, self.config.codes_per_page)
        for lang in self.languages:
            site = language_site(self.spec, lang, url_for, _root(self.languages, lang), history, layout)
            self.sites[lang] = site
            for page in site.pages:
                # The default language's pages are in `nav`; the others get a navigation of their own.
                in_nav = page.in_nav and lang == self.languages[0]
                inclusion = InclusionLevel.UNDEFINED if in_nav else InclusionLevel.NOT_IN_NAV
                self.pages[page.src_uri] = page
                existing = files.get_file_from_path(page.src_uri)
                if existing is not None:
                    files.remove(existing)  # the generated page wins over a hand-written one
                # The title reaches templates that do not escape it, so it arrives escaped.
                # errorspec writes these pages' search entries itself.
                meta = {"title": escape(page.title), "search": {"exclude": True}, "hide": ["toc"]}
                markdown = f"---\n{json.dumps(meta, ensure_ascii=False)}\n---\n\n{BODY_MARKER}\n"
                files.append(File.generated(config, page.src_uri, content=markdown, inclusion=inclusion))
        assets = resources.files("errorspec.publish").joinpath("assets")
        for name in ("errorspec.css", "errorspec.js", "iframe-worker.js"):
            files.append(File.generated(config, f"{ASSETS}/{name}", content=assets.joinpath(name).read_bytes()))
        return files

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation | None:
        for lang, site in self.sites.items():
            if lang == self.languages[0]:
                continue
            pages = [
                file.page
                for page in site.pages
                if page.in_nav and (file := files.get_file_from_path(page.src_uri)) and file.page
            ]
            for before, page, after in zip([None, *pages[:-1]], pages, [*pages[1:], None], strict=True):
                page.previous_page, page.next_page = before, after
            self.navs[lang] = Navigation(list(pages), pages)
            self.navs[lang].homepage = pages[0]
        return nav

    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment | None:
        # Every rebuild under `mkdocs serve` has a fresh template environment: compiled templates
        # are kept for the next one.
        env.bytecode_cache = _TEMPLATES
        self.urls = {file.src_uri: file.url for file in files.documentation_pages()}
        if self.spec is not None:
            for lang in self.languages[1:]:
                site_name = self.config.site_name.get(lang, config.site_name)
                self.views[lang] = _language_view(config, lang, site_name, self.sites[lang].search_worker)
        return env

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        generated = self.pages.get(page.file.src_uri)
        if generated is None:
            return None
        return html.replace(BODY_MARKER, f"<h1>{escape(generated.title)}</h1>\n{generated.body}")

    def on_page_context(
        self, context: TemplateContext, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext | None:
        if not self.config.enabled or self.spec is None:
            return None
        if not config.extra["errorspec"]["dated"]:
            page.update_date = UNDATED  # the sitemap leaves it out; the gzip header needs a time
        lang = self._language_of(page.file.src_uri)
        if lang in self.views:
            context["config"] = self.views[lang]
            context["nav"] = self.navs[lang]
        name = page.file.src_uri.removeprefix(_root(self.languages, lang))
        context["errorspec_alternates"] = [  # type: ignore[typeddict-unknown-key]
            {
                "lang": other,
                "name": self.spec.language_name(other),
                "href": relative_url(page.url, self._counterpart(other, name)),
                "current": other == lang,
            }
            for other in self.languages
        ]
        return context

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if not self.config.enabled or self.spec is None:
            return
        site_dir = Path(config.site_dir)
        for site in self.sites.values():
            _write_all(site_dir, site.extra_files)
        _write_all(site_dir, data_files(self.spec))

    def on_serve(self, server: LiveReloadServer, *, config: MkDocsConfig, builder: Any) -> LiveReloadServer | None:
        if self.config.enabled:
            server.watch(str(Path(self.config.spec).resolve()))
        return server

    # -- utilities ---------------------------------------------------------------------------

    def _history(self) -> list[HistoryItem] | None:
        # Imported here: reading git history brings the diff, which a build without it need not load.
        from errorspec.review.revisions import spec_history

        return spec_history(Path(self.config.spec), self.config.history)

    def _language_of(self, src_uri: str) -> str:
        return next((lang for lang in self.languages[1:] if src_uri.startswith(f"{lang}/")), self.languages[0])

    def _counterpart(self, lang: str, name: str) -> str:
        """The URL of page `name` in `lang`: the same page, else that language's home page."""
        root = _root(self.languages, lang)
        return self.urls.get(root + name) or self.urls[root + HOME_PAGE]


def _language_view(config: MkDocsConfig, lang: str, site_name: str, search_worker: str) -> MkDocsConfig:
    """The configuration as a page in `lang` sees it: the theme in that language, its site name,
    its search worker. Everything else is shared."""
    view = copy.copy(config)  # a Config is a UserDict: its copy has a dictionary of its own
    view["site_name"] = site_name
    view["theme"] = _ThemeInLanguage(config.theme, lang)
    view["extra"] = dict(config.extra, errorspec=dict(config.extra["errorspec"], search_worker=search_worker))
    return view


class _ThemeInLanguage(Mapping[str, Any]):
    """The theme with another `language`, for templates: Material picks its interface texts by it."""

    def __init__(self, theme: Theme, language: str) -> None:
        self.theme = theme
        self.language = language

    def __getitem__(self, key: str) -> Any:
        return self.language if key == "language" else self.theme[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self.theme)

    def __len__(self) -> int:
        return len(self.theme)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.theme, name)


class _MemoryBytecodeCache(BytecodeCache):
    """Compiled Jinja templates, in memory for the process; keyed by template, checked by source."""

    def __init__(self) -> None:
        self.compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        if bucket.key in self.compiled:
            bucket.bytecode_from_string(self.compiled[bucket.key])

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.compiled[bucket.key] = bucket.bytecode_to_string()


_TEMPLATES = _MemoryBytecodeCache()


def _write_all(site_dir: Path, files: dict[str, str]) -> None:
    """Write many small files (the search's code files): each folder is made once."""
    for folder in sorted({posixpath.dirname(path) for path in files}):
        (site_dir / folder).mkdir(parents=True, exist_ok=True)
    for path, text in files.items():
        with open(site_dir / path, "wb") as stream:
            stream.write(text.encode("utf-8"))


def _root(languages: list[str], lang: str) -> str:
    """A language's folder in the site: the default language lives at the root."""
    return "" if lang == languages[0] else f"{lang}/"
