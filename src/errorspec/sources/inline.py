"""Turns a table cell or a paragraph of a source page into the spec's text: inline Markdown.

Source pages are untrusted. Only text, links (http, https, mailto), code, emphasis and line
breaks survive; every other tag is reduced to its text and scripts disappear entirely.
Relative links are resolved against the vendor's site, because the spec outlives the pages.
"""

from __future__ import annotations

import re
from urllib.parse import urljoin, urlsplit

from bs4 import BeautifulSoup, Tag
from bs4.element import Comment, NavigableString, PageElement
from markdown_it import MarkdownIt

from errorspec.text import collapse_whitespace, escape_markdown

_SAFE_SCHEMES = {"http", "https", "mailto"}
_DROPPED_TAGS = {"script", "style", "template", "noscript", "iframe", "object", "embed"}
_STRONG_TAGS = {"strong", "b"}
_EMPHASIS_TAGS = {"em", "i"}
# Tags that end a line of text; any other tag is part of the text around it (`错误<span>码</span>`).
_BLOCK_TAGS = {
    "p",
    "div",
    "li",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "table",
    "thead",
    "tbody",
    "tr",
    "td",
    "th",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "pre",
    "section",
    "article",
    "header",
    "footer",
    "hr",
}

_LAYOUT_BREAK = re.compile(r"[ \t]*[\r\n][ \t\r\n]*")
_LAYOUT_SPACE = " \t\r\n\f\v"

_markdown = MarkdownIt("commonmark", {"html": True})


def safe_url(href: str, base_url: str) -> str | None:
    """The absolute URL for `href`, or None when its scheme is not one a reader should follow."""
    href = href.strip()
    try:
        absolute = urljoin(base_url, href)
        scheme = urlsplit(absolute).scheme.lower()
    except ValueError:  # a host that is no host ("docs.example.com：8080", "[fe80::1"): not a link
        return None
    return absolute if scheme in _SAFE_SCHEMES else None


def _link_markdown(label: str, url: str) -> str:
    if re.search(r"[\s()<>]", url):
        url = f"<{url.replace('<', '%3C').replace('>', '%3E')}>"
    return f"[{label}]({url})"


def _code_markdown(text: str) -> str:
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    padding = " " if text.startswith(("`", " ")) or text.endswith(("`", " ")) else ""
    return f"{fence}{padding}{text}{padding}{fence}"


def _convert(node: PageElement, base_url: str) -> str:
    if isinstance(node, Comment):
        return ""
    if isinstance(node, NavigableString):
        return escape_markdown(str(node))
    if not isinstance(node, Tag) or node.name in _DROPPED_TAGS:
        return ""
    if node.name == "br":
        return "<br>"
    if node.name == "code":
        return _code_markdown(collapse_whitespace(node.get_text()))
    raw = "".join(_convert(child, base_url) for child in node.children)
    inner = collapse_whitespace(raw)
    if node.name in _BLOCK_TAGS:
        return f" {inner} "
    # An inline element's edge spaces separate words (`<b>Note: </b>check`): they stay outside it.
    before = " " if raw[:1].isspace() else ""
    after = " " if raw[-1:].isspace() and inner else ""
    if not inner:
        return before
    if node.name == "a" and node.get("href"):
        url = safe_url(str(node["href"]), base_url)
        inner = _link_markdown(inner, url) if url else inner
    # As HTML, not `**`/`*`: Markdown's emphasis does not close before CJK text (`**注意：**请`).
    elif node.name in _STRONG_TAGS:
        inner = f"<strong>{inner}</strong>"
    elif node.name in _EMPHASIS_TAGS:
        inner = f"<em>{inner}</em>"
    return f"{before}{inner}{after}"


def element_markdown(element: Tag, base_url: str) -> str:
    """The inline Markdown for the content of `element` (a table cell, a paragraph)."""
    text = "".join(_convert(child, base_url) for child in element.children)
    return collapse_whitespace(text)


def _text_nodes(element: Tag) -> str:
    return "".join(
        str(node)
        for node in element.descendants
        if isinstance(node, NavigableString)
        and not isinstance(node, Comment)
        and not any(parent.name in _DROPPED_TAGS for parent in node.parents)
    )


def element_text(element: Tag) -> str:
    """The plain text of `element`, as a reader sees it, with scripts left out."""
    return collapse_whitespace(_text_nodes(element))


def element_text_and_literal(element: Tag) -> tuple[str, str]:
    """The plain text of `element`, and its text as written, for a literal such as an SDK's
    message: runs of spaces are kept (`num exceed  limit` is what the SDK returns), and so is a
    no-break space (`&nbsp;`), which no page's layout writes by chance; only the edges and the
    line breaks of the page's own layout (a break and the indentation around it: one space) are
    not. An element of spaces only has no text."""
    raw = _text_nodes(element)
    text = collapse_whitespace(raw)
    return text, _LAYOUT_BREAK.sub(" ", raw).strip(_LAYOUT_SPACE) if text else ""


def markdown_fragment(source: str) -> Tag:
    """Render inline Markdown (raw HTML allowed, as in the pages) into a parsed fragment."""
    html = _markdown.renderInline(source)
    return BeautifulSoup(html, "html.parser")
