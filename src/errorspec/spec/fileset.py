"""A set of files written as one: every file or none, even when the writer is stopped halfway.

The spec's files are replaced this way by `import`, `translate import` and `export`; every command
that reads a spec first completes (or undoes) a write that was stopped. Kept apart from the YAML
reading and writing: a lookup answered by its index checks for a stopped write, and needs no YAML.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import json
import os
from collections.abc import Iterator
from pathlib import Path

from errorspec.model import InputError

#: In a folder that errorspec writes a set of files to, the names of the files being replaced:
#: there from the moment every new file is staged until the last one is in place.
JOURNAL = ".errorspec-replacing.json"
_STAGED = ".errorspec-new"  # a file's new text waits beside it as .<name>.errorspec-new

# What to do about a file that cannot be written, where the reason says it.
_REMEDIES = {
    errno.ENOSPC: "free some space",
    errno.EDQUOT: "free some space",
    errno.EACCES: "make the folder writable",
    errno.EPERM: "make the folder writable",
    errno.EROFS: "make the folder writable",
}


def _staged(path: Path) -> Path:
    return path.with_name(f".{path.name}{_STAGED}")


def _cannot(action: str, path: Path, error: OSError, outcome: str) -> InputError:
    remedy = _REMEDIES.get(error.errno or 0)
    reason = error.strerror or str(error)
    return InputError(str(path), None, f"cannot {action} ({reason}){f': {remedy}' if remedy else ''}; {outcome}")


@contextlib.contextmanager
def _writing(folder: Path) -> Iterator[int]:
    """The folder, held by one writer at a time (others wait): an open descriptor of it, whose
    lock the system releases when the process ends, however it ends."""
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError as error:
        raise _cannot("open", folder, error, "no file was changed") from None
    try:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX)
        except OSError as error:  # a file system without locks
            raise _cannot("lock", folder, error, "no file was changed") from None
        yield descriptor
    finally:
        os.close(descriptor)


def write_files_atomically(contents: dict[Path, str]) -> list[Path]:
    """Write every file or none: the files, all in one folder, are replaced as one set.

    Each new text is staged beside its file and flushed to disk; a journal naming the files is
    put in place; the files are replaced; the journal goes. A writer stopped before the journal
    leaves every file old, one stopped after it a set that `finish_interrupted_write` completes.
    A written file gets the mode the umask gives a new file, as an editor's save does. Returns
    the files whose content changed: the others are not touched. A file that cannot be written
    raises `InputError` naming it, and no file is changed.
    """
    folders = {path.parent for path in contents}
    if len(folders) != 1:
        raise ValueError(f"files written as one set share a folder, not {len(folders)}")
    [folder] = folders
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise _cannot("create the folder", folder, error, "no file was changed") from None
    with _writing(folder) as folder_descriptor:
        _finish(folder, folder_descriptor)
        changed = {path: text for path, text in sorted(contents.items()) if _differs(path, text)}
        if changed:
            _stage(changed)
            journal = folder / JOURNAL
            _stage({journal: json.dumps(sorted(path.name for path in changed))})
            try:
                os.replace(_staged(journal), journal)
                os.fsync(folder_descriptor)
            except OSError as error:
                with contextlib.suppress(OSError):  # best effort: the next command removes what is left
                    _remove_staged(folder)
                raise _cannot("write", journal, error, "no file was changed") from None
            _finish(folder, folder_descriptor)
    return list(changed)


def _differs(path: Path, text: str) -> bool:
    try:
        return path.read_bytes() != text.encode("utf-8")
    except FileNotFoundError:
        return True
    except OSError as error:
        raise InputError(str(path), None, f"cannot be read ({error.strerror or error}); no file was changed") from None


def _stage(contents: dict[Path, str]) -> None:
    """Each text written in full, and flushed to disk, beside its file; on failure none is left."""
    for path, text in contents.items():
        try:
            # A new file (O_EXCL), never one through a link left where it goes; 0o666 less the umask.
            descriptor = os.open(_staged(path), os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
            with os.fdopen(descriptor, "w", encoding="utf-8", newline="\n") as stream:
                stream.write(text)
                stream.flush()
                os.fsync(stream.fileno())
        except OSError as error:
            with contextlib.suppress(OSError):  # best effort: the next command removes what is left
                _remove_staged(path.parent)
            raise _cannot("write", path, error, "no file was changed") from None


def _remove_staged(folder: Path) -> None:
    for staged in folder.glob(f".*{_STAGED}"):
        staged.unlink(missing_ok=True)


def finish_interrupted_write(folder: Path) -> None:
    """Complete a write of a set of files into `folder` that was stopped before its end, or
    remove what it staged if it was stopped before every file was staged: afterwards every
    file is all old or all new, and none of the set is new while another is old."""
    if (folder / JOURNAL).exists() or next(folder.glob(f".*{_STAGED}"), None) is not None:
        with _writing(folder) as folder_descriptor:  # a writer still at work finishes first
            _finish(folder, folder_descriptor)


def _finish(folder: Path, folder_descriptor: int) -> None:
    journal = folder / JOURNAL
    try:
        if journal.exists():
            for name in _journal_names(journal):
                if _staged(folder / name).exists():
                    os.replace(_staged(folder / name), folder / name)
            os.fsync(folder_descriptor)
            journal.unlink()
        _remove_staged(folder)
    except OSError as error:
        raise _cannot("finish replacing the files it names", journal, error, "run errorspec again") from None


def _journal_names(journal: Path) -> list[str]:
    """The names in a journal: plain file names of its folder, or the journal is not errorspec's."""
    try:
        names = json.loads(journal.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        names = None
    if not isinstance(names, list) or not all(
        isinstance(name, str) and name not in ("", ".", "..") and Path(name).name == name for name in names
    ):
        raise InputError(str(journal), None, "not a journal errorspec wrote: remove it, then check the files")
    return names
