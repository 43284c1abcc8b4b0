"""The MkDocs plugin's options, as mkdocs.yml gives them; MkDocs rejects bad values at load time."""

from __future__ import annotations

from mkdocs.config import config_options
from mkdocs.config.base import BaseConfigOption, Config, ValidationError

from errorspec.publish.site import CHANGES_PAGE, CODES_PER_PAGE, HOME_PAGE, STATUS_PAGE


class _PagePath(BaseConfigOption[str | None]):
    """A generated page's docs file (`status.md`), or `false` for no such page."""

    def __init__(self, default: str) -> None:
        super().__init__()
        self.default = default

    def run_validation(self, value: object) -> str | None:
        if value is False:
            return None
        if not isinstance(value, str) or not value.endswith(".md") or value.startswith("/"):
            raise ValidationError(f"expected a page's path in docs_dir (like '{self.default}') or false, not {value!r}")
        return value


class _Localised(BaseConfigOption[dict[str, str]]):
    """A text, the same in every language, or one per language: `{en: ..., zh: ...}`."""

    def run_validation(self, value: object) -> dict[str, str]:
        if value is None:
            return {}
        if isinstance(value, str):
            return {"*": value}
        if isinstance(value, dict) and all(isinstance(k, str) and isinstance(v, str) for k, v in value.items()):
            return dict(value)
        raise ValidationError(f"expected a text or a text per language ({{en: ..., zh: ...}}), not {value!r}")


class PageConfig(Config):
    path = config_options.Type(str)
    """The page's docs file, as the host's `nav` names it: `jmessage/client/im_errorcode_android.md`."""
    platforms = config_options.ListOfItems(config_options.Type(str))
    """The platforms it holds, in order: each is a section with a heading of its own when there are several."""
    title = _Localised()
    """The page's title (its `<h1>`); by default its first platform's. A page with a title of its own
    gives each platform a section heading, as the vendor's pages do."""
    anchors = config_options.Type(dict, default={})
    """A section's id by platform (`server: server-error`), where links point at an id that the
    host's Markdown would not give the section's heading."""


class ErrorspecConfig(Config):
    enabled = config_options.Type(bool, default=True)
    """Build the spec's pages; off, the site has only what `docs_dir` holds."""
    spec = config_options.Dir(exists=True, default="spec")
    """The spec folder, holding `sources.yaml` and one file per platform."""
    languages = config_options.Optional(config_options.ListOfItems(config_options.Type(str)))
    """The site's languages; by default every language of the spec. One language (`[zh]`) makes
    a site of that language alone, as a site built per language wants."""
    default_language = config_options.Optional(config_options.Type(str))
    """The language at the site's root; the others live under `<lang>/`. By default the first of
    `languages`. A `nav` in mkdocs.yml is the default language's; the others list their generated pages."""
    site_name = config_options.Type(dict, default={})
    """The site's name in each other language (`zh: JMessage 错误码`); `site_name` serves the default."""
    language_sites = config_options.Type(dict, default={})
    """Where each language not built here is published (its site's base URL: `en: /en/`), so that
    a page's language link leads to the same page and code there."""
    pages = config_options.Optional(config_options.ListOfItems(config_options.SubConfig(PageConfig)))
    """The pages of codes, where they go and which platforms each holds; by default each platform
    alone at `<platform>.md`."""
    home = _PagePath(HOME_PAGE)
    """errorspec's home page, or false. At `index.md`, the site's home, errorspec owns the site
    (see the README); anywhere else, or with none, it is a guest that changes no page but its own."""
    status = _PagePath(STATUS_PAGE)
    """The translation-status page, or false."""
    changes = _PagePath(CHANGES_PAGE)
    """The "What changed" page, or false."""
    history = config_options.Type(int, default=10)
    """How many versions of the spec the "What changed" page shows, from git; 0: no such page."""
    codes_per_page = config_options.Type(int, default=CODES_PER_PAGE)
    """A page with more codes is split into parts of this many, linked from one another."""
    content_security_policy = config_options.Type(bool, default=True)
    """On errorspec's own site: each page carries a Content-Security-Policy that lets it run only
    its own inline scripts and load nothing from another origin, and `_headers` gives a static host
    the same policy for the whole site. false: no policy (a site whose theme loads fonts or scripts
    from elsewhere). A guest adds none: the host's pages, and the server's headers, are the host's."""
