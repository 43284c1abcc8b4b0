"""Reads the raw HTML tables (and HTML headings) of a page with BeautifulSoup.

html5lib is the tree builder because it recovers from broken markup the way browsers do
(an unclosed <td> ends at the next <td>, a stray </a> is ignored) and keeps line numbers.
"""

from __future__ import annotations

import re

from bs4 import BeautifulSoup, Tag

from errorspec.sources.blocks import Cell, Heading, Table, TableRow
from errorspec.sources.inline import element_markdown, element_text, element_text_and_literal

_HEADING = re.compile(r"<h([1-6])\b[^>]*>(.*?)</h\1\s*>", re.IGNORECASE | re.DOTALL)
_TABLE_TAG = re.compile(r"<(/?)table\b[^>]*>", re.IGNORECASE)
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)


def read_html_tables(text: str, base_url: str) -> tuple[list[Table], list[Heading]]:
    """The outermost tables of `text` and the HTML headings outside them, with their lines.

    Only each table's own lines go to html5lib: read as one HTML document, a page's Markdown
    prose could open a tag (`count<limit`) that swallows the table after it.
    """
    lines = text.split("\n")
    spans = html_table_line_spans(text)
    tables = []
    for first, last in spans:
        soup = BeautifulSoup("\n".join(lines[first - 1 : last]), "html5lib")
        tables += [
            _read_table(table, base_url, first - 1)
            for table in soup.find_all("table")
            if table.find_parent("table") is None
        ]
    outside = "\n".join(
        "" if any(first <= number <= last for first, last in spans) else line for number, line in enumerate(lines, 1)
    )
    headings = [
        Heading(outside.count("\n", 0, match.start()) + 1, element_text(BeautifulSoup(match.group(2), "html.parser")))
        for match in _HEADING.finditer(outside)
    ]
    return tables, headings


def _read_table(table: Tag, base_url: str, offset: int) -> Table:
    table_line = (table.sourceline or 1) + offset
    rows = []
    for row in table.find_all("tr"):
        if row.find_parent("table") is not table:
            continue
        cells = row.find_all(["td", "th"], recursive=False)
        line = row.sourceline or (cells[0].sourceline if cells and cells[0].sourceline else None)
        rows.append(
            TableRow(
                line=line + offset if line else table_line,
                cells=tuple(_cell(cell, base_url) for cell in cells),
                header=bool(cells) and all(cell.name == "th" for cell in cells),
            )
        )
    return Table(table_line, "html", tuple(rows))


def _cell(cell: Tag, base_url: str) -> Cell:
    text, literal = element_text_and_literal(cell)
    return Cell(text, element_markdown(cell, base_url), literal)


def html_table_line_spans(text: str) -> list[tuple[int, int]]:
    """The first and last line of each outermost <table>...</table>, an unclosed one running to the end."""
    without_comments = _COMMENT.sub(lambda match: re.sub(r"[^\n]", " ", match.group()), text)
    spans = []
    depth = 0
    start = 0
    for match in _TABLE_TAG.finditer(without_comments):
        closing = match.group(1) == "/"
        if not closing:
            if depth == 0:
                start = without_comments.count("\n", 0, match.start()) + 1
            depth += 1
        elif depth:
            depth -= 1
            if depth == 0:
                spans.append((start, without_comments.count("\n", 0, match.end()) + 1))
    if depth:
        spans.append((start, without_comments.count("\n") + 1))
    return spans
