"""Every line of a page that holds a table row, found from the page's text alone.

The table readers (markdown-it, html5lib) decide what a table is; this scan asks neither of
them. The page reader holds the two against each other, line by line: a row the scan sees and
no table read (a pipe table cut short by a comment, a `<tr>` outside any `<table>`, a delimiter
row of the wrong width) stops the import with its line, instead of leaving the row out of the
spec and out of the account.

Markdown: a line with a `|` followed by a delimiter row (`|---|---|`) starts a pipe table, whose
rows run to a blank line or a line that starts another block (a heading, a quote, a list, a
fence, an indented line, HTML); any other line that starts with `|` is a row that no table holds.
HTML: every `<tr>`, and every cell (`<td>`, `<th>`) of a table that starts a row without one, as
a browser reads it. A comment hides a row; nothing else does.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Literal

from markdown_it.common.html_blocks import block_names

from errorspec.sources.html_tables import html_table_line_spans
from errorspec.sources.markdown_blocks import blank_lines

_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_QUOTE_MARKERS = re.compile(r"^(?: {0,3}> ?)+")
# As markdown-it checks a delimiter row: two characters or more, only `|`, `-`, `:`, spaces and
# tabs, and not a list item (`- `).
_DELIMITER = re.compile(r"^(?!-[ \t])[|:-][-:| \t]+$")
_DELIMITER_COLUMN = re.compile(r"^:?-+:?$")
_UNESCAPED_PIPE = re.compile(r"(?<!\\)\|")
# The blocks that end a pipe table (CommonMark's, as markdown-it reads them): an ATX heading, a
# quote, a fence, a list item, a thematic break, and HTML that starts a block of its own (a line
# made only of tags is blanked before the page is read, and a blank line ends a table too).
_BLOCK_START = re.compile(
    r"^(?:#{1,6}(?:[ \t]|$)|>|```|~~~|[-+*](?:[ \t]|$)|[0-9]{1,9}[.)](?:[ \t]|$)"
    r"|(?:\*[ \t]*){3,}$|(?:-[ \t]*){3,}$|(?:_[ \t]*){3,}$"
    r"|<(?:script|pre|style|textarea)(?:[\s>]|$)|<!--|<\?|<![A-Za-z]|<!\[CDATA\["
    r"|</?(?:" + "|".join(block_names) + r")(?:[\s>]|/>|$))",
    re.IGNORECASE,
)
_ROW_TAGS = re.compile(r"<(/?)(tr|td|th|table|thead|tbody|tfoot)(?=[\s/>])", re.IGNORECASE)

RowKind = Literal["pipe", "tr", "cell"]


@dataclass(frozen=True)
class RowLine:
    """A row the page's text holds: a pipe table's line, a `<tr>`, or a cell starting a row."""

    line: int
    kind: RowKind
    nested: bool = False
    """A row of a table inside another table's cell."""


@dataclass(frozen=True)
class PipeTable:
    """A pipe table as its text writes it: its header's line, its delimiter row's, their widths."""

    header_line: int
    delimiter_line: int
    last_line: int
    """Its last row's line, as its text runs (the delimiter row's, without a row)."""
    header_columns: int
    delimiter_columns: int
    delimiter_valid: bool
    """Every column of the delimiter row is `---`, `:---`, `---:` or `:---:`."""


@dataclass(frozen=True)
class PageRowLines:
    rows: tuple[RowLine, ...]
    pipe_tables: tuple[PipeTable, ...]

    def counts(self) -> Counter[int]:
        """Rows per line."""
        return Counter(row.line for row in self.rows)


def scan_row_lines(text: str) -> PageRowLines:
    """Every row `text` holds by its look, in line order, and the pipe tables it starts."""
    text = _COMMENT.sub(lambda match: re.sub(r"[^\n]", " ", match.group()), text)
    html_spans = html_table_line_spans(text)
    markdown_lines = _unquoted(blank_lines(text, html_spans).split("\n"))
    pipe_rows, pipe_tables = _pipe_rows(markdown_lines)
    html_rows = _html_rows(text, set(pipe_rows))
    rows = sorted([*(RowLine(line, "pipe") for line in pipe_rows), *html_rows], key=lambda row: row.line)
    return PageRowLines(tuple(rows), tuple(pipe_tables))


def _unquoted(lines: list[str]) -> list[str]:
    """Each line without its quote markers (`> `): a pipe table in a quote is read all the same."""
    return [_QUOTE_MARKERS.sub("", line) for line in lines]


def _cells(line: str) -> list[str]:
    """A pipe row's cells, without the empty ones its edge pipes make."""
    cells = _UNESCAPED_PIPE.split(line.strip())
    if cells and not cells[0].strip():
        cells.pop(0)
    if cells and not cells[-1].strip():
        cells.pop()
    return cells


def _is_delimiter(line: str) -> bool:
    stripped = line.strip(" \t")
    return "-" in stripped and bool(_DELIMITER.match(stripped)) and not _is_indented(line)


def _is_indented(line: str) -> bool:
    """Four columns of indentation or more: a code block, never a table's line."""
    return len(line.expandtabs(4)) - len(line.expandtabs(4).lstrip(" ")) >= 4


def _pipe_rows(lines: list[str]) -> tuple[list[int], list[PipeTable]]:
    rows: list[int] = []
    tables: list[PipeTable] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        following = lines[index + 1] if index + 1 < len(lines) else ""
        if "|" in line and not _is_indented(line) and not _is_delimiter(line) and _is_delimiter(following):
            header = index + 1
            rows.append(header)
            index += 2
            while index < len(lines) and _continues_table(lines[index]):
                rows.append(index + 1)
                index += 1
            delimiter = [column.strip(" \t") for column in following.strip(" \t").split("|")]
            inner = [column for position, column in enumerate(delimiter) if column or 0 < position < len(delimiter) - 1]
            tables.append(
                PipeTable(
                    header_line=header,
                    delimiter_line=header + 1,
                    last_line=index,
                    header_columns=len(_cells(line)),
                    delimiter_columns=len(inner),
                    delimiter_valid=all(_DELIMITER_COLUMN.match(column) for column in inner),
                )
            )
            continue
        if line.strip().startswith("|") and not _is_delimiter(line):
            rows.append(index + 1)
        index += 1
    return rows, tables


def _continues_table(line: str) -> bool:
    return bool(line.strip()) and not _is_indented(line) and not _BLOCK_START.match(line.lstrip())


def _html_rows(text: str, pipe_lines: set[int]) -> list[RowLine]:
    """Each `<tr>`, and each cell that opens a row without one, outside the pipe tables' lines."""
    rows = []
    depth = 0
    in_row = False
    line, counted_to = 1, 0
    for match in _ROW_TAGS.finditer(text):
        line += text.count("\n", counted_to, match.start())
        counted_to = match.start()
        if line in pipe_lines:
            continue
        closing, tag = match.group(1) == "/", match.group(2).lower()
        if tag == "table":
            depth = max(depth - 1, 0) if closing else depth + 1
            in_row = False
        elif tag == "tr":
            if not closing:
                rows.append(RowLine(line, "tr", nested=depth > 1))
            in_row = not closing
        elif tag in ("td", "th"):
            if not closing and not in_row and depth:
                rows.append(RowLine(line, "cell", nested=depth > 1))
                in_row = True
        else:  # a row group's tag ends any row open before it
            in_row = False
    return rows
