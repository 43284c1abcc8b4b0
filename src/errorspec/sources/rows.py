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


@dataclass(frozen=True)
class DeclaredConstant:
    """One error code as an API reference declares it: the constant's name, its doc comment
    (inline Markdown) and, where the SDK declares it, the literal message returned with it."""

    source: Provenance
    name: str
    code: int
    comment: str | None = None
    message: str | None = None


@dataclass(frozen=True)
class RejectedConstant:
    """A declaration that could not become a code's constant, kept with the reason."""

    source: Provenance
    name: str
    value: str
    reason: str


@dataclass(frozen=True)
class ApiDeclarations:
    """Everything one API reference page declares, for the platform and SDK its manifest entry names."""

    platform: str
    sdk: str
    lang: str | None
    complete: bool
    constants: tuple[DeclaredConstant, ...]
    rejected: tuple[RejectedConstant, ...]
