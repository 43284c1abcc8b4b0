"""The MkDocs plugin: a thin adapter that places errorspec's generated pages into a build.

One `mkdocs build` writes every language: the default one at the site's root, each other one
under `<lang>/`, as a separate MkDocs build of the same configuration with the theme in that
language, so that Material's interface and search are in the reader's language.

Hooks: `on_config` loads the spec, `on_files` adds the pages and assets, `on_page_content`
puts each page's body in place, `on_page_context` gives the language switch its links,
`on_post_build` adds the search entries and builds the other languages, `on_serve` watches
the spec.
"""

from __future__ import annotations

import functools
import json
import os
import posixpath
from html import escape
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jinja2.bccache import Bucket, BytecodeCache
from mkdocs.commands.build import build
from mkdocs.config import config_options, load_config
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files

from errorspec.bundle import ZIP_EPOCH
from errorspec.crosslinks import broken_references
from errorspec.manifest import load_manifest
from errorspec.model import InputError, Spec
from errorspec.revisions import HistoryItem, spec_history
from errorspec.site import LanguageSite, SitePage, data_files, language_site, relative_url, site_files
from errorspec.specfiles import SpecInvalid, load_spec

if TYPE_CHECKING:
    from jinja2 import Environment
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.livereload import LiveReloadServer
    from mkdocs.structure.pages import Page
    from mkdocs.utils.templates import TemplateContext

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
    """The language at the site's root; the others live under `<lang>/`. By default the spec's first."""
    site_name = config_options.Type(dict, default={})
    """The site's name in each other language (`zh: JMessage 错误码`); `site_name` serves the default."""
    history = config_options.Type(int, default=10)
    """How many versions of the spec the "What changed" page shows, from git; 0: no such page."""


class ErrorspecPlugin(BasePlugin[ErrorspecConfig]):
    def __init__(self) -> None:
        self.language: str | None = None  # set by the default language's build on the others
        self.spec: Spec | None = None
        self.site: LanguageSite | None = None
        self.languages: list[str] = []
        self.history: list[HistoryItem] | None = None

    # -- hooks -------------------------------------------------------------------------------

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        if not self.config.enabled:
            return None
        spec_dir = Path(self.config.spec)
        if self.language is None:  # the default language's build reads the spec; the others reuse it
            self._load(spec_dir)
        assert self.spec is not None
        self.languages = list(self.config.languages or self.spec.language_ids)
        unknown = [lang for lang in self.languages if lang not in self.spec.language_ids]
        if unknown:
            raise PluginError(f"errorspec: languages {unknown} are not in {spec_dir}/sources.yaml")
        default = self.config.default_language or self.languages[0]
        if default not in self.languages:
            raise PluginError(f"errorspec: default_language '{default}' is not one of {self.languages}")
        self.languages.remove(default)
        self.languages.insert(0, default)
        if self.language is None:
            self.language = default
        config.theme["language"] = self.language
        config.extra["alternate"] = True  # Material shows its language menu; ours fills it per page
        config.extra["errorspec"] = {
            "search_worker": f"{ASSETS}/search-worker.js",
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

        assert self.language is not None
        site_root = "../" * _prefix(self.languages, self.language).count("/")
        history = self.history if self.config.history else False
        self.site = language_site(self.spec, self.language, url_for, site_root, history)
        for page in self.site.pages:
            existing = files.get_file_from_path(page.src_uri)
            if existing is not None:
                files.remove(existing)  # the generated page wins over a hand-written one
            # The title reaches templates that do not escape it, so it arrives escaped. errorspec
            # writes these pages' search entries itself, one per code.
            meta = {"title": escape(page.title), "search": {"exclude": True}, "hide": ["toc"]}
            markdown = f"---\n{json.dumps(meta, ensure_ascii=False)}\n---\n\n{BODY_MARKER}\n"
            files.append(File.generated(config, page.src_uri, content=markdown))
        assets = resources.files("errorspec").joinpath("assets")
        for name in ("errorspec.css", "errorspec.js", "search-worker.js", "iframe-worker.js"):
            files.append(File.generated(config, f"{ASSETS}/{name}", content=assets.joinpath(name).read_bytes()))
        return files

    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment | None:
        # Every language is a build with a fresh template environment (and so is every rebuild
        # under `mkdocs serve`): compiled templates are kept for the next one.
        env.bytecode_cache = _TEMPLATES
        return env

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        generated = self._page_of(page.file.src_uri)
        if generated is None:
            return None
        return html.replace(BODY_MARKER, f"<h1>{escape(generated.title)}</h1>\n{generated.body}")

    def on_page_context(
        self, context: TemplateContext, *, page: Page, config: MkDocsConfig, nav: Any
    ) -> TemplateContext | None:
        if not self.config.enabled or self.language is None:
            return None
        if not config.extra["errorspec"]["dated"]:
            page.update_date = UNDATED  # the sitemap leaves it out; the gzip header needs a time
        generated = self._page_of(page.file.src_uri)
        search = config.plugins.get("material/search")
        if generated is not None and getattr(search, "search_index", None) is not None:
            search.search_index.entries += [  # type: ignore[attr-defined]
                {"location": entry.location, "title": entry.title, "text": entry.text}
                | ({"fallback": True} if entry.fallback else {})
                for entry in generated.search
            ]
        prefix = _prefix(self.languages, self.language)
        here = prefix + page.url
        context["errorspec_alternates"] = [  # type: ignore[typeddict-unknown-key]
            {
                "lang": lang,
                "name": self.spec.language_name(lang) if self.spec else lang,
                "href": relative_url(here, _prefix(self.languages, lang) + page.url) or "./",
                "current": lang == self.language,
            }
            for lang in self.languages
        ]
        return context

    @event_priority(-100)  # after material/search wrote this language's index: the next builds reuse its instance
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if not self.config.enabled or self.site is None or self.spec is None:
            return
        site_dir = Path(config.site_dir)
        _write_all(site_dir, self.site.extra_files)
        if self.language == self.languages[0]:
            _write_all(site_dir, data_files(self.spec))
            for lang in self.languages[1:]:
                self._build_language(config, lang)

    def on_serve(self, server: LiveReloadServer, *, config: MkDocsConfig, builder: Any) -> LiveReloadServer | None:
        if self.config.enabled:
            server.watch(str(Path(self.config.spec).resolve()))
        return server

    # -- utilities ---------------------------------------------------------------------------

    def _load(self, spec_dir: Path) -> None:
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
        if self.config.history:
            self.history = spec_history(spec_dir, self.config.history)

    def _page_of(self, src_uri: str) -> SitePage | None:
        if self.site is None:
            return None
        return next((page for page in self.site.pages if page.src_uri == src_uri), None)

    def _build_language(self, config: MkDocsConfig, lang: str) -> None:
        """Build the site once more, in `lang`, into `<site_dir>/<lang>/`."""
        if not config.config_file_path:
            raise PluginError("errorspec: building other languages needs a configuration file")
        other = load_config(
            config_file=config.config_file_path,
            site_dir=str(Path(config.site_dir) / lang),
            strict=config.strict,
            site_name=self.config.site_name.get(lang, config.site_name),
            site_url=f"{config.site_url}{lang}/" if config.site_url else None,
            use_directory_urls=config.use_directory_urls,
        )
        plugin = next(p for p in other.plugins.values() if isinstance(p, ErrorspecPlugin))
        plugin.language, plugin.spec, plugin.history = lang, self.spec, self.history
        log.info("Building the %s pages into %s", lang, other.site_dir)
        other.plugins.on_startup(command="build", dirty=False)
        try:
            build(other)
        finally:
            other.plugins.on_shutdown()


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
    """Write many small files: each folder is made once (tens of thousands of codes, each a page)."""
    for folder in sorted({posixpath.dirname(path) for path in files}):
        (site_dir / folder).mkdir(parents=True, exist_ok=True)
    for path, text in files.items():
        with open(site_dir / path, "wb") as stream:
            stream.write(text.encode("utf-8"))


def _prefix(languages: list[str], lang: str) -> str:
    return "" if lang == languages[0] else f"{lang}/"
