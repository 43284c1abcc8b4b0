"""The spec as plain data: platforms, entries, findings and resolutions; and the input error."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Severity = Literal["error", "warning", "info"]
Status = Literal["ok", "resolved", "untranslated", "needs-review"]
TableFormat = Literal["markdown", "html"]
MAX_CODE = 2**53 - 1
"""Codes lie within ±MAX_CODE: what a JavaScript number (the site's search, its permanent URLs) holds exactly."""


class InputError(Exception):
    """Bad input that stops a command: names the file, the line and the problem."""

    def __init__(self, file: str, line: int | None, problem: str) -> None:
        self.file = file
        self.line = line
        self.problem = problem
        where = f"{file}:{line}" if line else file
        super().__init__(f"{where}: {problem}")


class SpecInvalid(Exception):
    """The spec cannot be used: every problem found, each with its file and line."""

    def __init__(self, errors: list[InputError]) -> None:
        self.errors = errors
        super().__init__("\n".join(str(error) for error in errors))


@dataclass(frozen=True)
class Provenance:
    """Where a piece of the spec was read: a source file (relative to the spec folder) and line."""

    file: str
    line: int


@dataclass(frozen=True)
class Link:
    """A link from page prose; `title` is inline Markdown, `url` absolute."""

    title: str
    url: str


@dataclass(frozen=True)
class Finding:
    """A discrepancy found while reconciling; `value` keeps any text that did not win."""

    kind: str
    severity: Severity
    detail: str
    lang: str | None = None
    source: Provenance | None = None
    value: str | None = None


@dataclass(frozen=True)
class Resolution:
    """A maintainer's decision on an entry's findings; it survives every import."""

    message: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class Constant:
    """An error code's name in one SDK, as the SDK's API reference declares it.

    `sdk` is the platform whose SDK declares the name: the iOS SDK (`ios`) names some server
    codes too. `source` is None for a name a maintainer wrote by hand.
    """

    sdk: str
    name: str
    source: Provenance | None = None
    comment: str | None = None
    """The declaration's doc comment, in the language `lang` of the API reference."""
    lang: str | None = None
    message: str | None = None
    """The literal message the SDK returns with the code, where the SDK declares it."""


WHAT_TO_DO = ("causes", "solutions", "example")
"""An entry's texts on what to do about its code, per language, in the order a reader gets them;
only a maintainer writes them (an import keeps them)."""


TRANSLATABLE = ("description", "causes", "solutions")
"""An entry's texts that a translator translates: an example is a verbatim snippet and the
message is the SDK's literal string, both kept as they are."""


@dataclass(frozen=True)
class Translated:
    """That an entry's `field` in `lang` is a translation of its text in `source_lang`, made when
    that text's hash was `source_hash`: once the text changes, the translation is stale until a
    translator updates or confirms it."""

    field: str
    lang: str
    source_lang: str
    source_hash: str


@dataclass(frozen=True)
class Entry:
    """One error code of one platform: the reconciled truth plus the maintainer's additions."""

    code: int
    message: str
    description: dict[str, str | None]
    source: dict[str, Provenance]
    status: Status
    findings: tuple[Finding, ...] = ()
    resolution: Resolution | None = None
    related: tuple[str, ...] = ()
    unrelated: tuple[str, ...] = ()
    constants: tuple[Constant, ...] = ()
    causes: dict[str, str] | None = None
    """What likely makes the error happen, per language (inline Markdown): the maintainer's."""
    solutions: dict[str, str] | None = None
    """What to do about it, per language (inline Markdown): the maintainer's."""
    example: dict[str, str] | None = None
    """A short snippet or log excerpt that shows the error, per language, verbatim (shown as
    code, never rendered): the maintainer's."""
    deprecated: bool | str | None = None
    translated: tuple[Translated, ...] = ()
    """Which of its texts a translator wrote, and from what: the maintainer's, kept across imports."""

    @property
    def undocumented(self) -> bool:
        """On no page: only an SDK's API reference declares the code."""
        return not self.source and any(constant.source for constant in self.constants)


@dataclass(frozen=True)
class CodeRange:
    """Codes that start with `prefix`, and what the platform's documentation says they are
    ("codes starting with 86 are iOS SDK internal errors"), as the manifest declares them: a
    number no platform has as a code is still placed by it."""

    prefix: str
    description: dict[str, str | None]


@dataclass(frozen=True)
class PlatformSpec:
    """One platform's file of the spec: page prose per language, findings, entries by code."""

    platform: str
    url: str | None
    title: dict[str, str | None]
    intro: dict[str, str | None]
    hint: dict[str, str | None]
    related: dict[str, tuple[Link, ...]]
    sources: dict[str, Provenance]
    findings: tuple[Finding, ...]
    entries: tuple[Entry, ...]
    product: str | None = None
    """The product the platform belongs to, where the spec holds several."""
    ranges: tuple[CodeRange, ...] = ()

    @property
    def name(self) -> str:
        """Its title in the first language that has one, else its id."""
        return next((title for title in self.title.values() if title), self.platform)


@dataclass(frozen=True)
class Language:
    """A language of the spec and the script its descriptions are written in (ISO 15924)."""

    id: str
    name: str
    script: str


@dataclass(frozen=True)
class Product:
    """One of several products whose codes the spec holds: its name per language."""

    id: str
    name: dict[str, str]


@dataclass(frozen=True)
class Spec:
    """The whole reconciled spec: languages in order (the first is primary) and platforms."""

    languages: tuple[Language, ...]
    platforms: tuple[PlatformSpec, ...] = field(default=())
    products: tuple[Product, ...] = ()

    @property
    def language_ids(self) -> tuple[str, ...]:
        return tuple(language.id for language in self.languages)

    def language_name(self, lang: str) -> str:
        """The language's own name from the manifest (English, 中文), else its id."""
        return next((language.name for language in self.languages if language.id == lang), lang)
