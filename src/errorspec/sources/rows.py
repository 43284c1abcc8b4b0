"""What the import reads from the source pages, before reconciling: rows, rejected rows, prose."""

from __future__ import annotations

from dataclasses import dataclass

from errorspec.model import Link, Provenance


@dataclass(frozen=True)
class SourceRow:
    """One table row of one source page, as read: the code, the literal message, the description."""

    platform: str
    lang: str
    source: Provenance
    code: int
    message: str
    description: str
    extra_cells: tuple[str, ...] = ()


@dataclass(frozen=True)
class RejectedRow:
    """A table row that could not become an entry, kept with the reason so that no row is lost."""

    platform: str
    lang: str
    source: Provenance
    cells: tuple[str, ...]
    reason: str


@dataclass(frozen=True)
class SectionProse:
    """The prose around one platform's table on one page: heading, intro, hint, related links."""

    title: str
    intro: str | None
    hint: str | None
    related: tuple[Link, ...]


@dataclass(frozen=True)
class PlatformSource:
    """Everything one page says about one platform, in one language."""

    platform: str
    lang: str
    source: Provenance
    prose: SectionProse
    rows: tuple[SourceRow, ...]
    rejected: tuple[RejectedRow, ...]
    table_lines: tuple[int, ...]
