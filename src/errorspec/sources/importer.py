"""`errorspec import`: the original pages in, the reconciled spec files out, every row accounted for."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from errorspec.model import InputError, Spec
from errorspec.sources.apiref import read_api_reference
from errorspec.sources.manifest import ApiSource, Manifest, SourcePage, load_manifest
from errorspec.sources.pages import read_page
from errorspec.sources.rows import ApiDeclarations, PlatformSource
from errorspec.spec.reconcile import reconcile
from errorspec.spec.report import RowAccount, row_accounts
from errorspec.spec.specfiles import load_spec, spec_files
from errorspec.spec.yamlio import write_files_atomically


@dataclass(frozen=True)
class ImportResult:
    spec: Spec
    accounts: dict[str, RowAccount]
    """Per source file: its rows (a page's table rows, a reference's constants) and where each went."""
    changed: list[Path]


@dataclass(frozen=True)
class SourcesRead:
    pages: list[PlatformSource]
    declarations: list[ApiDeclarations]
    rows_read: Counter[str]
    """Rows read per source file: table rows of a page, declarations of an API reference."""


def _read_text(spec_dir: Path, source: SourcePage | ApiSource, manifest: Manifest) -> str:
    try:
        text = (spec_dir / source.file).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError(manifest.name, source.line, f"source file {source.file} not found") from None
    except UnicodeDecodeError as error:
        raise InputError(source.file, None, f"not UTF-8 text (byte {error.start})") from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_sources(spec_dir: Path, manifest: Manifest) -> SourcesRead:
    """What every page and API reference of the manifest says, and how many rows each holds."""
    pages: list[PlatformSource] = []
    rows_read: Counter[str] = Counter()
    for page in manifest.sources:
        read = read_page(_read_text(spec_dir, page, manifest), page, manifest)
        rows_read[page.file] += sum(len(source.rows) + len(source.rejected) for source in read)
        pages += read
    declarations = []
    for reference in manifest.api_references:
        declared = read_api_reference(_read_text(spec_dir, reference, manifest), reference, manifest.base_url)
        rows_read[reference.file] += len(declared.constants) + len(declared.rejected)
        declarations.append(declared)
    return SourcesRead(pages, declarations, rows_read)


def run_import(spec_dir: Path) -> ImportResult:
    """Import the manifest's sources into `spec_dir`; nothing is written if anything is wrong."""
    manifest = load_manifest(spec_dir)
    previous = load_spec(spec_dir, manifest, missing_ok=True)
    read = read_sources(spec_dir, manifest)
    spec = reconcile(read.pages, manifest, previous, read.declarations)
    accounts = row_accounts(spec)
    for file, count in read.rows_read.items():
        accounted = accounts.get(file, RowAccount(0, 0, 0)).read
        if accounted != count:
            raise AssertionError(f"{file}: {count} rows read but {accounted} accounted for: a row was lost")
    changed = write_files_atomically(spec_files(spec, spec_dir))
    return ImportResult(spec, accounts, changed)
