"""The sources manifest (spec/sources.yaml): pages, their languages, formats and sections, and
the SDKs' API reference, where each code is declared as a constant.

Everything product-specific (products, platform ids, headings, titles, the vendor's sites) lives
in the manifest, so a new page, platform or product is an edit there, never in the code.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal
from urllib.parse import urljoin

from errorspec.model import CodeRange, InputError, Language, Product, TableFormat
from errorspec.spec.plainyaml import read_valid
from errorspec.spec.schema import SOURCES_SCHEMA, schema_errors
from errorspec.spec.yamlio import JsonPath, LocatedData, load_yaml, parse_yaml

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
    """An error-code page; its relative links resolve against `base_url`, its product's site."""

    file: str
    language: str
    format: TableFormat
    sections: tuple[SectionMapping, ...]
    line: int
    base_url: str
    trailing_note: Literal["section", "page"] = "section"


ApiFormat = Literal["appledoc", "javadoc"]


@dataclass(frozen=True)
class ApiSource:
    """An SDK's API reference page, declaring error codes of `platform` as constants.

    `sdk` is the platform whose SDK declares them. Its own platform's reference is complete: a
    code of the platform it lacks is a finding. Another SDK's (the iOS SDK's names for server
    codes) names only some codes, so only what it declares is compared.
    """

    file: str
    format: ApiFormat
    platform: str
    sdk: str
    language: str | None
    line: int
    type_name: str | None = None
    """The javadoc class (simple or qualified name) whose constants are read; None: every class."""

    @property
    def complete(self) -> bool:
        return self.sdk == self.platform


@dataclass(frozen=True)
class Platform:
    id: str
    url: str | None
    title: dict[str, str]
    """The platform's title per language where the manifest sets one: it wins over the page's heading."""
    product: str | None = None
    ranges: tuple[CodeRange, ...] = ()


@dataclass(frozen=True)
class Manifest:
    name: str
    base_url: str
    languages: tuple[Language, ...]
    platforms: tuple[Platform, ...]
    sources: tuple[SourcePage, ...]
    api_references: tuple[ApiSource, ...] = ()
    products: tuple[Product, ...] = ()

    @property
    def platform_ids(self) -> tuple[str, ...]:
        return tuple(platform.id for platform in self.platforms)


def load_manifest(spec_dir: Path) -> Manifest:
    """Read and check spec/sources.yaml; any problem raises `InputError` with its line."""
    name = f"{spec_dir.name}/{MANIFEST_NAME}"
    return manifest_from_data(load_yaml(spec_dir / MANIFEST_NAME, name), name)


def manifest_from_text(text: str, name: str) -> Manifest:
    """The manifest whose text is `text` (read from `name`), checked as `manifest_from_data`
    checks it; a valid one is read without a native library (spec/plainyaml.py)."""
    text = text.removeprefix("\ufeff")
    data = read_valid(text, SOURCES_SCHEMA)
    if data is None:
        return manifest_from_data(parse_yaml(text, name), name)
    return _manifest(LocatedData(data, text, name), name)


def manifest_from_data(located: LocatedData, name: str) -> Manifest:
    """The manifest in `located` (read from `name`), checked; problems raise `InputError`."""
    errors = schema_errors(located, SOURCES_SCHEMA, name)
    if errors:
        raise errors[0]
    return _manifest(located, name)


def _manifest(located: LocatedData, name: str) -> Manifest:
    """The manifest in `located`, valid by its schema; any other problem raises `InputError`."""
    data = located.data
    base_url = data["base_url"]
    languages = tuple(Language(item["id"], item["name"], item["script"]) for item in data["languages"])
    products = tuple(Product(item["id"], dict(item["name"])) for item in data.get("products", []))
    product_sites = {item["id"]: item.get("base_url", base_url) for item in data.get("products", [])}
    platform_sites = {item["id"]: product_sites.get(item.get("product", ""), base_url) for item in data["platforms"]}
    platforms = tuple(
        Platform(
            item["id"],
            urljoin(platform_sites[item["id"]], item["page"]) if "page" in item else None,
            dict(item.get("title", {})),
            item.get("product"),
            tuple(
                CodeRange(code_range["prefix"], dict(code_range["description"]))
                for code_range in item.get("ranges", [])
            ),
        )
        for item in data["platforms"]
    )
    pages = []
    api_references = []
    for index, item in enumerate(data["sources"]):
        line = located.line_of(("sources", index)) or 0
        if item["format"] in ("markdown", "html"):
            sections = tuple(
                SectionMapping(
                    heading=section["heading"],
                    platform=section.get("platform"),
                    related=section.get("related", False),
                    line=located.line_of(("sources", index, "sections", position)) or 0,
                )
                for position, section in enumerate(item["sections"])
            )
            # A page's links resolve against its own product's site, unless it names another.
            first_platform = next((section.platform for section in sections if section.platform), None)
            site = platform_sites.get(first_platform or "", base_url)
            pages.append(
                SourcePage(
                    file=item["file"],
                    language=item["language"],
                    format=item["format"],
                    sections=sections,
                    line=line,
                    base_url=item.get("base_url", site),
                    trailing_note=item.get("trailing_note", "section"),
                )
            )
        else:
            api_references.append(
                ApiSource(
                    file=item["file"],
                    format=item["format"],
                    platform=item["platform"],
                    sdk=item.get("sdk", item["platform"]),
                    language=item.get("language"),
                    line=line,
                    type_name=item.get("class"),
                )
            )
    manifest = Manifest(name, base_url, languages, platforms, tuple(pages), tuple(api_references), products)
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
    unique("product", [product.id for product in manifest.products], "products")
    unique("platform", list(manifest.platform_ids), "platforms")
    sources: list[SourcePage | ApiSource] = sorted([*manifest.sources, *manifest.api_references], key=_line)
    for source in sources:
        problem = _path_problem(source.file)
        if problem:
            raise InputError(manifest.name, source.line, f"source file {_shown(source.file)} {problem}")
    unique("source file", [source.file for source in sources], "sources")
    languages = {language.id for language in manifest.languages}
    products = {product.id for product in manifest.products}
    for index, platform in enumerate(manifest.platforms):
        if platform.product is not None and platform.product not in products:
            raise InputError(
                manifest.name,
                line_of(("platforms", index, "product")),
                f"product '{platform.product}' is not one of the products listed above",
            )
        for lang in platform.title:
            if lang not in languages:
                raise InputError(
                    manifest.name,
                    line_of(("platforms", index, "title", lang)),
                    f"title in '{lang}', which is not one of the languages listed above",
                )
    for reference in manifest.api_references:
        if reference.language is not None and reference.language not in languages:
            raise InputError(
                manifest.name,
                reference.line,
                f"language '{reference.language}' is not one of the languages listed above",
            )
        for field, platform_id in (("platform", reference.platform), ("sdk", reference.sdk)):
            if platform_id not in manifest.platform_ids:
                raise InputError(
                    manifest.name, reference.line, f"{field} '{platform_id}' is not one of the platforms listed above"
                )
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


def _line(source: SourcePage | ApiSource) -> int:
    return source.line


def _path_problem(file: str) -> str | None:
    """What is wrong with a source's path: the import reads files inside the spec folder only."""
    if any(ord(char) < 0x20 or ord(char) == 0x7F for char in file):
        return "holds a control character (a NUL byte, a line break): name the file as it is named on disk"
    if file.startswith(("/", "\\")) or re.match(r"^[A-Za-z]:", file):
        return "is an absolute path: sources are read from inside the spec folder only; give its path from there"
    if ".." in re.split(r"[/\\]", file):
        return "goes up with '..': sources are read from inside the spec folder only; give its path from there"
    return None


def _shown(file: str) -> str:
    """A path from the manifest in a message: control characters escaped."""
    return repr(file) if any(not char.isprintable() for char in file) else file
