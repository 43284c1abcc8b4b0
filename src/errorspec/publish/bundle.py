"""The offline bundle: a built site folder as one zip, the same bytes for the same inputs."""

from __future__ import annotations

import fnmatch
import hashlib
import os
import time
import zipfile
from collections.abc import Sequence
from pathlib import Path

# The earliest time a zip can record; used when SOURCE_DATE_EPOCH sets no build date.
ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)
# What an errorspec site never loads: source maps, and the lunr search that errorspec's own
# search worker replaces.
UNUSED = ("*.map", "*assets/javascripts/lunr/*", "*assets/javascripts/workers/*")


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


def write_bundle(site_dir: Path, zip_path: Path, folder: str, exclude: Sequence[str] = UNUSED) -> int:
    """Zip `site_dir` into `zip_path` under one top folder; returns the zip's size in bytes.

    Files whose path (relative to `site_dir`) matches a glob of `exclude` are left out.

    Entries are sorted, dated alike and stored with the same permissions, so that the same
    site gives the same zip. The zip is written beside its final name and moved into place.
    """
    date = _timestamp()
    temporary = zip_path.with_name(f".{zip_path.name}.tmp")
    zip_path.parent.mkdir(parents=True, exist_ok=True)
    try:
        with zipfile.ZipFile(temporary, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
            for path in sorted(site_dir.rglob("*"), key=lambda item: item.relative_to(site_dir).as_posix()):
                relative = path.relative_to(site_dir).as_posix()
                if not path.is_file() or any(fnmatch.fnmatch(relative, pattern) for pattern in exclude):
                    continue
                info = zipfile.ZipInfo(f"{folder}/{relative}", date_time=date)
                info.external_attr = 0o100644 << 16
                info.compress_type = zipfile.ZIP_DEFLATED
                info.create_system = 3  # Unix, whatever machine builds it
                archive.writestr(info, path.read_bytes(), compresslevel=9)
        os.replace(temporary, zip_path)
    finally:
        if temporary.exists():
            temporary.unlink()
    return zip_path.stat().st_size
