"""`errorspec import`: the original pages in, the reconciled spec files out, every row accounted for.

Sources are read from inside the spec folder only, and only regular files of at most
`SOURCE_SIZE_LIMIT` bytes: a manifest is reviewed like code, but a path in it must not make the
import read another file of the machine (`/etc/passwd`, a symlink out), hang on a FIFO or read
`/dev/zero` forever.
"""

from __future__ import annotations

import stat
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from errorspec.model import InputError, Spec
from errorspec.review.diff import diff_specs
from errorspec.sources.apiref import read_api_reference
from errorspec.sources.manifest import ApiSource, Manifest, SourcePage, load_manifest
from errorspec.sources.pages import read_page_rows
from errorspec.sources.rows import ApiDeclarations, PlatformSource
from errorspec.spec.fileset import write_files_atomically
from errorspec.spec.reconcile import reconcile
from errorspec.spec.report import RowAccount, row_accounts
from errorspec.spec.specfiles import load_spec, spec_file_name, spec_files

# 16 MiB: over three times a page of 25,000 codes (4.7 MB of HTML, the largest catalogue the
# benchmark builds), while a wrong file named by mistake (a log, a disk image) is refused at once
# instead of parsed for minutes (the readers take about a second per MB).
SOURCE_SIZE_LIMIT = 16 * 1024 * 1024
_CODES_SHOWN = 5


@dataclass(frozen=True)
class ImportResult:
    spec: Spec
    accounts: dict[str, RowAccount]
    """Per source file: its rows (a page's table rows, a reference's constants) and where each went."""
    changed: list[Path]
    removed: dict[str, tuple[int, ...]]
    """Per platform, the codes this import removed from the spec (only with `allow_removals`)."""


@dataclass(frozen=True)
class SourcesRead:
    pages: list[PlatformSource]
    declarations: list[ApiDeclarations]
    rows_read: Counter[str]
    """Rows read per source file: the rows a page's text holds, counted apart from its tables
    (`row_lines`), less their header rows; the declarations of an API reference."""


class RemovalRefused(Exception):
    """An import that would remove codes from the spec, which it was not allowed to: nothing is written."""

    def __init__(self, removed: dict[str, tuple[int, ...]], files: dict[str, str]) -> None:
        self.removed = removed
        """Per platform, the codes that no source has any more, in order."""
        self.files = files
        """Per platform, its spec file (`spec/server.yaml`)."""
        super().__init__("; ".join(removal_summary(platform, codes) for platform, codes in removed.items()))


def _source_path(spec_dir: Path, source: SourcePage | ApiSource, manifest: Manifest) -> Path:
    """The source's file, checked before it is opened: inside the spec folder, a regular file, not too big."""

    def refuse(problem: str) -> InputError:
        return InputError(manifest.name, source.line, f"source file {source.file} {problem}")

    root = spec_dir.resolve()
    try:
        path = (root / source.file).resolve()
    except RuntimeError:  # Python before 3.13 (3.13 raises OSError, below)
        raise refuse("cannot be read: a symbolic link loop") from None
    # The manifest allows no absolute path and no `..`: only a symbolic link can lead out.
    if not path.is_relative_to(root):
        raise refuse("leads outside the spec folder through a symbolic link: sources are read from inside it only")
    try:
        status = path.stat()
    except FileNotFoundError:
        raise refuse("not found") from None
    except OSError as error:  # a name too long, a folder that may not be entered, a symbolic link loop
        raise refuse(f"cannot be read: {error.strerror}") from None
    if not stat.S_ISREG(status.st_mode):
        raise refuse(f"is {_kind(status.st_mode)}, not a regular file")
    if status.st_size > SOURCE_SIZE_LIMIT:
        raise refuse(_too_big(status.st_size))
    return path


def _kind(mode: int) -> str:
    kinds = ((stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a FIFO"), (stat.S_ISSOCK, "a socket"))
    return next((name for is_kind, name in kinds if is_kind(mode)), "a device")


def _too_big(size: int) -> str:
    limit = f"{SOURCE_SIZE_LIMIT // 2**20} MiB ({SOURCE_SIZE_LIMIT:,} bytes)"
    return f"is {size:,} bytes, more than the {limit} a source may be"


def _read_text(spec_dir: Path, source: SourcePage | ApiSource, manifest: Manifest) -> str:
    path = _source_path(spec_dir, source, manifest)
    try:
        with path.open("rb") as stream:
            data = stream.read(SOURCE_SIZE_LIMIT + 1)  # the file may have grown since it was checked
    except OSError as error:
        raise InputError(
            manifest.name, source.line, f"source file {source.file} cannot be read: {error.strerror}"
        ) from None
    if len(data) > SOURCE_SIZE_LIMIT:
        raise InputError(manifest.name, source.line, f"source file {source.file} {_too_big(len(data))}")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise InputError(source.file, None, f"not UTF-8 text (byte {error.start})") from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_sources(spec_dir: Path, manifest: Manifest) -> SourcesRead:
    """What every page and API reference of the manifest says, and how many rows each holds."""
    pages: list[PlatformSource] = []
    rows_read: Counter[str] = Counter()
    for page in manifest.sources:
        read = read_page_rows(_read_text(spec_dir, page, manifest), page, manifest)
        rows_read[page.file] += read.rows_read
        pages += read.sources
    declarations = []
    for reference in manifest.api_references:
        declared = read_api_reference(_read_text(spec_dir, reference, manifest), reference, manifest.base_url)
        rows_read[reference.file] += len(declared.constants) + len(declared.rejected)
        declarations.append(declared)
    return SourcesRead(pages, declarations, rows_read)


def removed_codes(previous: Spec, spec: Spec) -> dict[str, tuple[int, ...]]:
    """Per platform, the codes of `previous` that `spec` no longer has: the diff's `code-removed`
    (a code that moved to another platform with its message is not removed)."""
    removed: dict[str, list[int]] = {}
    for change in diff_specs(previous, spec):
        if change.kind == "code-removed" and change.code is not None:
            removed.setdefault(change.platform, []).append(change.code)
    return {platform: tuple(codes) for platform, codes in removed.items()}


def removal_summary(platform: str, codes: tuple[int, ...]) -> str:
    """`3 codes of server: 898000, 898001, 898002`, naming the first five codes only."""
    shown = ", ".join(str(code) for code in codes[:_CODES_SHOWN])
    more = f" and {len(codes) - _CODES_SHOWN} more" if len(codes) > _CODES_SHOWN else ""
    return f"{len(codes)} code{'s' if len(codes) > 1 else ''} of {platform}: {shown}{more}"


def run_import(spec_dir: Path, *, allow_removals: bool = False) -> ImportResult:
    """Import the manifest's sources into `spec_dir`; nothing is written if anything is wrong,
    nor if codes of the spec would be removed (`RemovalRefused`) unless `allow_removals`."""
    manifest = load_manifest(spec_dir)
    previous = load_spec(spec_dir, manifest, missing_ok=True)
    read = read_sources(spec_dir, manifest)
    spec = reconcile(read.pages, manifest, previous, read.declarations)
    # A source of no row is listed too: a page whose table is gone shows as 0 rows read.
    reconciled = row_accounts(spec)
    accounts = {file: reconciled.get(file, RowAccount(0, 0, 0)) for file in sorted(reconciled.keys() | read.rows_read)}
    for file, count in read.rows_read.items():
        accounted = accounts[file].read
        if accounted != count:
            raise AssertionError(f"{file}: {count} rows read but {accounted} accounted for: a row was lost")
    removed = removed_codes(previous, spec)
    if removed and not allow_removals:
        files = {platform: f"{spec_dir.name}/{spec_file_name(platform)}" for platform in removed}
        raise RemovalRefused(removed, files)
    changed = write_files_atomically(spec_files(spec, spec_dir))
    return ImportResult(spec, accounts, changed, removed)
