"""The spec as it is in a folder, in one platform file, or at a git revision, for diffs and history."""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path

from errorspec.diff import Change, diff_specs
from errorspec.manifest import load_manifest, manifest_from_data
from errorspec.model import InputError, Language, Spec
from errorspec.schema import SPEC_SCHEMA, schema_errors
from errorspec.specfiles import SpecInvalid, load_spec, platform_from_data, read_spec
from errorspec.yamlio import load_yaml, parse_yaml


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


def in_git(folder: Path) -> bool:
    return folder.is_dir() and _git(folder, "rev-parse", "--is-inside-work-tree").stdout.strip() == "true"


def platform_file(path: Path, label: str) -> Spec:
    """One platform file on its own; its languages are those its descriptions use."""
    located = load_yaml(path, label)
    errors = schema_errors(located, SPEC_SCHEMA, label)
    if errors:
        raise SpecInvalid(errors)
    platform = platform_from_data(located.data)
    languages = dict.fromkeys(lang for entry in platform.entries for lang in entry.description)
    return Spec(tuple(Language(lang, lang, "Zyyy") for lang in languages), (platform,))


def at_revision(spec_dir: Path, revision: str) -> SpecVersion:
    """The spec folder as it was at `revision`; no spec there gives an empty one."""
    commit = _git(spec_dir, "rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}").stdout.strip()
    if not commit:
        raise InputError(revision, None, "neither a spec folder, a spec file, nor a git revision of this repository")

    def read(name: str) -> str | None:
        shown = _git(spec_dir, "show", f"{commit}:./{name}")
        return shown.stdout if shown.returncode == 0 else None

    label = f"{revision}:{spec_dir.name}"
    manifest_text = read("sources.yaml")
    if manifest_text is None:
        return SpecVersion(revision, Spec(()))
    manifest = manifest_from_data(parse_yaml(manifest_text, f"{label}/sources.yaml"), f"{label}/sources.yaml")
    return SpecVersion(revision, read_spec(manifest, read, label))


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


def history(spec_dir: Path, limit: int) -> list[Revision]:
    """The last `limit` commits that changed the spec folder, newest first; none outside git."""
    if not in_git(spec_dir):
        return []
    log = _git(spec_dir, "log", f"-n{limit}", "--format=%H%x00%cs%x00%s", "--", ".")
    revisions = []
    for line in log.stdout.splitlines():
        commit, date, subject = line.split("\0", 2)
        revisions.append(Revision(commit, date, subject))
    return revisions


def has_uncommitted_changes(spec_dir: Path) -> bool:
    return in_git(spec_dir) and bool(_git(spec_dir, "status", "--porcelain", "--", ".").stdout.strip())


def _spec_before(spec_dir: Path, commit: str) -> Spec:
    try:
        return at_revision(spec_dir, f"{commit}^").spec
    except InputError:  # the repository's first commit has no parent
        return Spec(())


def spec_history(spec_dir: Path, limit: int) -> list[HistoryItem] | None:
    """What changed in the spec, version by version, newest first; None outside git."""
    if not in_git(spec_dir):
        return None
    items = []
    if has_uncommitted_changes(spec_dir):
        now = load_spec(spec_dir, load_manifest(spec_dir))
        items.append(HistoryItem("uncommitted", "", tuple(diff_specs(at_revision(spec_dir, "HEAD").spec, now))))
    for revision in history(spec_dir, limit):
        before, after = _spec_before(spec_dir, revision.commit), at_revision(spec_dir, revision.commit).spec
        anchor, heading = f"commit-{revision.commit[:10]}", f"{revision.date} · {revision.subject}"
        if not before.platforms:
            count = sum(len(platform.entries) for platform in after.platforms)
            items.append(HistoryItem(anchor, heading, (), first=True, codes=count))
        else:
            items.append(HistoryItem(anchor, heading, tuple(diff_specs(before, after))))
    return items
