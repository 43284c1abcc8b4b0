"""The MkDocs plugin: a thin adapter that places errorspec's generated pages into a build.

errorspec is the site's owner when its home page is the site's home (`home: index.md`, the
default): it then gives every page its language (the default one at the root, each other one
under `<lang>/`), a language menu, its stylesheet and script, and answers Material's search box
with its own worker. Anywhere else it is a guest: it adds the pages it is told to, and changes
nothing on the host's pages but one script tag, the code lookup beside the theme's search.

Each generated page is Markdown that holds its headings, so that the host's Markdown gives them
their ids and table of contents; the rest of its body comes from the templates in
`templates/errorspec/`, which a site's `custom_dir` overrides like any theme template.

Hooks: `on_config` loads the spec and registers the templates, `on_files` adds the pages and
assets, `on_nav` makes each other language's navigation, `on_page_markdown` gives a generated
page its title and settings (no front matter, which one character could spoil), `on_page_content`
renders each page's body but its sections of codes, `on_page_context` gives a page its language's
view of the configuration, `on_post_page` renders the sections of codes as the page is written,
points Material's search at errorspec's worker (owner) and writes the page's
Content-Security-Policy (publish/csp.py), `on_pre_template`, `on_template_context` and
`on_post_template` give the owner's 404 page errorspec's content, `on_post_build` writes the search
and data files, each other language's 404 page and the site's Content-Security-Policy for a static
host (`_headers`), and keeps the generated pages out of the theme's search index; `on_startup`,
`on_serve` and `on_shutdown` make `mkdocs serve` remake only what an edit of the spec changes
(reload.py).
"""

from __future__ import annotations

import copy
import functools
import gc
import json
import os
import posixpath
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal
from urllib.parse import urljoin, urlsplit

from jinja2.bccache import Bucket, BytecodeCache, FileSystemBytecodeCache
from markupsafe import Markup, escape
from mkdocs.commands.build import get_context
from mkdocs.exceptions import Abort, PluginError
from mkdocs.localization import parse_locale
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation

from errorspec.memo import EntryTexts
from errorspec.model import InputError, PlatformSpec, Spec
from errorspec.publish.bundle import ZIP_EPOCH
from errorspec.publish.config import ErrorspecConfig
from errorspec.publish.csp import HEADERS_FILE, frame_script, headers_file, page_policy, policy_text, with_policy
from errorspec.publish.edits import edited, keeping_unchanged, pages_holding, relinks, same_places
from errorspec.publish.interface import UI
from errorspec.publish.reload import page_output, serve_edits, write_if_changed
from errorspec.publish.site import (
    HOME_PAGE,
    MARKER,
    RESOLVER_PAGE,
    SEARCH_WORKER,
    LanguageSite,
    Layout,
    PagePlan,
    Placement,
    SiteFiles,
    SitePage,
    asset,
    data_files,
    language_site,
    relaid,
    relative_url,
    script_json,
    site_files,
    site_layout,
)
from errorspec.spec.crosslinks import broken_references
from errorspec.spec.pasted import LONGEST
from errorspec.spec.speccache import load_spec_cached
from errorspec.spec.specfiles import SpecInvalid

if TYPE_CHECKING:
    from jinja2 import Environment, Template
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.livereload import LiveReloadServer
    from mkdocs.structure.pages import Page
    from mkdocs.structure.toc import AnchorLink
    from mkdocs.theme import Theme
    from mkdocs.utils.templates import TemplateContext
    from watchdog.observers.api import BaseObserver

    from errorspec.review.revisions import SpecHistory

log = get_plugin_logger(__name__)

ASSETS = "assets/errorspec"
PAGE_ASSETS = (f"{ASSETS}/errorspec.css", f"{ASSETS}/errorspec.js")
LOOKUP = f"{ASSETS}/lookup.js"
TEMPLATES = str(resources.files("errorspec.publish").joinpath("templates"))
UNDATED = "{:04}-{:02}-{:02}".format(*ZIP_EPOCH[:3])  # for files that must carry a date
LOOKUP_SETTINGS = re.compile(r"\{.*\} /\* errorspec:settings \*/")  # where lookup.js takes its settings
MATERIAL_CONFIG = re.compile(r'(<script id="__config" type="application/json">)(.*?)(</script>)', re.DOTALL)
HEADING_ID = re.compile(r'<h2 id="([^"]*)"')
NOT_FOUND = "404.html"  # the theme's page for a missing path
NOT_FOUND_TEMPLATE = "errorspec/404.html"  # errorspec's content in it, in the reader's language
ELEMENT_ID = re.compile(r' id="([^"]+)"')
SHIM = f"{ASSETS}/iframe-worker.js"  # the offline bundle's Web Worker shim (mkdocs.offline.yml's polyfill)


def _unreadable(error: InputError | SpecInvalid) -> PluginError:
    """A spec that cannot be read stops the build with the command line's messages, one line per
    problem (file:line: problem): each but the last logged, the last the build's error."""
    problems = error.errors if isinstance(error, SpecInvalid) else [error]
    for problem in problems[:-1]:
        log.error("%s", problem)
    return PluginError(f"errorspec: {problems[-1]}")


class ErrorspecPlugin(BasePlugin[ErrorspecConfig]):
    def __init__(self) -> None:
        self.spec: Spec | None = None
        self.owner = False
        self.material = False
        self.languages: list[str] = []  # the default first
        self.sites: dict[str, LanguageSite] = {}
        self.pages: dict[str, SitePage] = {}  # by src_uri
        self.navs: dict[str, Navigation] = {}  # each other language's navigation
        self.urls: dict[str, str] = {}  # every page's URL, by src_uri
        self.placement = Placement()
        self.layout: Layout | None = None  # what every language's pages share
        self.env: Environment | None = None  # the theme's templates, for the pages' bodies
        self.theme_env: Environment | None = None  # MkDocs' own, for whole pages (a language's 404)
        self.files: Files | None = None
        self.serving = False  # under `mkdocs serve`: an edit of the spec remakes what it changed only
        self.url_for: Callable[[str], str] = str
        self.nav: Navigation | None = None  # the default language's, as the theme renders pages with it
        self.built: _Built | None = None  # what the last build rendered pages with, for an edit's reload
        # Under `mkdocs serve`, kept from one build to the next: the spec's platforms by their
        # files' text, and what the search and data files say of each entry.
        self.known: dict[str, PlatformSpec] = {}
        self.texts: EntryTexts | None = None
        self.watcher: BaseObserver | None = None  # what looks at the spec's files under `mkdocs serve`
        self.shim: str | None = None  # the Web Worker shim the pages load, if any
        self.scripts: set[str] = set()  # the hash of every inline script of the site's pages
        self.blocked: set[str] = set()  # what the pages load from another origin, said once

    # -- hooks -------------------------------------------------------------------------------

    def on_startup(self, *, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
        # `mkdocs serve` writes its live-reload script into every page it serves, which a
        # Content-Security-Policy would block: the pages it serves carry none.
        self.serving = command == "serve"

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        if not self.config.enabled:
            return None
        if self.config.codes_per_page < 1:
            raise PluginError(f"errorspec: codes_per_page is {self.config.codes_per_page}; it must be 1 or more")
        gc.unfreeze()  # a build that failed before its end left its spec frozen (see below)
        spec_dir = Path(self.config.spec)
        try:
            self.spec = load_spec_cached(spec_dir, self.known if self.serving else None, lean=not self.serving)
        except (InputError, SpecInvalid) as error:
            raise _unreadable(error) from None
        self._warn_broken_references(spec_dir)
        # A plugin's state lasts as long as the plugin: start each build afresh.
        self.env = self.theme_env = self.files = self.nav = self.built = None
        self.texts = EntryTexts() if self.serving else None
        self.sites, self.pages, self.navs, self.urls = {}, {}, {}, {}
        self.scripts, self.blocked = set(), set()
        self.languages = self._site_languages(self.spec)
        self.placement = self._placement(self.spec)
        self.layout = site_layout(self.spec, self.config.codes_per_page, self.placement)
        # The spec and its layout live until the build ends: the collector need not go through
        # them each time it runs (at 100,000 codes, a sixth of the build's time).
        gc.freeze()
        self.owner = self.placement.home == HOME_PAGE
        self.material = config.theme.name == "material"
        # The package's templates, below the site's custom_dir (which may override them) and
        # above the theme's own.
        config.theme.dirs.insert(1 if config.theme.custom_dir else 0, TEMPLATES)
        if not (self.owner and self.material):
            # errorspec's search answers Material's box on its own site; anywhere else its code
            # lookup stands beside the theme's search, on every page.
            config.extra_javascript.append(LOOKUP)
        if self.owner:
            config.extra["errorspec"] = {"dated": "SOURCE_DATE_EPOCH" in os.environ}  # the sitemap's lastmod
            config.extra_css.append(PAGE_ASSETS[0])
            config.extra_javascript.append(PAGE_ASSETS[1])
            if config.nav is None:
                config.nav = site_files(self.layout, with_changes=bool(self.config.history))
        return config

    @event_priority(50)  # before plugins that list the site's pages (mkdocs-redirects checks its targets)
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files | None:
        if not self.config.enabled or self.spec is None:
            return None

        # The pages' URLs depend on use_directory_urls; a stand-in file knows them. Asked for
        # each cross-link of each row, so each answer is kept.
        @functools.cache
        def url_for(src_uri: str) -> str:
            return File(src_uri, config.docs_dir, config.site_dir, config.use_directory_urls).url

        self.url_for = url_for
        self._make_sites()
        generated: dict[str, File] = {}
        for lang, site in self.sites.items():
            for page in site.pages:
                self._check_room(files, page.src_uri)
                # The default language's pages are in `nav`; the others get a navigation of their own.
                in_nav = page.in_nav and lang == self.languages[0]
                inclusion = InclusionLevel.INCLUDED if in_nav else InclusionLevel.NOT_IN_NAV
                file = File.generated(config, page.src_uri, content=page.markdown, inclusion=inclusion)
                generated[page.src_uri] = file
        # A page errorspec replaces keeps its place among the files, so that the sitemap's order stays.
        files = Files([generated.pop(file.src_uri, file) for file in files] + list(generated.values()))
        for name in ("errorspec.css", "errorspec.js", "iframe-worker.js"):
            if files.get_file_from_path(f"{ASSETS}/{name}") is None:  # the site's custom_dir may have its own
                files.append(File.generated(config, f"{ASSETS}/{name}", content=asset(name)))
        if LOOKUP in config.extra_javascript:
            files.append(File.generated(config, LOOKUP, content=self._lookup_script()))
        return files

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation | None:
        self.urls = {file.src_uri: file.url for file in files.documentation_pages()}
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
            self.navs[lang].homepage = pages[0] if pages else None
        return nav

    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment | None:
        # Every rebuild under `mkdocs serve` has a fresh template environment: compiled templates
        # are kept for the next one.
        env.bytecode_cache = _TEMPLATES
        self.theme_env, self.files = env, files
        shim = files.get_file_from_path(SHIM) if SHIM in config.extra.get("polyfills", []) else None
        self.shim = shim.content_string if shim else None
        return env

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        generated = self.pages.get(page.file.src_uri)
        if generated is not None:
            page.meta = generated.meta(hide_toc=self.owner)
            if not generated.listed:  # the sitemap lists pages with an absolute URL
                page.canonical_url = page.abs_url = None
        return None

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        generated = self.pages.get(page.file.src_uri)
        if generated is None:
            return None
        for index, anchor in generated.anchors.items():
            html = _rename_heading(html, MARKER.format(index), anchor, page.toc)
        return self._with_bodies(html, generated, page, config, later=False)

    def on_page_context(
        self, context: TemplateContext, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext | None:
        if not self.config.enabled or self.spec is None:
            return None
        self.nav = nav
        generated = page.file.src_uri in self.pages
        if not (generated or self.owner):
            return None  # a guest leaves the host's pages as they are
        if self.owner and not config.extra["errorspec"]["dated"]:
            page.update_date = UNDATED  # the sitemap leaves it out; the gzip header needs a time
        lang = self._language_of(page.file.src_uri)
        view = self._config_in(lang, config, page.file.src_uri, page.url)
        if lang != self.languages[0]:
            context["nav"] = self.navs[lang]
        if generated and not self.owner:
            view["extra_css"] = [*config.extra_css, PAGE_ASSETS[0]]
            view["extra_javascript"] = [*config.extra_javascript, PAGE_ASSETS[1]]
        context["config"] = view
        return context

    # A page's sections of codes are rendered as the page is written, not when MkDocs reads the
    # pages: MkDocs keeps every page's content until the build ends, and the rows of a large
    # catalogue's pages would all be held at once. First, before plugins that rewrite a page's
    # HTML (a minifier would drop the markers, which are HTML comments).
    @event_priority(100)
    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str | None:
        generated = self.pages.get(page.file.src_uri)
        if generated is not None:
            output = self._with_bodies(output, generated, page, config, later=True)
        if not (self.owner and self.spec is not None):
            return output if generated is not None else None
        worker = None
        if self.material:
            # Material's search box asks the worker named in its settings: errorspec's, of the page's language.
            worker = relative_url(page.url, self.sites[self._language_of(page.file.src_uri)].search_worker)
            output = _point_at_worker(output, worker)
        return self._secured(output, page.file.src_uri, worker)

    # A path that is not there: the owner's site answers in the reader's language. The site's
    # 404.html (what static hosts serve for every missing path) is the theme's page with
    # errorspec's content, in the default language; each other language has its own, rendered in
    # on_post_build (zh/404.html), to which the root one sends a path under that language's folder.

    def on_pre_template(self, template: Template, *, template_name: str, config: MkDocsConfig) -> Template | None:
        if template_name != NOT_FOUND or not self._answers_not_found(config):
            return None
        return template.environment.get_template(NOT_FOUND_TEMPLATE)

    def on_template_context(
        self, context: TemplateContext, *, template_name: str, config: MkDocsConfig
    ) -> TemplateContext | None:
        if template_name != NOT_FOUND or not self._answers_not_found(config):
            return None
        return self._not_found_context(context, self.languages[0], config)

    def on_post_template(self, output_content: str, *, template_name: str, config: MkDocsConfig) -> str | None:
        if template_name != NOT_FOUND or not self._answers_not_found(config):
            return None
        worker = _error_base(config) + self.sites[self.languages[0]].search_worker if self.material else None
        output = _point_at_worker(output_content, worker) if worker else output_content
        return self._secured(output, NOT_FOUND, worker)

    @event_priority(50)  # before MkDocs' search plugin writes its index: errorspec's pages leave it
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if not self.config.enabled or self.spec is None:
            return
        site_dir = Path(config.site_dir)
        for site in self.sites.values():
            _write_all(site_dir, site.extra_files())
        _write_all(site_dir, data_files(self.spec, self.texts))
        if self._answers_not_found(config):
            _write_all(
                site_dir,
                ((f"{self._root(lang)}{NOT_FOUND}", [self._not_found(lang, config)]) for lang in self.languages[1:]),
            )
        if self._has_policy():
            self._write_headers(site_dir)
        self._leave_search_index(config.plugins.get("search"))
        gc.unfreeze()
        if self.serving and self.files is not None and self.nav is not None and self.theme_env is not None:
            self.built = _Built(config, self.files, self.nav, self.theme_env)

    def on_serve(self, server: LiveReloadServer, *, config: MkDocsConfig, builder: Any) -> LiveReloadServer | None:
        if self.config.enabled:
            # The spec's own files: not its folders (errorspec's cache, the vendor's pages).
            spec_dir = Path(os.path.abspath(self.config.spec))
            server.watch(str(spec_dir), recursive=False)
            watched = [config.docs_dir, spec_dir, config.config_file_path, *config.watch]
            paths = [Path(os.path.abspath(path)) for path in watched if path and os.path.exists(path)]
            self.watcher = serve_edits(server, builder, paths, spec_dir, self._reload)
        return server

    def on_shutdown(self) -> None:
        if self.watcher is not None:
            self.watcher.stop()

    # -- utilities ---------------------------------------------------------------------------

    def _make_sites(self, keep_status: bool = False) -> None:
        """Every language's generated pages and files, of the spec as it is now; with
        `keep_status`, the status pages as they were (an edit changed nothing they show)."""
        assert self.spec is not None
        history = self._history() if self.config.history and self.placement.changes else False
        kept: dict[str, SitePage | None] = {}
        if keep_status and self.placement.status:
            kept = {lang: self.pages.get(self._root(lang) + self.placement.status) for lang in self.languages}
        self.sites, self.pages = {}, {}
        for lang in self.languages:
            site = language_site(
                self.spec, lang, self.url_for, self._root(lang), history, self.layout, self.texts, kept.get(lang)
            )
            self.sites[lang] = site
            self.pages.update((page.src_uri, page) for page in site.pages)

    def _reload(self) -> bool:
        """After an edit of the spec's files under `mkdocs serve`: the pages that show something
        else are made again, and the search and data files that changed are written. False where
        the edit moves pages (a code added, a platform renamed), which a build makes."""
        if self.built is None or self.spec is None or self.layout is None:
            return False  # the last build failed
        gc.freeze()  # as in a build: the spec's objects live on
        try:
            return self._remake(self.built, self.spec, self.layout)
        finally:
            gc.unfreeze()

    def _remake(self, built: _Built, spec: Spec, layout: Layout) -> bool:
        spec_dir = Path(self.config.spec)
        try:
            edited_spec = load_spec_cached(spec_dir, self.known, save=False, lean=False)
        except (InputError, SpecInvalid) as error:  # said as a build says it; the server waits for a good one
            raise Abort(str(_unreadable(error))) from None
        if not same_places(spec, edited_spec):
            return False
        self.spec = keeping_unchanged(spec, edited_spec)
        self.layout = relaid(layout, self.spec, self.config.codes_per_page, relinks(spec, self.spec))
        what = edited(spec, self.spec, layout, self.layout)
        self._warn_broken_references(spec_dir)
        self._make_sites(keep_status=not what.described)
        paths = pages_holding(self.layout, what.codes)
        paths |= {self.placement.status} if what.described and self.placement.status else set()
        paths |= {RESOLVER_PAGE} if what.offered else set()
        paths |= {self.placement.changes} if self.config.history and self.placement.changes else set()
        doc_files = built.files.documentation_pages(inclusion=InclusionLevel.is_in_serve)
        for src_uri in sorted(self._root(lang) + path for lang in self.languages for path in paths):
            file = built.files.get_file_from_path(src_uri)
            if file is not None and file.page is not None:
                output = page_output(file.page, built.config, doc_files, built.nav, built.env)
                write_if_changed(Path(file.abs_dest_path), [output], "xmlcharrefreplace")
        site_dir = Path(built.config.site_dir)
        for site in self.sites.values():
            for path, pieces in site.extra_files():
                write_if_changed(site_dir / path, pieces)
        for path, pieces in data_files(self.spec, self.texts):
            write_if_changed(site_dir / path, pieces)
        return True

    def _warn_broken_references(self, spec_dir: Path) -> None:
        assert self.spec is not None
        for (platform, code), reference in broken_references(self.spec):
            log.warning(
                "%s/%s.yaml: code %s links to %s, which the spec does not have", spec_dir, platform, code, reference
            )

    def _site_languages(self, spec: Spec) -> list[str]:
        """The languages built here, the default one first."""
        languages = list(self.config.languages or spec.language_ids)
        unknown = [lang for lang in [*languages, *self.config.language_sites] if lang not in spec.language_ids]
        if unknown:
            raise PluginError(f"errorspec: languages {unknown} are not in {self.config.spec}/sources.yaml")
        default = self.config.default_language or languages[0]
        if default not in languages:
            raise PluginError(f"errorspec: default_language '{default}' is not one of {languages}")
        languages.remove(default)
        return [default, *languages]

    def _placement(self, spec: Spec) -> Placement:
        pages = None
        if self.config.pages is not None:
            pages = tuple(
                PagePlan(
                    page.path,
                    tuple(page.platforms),
                    {lang: page.title["*"] for lang in spec.language_ids} if "*" in page.title else page.title,
                    page.anchors,
                )
                for page in self.config.pages
            )
        placement = Placement(pages, self.config.home, self.config.status, self.config.changes)
        problems = placement.problems(spec)
        if problems:
            raise PluginError("errorspec: the plugin's pages: " + "; ".join(problems))
        return placement

    def _check_room(self, files: Files, src_uri: str) -> None:
        """A page written by hand where errorspec is told to put one stops the build, unless the
        site has excluded it (`exclude_docs`): then errorspec's page takes its place."""
        existing = files.get_file_from_path(src_uri)
        if existing is not None and not existing.inclusion.is_excluded():
            raise PluginError(
                f"errorspec: {existing.abs_src_path or existing.src_uri} is a page written by hand, and "
                f"errorspec is told to generate a page there. Keep one: list the hand-written page in "
                f"exclude_docs (errorspec's page then takes its place; its codes belong in the spec), or "
                f"give errorspec's page another path in the plugin's options."
            )

    def _with_bodies(self, html: str, generated: SitePage, page: Page, config: MkDocsConfig, later: bool) -> str:
        """The page's HTML with the pieces of its body rendered now (`later`: as the page is
        written) in place of their markers."""
        if self.env is None:
            self.env = config.theme.get_env()
            self.env.bytecode_cache = _compiled_templates()
        for index, fragment in enumerate(generated.fragments):
            if fragment.later != later:
                continue
            body = self.env.get_template(fragment.template).render(fragment.view)
            if index == 0 and not self.material:
                # Material has a language menu of its own; other themes get the links at the top of the page.
                languages = self.env.get_template("errorspec/languages.html").render(
                    alternates=self._alternates(page.file.src_uri, page.url),
                    ui=UI.get(self._language_of(page.file.src_uri), UI["en"]),
                )
                body = languages + body
            html = html.replace(MARKER.format(index), body, 1)
            if page.present_anchor_ids is not None:  # so that MkDocs finds the rows links point at
                page.present_anchor_ids.update(ELEMENT_ID.findall(body))
        return html

    def _lookup_script(self) -> str:
        """lookup.js with this site's settings: each language's folder, where its worker is, and how
        much of a query it reads (a log excerpt)."""
        settings = {
            "roots": {self._root(lang): lang for lang in self.languages},
            "worker": SEARCH_WORKER,
            "longest": LONGEST,
        }
        return asset("lookup.js", LOOKUP_SETTINGS, f"{script_json(settings)} /* errorspec:settings */")

    def _history(self) -> SpecHistory | None:
        # Imported here: reading git history brings the diff, which a build without it need not load.
        from errorspec.review.revisions import spec_history

        try:
            return spec_history(Path(self.config.spec), self.config.history)
        except (InputError, SpecInvalid) as error:
            raise _unreadable(error) from None

    def _root(self, lang: str) -> str:
        """A language's folder in the site: the default language lives at the root."""
        return "" if lang == self.languages[0] else f"{lang}/"

    def _language_of(self, src_uri: str) -> str:
        return next((lang for lang in self.languages[1:] if src_uri.startswith(f"{lang}/")), self.languages[0])

    def _answers_not_found(self, config: MkDocsConfig) -> bool:
        """Whether errorspec gives the site its 404 pages: on its own site, where the theme has one
        (a host's 404 is the host's)."""
        return self.owner and self.spec is not None and NOT_FOUND in config.theme.static_templates

    def _not_found_context(self, context: TemplateContext, lang: str, config: MkDocsConfig) -> TemplateContext:
        """A 404 page's context in `lang`: its configuration and navigation, and what errorspec's
        content says and links to, from the server's root (`base_url`), as MkDocs links a 404 page,
        which is served at any depth. The default language's page knows the others' folders."""
        base = context["base_url"]
        root = self._root(lang)
        home = urljoin(base, self._counterpart(lang, HOME_PAGE))
        context["config"] = self._config_in(lang, config, root + NOT_FOUND, root + NOT_FOUND)
        others = self.languages[1:] if lang == self.languages[0] else []
        if lang != self.languages[0]:
            context["nav"] = self.navs[lang]
        context["not_found"] = {
            "ui": UI.get(lang, UI["en"]),
            "home": home,
            "search": f"{home}?q=" if self.material else None,  # Material opens its search box with ?q=
            "folders": json.dumps({base + self._root(other): base + self._root(other) + NOT_FOUND for other in others}),
            "script": Markup(asset("not-found.js")),  # errorspec's own, which says no "</script"
        }
        return context

    def _not_found(self, lang: str, config: MkDocsConfig) -> str:
        """The 404 page of language `lang` (not the default one), rendered as MkDocs renders the site's."""
        assert self.theme_env is not None
        assert self.files is not None
        base = _error_base(config)
        context = self._not_found_context(get_context(self.navs[lang], self.files, config, base_url=base), lang, config)
        output = self.theme_env.get_template(NOT_FOUND_TEMPLATE).render(context)
        worker = base + self.sites[lang].search_worker if self.material else None
        return self._secured(
            _point_at_worker(output, worker) if worker else output, self._root(lang) + NOT_FOUND, worker
        )

    def _has_policy(self) -> bool:
        """Whether the site's pages carry a Content-Security-Policy: errorspec's own site's, unless
        turned off, or served by `mkdocs serve`. A guest's pages are the host's, as its server is."""
        return self.owner and self.config.content_security_policy and not self.serving

    def _secured(self, output: str, where: str, worker: str | None) -> str:
        """A page of the site (docs file `where`) with its Content-Security-Policy, which allows its
        inline scripts and, in the offline bundle, the one the Web Worker shim writes for `worker`."""
        if not self._has_policy():
            return output
        try:
            frames = [frame_script(self.shim, worker)] if self.shim is not None and worker is not None else []
        except ValueError as error:  # a site's own shim, not the one errorspec knows
            raise PluginError(
                f"errorspec: {error}: the offline pages' search would not run under their policy"
            ) from None
        policy = page_policy(output, frames)
        for url in sorted(set(policy.blocked) - self.blocked):
            log.warning(
                "%s loads %s, from another origin, which the site's Content-Security-Policy blocks: serve it "
                "from the site (Material's privacy plugin does so), or set errorspec's content_security_policy: false",
                where,
                url,
            )
        self.blocked.update(policy.blocked)
        self.scripts.update(policy.scripts)
        return with_policy(output, policy_text(policy.scripts))

    def _write_headers(self, site_dir: Path) -> None:
        """The policy for a static host that reads `_headers`; a site that has its own keeps it."""
        assert self.files is not None
        own = self.files.get_file_from_path(HEADERS_FILE)
        text = headers_file(self.scripts)
        if own is None:
            _write_all(site_dir, [(HEADERS_FILE, [text])])
        else:
            log.warning(
                "%s is the site's own: errorspec leaves it as it is. To send its Content-Security-Policy, add:\n%s",
                own.abs_src_path or HEADERS_FILE,
                text,
            )

    def _config_in(self, lang: str, config: MkDocsConfig, src_uri: str, url: str) -> MkDocsConfig:
        """The configuration as the templates of a page in `lang` see it (the page of docs file
        `src_uri`, at `url`): the theme in that language, errorspec's site name in it, and with
        Material a language menu."""
        view = copy.copy(config)  # a Config is a UserDict: its copy has a dictionary of its own
        view["theme"] = _ThemeInLanguage(config.theme, lang)
        extra = dict(config.extra)
        alternates = self._alternates(src_uri, url) if self.material else []
        if len(alternates) > 1:  # a site of one language has no language menu
            extra["alternate"] = _menu(extra.get("alternate"), alternates)
        if lang != self.languages[0]:
            # Themes print site_name as it is (a host's own is the host's to write): errorspec's
            # arrives escaped, as Markup, which a theme's `| e` leaves as it is.
            own = self.config.site_name.get(lang)
            view["site_name"] = config.site_name if own is None else escape(own)
        view["extra"] = extra
        return view

    def _alternates(self, src_uri: str, url: str) -> list[dict[str, Any]]:
        """The page of docs file `src_uri` (at `url`) in each language: built here (the same page,
        else that language's home), or published elsewhere (`language_sites`: the same path there).
        `link` is what Material's menu takes (from the site's root, or absolute); `href` leads there
        from the page."""
        assert self.spec is not None
        lang = self._language_of(src_uri)
        name = src_uri.removeprefix(self._root(lang))
        path = url.removeprefix(self._root(lang))
        alternates = []
        for other in self.spec.language_ids:
            if other in self.languages:
                link = self._counterpart(other, name)
                href = relative_url(url, link)
            elif other in self.config.language_sites:
                link = href = self.config.language_sites[other].rstrip("/") + "/" + path
            else:
                continue
            alternates.append(
                {
                    "lang": other,
                    "name": self.spec.language_name(other),
                    "link": link,
                    "href": href,
                    "current": other == lang,
                }
            )
        return alternates

    def _counterpart(self, lang: str, name: str) -> str:
        """The URL of page `name` in `lang`: the same page, else that language's home page."""
        root = self._root(lang)
        return self.urls.get(root + name) or self.urls.get(root + HOME_PAGE) or root

    def _leave_search_index(self, search: object) -> None:
        """The theme's search index without errorspec's pages, which errorspec's search answers:
        the host's own pages are then found as they were. Material's search leaves them out itself
        (their `search.exclude`); MkDocs' own indexes every page, and its entries are a list that
        only it reads, before it writes them in its `on_post_build`."""
        entries = getattr(getattr(search, "search_index", None), "_entries", None)
        if not isinstance(entries, list):
            return
        ours = {self.urls[src_uri] for src_uri in self.pages if src_uri in self.urls}
        entries[:] = [entry for entry in entries if entry.get("location", "").partition("#")[0] not in ours]


@dataclass(frozen=True)
class _Built:
    """What a build under `mkdocs serve` rendered its pages with: an edit's reload renders the
    pages it changed with the same."""

    config: MkDocsConfig
    files: Files
    nav: Navigation
    env: Environment


def _point_at_worker(output: str, worker: str) -> str:
    """A page of Material's whose search box asks `worker`, errorspec's worker of its language."""

    def point(match: re.Match[str]) -> str:
        settings = json.loads(match.group(2))
        settings["search"] = worker
        return match.group(1) + script_json(settings) + match.group(3)

    return MATERIAL_CONFIG.sub(point, output, count=1)


def _error_base(config: MkDocsConfig) -> str:
    """Where a 404 page's links start, as MkDocs has it: the path of `site_url`, else the server's root."""
    return urlsplit(config.site_url or "/").path


def _menu(host: object, alternates: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Material's language menu: the site's own (`extra.alternate`), each of errorspec's languages
    leading to this page in it, and errorspec's languages it lacks added. Material prints a
    language's name as it is: a name from the spec arrives escaped."""
    ours = {alt["lang"]: {"name": escape(alt["name"]), "link": alt["link"], "lang": alt["lang"]} for alt in alternates}
    if not isinstance(host, list):
        return list(ours.values())
    menu = [dict(item, link=ours[item["lang"]]["link"]) if item.get("lang") in ours else item for item in host]
    listed = {item.get("lang") for item in host}
    return menu + [alt for lang, alt in ours.items() if lang not in listed]


def _rename_heading(html: str, marker: str, anchor: str, toc: Any) -> str:
    """Give the section heading just before `marker` the id `anchor`, in the page and its table of contents."""
    end = html.index(marker)
    start = html.rindex("<h2", 0, end)
    close = html.index("</h2>", start)
    match = HEADING_ID.match(html, start)
    heading = html[start:close]
    if match is None:
        heading = heading.replace("<h2", f'<h2 id="{escape(anchor)}"', 1)
    else:
        old = match.group(1)
        heading = heading.replace(f'id="{old}"', f'id="{escape(anchor)}"', 1).replace(
            f'href="#{old}"', f'href="#{escape(anchor)}"'
        )
        for item in _toc_items(toc):
            if item.id == old:
                item.id = anchor
    return html[:start] + heading + html[close:]


def _toc_items(items: Any) -> Iterator[AnchorLink]:
    for item in items:
        yield item
        yield from _toc_items(item.children)


class _ThemeInLanguage(Mapping[str, Any]):
    """The theme in another language, for templates: Material picks its interface texts by
    `language`; MkDocs' themes write `locale` into `<html lang>`; Material's colour scheme
    toggles are named in the site's configuration, in its own language."""

    def __init__(self, theme: Theme, language: str) -> None:
        self.theme = theme
        self.language = language

    def __getitem__(self, key: str) -> Any:
        if key == "language":
            return self.language
        if key == "locale":
            return parse_locale(self.language)
        if key == "palette" and self.language != self.theme["language"]:
            return _palette_in(self.theme["palette"], UI.get(self.language, UI["en"]))
        return self.theme[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self.theme)

    def __len__(self) -> int:
        return len(self.theme)

    def __getattr__(self, name: str) -> Any:
        if name == "locale":
            return parse_locale(self.language)
        return getattr(self.theme, name)


SCHEME_TEXTS = {"default": "scheme.light", "slate": "scheme.dark"}  # Material's two schemes


def _palette_in(palette: Any, ui: Mapping[str, str]) -> Any:
    """Material's colour schemes, each toggle named in the page's language by what it does: it
    leads to the next scheme (the system's setting, light or dark). A toggle to a scheme of the
    site's own keeps the site's name."""
    if not isinstance(palette, list):
        return palette
    named = []
    for option, following in zip(palette, [*palette[1:], *palette[:1]], strict=True):
        if following.get("media") == "(prefers-color-scheme)":
            text = ui.get("scheme.system")
        else:
            text = ui.get(SCHEME_TEXTS.get(following.get("scheme") or "default", ""))
        toggle = option.get("toggle")
        named.append({**option, "toggle": {**toggle, "name": text}} if toggle and text else option)
    return named


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


def _compiled_templates() -> BytecodeCache:
    """errorspec's templates compiled once per machine (Jinja's cache in the temporary folder,
    checked against each template's source), not in every build; in memory where that folder
    cannot be used."""
    try:
        return FileSystemBytecodeCache()
    except RuntimeError:  # Jinja found no folder of this user's to keep them in
        return _TEMPLATES


def _write_all(site_dir: Path, files: SiteFiles) -> None:
    """Write files as they are made, each in its pieces (a large catalogue's are megabytes), and
    many small ones (the search's code files): each folder is made once."""
    made: set[str] = set()
    for path, pieces in files:
        folder = posixpath.dirname(path)
        if folder not in made:
            (site_dir / folder).mkdir(parents=True, exist_ok=True)
            made.add(folder)
        with open(site_dir / path, "w", encoding="utf-8", newline="") as stream:
            stream.writelines(pieces)
