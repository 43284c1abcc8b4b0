"""Plain text helpers shared by the importer, the site and the exports (no HTML parser here)."""

from __future__ import annotations

import re

_MARKDOWN_SPECIALS = re.compile(r"([\\`*\[\]<])")
# Any `&` that could begin an entity, also at the end of a piece of text, which the next piece
# (after a tag or a comment) could complete: `&` + `amp;`.
_ENTITY_LIKE = re.compile(r"&(?=[#0-9A-Za-z]|$)")
_LONE_UNDERSCORE = re.compile(r"(?<![0-9A-Za-z])_|_(?![0-9A-Za-z])")
_WHITESPACE = re.compile(r"\s+")


def escape_markdown(text: str) -> str:
    """Escape what inline Markdown would read as markup; intraword `_` stays readable."""
    text = _MARKDOWN_SPECIALS.sub(r"\\\1", text)
    text = _LONE_UNDERSCORE.sub(r"\\_", text)
    return _ENTITY_LIKE.sub(r"\\&", text)


def collapse_whitespace(text: str) -> str:
    return _WHITESPACE.sub(" ", text).strip()


def markdown_table_cell(markdown: str) -> str:
    """Inline Markdown made safe inside a pipe-table cell: pipes escaped, line breaks as <br>."""
    return markdown.replace("|", "\\|").replace("\n", "<br>")
