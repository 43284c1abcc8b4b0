"""The spec as it is in a folder, in one platform file, or at a git revision, for diffs and history."""

from __future__ import annotations

import re
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

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
    commit: str
    date: str
    subject: str


@dataclass(frozen=True)
class HistoryItem:
    """One version of the spec in its history and what changed from the one before it.

    An empty `heading` stands for the uncommitted working tree; `first` marks a version with
    nothing before it, and `codes` is then how many codes it had.
    """

    anchor: str
    heading: str
    changes: tuple[Change, ...]
    first: bool = False
    codes: int = 0


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


def _revisions(spec_dir: Path, limit: int) -> list[Revision]:
    """The last `limit` commits that changed the spec folder, newest first."""
    log = _git(spec_dir, "log", f"-n{limit}", "--format=%H%x00%cs%x00%s", "--", ".")
    revisions = []
    for line in log.stdout.splitlines():
        commit, date, subject = line.split("\0", 2)
        revisions.append(Revision(commit, date, subject))
    return revisions


def spec_history(spec_dir: Path, limit: int) -> list[HistoryItem] | None:
    """What changed in the spec, version by version, newest first; None outside git."""
    if not in_git(spec_dir):
        return None
    items = []
    with _GitObjects(spec_dir) as objects:
        versions: dict[str, Spec] = {}  # by the spec folder's tree: a commit's parent is often the one before

        def version(revision: str) -> Spec:
            tree = objects.get(f"{revision}:./")
            if tree is None:  # the repository's first commit has no parent
                return Spec(())
            if tree[0] not in versions:
                versions[tree[0]] = _read_version(f"{revision}:{spec_dir.name}", objects.file_reader(revision))
            return versions[tree[0]]

        if _git(spec_dir, "status", "--porcelain", "--", ".").stdout.strip():
            now = load_spec(spec_dir, load_manifest(spec_dir))
            items.append(HistoryItem("uncommitted", "", tuple(diff_specs(version("HEAD"), now))))
        for revision in _revisions(spec_dir, limit):
            before, after = version(f"{revision.commit}^"), version(revision.commit)
            anchor, heading = f"commit-{revision.commit[:10]}", f"{revision.date} · {revision.subject}"
            if not before.platforms:
                count = sum(len(platform.entries) for platform in after.platforms)
                items.append(HistoryItem(anchor, heading, (), first=True, codes=count))
            else:
                items.append(HistoryItem(anchor, heading, tuple(diff_specs(before, after))))
    return items
