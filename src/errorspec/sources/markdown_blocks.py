"""Reads the Markdown structure of a page with markdown-it: headings, prose, link lists, pipe tables.

The page's raw HTML tables are read by `html_tables`; here their lines arrive blanked, and so do
lines made only of tags (`<div ...>`, `<br>`), which carry no prose but would otherwise swallow
the paragraph after them into an HTML block.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from markdown_it import MarkdownIt
from markdown_it.token import Token

from errorspec.model import Link
from errorspec.sources.blocks import Block, Cell, Heading, LinkList, Paragraph, Table, TableRow
from errorspec.sources.inline import (
    element_markdown,
    element_text,
    element_text_and_literal,
    markdown_fragment,
    safe_url,
)

_TAGS_ONLY_LINE = re.compile(r"^\s*(?:<[^<>]+>\s*)+$")
_UNESCAPED_PIPE = re.compile(r"(?<!\\)\|")

_markdown = MarkdownIt("commonmark", {"html": True}).enable("table")


def blank_lines(text: str, spans: Sequence[tuple[int, int]]) -> str:
    """`text` with the lines of `spans` (1-based, inclusive) and tag-only lines emptied; lines keep their numbers."""
    lines = text.split("\n")
    for first, last in spans:
        for index in range(first - 1, min(last, len(lines))):
            lines[index] = ""
    return "\n".join("" if _TAGS_ONLY_LINE.match(line) else line for line in lines)


def read_markdown_blocks(text: str, base_url: str) -> list[Block]:
    """The blocks of a Markdown page, in order, with 1-based lines."""
    tokens = _markdown.parse(text)
    source_lines = text.split("\n")
    blocks: list[Block] = []
    index = 0
    while index < len(tokens):
        token = tokens[index]
        line = token.map[0] + 1 if token.map else 1
        if token.type == "heading_open":
            blocks.append(Heading(line, element_text(markdown_fragment(tokens[index + 1].content))))
        elif token.type == "paragraph_open" and token.level == 0:
            fragment = markdown_fragment(tokens[index + 1].content)
            blocks.append(Paragraph(line, element_markdown(fragment, base_url)))
        elif token.type in ("bullet_list_open", "ordered_list_open") and token.level == 0:
            end = _closing_index(tokens, index)
            blocks.append(LinkList(line, tuple(_links(tokens[index:end], base_url))))
            index = end
        elif token.type == "table_open":
            end = _closing_index(tokens, index)
            blocks.append(Table(line, "markdown", tuple(_table_rows(tokens[index:end], source_lines, base_url))))
            index = end
        index += 1
    return blocks


def _closing_index(tokens: Sequence[Token], opening: int) -> int:
    level = tokens[opening].level
    closing_type = tokens[opening].type.replace("_open", "_close")
    for index in range(opening + 1, len(tokens)):
        if tokens[index].type == closing_type and tokens[index].level == level:
            return index
    return len(tokens) - 1


def _links(tokens: Sequence[Token], base_url: str) -> Iterator[Link]:
    for token in tokens:
        if token.type != "inline":
            continue
        anchor = markdown_fragment(token.content).find("a", href=True)
        if anchor is None:
            continue
        url = safe_url(str(anchor["href"]), base_url)
        if url:
            yield Link(element_markdown(anchor, base_url), url)


def _cell(markdown_source: str, base_url: str) -> Cell:
    fragment = markdown_fragment(markdown_source.strip())
    text, literal = element_text_and_literal(fragment)
    return Cell(text, element_markdown(fragment, base_url), literal)


def _table_rows(tokens: Sequence[Token], source_lines: list[str], base_url: str) -> Iterator[TableRow]:
    header = False
    cells: list[Cell] = []
    line = 1
    for token in tokens:
        if token.type == "thead_open":
            header = True
        elif token.type == "tbody_open":
            header = False
        elif token.type == "tr_open":
            cells = []
            line = token.map[0] + 1 if token.map else line
        elif token.type == "inline":
            cells.append(_cell(token.content, base_url))
        elif token.type == "tr_close":
            # markdown-it drops cells beyond the header's count, as GFM does; keep them to report.
            raw_cells = _split_pipe_row(source_lines[line - 1])
            extra = tuple(_cell(raw, base_url) for raw in raw_cells[len(cells) :])
            yield TableRow(line, tuple(cells), header, extra)


def _split_pipe_row(line: str) -> list[str]:
    stripped = line.strip()
    if stripped.startswith("|"):
        stripped = stripped[1:]
    if stripped.endswith("|") and not stripped.endswith("\\|"):
        stripped = stripped[:-1]
    # GFM: an escaped pipe is a pipe, in a code span too.
    return [cell.replace("\\|", "|") for cell in _UNESCAPED_PIPE.split(stripped)]
