"""What a source page is made of, once read: headings, paragraphs, link lists and tables."""

from __future__ import annotations

from dataclasses import dataclass

from errorspec.model import Link, TableFormat


@dataclass(frozen=True)
class Cell:
    """A table cell: its plain text (for codes), its inline Markdown (for descriptions) and its
    literal text (for SDK messages, whose runs of spaces are kept)."""

    text: str
    markdown: str
    literal: str


@dataclass(frozen=True)
class TableRow:
    line: int
    cells: tuple[Cell, ...]
    header: bool
    extra_cells: tuple[Cell, ...] = ()


@dataclass(frozen=True)
class Table:
    line: int
    format: TableFormat
    rows: tuple[TableRow, ...]


@dataclass(frozen=True)
class Heading:
    line: int
    text: str


@dataclass(frozen=True)
class Paragraph:
    line: int
    markdown: str


@dataclass(frozen=True)
class LinkList:
    line: int
    links: tuple[Link, ...]


Block = Heading | Paragraph | LinkList | Table
