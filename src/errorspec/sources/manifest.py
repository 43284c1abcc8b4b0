"""The sources manifest (spec/sources.yaml): pages, their languages, formats and sections.

Everything product-specific (platform ids, headings, the vendor's site) lives in the manifest,
so a new page or platform is an edit there, never in the code.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal
from urllib.parse import urljoin

from errorspec.model import InputError, Language, TableFormat
from errorspec.spec.schema import SOURCES_SCHEMA, schema_errors
from errorspec.spec.yamlio import JsonPath, LocatedData, load_yaml

MANIFEST_NAME = "sources.yaml"


@dataclass(frozen=True)
class SectionMapping:
    """A heading of a page and what its section holds: one platform's codes, or related links."""

    heading: str
    platform: str | None
    related: bool
    line: int


@dataclass(frozen=True)
class SourcePage:
    file: str
    language: str
    format: TableFormat
    sections: tuple[SectionMapping, ...]
    line: int
    trailing_note: Literal["section", "page"] = "section"


@dataclass(frozen=True)
class Platform:
    id: str
    url: str | None


@dataclass(frozen=True)
class Manifest:
    name: str
    base_url: str
    languages: tuple[Language, ...]
    platforms: tuple[Platform, ...]
    sources: tuple[SourcePage, ...]

    @property
    def platform_ids(self) -> tuple[str, ...]:
        return tuple(platform.id for platform in self.platforms)


def load_manifest(spec_dir: Path) -> Manifest:
    """Read and check spec/sources.yaml; any problem raises `InputError` with its line."""
    name = f"{spec_dir.name}/{MANIFEST_NAME}"
    return manifest_from_data(load_yaml(spec_dir / MANIFEST_NAME, name), name)


def manifest_from_data(located: LocatedData, name: str) -> Manifest:
    """The manifest in `located` (read from `name`), checked; problems raise `InputError`."""
    errors = schema_errors(located, SOURCES_SCHEMA, name)
    if errors:
        raise errors[0]
    data = located.data
    base_url = data["base_url"]
    languages = tuple(Language(item["id"], item["name"], item["script"]) for item in data["languages"])
    platforms = tuple(
        Platform(item["id"], urljoin(base_url, item["page"]) if "page" in item else None) for item in data["platforms"]
    )
    sources = tuple(
        SourcePage(
            file=item["file"],
            language=item["language"],
            format=item["format"],
            sections=tuple(
                SectionMapping(
                    heading=section["heading"],
                    platform=section.get("platform"),
                    related=section.get("related", False),
                    line=located.line_of(("sources", index, "sections", position)) or 0,
                )
                for position, section in enumerate(item["sections"])
            ),
            line=located.line_of(("sources", index)) or 0,
            trailing_note=item.get("trailing_note", "section"),
        )
        for index, item in enumerate(data["sources"])
    )
    manifest = Manifest(name, base_url, languages, platforms, sources)
    _check_references(manifest, located.line_of)
    return manifest


def _check_references(manifest: Manifest, line_of: Callable[[JsonPath], int | None]) -> None:
    def unique(kind: str, values: list[str], path: str) -> None:
        seen: set[str] = set()
        for index, value in enumerate(values):
            if value in seen:
                raise InputError(manifest.name, line_of((path, index)), f"{kind} '{value}' is listed twice")
            seen.add(value)

    unique("language", [language.id for language in manifest.languages], "languages")
    unique("platform", list(manifest.platform_ids), "platforms")
    unique("source file", [source.file for source in manifest.sources], "sources")
    languages = {language.id for language in manifest.languages}
    for source in manifest.sources:
        if source.language not in languages:
            raise InputError(
                manifest.name, source.line, f"language '{source.language}' is not one of the languages listed above"
            )
        for section in source.sections:
            if section.platform is not None and section.platform not in manifest.platform_ids:
                raise InputError(
                    manifest.name,
                    section.line,
                    f"platform '{section.platform}' is not one of the platforms listed above",
                )
