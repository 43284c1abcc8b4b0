"""The offline bundle: a built site folder as one zip, the same bytes for the same inputs."""

from __future__ import annotations

import fnmatch
import hashlib
import os
import stat
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from errorspec.model import InputError

# The earliest time a zip can record; used when SOURCE_DATE_EPOCH sets no build date.
ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)
# What an errorspec site never loads: source maps, the lunr search that errorspec's own search
# worker replaces, and the headers a static host sends (a bundle is opened from the disk).
UNUSED = ("*.map", "*assets/javascripts/lunr/*", "*assets/javascripts/workers/*", "_headers")


def content_version(files: dict[str, str]) -> str:
    """A short version that changes exactly when the content does: a hash of the spec's files."""
    digest = hashlib.sha256()
    for name in sorted(files):
        digest.update(name.encode("utf-8") + b"\0" + files[name].encode("utf-8") + b"\0")
    return digest.hexdigest()[:10]


def _timestamp() -> tuple[int, int, int, int, int, int]:
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch is None:
        return ZIP_EPOCH
    stamp = time.gmtime(max(int(epoch), 315532800))
    return (stamp.tm_year, stamp.tm_mon, stamp.tm_mday, stamp.tm_hour, stamp.tm_min, stamp.tm_sec)


@dataclass(frozen=True)
class Bundle:
    """A zip written: its size in bytes, and what the site folder holds that no bundle packs
    (symlinks, pipes, devices), by path in the folder."""

    size: int
    left_out: tuple[str, ...]


def _fail(error: OSError) -> None:
    raise error


def site_files(site_dir: Path, exclude: Sequence[str], zip_path: Path) -> tuple[dict[str, Path], list[str]]:
    """The regular files of `site_dir` to pack, by path in it, and the other entries left out.

    A symlink is neither followed nor packed: it could lead anywhere (`/etc/passwd`); nor is a
    pipe, socket or device. The bundle itself and its temporary files, should they lie in the
    site folder, are never packed. A folder that cannot be read stops the walk (`OSError`).
    """
    own = zip_path.resolve()
    files: dict[str, Path] = {}
    left_out = []
    for folder, subfolders, names in os.walk(site_dir, onerror=_fail):
        base = Path(folder)
        in_output_folder = base.resolve() == own.parent
        # os.walk lists a symlink to a folder among the folders, and does not enter it.
        for name in [*names, *(sub for sub in subfolders if (base / sub).is_symlink())]:
            path = base / name
            relative = path.relative_to(site_dir).as_posix()
            if any(fnmatch.fnmatch(relative, pattern) for pattern in exclude):
                continue
            if in_output_folder and (name == own.name or fnmatch.fnmatch(name, f".{own.name}.*.tmp")):
                continue
            if stat.S_ISREG(path.lstat().st_mode):
                files[relative] = path
            else:
                left_out.append(relative)
    return files, sorted(left_out)


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as error:
        raise InputError(str(path), None, f"cannot be read ({error.strerror or error}); no file was changed") from None


def write_bundle(site_dir: Path, zip_path: Path, folder: str, exclude: Sequence[str] = UNUSED) -> Bundle:
    """Zip the regular files of `site_dir` into `zip_path` under one top folder.

    Files whose path (relative to `site_dir`) matches a glob of `exclude` are left out. A site
    without an index.html, or a zip path that cannot be written, raises `InputError`.

    Entries are sorted, dated alike and stored with the same permissions, so that the same
    site gives the same zip. The zip is written to a temporary file of its own beside its final
    name (two runs at once do not share one) and moved into place, so that no reader ever sees
    half a zip.
    """
    try:
        files, left_out = site_files(site_dir, exclude, zip_path)
    except OSError as error:
        problem = f"cannot be read ({error.strerror or error}); no file was changed"
        raise InputError(error.filename or str(site_dir), None, problem) from None
    if "index.html" not in files:
        raise InputError(str(site_dir), None, "no index.html to pack: not a built site (build it first: mkdocs build)")
    # Imported here: the command line reads this module's UNUSED for its help, at every start.
    import secrets
    import zipfile

    from errorspec.spec.export import write_problem

    date = _timestamp()
    temporary = zip_path.with_name(f".{zip_path.name}.{secrets.token_hex(8)}.tmp")
    try:
        if zip_path.is_dir():
            problem = "a folder where the zip should be: move it away, or name the bundle otherwise"
            raise InputError(str(zip_path), None, problem)
        zip_path.parent.mkdir(parents=True, exist_ok=True)
        stream = temporary.open("xb")  # a new file, its mode from the umask
    except OSError as error:
        raise InputError(str(zip_path), None, f"{write_problem(error)}; no file was changed") from None
    try:
        with stream, zipfile.ZipFile(stream, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
            for relative in sorted(files):
                info = zipfile.ZipInfo(f"{folder}/{relative}", date_time=date)
                info.external_attr = 0o100644 << 16
                info.compress_type = zipfile.ZIP_DEFLATED
                info.create_system = 3  # Unix, whatever machine builds it
                archive.writestr(info, _read(files[relative]), compresslevel=9)
        os.replace(temporary, zip_path)
    except OSError as error:
        raise InputError(str(zip_path), None, f"{write_problem(error)}; no file was changed") from None
    finally:
        temporary.unlink(missing_ok=True)
    return Bundle(zip_path.stat().st_size, tuple(left_out))
