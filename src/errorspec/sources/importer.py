"""`errorspec import`: the original pages in, the reconciled spec files out, every row accounted for."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from errorspec.model import InputError, Spec
from errorspec.sources.manifest import Manifest, load_manifest
from errorspec.sources.pages import read_page
from errorspec.sources.rows import PlatformSource
from errorspec.spec.reconcile import reconcile
from errorspec.spec.report import RowAccount, row_account
from errorspec.spec.specfiles import load_spec, spec_files
from errorspec.spec.yamlio import write_files_atomically


@dataclass(frozen=True)
class ImportResult:
    spec: Spec
    account: RowAccount
    changed: list[Path]


def read_sources(spec_dir: Path, manifest: Manifest) -> tuple[list[PlatformSource], int]:
    """What every page of the manifest says, and how many table rows the pages hold."""
    sources: list[PlatformSource] = []
    for page in manifest.sources:
        try:
            text = (spec_dir / page.file).read_text(encoding="utf-8")
        except FileNotFoundError:
            raise InputError(manifest.name, page.line, f"source file {page.file} not found") from None
        except UnicodeDecodeError as error:
            raise InputError(page.file, None, f"not UTF-8 text (byte {error.start})") from None
        sources += read_page(text.replace("\r\n", "\n").replace("\r", "\n"), page, manifest)
    rows_read = sum(len(source.rows) + len(source.rejected) for source in sources)
    return sources, rows_read


def run_import(spec_dir: Path) -> ImportResult:
    """Import the manifest's pages into `spec_dir`; nothing is written if anything is wrong."""
    manifest = load_manifest(spec_dir)
    previous = load_spec(spec_dir, manifest, missing_ok=True)
    sources, rows_read = read_sources(spec_dir, manifest)
    spec = reconcile(sources, manifest, previous)
    account = row_account(spec)
    if account.read != rows_read:
        raise AssertionError(f"{rows_read} rows read but {account.read} accounted for: a row was lost")
    changed = write_files_atomically(spec_files(spec, spec_dir))
    return ImportResult(spec, account, changed)
