"""The spec as it is in a folder, in one platform file, or at a git revision, for diffs and history."""

from __future__ import annotations

import re
import subprocess
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from errorspec.model import InputError, Spec
from errorspec.review.diff import Change, diff_specs
from errorspec.sources.manifest import load_manifest, manifest_from_data
from errorspec.spec.specfiles import load_spec, lone_platform, read_spec
from errorspec.spec.yamlio import load_yaml, not_utf8, parse_yaml


@dataclass(frozen=True)
class SpecVersion:
    label: str
    spec: Spec


@dataclass(frozen=True)
class Revision:
    """A commit of HEAD's main line: its date (the committer's, as YYYY-MM-DD) and its release tag."""

    commit: str
    date: str
    tag: str | None


@dataclass(frozen=True)
class HistoryItem:
    """One version of the spec and what changed in it that a reader of the site sees.

    A release is named by its `tag` and its commit's `date`, a day by its `date` alone; neither
    names the uncommitted working tree. `first` marks the version where the spec begins, and
    `codes` is then how many codes it had.
    """

    tag: str | None
    date: str | None
    changes: tuple[Change, ...]
    first: bool = False
    codes: int = 0


@dataclass(frozen=True)
class SpecHistory:
    """The versions of the spec with a change a reader sees, newest first, as far as they were read."""

    folder: str
    """The spec folder's path in the repository (`spec/`): the history is this folder's."""
    head: str
    """The commit the history is read back from; empty in a repository without one."""
    items: tuple[HistoryItem, ...]
    older: bool
    """Whether the spec has versions before the oldest one read: the limit, or the start of a
    shallow clone's history, stopped the reading."""


# What a reader does not see change: a translation to check is a translator's next task, and a
# translation confirmed reads as it did.
UNSEEN_KINDS = frozenset({"translation-stale", "translation-confirmed"})


def _git(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", "-C", str(folder), *args], capture_output=True, text=True, check=False)


class _GitObjects:
    """Objects of the repository by name (`<commit>:./android.yaml`), read through one
    `git cat-file --batch` process: a history of ten versions is one process, not fifty."""

    def __init__(self, folder: Path) -> None:
        command = ["git", "-C", str(folder), "cat-file", "--batch"]
        self.process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        assert self.process.stdin is not None
        assert self.process.stdout is not None
        self.names, self.objects = self.process.stdin, self.process.stdout

    def __enter__(self) -> _GitObjects:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.names.close()
        self.process.wait()
        self.objects.close()

    def get(self, name: str) -> tuple[str, bytes] | None:
        """The object's id and content; None where there is no such object."""
        self.names.write(name.encode("utf-8") + b"\n")
        self.names.flush()
        header = self.objects.readline().rstrip(b"\n")
        if header.endswith((b" missing", b" ambiguous")):
            return None
        object_id, _, size = header.split(b" ")
        content = self.objects.read(int(size))
        self.objects.read(1)  # the newline after every object
        return object_id.decode("ascii"), content

    def file_reader(self, commit: str) -> Callable[[str], str | None]:
        """Reads the spec folder's files as they are at `commit`."""

        def read(name: str) -> str | None:
            found = self.get(f"{commit}:./{name}")
            return found[1].decode("utf-8") if found is not None else None

        return read


def in_git(folder: Path) -> bool:
    return folder.is_dir() and _git(folder, "rev-parse", "--is-inside-work-tree").stdout.strip() == "true"


def platform_file(path: Path, label: str) -> Spec:
    """One platform file on its own; its languages are those its descriptions use."""
    return lone_platform(load_yaml(path, label), label)


def _read_version(label: str, read: Callable[[str], str | None]) -> Spec:
    """A spec from its files; none there (no sources.yaml) gives an empty one."""
    try:
        manifest_text = read("sources.yaml")
    except UnicodeDecodeError as error:  # git's reader decodes
        raise not_utf8(f"{label}/sources.yaml", error) from None
    if manifest_text is None:
        return Spec(())
    manifest = manifest_from_data(parse_yaml(manifest_text, f"{label}/sources.yaml"), f"{label}/sources.yaml")
    return read_spec(manifest, read, label)


# What `git rev-parse --verify` prints for one object: its full id (SHA-1, or SHA-256).
OBJECT_ID = re.compile(r"[0-9a-f]{40}|[0-9a-f]{64}")


def resolve_commit(spec_dir: Path, revision: str) -> str:
    """The full id of the one commit `revision` names; anything else raises `InputError`.

    A revision beginning with `-` would be read by git as an option, and one with a control
    character is no name git gives; neither reaches git. A range (`A..B`, `A...B`, `^A`,
    `A^!`) names a set of commits, not one version of the spec.
    """
    if revision.startswith("-"):
        raise InputError(revision, None, "neither a spec folder nor a spec file, and no git revision begins with '-'")
    if any(ord(character) < 32 or ord(character) == 127 for character in revision):
        raise InputError(
            repr(revision), None, "neither a spec folder nor a spec file, and no git revision holds a control character"
        )
    names = _git(spec_dir, "rev-parse", "--revs-only", revision).stdout.split()
    if len(names) > 1 or any(name.startswith("^") for name in names):
        raise InputError(
            revision, None, "a range of commits is not one revision: to compare two, give both (errorspec diff A B)"
        )
    done = _git(spec_dir, "rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}")
    commit = done.stdout.strip()
    if done.returncode or not OBJECT_ID.fullmatch(commit):
        raise InputError(revision, None, "neither a spec folder, a spec file, nor a git revision of this repository")
    return commit


def at_revision(spec_dir: Path, revision: str) -> SpecVersion:
    """The spec folder as it was at `revision`; no spec there gives an empty one."""
    commit = resolve_commit(spec_dir, revision)
    with _GitObjects(spec_dir) as objects:
        return SpecVersion(revision, _read_version(f"{revision}:{spec_dir.name}", objects.file_reader(commit)))


def load_version(reference: str | None, spec_dir: Path) -> SpecVersion:
    """A side of a diff: the working tree (None), a spec folder, a platform file, or a git revision."""
    if reference is None:
        return SpecVersion("working tree", load_spec(spec_dir, load_manifest(spec_dir)))
    path = Path(reference)
    if path.is_dir():
        return SpecVersion(reference, load_spec(path, load_manifest(path)))
    if path.is_file():
        return SpecVersion(reference, platform_file(path, reference))
    if not in_git(spec_dir):
        raise InputError(reference, None, f"no such folder or file, and {spec_dir} is not in a git repository")
    return at_revision(spec_dir, reference)


def _natural(tag: str) -> list[tuple[int, str]]:
    """A tag's sort key in version order: v1.10 after v1.9."""
    return [(int(part), "") if part.isdigit() else (-1, part) for part in re.split(r"(\d+)", tag) if part]


@contextmanager
def _main_line(folder: Path) -> Iterator[Iterator[Revision]]:
    """The commits of HEAD's main line (first parents: a merged branch counts as its merge),
    newest first, each with its date and its tag (the first in version order, where it has
    several). git writes them as they are read, so a long history is read no further than needed."""
    command = ["git", "-C", str(folder), "log", "--first-parent", "--no-show-signature"]
    command += ["--format=%H%x00%cs%x00%D", "--decorate-refs=refs/tags/", "HEAD", "--"]
    process = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, encoding="utf-8", errors="replace"
    )
    assert process.stdout is not None

    def revisions(lines: IO[str]) -> Iterator[Revision]:
        for line in lines:
            commit, date, refs = line.rstrip("\n").split("\0")
            tags = sorted((ref[5:] for ref in refs.split(", ") if ref.startswith("tag: ")), key=_natural)
            yield Revision(commit, date, tags[0] if tags else None)

    try:
        yield revisions(process.stdout)
    finally:
        process.stdout.close()  # git, if it has more to write, stops
        process.wait()


def _versions(commits: Iterator[Revision]) -> Iterator[Revision]:
    """The versions of the main line, newest first, each by its newest commit: every release (a
    tagged commit) and, after the latest release, every day. A version holds the commits since
    the one before it: a release, those since the release before it."""
    released, day = False, None
    for revision in commits:
        if revision.tag is not None:
            released = True
            yield revision
        elif not released and revision.date != day:
            day = revision.date
            yield revision


SpecFiles = tuple[tuple[bytes, bytes], ...]
"""The files the spec is read from (`sources.yaml`, a file per platform), each with its object id."""


def _spec_files(tree: tuple[str, bytes] | None) -> SpecFiles:
    """The YAML files at the top of the spec folder's git tree (id, content), with their ids: the
    same files give the same spec, and the rest of the folder (the vendor's pages in sources/,
    the schemas) is only around it."""
    if tree is None:
        return ()
    tree_id, content = tree
    id_size = len(tree_id) // 2  # the binary ids of a tree's entries: 20 bytes for SHA-1, 32 for SHA-256
    files, at = [], 0
    while at < len(content):  # entries: <mode> <name>\0<id>
        space = content.index(b" ", at)
        end = content.index(b"\0", space)
        name = content[space + 1 : end]
        if name.endswith(b".yaml") and content[at:space] != b"40000":
            files.append((name, content[end + 1 : end + 1 + id_size]))
        at = end + 1 + id_size
    return tuple(files)


def _item(tag: str | None, date: str | None, before: Spec, after: Spec) -> HistoryItem | None:
    """The version `after`, from `before`; None where a reader sees no change."""
    if not before.platforms:
        count = sum(len(platform.entries) for platform in after.platforms)
        return HistoryItem(tag, date, (), first=True, codes=count) if after.platforms else None
    changes = tuple(change for change in diff_specs(before, after) if change.kind not in UNSEEN_KINDS)
    return HistoryItem(tag, date, changes) if changes else None


def spec_history(spec_dir: Path, limit: int) -> SpecHistory | None:
    """The last `limit` versions of the spec with a change that a reader of the site sees, newest
    first (see `_versions`), and the uncommitted working tree's where it has one; None outside git.

    Versions that change nothing a reader sees are left out: formatting, the files around the
    spec, findings and provenance make no difference to `diff_specs`. A version is read only where
    the spec's own files changed, and each spec once.
    """
    if not in_git(spec_dir):
        return None
    folder = _git(spec_dir, "rev-parse", "--show-prefix").stdout.strip()
    head = _git(spec_dir, "rev-parse", "--verify", "--quiet", "HEAD^{commit}").stdout.strip()
    shallow = _git(spec_dir, "rev-parse", "--is-shallow-repository").stdout.strip() == "true"
    items: list[HistoryItem] = []
    with _GitObjects(spec_dir) as objects, _main_line(spec_dir) as commits:
        specs: dict[SpecFiles, Spec] = {(): Spec(())}  # no spec files: no spec

        def files_at(commit: str) -> SpecFiles:
            return _spec_files(objects.get(f"{commit}:./"))

        def spec_at(commit: str, files: SpecFiles) -> Spec:
            if files not in specs:
                specs[files] = _read_version(f"{commit}:{spec_dir.name}", objects.file_reader(commit))
            return specs[files]

        if _git(spec_dir, "status", "--porcelain", "--", ".").stdout.strip():
            now = load_spec(spec_dir, load_manifest(spec_dir))
            uncommitted = _item(None, None, spec_at(head, files_at(head) if head else ()), now)
            items += [uncommitted] if uncommitted else []
        versions = _versions(commits)
        after = next(versions, None)
        after_files = files_at(after.commit) if after else ()
        shown = 0
        while after is not None and shown < limit:
            before = next(versions, None)
            if before is None and shallow:  # a shallow clone's history stops short: what came before is unknown
                break
            before_files = files_at(before.commit) if before else ()  # before the first commit: nothing
            if after_files != before_files:
                old = spec_at(before.commit if before else "", before_files)
                item = _item(after.tag, after.date, old, spec_at(after.commit, after_files))
                if item is not None:
                    items.append(item)
                    shown += 1
            after, after_files = before, before_files
        older = after is not None and bool(after_files)
    return SpecHistory(folder, head, tuple(items), older)
