"""Reads one source page into what it says about each platform: prose, rows, rejected rows.

The manifest says which heading starts which platform's section. A table under a heading the
manifest does not map is an error, never skipped: that is how rows would get lost. So is a row
that the page's text holds (`row_lines`) and no table read: every row line is a header, a row or
a rejected row, or the page is refused at that line.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from errorspec.model import MAX_CODE, InputError, Link, Provenance
from errorspec.sources.blocks import Block, Heading, LinkList, Paragraph, Table, TableRow
from errorspec.sources.html_tables import html_table_line_spans, read_html_tables
from errorspec.sources.manifest import Manifest, SectionMapping, SourcePage
from errorspec.sources.markdown_blocks import blank_lines, read_markdown_blocks
from errorspec.sources.row_lines import PageRowLines, RowLine, scan_row_lines
from errorspec.sources.rows import PlatformSource, RejectedRow, SectionProse, SourceRow
from errorspec.text import collapse_whitespace

_CODE = re.compile(r"^[+-]?[0-9]+$")  # an integer; `_rejection` refuses one that is too large
_COLUMNS = 3  # code, SDK message, description: the shape of every table (see the seeds' README)
# A header row names its columns: its code cell is a word or words ("Code", "Error Code", "错误码"),
# never a code, nor a code with a typo ("9000O1"), which is a data row to report.
_COLUMN_NAME = re.compile(r"[^\W\d_]+(?:[ _-][^\W\d_]+)*")
_QUOTED_LENGTH = 60


def read_blocks(text: str, base_url: str) -> list[Block]:
    """Every block of a page in line order: its HTML tables and headings, and its Markdown."""
    tables, headings = read_html_tables(text, base_url)
    markdown = read_markdown_blocks(blank_lines(text, html_table_line_spans(text)), base_url)
    blocks: list[Block] = [*tables, *headings, *markdown]
    return sorted(blocks, key=lambda block: block.line)


@dataclass
class _Section:
    mapping: SectionMapping | None
    heading: Heading | None
    paragraphs_before: list[str] = field(default_factory=list)
    paragraphs_after: list[str] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)


@dataclass(frozen=True)
class PageRows:
    """What a page says about each platform, and how many data rows its text holds."""

    sources: list[PlatformSource]
    rows_read: int
    """The rows its text holds (`scan_row_lines`: pipe-table lines, `<tr>`), less its tables' header rows."""


def read_page(text: str, page: SourcePage, manifest: Manifest) -> list[PlatformSource]:
    """What `page` says about each platform it documents, in section order."""
    return read_page_rows(text, page, manifest).sources


def read_page_rows(text: str, page: SourcePage, manifest: Manifest) -> PageRows:
    """What `page` says about each platform, once every row its text holds is known to be read:
    a row the tables left out raises `InputError` with its line."""
    blocks = read_blocks(text, page.base_url)
    sections = _split_sections(blocks, page, manifest)
    scanned = scan_row_lines(text)
    _check_every_row_read(scanned, [block for block in blocks if isinstance(block, Table)], text, page)
    related = tuple(
        link for section in sections if section.mapping and section.mapping.related for link in section.links
    )
    platform_sections = [section for section in sections if section.mapping and section.mapping.platform]
    # Where the manifest says so, the note after the page's last table ("not found above? see
    # the server codes") speaks for every table of the page, not only for its own section.
    last_note = next((_join(s.paragraphs_after) for s in reversed(platform_sections) if s.tables), None)
    page_hint = last_note if page.trailing_note == "page" else None
    results = []
    headers = 0
    for section in platform_sections:
        platform = section.mapping.platform if section.mapping else None
        if platform is None or section.heading is None:
            continue
        rows: list[SourceRow] = []
        rejected: list[RejectedRow] = []
        for table in section.tables:
            table_rows, table_rejected, table_headers = _table_to_rows(table, platform, page.language, page.file)
            rows += table_rows
            rejected += table_rejected
            headers += table_headers
        prose = SectionProse(
            title=section.heading.text,
            intro=_join(section.paragraphs_before),
            hint=_join(section.paragraphs_after) or page_hint,
            related=related,
        )
        results.append(
            PlatformSource(
                platform=platform,
                lang=page.language,
                source=Provenance(page.file, section.heading.line),
                prose=prose,
                rows=tuple(rows),
                rejected=tuple(rejected),
                table_lines=tuple(table.line for table in section.tables),
            )
        )
    return PageRows(results, len(scanned.rows) - headers)


def _join(paragraphs: list[str]) -> str | None:
    return "\n\n".join(paragraphs) or None


def _split_sections(blocks: list[Block], page: SourcePage, manifest: Manifest) -> list[_Section]:
    by_heading = {collapse_whitespace(mapping.heading): mapping for mapping in page.sections}
    found: set[str] = set()
    sections = [_Section(None, None)]
    for block in blocks:
        current = sections[-1]
        if isinstance(block, Heading):
            key = collapse_whitespace(block.text)
            mapping = by_heading.get(key)
            if mapping and key in found:
                raise InputError(
                    page.file, block.line, f"heading '{block.text}' appears twice; sources.yaml maps it once"
                )
            found.add(key)
            sections.append(_Section(mapping, block))
        elif isinstance(block, Table):
            if block.format != page.format:
                raise InputError(
                    page.file,
                    block.line,
                    f"a {block.format} table, but {manifest.name}:{page.line} declares format '{page.format}'",
                )
            if not (current.mapping and current.mapping.platform):
                heading = f"heading '{current.heading.text}'" if current.heading else "the top of the page"
                raise InputError(
                    page.file,
                    block.line,
                    f"a table under {heading}, which {manifest.name} maps to no platform: "
                    "add that heading to this file's sections",
                )
            current.tables.append(block)
        elif isinstance(block, Paragraph):
            (current.paragraphs_after if current.tables else current.paragraphs_before).append(block.markdown)
        elif isinstance(block, LinkList):
            current.links += block.links
    for key, mapping in by_heading.items():
        if key not in found:
            raise InputError(manifest.name, mapping.line, f"heading '{mapping.heading}' not found in {page.file}")
    return sections


def _table_to_rows(table: Table, platform: str, lang: str, file: str) -> tuple[list[SourceRow], list[RejectedRow], int]:
    """The table's data rows, its rejected rows, and how many header rows it has."""
    rows: list[SourceRow] = []
    rejected: list[RejectedRow] = []
    headers = 0
    for position, row in enumerate(table.rows):
        if _is_header(row, position):
            headers += 1
            continue
        source = Provenance(file, row.line)
        cells = tuple(cell.text for cell in row.cells)
        reason = _rejection(row)
        if reason:
            rejected.append(RejectedRow(platform, lang, source, cells, reason))
            continue
        padded = [*row.cells, *row.extra_cells][:_COLUMNS]
        message = padded[1].literal if len(padded) > 1 else ""
        description = padded[2].markdown if len(padded) > 2 else ""
        extra = tuple(cell.markdown for cell in [*row.cells, *row.extra_cells][_COLUMNS:] if cell.markdown)
        rows.append(SourceRow(platform, lang, source, int(row.cells[0].text), message, description, extra))
    return rows, rejected, headers


def _is_header(row: TableRow, position: int) -> bool:
    """The table's first row, or a row of <th>, that names the columns ("Code | Error Message | ...")."""
    return (row.header or position == 0) and bool(row.cells) and bool(_COLUMN_NAME.fullmatch(row.cells[0].text))


def _is_code(row: TableRow) -> bool:
    return bool(row.cells) and bool(_CODE.match(row.cells[0].text))


def _rejection(row: TableRow) -> str | None:
    if not any(cell.text for cell in row.cells):
        return "the row has no text"
    code = row.cells[0].text if len(row.cells[0].text) <= 40 else row.cells[0].text[:37] + "..."
    if not _is_code(row):
        return f"the code cell '{code}' is not an integer"
    # JavaScript's numbers hold integers exactly up to 2^53 - 1 (16 digits): a larger code would
    # reach the site's links and the JSON export as another one. Digits are counted before
    # int() reads them, which refuses thousands.
    digits = row.cells[0].text.lstrip("+-").lstrip("0")
    if len(digits) > len(str(MAX_CODE)) or int(digits or "0") > MAX_CODE:
        return f"the code cell '{code}' is not an integer within ±{MAX_CODE} (2^53 − 1), what JavaScript holds exactly"
    return None


def _check_every_row_read(scanned: PageRowLines, tables: list[Table], text: str, page: SourcePage) -> None:
    """Every row the page's text holds is a row of a table read, and the other way round."""
    read = Counter(row.line for table in tables for row in table.rows)
    seen = scanned.counts()
    lines = text.split("\n")
    for line in sorted(read.keys() | seen.keys()):
        if seen[line] > read[line]:
            row = next(row for row in scanned.rows if row.line == line)
            raise _unread_row(row, scanned, read, lines, page.file)
        if read[line] > seen[line]:
            raise InputError(
                page.file,
                line,
                f"{_quoted(lines[line - 1])} is read as a table row but does not look like one "
                "(a pipe table's row starts with '|', an HTML table's with <tr>): "
                "write it as a row, or end the table before it with a blank line",
            )


def _unread_row(row: RowLine, scanned: PageRowLines, read: Counter[int], lines: list[str], file: str) -> InputError:
    """Why no table read the row the page's text holds at `row.line`, and what to do."""
    if row.kind != "pipe":
        if row.nested:
            return InputError(
                file,
                row.line,
                "a row of a table inside a table's cell: only a page's outermost tables are read; "
                "give its codes a table of their own",
            )
        if not any(first <= row.line <= last for first, last in html_table_line_spans("\n".join(lines))):
            return InputError(
                file,
                row.line,
                "a <tr> outside any <table>...</table>: put the row inside its table (or restore its <table> tag)",
            )
        return InputError(
            file,
            row.line,
            "a row of the table that was not read: markup before it hides it (a <script>, <style>, "
            "<textarea> or comment left open, a <table> inside a row); close or remove that markup",
        )
    table = next((t for t in scanned.pipe_tables if t.header_line <= row.line <= t.last_line), None)
    if table is not None and table.delimiter_columns != table.header_columns:
        return InputError(
            file,
            table.delimiter_line,
            f"the delimiter row has {table.delimiter_columns} column(s) but the header row above it has "
            f"{table.header_columns}: Markdown reads no table here and none of its rows is read; "
            f"give the delimiter row {table.header_columns} columns",
        )
    if table is not None and not table.delimiter_valid:
        return InputError(
            file,
            table.delimiter_line,
            "the delimiter row is not one Markdown reads (each column is ---, :---, ---: or :---:): "
            "no row of the table below it is read; fix the delimiter row",
        )
    quoted = _quoted(lines[row.line - 1])
    above = max((line for line in read if line < row.line), default=None)
    # The row follows a table read, but for one line that is not a row (and other rows like it).
    rows_seen = {seen.line for seen in scanned.rows}
    if above is None or above + 1 == row.line or not set(range(above + 2, row.line)) <= rows_seen:
        return InputError(
            file,
            row.line,
            f"{quoted} looks like a table row, but no table holds it: a pipe table starts with a header row "
            "and a delimiter row (|---|---|); give it one, or remove the line",
        )
    ending = f"line {above + 1} ({_quoted(lines[above])})" if lines[above].strip() else f"the blank line {above + 1}"
    return InputError(
        file,
        row.line,
        f"{quoted} looks like a table row, but no table holds it: {ending} ends the table above; "
        "remove that line, or start a new table",
    )


def _quoted(line: str) -> str:
    """A line of the page in a message: stripped, cut short, control characters escaped."""
    text = line.strip()
    text = text if len(text) <= _QUOTED_LENGTH else text[: _QUOTED_LENGTH - 3] + "..."
    return repr(text) if any(not char.isprintable() for char in text) else f"'{text}'"
