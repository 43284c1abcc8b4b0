"""Reads one source page into what it says about each platform: prose, rows, rejected rows.

The manifest says which heading starts which platform's section. A table under a heading the
manifest does not map is an error, never skipped: that is how rows would get lost.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from errorspec.model import InputError, Link, Provenance
from errorspec.sources.blocks import Block, Heading, LinkList, Paragraph, Table, TableRow
from errorspec.sources.html_tables import html_table_line_spans, read_html_tables
from errorspec.sources.manifest import Manifest, SectionMapping, SourcePage
from errorspec.sources.markdown_blocks import blank_lines, read_markdown_blocks
from errorspec.sources.rows import PlatformSource, RejectedRow, SectionProse, SourceRow
from errorspec.text import collapse_whitespace

_CODE = re.compile(r"^[+-]?[0-9]{1,18}$")  # a 64-bit integer at most
_COLUMNS = 3  # code, SDK message, description: the shape of every table (see the seeds' README)


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


def read_page(text: str, page: SourcePage, manifest: Manifest) -> list[PlatformSource]:
    """What `page` says about each platform it documents, in section order."""
    sections = _split_sections(read_blocks(text, page.base_url), page, manifest)
    related = tuple(
        link for section in sections if section.mapping and section.mapping.related for link in section.links
    )
    platform_sections = [section for section in sections if section.mapping and section.mapping.platform]
    # Where the manifest says so, the note after the page's last table ("not found above? see
    # the server codes") speaks for every table of the page, not only for its own section.
    last_note = next((_join(s.paragraphs_after) for s in reversed(platform_sections) if s.tables), None)
    page_hint = last_note if page.trailing_note == "page" else None
    results = []
    for section in platform_sections:
        platform = section.mapping.platform if section.mapping else None
        if platform is None or section.heading is None:
            continue
        rows: list[SourceRow] = []
        rejected: list[RejectedRow] = []
        for table in section.tables:
            table_rows, table_rejected = _table_to_rows(table, platform, page.language, page.file)
            rows += table_rows
            rejected += table_rejected
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
    return results


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


def _table_to_rows(table: Table, platform: str, lang: str, file: str) -> tuple[list[SourceRow], list[RejectedRow]]:
    rows: list[SourceRow] = []
    rejected: list[RejectedRow] = []
    for position, row in enumerate(table.rows):
        if (row.header or position == 0) and not _is_code(row):
            continue  # a header row ("Code | Error Message | ..."), not data
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
    return rows, rejected


def _is_code(row: TableRow) -> bool:
    return bool(row.cells) and bool(_CODE.match(row.cells[0].text))


def _rejection(row: TableRow) -> str | None:
    if not any(cell.text for cell in row.cells):
        return "the row has no text"
    if not _is_code(row):
        code = row.cells[0].text if len(row.cells[0].text) <= 40 else row.cells[0].text[:37] + "..."
        return f"the code cell '{code}' is not an integer of at most 18 digits"
    return None
