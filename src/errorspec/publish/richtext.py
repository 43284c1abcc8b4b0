"""The spec's inline Markdown as HTML for a page, through a sanitiser with a small allow-list.

The spec's text comes from untrusted pages and from hand edits alike, so every piece of it is
rendered here and cleaned by nh3 (Ammonia): links, code, emphasis and line breaks survive;
scripts, event attributes, styles and `javascript:` URLs do not.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Sequence
from html import escape
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.renderer import RendererHTML
    from markdown_it.token import Token
    from markdown_it.utils import OptionsDict

ALLOWED_TAGS = {"a", "code", "em", "strong", "br"}
# What could make inline Markdown more than plain text (escapes, code, emphasis, links, HTML,
# entities, autolinks, line breaks).
MARKUP = re.compile(r"[\\`*_\[\]<>&!\n]|  |https?:|www\.")
ALLOWED_ATTRIBUTES = {"a": {"href", "title", "class"}}
ALLOWED_SCHEMES = {"http", "https", "mailto"}

LinkRewriter = Callable[[str], tuple[str, bool]]
"""Maps a link's URL to the URL to show, and whether that URL leaves the site."""


def _link_open(
    renderer: RendererHTML, tokens: Sequence[Token], index: int, options: OptionsDict, env: dict[str, Any]
) -> str:
    rewrite: LinkRewriter | None = env.get("rewrite")
    if rewrite is not None:
        token = tokens[index]
        href, external = rewrite(str(token.attrGet("href") or ""))
        token.attrSet("href", href)
        if external:
            token.attrSet("class", "errorspec-external")
            token.attrSet("title", env.get("external_title", ""))
    return renderer.renderToken(tokens, index, options, env)


@functools.cache
def _markdown() -> MarkdownIt:
    # Imported here, as are nh3's: a catalogue of plain texts renders no Markdown and cleans no HTML.
    from markdown_it import MarkdownIt

    markdown = MarkdownIt("commonmark", {"html": True})
    markdown.add_render_rule("link_open", _link_open)
    return markdown


def rich_text(markdown: str, rewrite: LinkRewriter | None = None, external_title: str = "") -> str:
    """Safe HTML for one piece of the spec's inline Markdown; `rewrite` maps link URLs."""
    if not MARKUP.search(markdown):
        return escape(markdown, quote=False)  # most descriptions are plain text: nothing to render
    import nh3

    html = _markdown().renderInline(markdown, {"rewrite": rewrite, "external_title": external_title})
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_SCHEMES,
        link_rel="noopener",
    )
