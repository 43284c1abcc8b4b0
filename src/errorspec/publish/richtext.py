"""The spec's inline Markdown as HTML for a page, through a sanitiser with a small allow-list.

The spec's text comes from untrusted pages and from hand edits alike, so every piece of it is
rendered here and cleaned by nh3 (Ammonia): links, code, emphasis and line breaks survive;
scripts, event attributes, styles and `javascript:` URLs do not. Nor does any attribute that lets
a text borrow the page's layout: a class, a style, an id or a name.
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
EXTERNAL = "errorspec-external"  # the class errorspec gives a link that leaves the site
ALLOWED_SCHEMES = {"http", "https", "mailto"}


def _own_class(tag: str, attribute: str, value: str) -> str | None:
    """A link keeps errorspec's class, exactly, and no other: any other class is the theme's to
    style, and Material's `md-consent__overlay` alone makes a link an invisible layer over the whole
    page, which a click anywhere follows. (nh3's `allowed_classes` would leave an empty `class`, and
    its `tag_attribute_values` matches a value in any case.)"""
    return value if attribute != "class" or value == EXTERNAL else None


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
            token.attrSet("class", EXTERNAL)
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
        attribute_filter=_own_class,
        url_schemes=ALLOWED_SCHEMES,
        link_rel="noopener",
    )
