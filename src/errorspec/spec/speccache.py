"""The spec as a build reads it: each file's data as this errorspec last read and checked it, kept
beside the spec, for the files whose text has not changed since.

A build reads every file of the spec folder (the manifest and each platform's file) as every
command reads it, and hashes its text. A file whose text, and its manifest's, are those its entry
in `<spec>/.errorspec-cache/build/` was made from, by this errorspec (`errorspec_fingerprint`), is taken from
that entry: JSON, data and never code. Any other is read and checked one at a time, from its
text to its entry, before the next is read (`_read`): parsed by PyYAML's C parser and validated by
a validator compiled to Python (spec/plainyaml.py, `schema.is_valid`), and its data as read is its
entry. A file that is not valid, or that reader is not sure of, is read as `load_spec` reads it
(an invalid spec stops with the same messages). The cache is a shortcut and nothing more: an
entry that cannot be read is made again, and where the folder cannot be written the spec is read
as before.

A build of a valid spec, cached or not, loads neither yaml-rs nor jsonschema-rs, whose libraries
alone take 12 MiB of memory: more than plain MkDocs needs to build 2,500 codes written as Markdown
tables, beyond its own start-up.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import hashlib
import json
import os
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from errorspec.model import InputError, Language, PlatformSpec, Product, Spec
from errorspec.sources.manifest import MANIFEST_NAME, Manifest, manifest_from_text
from errorspec.spec.fileset import finish_interrupted_write
from errorspec.spec.fingerprint import CACHE_FOLDER, errorspec_fingerprint
from errorspec.spec.specfiles import (
    load_spec,
    platform_from_data,
    platform_to_data,
    read_spec,
    spec_file_name,
    valid_platform_data,
)
from errorspec.spec.yamlio import read_text

BUILD_CACHE = "build"
ABOUT = "sources.json"  # the manifest's entry: the languages, products and platforms a build needs
IGNORE = "# errorspec's caches of the spec, made again when needed\n*\n"


def load_spec_cached(
    spec_dir: Path, known: dict[str, PlatformSpec] | None = None, save: bool = True, lean: bool = True
) -> Spec:
    """The spec in `spec_dir`, as `load_spec` reads it; raises what it raises. `known`: the
    platforms read before in this process, by the key of their text (`mkdocs serve`): a file
    read again is the same object, and `known` then holds the spec's platforms. `save`: whether
    a file read and checked anew gets its entry (`mkdocs serve` leaves it to its next build, as
    it waits for no writing of a tenth of a second at 25,000 codes). `lean`: whether a file
    read anew is read without the native libraries, with the least memory (a build), or with
    them, several times as fast (`mkdocs serve`, where a reader waits for the edited page)."""
    # Tens of thousands of objects, none in a cycle: the collector would go through them again
    # and again as they are made (at 100,000 codes, 40% of the time it takes to read them).
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _load(spec_dir, {} if known is None else known, save, lean)
    finally:
        if collecting:
            gc.enable()


def _load(spec_dir: Path, known: dict[str, PlatformSpec], save: bool, lean: bool) -> Spec:
    finish_interrupted_write(spec_dir)  # as `load_spec` does first: an import stopped halfway is completed
    folder = spec_dir / CACHE_FOLDER / BUILD_CACHE
    manifest_name = f"{spec_dir.name}/{MANIFEST_NAME}"
    manifest_text = read_text(spec_dir / MANIFEST_NAME, manifest_name)
    manifest_key = _key(errorspec_fingerprint(), manifest_text)

    def manifest() -> Manifest:
        return _manifest(manifest_text, manifest_name)

    about = _entry(folder / ABOUT, manifest_key)
    if not _is_about(about):
        about = _about(manifest())
        _save(folder, ABOUT, manifest_key, about)
    languages = tuple(Language(*language) for language in about["languages"])
    platforms: dict[str, PlatformSpec] = {}
    keys: dict[str, str] = {}  # each platform's key
    unsure: dict[str, tuple[str, str]] = {}  # a file's name: its text, and its entry's key
    for platform in about["platforms"]:
        name = spec_file_name(platform)
        try:
            read = _read(spec_dir, platform, manifest_key, languages, known, save, lean)
        except InputError:  # reported as `load_spec` reports it, with every other file's problems
            return load_spec(spec_dir, manifest())
        keys[platform] = read.key
        if read.platform is None:
            unsure[name] = (read.text, read.key)
        else:
            platforms[platform] = read.platform
    if unsure:  # read as every command reads them: a valid file is kept, an invalid one reported
        checked = read_spec(manifest(), lambda name: unsure[name][0] if name in unsure else None, spec_dir.name)
        for platform_spec in checked.platforms:
            platforms[platform_spec.platform] = platform_spec
            key = unsure[spec_file_name(platform_spec.platform)][1]
            if save:
                _save(folder, f"{platform_spec.platform}.json", key, platform_to_data(platform_spec))
    known.clear()
    known.update((keys[platform], platforms[platform]) for platform in about["platforms"])
    products = tuple(Product(*product) for product in about["products"])
    return Spec(languages, tuple(platforms[platform] for platform in about["platforms"]), products)


@dataclass(frozen=True)
class _Read:
    """A platform's file as `_read` found it: the key of its entry, and its platform, or its text
    where it is left to the native libraries."""

    key: str
    platform: PlatformSpec | None
    text: str = ""


def _read(
    spec_dir: Path,
    platform: str,
    manifest_key: str,
    languages: tuple[Language, ...],
    known: dict[str, PlatformSpec],
    save: bool,
    lean: bool,
) -> _Read:
    """One platform's file, from its text to its entry, before the next is read: no two files'
    texts or data take memory at once. Raises `InputError` for a file that cannot be read."""
    name = spec_file_name(platform)
    text = read_text(spec_dir / name, f"{spec_dir.name}/{name}")
    # A platform's file is checked against its manifest's languages: its key holds both.
    key = _key(manifest_key, text)
    folder = spec_dir / CACHE_FOLDER / BUILD_CACHE
    found = known.get(key) or _platform(_entry(folder / f"{platform}.json", key))
    if found is not None:
        return _Read(key, found)
    if not lean:
        return _Read(key, None, text)
    data = valid_platform_data(text, f"{spec_dir.name}/{name}", platform, languages)
    found = None if data is None else _platform(data)
    if found is None:
        return _Read(key, None, text)
    if save:  # the data as read: what `platform_to_data` would make of its platform, without a copy
        _save(folder, f"{platform}.json", key, data)
    return _Read(key, found)


@functools.lru_cache(maxsize=1)  # the same manifest, for each edit of a platform's file under `mkdocs serve`
def _manifest(text: str, name: str) -> Manifest:
    return manifest_from_text(text, name)


def _is_about(data: Any) -> bool:
    """Whether the manifest's entry is of the shape `_about` writes."""
    return (
        isinstance(data, dict)
        and all(isinstance(data.get(key), list) for key in ("languages", "products", "platforms"))
        and all(isinstance(item, list) and len(item) == 3 for item in data["languages"])
        and all(isinstance(item, list) and len(item) == 2 for item in data["products"])
        and all(isinstance(item, str) for item in data["platforms"])
    )


def _about(manifest: Manifest) -> dict[str, Any]:
    """What a build needs of the manifest: its languages, its products and its platforms' ids."""
    return {
        "languages": [[language.id, language.name, language.script] for language in manifest.languages],
        "products": [[product.id, product.name] for product in manifest.products],
        "platforms": list(manifest.platform_ids),
    }


def _platform(data: Any) -> PlatformSpec | None:
    """A platform's entry as the platform, or None where there is none, or not of the shape
    errorspec writes."""
    if data is None:
        return None
    try:
        # Texts every entry repeats (its status, the file it was read from), as one object each:
        # a catalogue holds tens of thousands of entries.
        for entry in data["codes"]:
            entry["status"] = sys.intern(entry["status"])
            for source in entry.get("source", {}).values():
                source["file"] = sys.intern(source["file"])
        return platform_from_data(data)
    except (KeyError, TypeError, ValueError, AttributeError):
        return None


def _key(*parts: str) -> str:
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part.encode("utf-8", "surrogatepass") + b"\0")
    return digest.hexdigest()


def _entry(path: Path, key: str) -> Any:
    """The data an entry holds (its key on its first line, then JSON), if its key is `key`."""
    try:
        with path.open("rb") as stream:
            if stream.readline().rstrip(b"\n") != key.encode("ascii"):
                return None
            return json.loads(stream.read())
    except (OSError, ValueError):
        return None


def _save(folder: Path, name: str, key: str, data: object) -> None:
    """Write an entry whole, to a temporary file moved into place. Best effort: a folder that
    cannot be written leaves the spec to be read from its files the next time too."""
    with contextlib.suppress(OSError):
        folder.mkdir(parents=True, exist_ok=True)
        ignore = folder.parent / ".gitignore"
        if not ignore.exists():
            ignore.write_text(IGNORE, encoding="utf-8")
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{name}.", suffix=".tmp")
        try:
            # Readable as a file written any other way is (mkstemp's is its owner's only), as the
            # lookup index is: whoever shares the spec folder shares its cache.
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(temporary, 0o666 & ~umask)
            with os.fdopen(handle, "w", encoding="utf-8") as stream:
                stream.write(key + "\n")
                # dumps, not dump: dump writes in pieces through Python's encoder, ten times slower.
                stream.write(json.dumps(data, ensure_ascii=False, separators=(",", ":")))
            os.replace(temporary, folder / name)
        finally:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(temporary)
