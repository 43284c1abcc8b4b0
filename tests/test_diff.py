"""Semantic diffs of the spec: every kind of change, three formats, CI exit codes, git."""

from __future__ import annotations

import json
import random
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

from conftest import REPO, SPEC, run_cli
from errorspec.cli import cli
from errorspec.review.revisions import spec_history
from errorspec.sources.importer import run_import
from errorspec.sources.manifest import load_manifest
from errorspec.spec.specfiles import load_spec


def run(spec_dir: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["--spec", str(spec_dir), *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, result.stdout


def load(path: Path) -> dict[str, Any]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def save(path: Path, data: dict[str, Any]) -> None:
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def entry(data: dict[str, Any], code: int) -> dict[str, Any]:
    return next(item for item in data["codes"] if item["code"] == code)


def edit_every_kind(spec_dir: Path) -> None:
    ios, android, server = (load(spec_dir / f"{name}.yaml") for name in ("ios", "android", "server"))
    ios["codes"] = [item for item in ios["codes"] if item["code"] != 869999]  # removed
    moved = entry(ios, 868001)
    ios["codes"].remove(moved)
    android["codes"].append(moved)  # moved: same code, same message, other platform
    entry(android, 871310)["message"] = "Network not available."  # message changed
    entry(android, 871101)["description"]["en"] = "The request parameters are invalid"  # zh now stale
    entry(ios, 866005)["description"]["en"] = "The conversation has no avatar"  # translation added
    entry(ios, 863004)["constants"]["ios"]["name"] = "kJMSGErrorSDKUserNotLoggedIn"  # constant renamed
    del entry(server, 898006)["constants"]  # constant removed
    entry(android, 871310)["constants"] = {"android": {"name": "NETWORK_NOT_AVAILABLE"}}  # constant added
    entry(android, 871102)["description"]["zh"] = None  # translation removed
    entry(server, 898000)["deprecated"] = "retired in server 2.0"  # deprecated
    server["codes"].append(
        {"code": 123, "message": "New error", "description": {"en": "New", "zh": None}, "status": "ok"}
    )
    ios["intro"]["en"] = "Error codes of the iOS SDK only."  # page prose
    for name, data in (("ios", ios), ("android", android), ("server", server)):
        save(spec_dir / f"{name}.yaml", data)


EXPECTED = {
    ("code-removed", "breaking", "ios", 869999, None),
    ("code-moved", "warning", "ios", 868001, None),
    ("message-changed", "breaking", "android", 871310, None),
    ("description-changed", "info", "android", 871101, "en"),
    ("translation-stale", "warning", "android", 871101, "zh"),
    ("translation-added", "info", "ios", 866005, "en"),
    ("constant-renamed", "warning", "ios", 863004, None),
    ("constant-removed", "warning", "server", 898006, None),
    ("constant-added", "info", "android", 871310, None),
    ("translation-removed", "warning", "android", 871102, "zh"),
    ("code-deprecated", "warning", "server", 898000, None),
    ("code-added", "info", "server", 123, None),
    ("prose-changed", "info", "ios", None, "en"),
}


def test_every_kind_of_change_is_classified(spec_copy: Path) -> None:
    edit_every_kind(spec_copy)
    code, out = run(spec_copy, "diff", str(SPEC), str(spec_copy), "--format", "json")
    assert code == 0
    report = json.loads(out)
    found = {(c["kind"], c["severity"], c["platform"], c["code"], c["lang"]) for c in report["changes"]}
    assert found == EXPECTED
    assert report["summary"] == {"breaking": 2, "warning": 6, "info": 5}
    ids = {change["id"] for change in report["changes"]}
    assert {"message-changed:android:871310", "translation-stale:android:871101:zh", "code-moved:ios:868001"} <= ids
    assert "prose-changed:ios:intro:en" in ids
    assert "constant-renamed:ios:863004:ios" in ids
    renamed = next(c for c in report["changes"] if c["kind"] == "constant-renamed")
    assert (renamed["before"], renamed["after"]) == ("kJMSGErrorSDKUserNotLogin", "kJMSGErrorSDKUserNotLoggedIn")


def test_text_and_markdown_show_the_same_changes(spec_copy: Path) -> None:
    edit_every_kind(spec_copy)
    _, text = run(spec_copy, "diff", str(SPEC), str(spec_copy))
    for kind, severity, platform, code, _ in EXPECTED:
        where = f"{platform} {code}" if code is not None else platform
        assert any(line.split()[:2] == [severity, kind] and where in line for line in text.splitlines()), (kind, where)
    assert text.rstrip().endswith("13 change(s): 2 breaking, 6 warning, 5 info")
    _, markdown = run(spec_copy, "diff", str(SPEC), str(spec_copy), "--format", "markdown")
    assert markdown.startswith(f"**errorspec diff** `{SPEC}` → `{spec_copy}`: 13 change(s): 2 breaking")
    assert "### `android`" in markdown
    row = next(line for line in markdown.splitlines() if "| message-changed |" in line)
    assert "~~available,please check your network connection.~~" in row
    assert "**available.**" in row
    stale = next(line for line in markdown.splitlines() if "translation-stale (zh)" in line)
    assert stale.startswith("| warning |")


def test_order_and_formatting_alone_are_no_change(spec_copy: Path) -> None:
    for path in spec_copy.glob("*.yaml"):
        if path.name == "sources.yaml":
            continue
        data = load(path)
        random.Random(7).shuffle(data["codes"])
        data = {key: data[key] for key in reversed(list(data))}
        path.write_text(yaml.safe_dump(data, allow_unicode=False, default_flow_style=True, width=60), encoding="utf-8")
    code, out = run(spec_copy, "diff", str(SPEC), str(spec_copy), "--format", "json")
    assert code == 0
    assert json.loads(out)["changes"] == []


def test_fail_on_breaking_for_ci(spec_copy: Path) -> None:
    android = load(spec_copy / "android.yaml")
    entry(android, 871101)["description"]["en"] = "The request parameters are invalid"
    save(spec_copy / "android.yaml", android)
    assert run(spec_copy, "diff", str(SPEC), str(spec_copy), "--fail-on", "breaking")[0] == 0
    assert run(spec_copy, "diff", str(SPEC), str(spec_copy), "--fail-on", "warning")[0] == 3
    android["codes"] = [item for item in android["codes"] if item["code"] != 871310]
    save(spec_copy / "android.yaml", android)
    assert run(spec_copy, "diff", str(SPEC), str(spec_copy), "--fail-on", "breaking")[0] == 3


def test_a_single_platform_file_on_each_side(spec_copy: Path) -> None:
    android = load(spec_copy / "android.yaml")
    entry(android, 871310)["message"] = "changed"
    save(spec_copy / "android.yaml", android)
    code, out = run(SPEC, "diff", str(SPEC / "android.yaml"), str(spec_copy / "android.yaml"), "--format", "json")
    assert code == 0
    assert [change["id"] for change in json.loads(out)["changes"]] == ["message-changed:android:871310"]


def test_a_single_platform_file_is_checked_as_in_a_spec_folder(spec_copy: Path) -> None:
    path = spec_copy / "android.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("  - code: 871310\n", "  - code: 871101\n"), encoding="utf-8")
    lines = path.read_text(encoding="utf-8").splitlines()
    first, second = (number for number, line in enumerate(lines, 1) if line == "  - code: 871101")
    code, out, err = run_cli("diff", str(SPEC / "android.yaml"), str(path))
    assert code == 1
    assert out == ""
    assert f"android.yaml:{second}: code 871101 is listed twice (first at line {first})" in err


def test_two_imports_of_an_older_and_a_newer_page_differ_in_exactly_those_codes(tmp_path: Path) -> None:
    old, new = tmp_path / "old" / "spec", tmp_path / "new" / "spec"
    for target in (old, new):
        shutil.copytree(SPEC, target)
    page = old / "sources" / "android.en.md"
    text = page.read_text(encoding="utf-8")
    start = text.index("    <tr >\n      <td>871101</td>")
    text = text[:start] + text[text.index("    <tr >", start + 10) :]  # the older page lacks 871101
    text = text.replace("<td>Network not available,please check", "<td>Network unavailable,please check")
    page.write_text(text, encoding="utf-8")
    run_import(old)
    run_import(new)
    code, out = run(new, "diff", str(old), str(new), "--format", "json")
    assert code == 0
    changes = json.loads(out)["changes"]
    assert {(c["platform"], c["code"]) for c in changes} == {("android", 871101), ("android", 871310)}
    assert {c["kind"] for c in changes} == {"translation-added", "message-changed"}


def git(repo: Path, *args: str) -> str:
    done = subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=True, check=True)
    return done.stdout


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A fresh git repository holding a copy of the spec, committed twice."""
    root = tmp_path / "repo"
    shutil.copytree(SPEC, root / "spec")
    shutil.copy(REPO / ".gitattributes", root / ".gitattributes")
    git(root, "init", "-q", "-b", "main")
    git(root, "config", "user.email", "test@example.com")
    git(root, "config", "user.name", "Test")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "spec as imported")
    android = load(root / "spec" / "android.yaml")
    entry(android, 871310)["message"] = "Network not available."
    (root / "spec" / "android.yaml").write_text(
        (root / "spec" / "android.yaml")
        .read_text(encoding="utf-8")
        .replace(
            "message: Network not available,please check your network connection.", "message: Network not available."
        ),
        encoding="utf-8",
    )
    git(root, "commit", "-qam", "Shorter message for 871310")
    return root


def test_diff_between_git_revisions(repo: Path) -> None:
    spec_dir = repo / "spec"
    code, out = run(spec_dir, "diff", "HEAD~1", "HEAD", "--format", "json")
    assert code == 0
    report = json.loads(out)
    assert (report["old"], report["new"]) == ("HEAD~1", "HEAD")
    assert [c["id"] for c in report["changes"]] == ["message-changed:android:871310"]
    assert json.loads(run(spec_dir, "diff", "HEAD", "--format", "json")[1])["changes"] == []
    code, _ = run(spec_dir, "diff", "no-such-revision")
    assert code == 1


def test_the_history_lists_each_version_and_the_uncommitted_edit(repo: Path) -> None:
    spec_dir = repo / "spec"
    git(repo, "tag", "v1.0", "HEAD~1")  # a release: the spec as imported
    (repo / "README.md").write_text("not the spec\n", encoding="utf-8")
    git(repo, "add", "README.md")
    git(repo, "commit", "-qm", "Outside the spec")
    ios = spec_dir / "ios.yaml"
    ios.write_text(ios.read_text(encoding="utf-8").replace("  - code: 860015\n", "  - code: 860014\n", 1), "utf-8")
    history = spec_history(spec_dir, 10)
    assert history is not None
    today = git(repo, "log", "-1", "--format=%cs").strip()
    assert (history.folder, history.head, history.older) == ("spec/", git(repo, "rev-parse", "HEAD").strip(), False)
    # The uncommitted edit; the day after the release (both of its commits); the release.
    assert [(item.tag, item.date, item.first) for item in history.items] == [
        (None, None, False),
        (None, today, False),
        ("v1.0", today, True),
    ]
    items = history.items
    assert {(c.kind, c.code) for c in items[0].changes} == {("code-removed", 860015), ("code-added", 860014)}
    assert [(c.kind, c.code) for c in items[1].changes] == [("message-changed", 871310)]
    assert items[2].codes == sum(len(platform.entries) for platform in load_spec(SPEC, load_manifest(SPEC)).platforms)
    shorter = spec_history(spec_dir, 1)
    assert shorter is not None
    assert (shorter.items, shorter.older) == (items[:2], True)
    assert spec_history(repo.parent, 10) is None  # not in git


def test_git_diff_and_log_show_the_semantic_diff_after_setup(repo: Path) -> None:
    errorspec = Path(sys.executable).parent / "errorspec"
    subprocess.run([str(errorspec), "git-setup"], cwd=repo, check=True, capture_output=True)
    shown = git(repo, "diff", "HEAD~1", "HEAD", "--", "spec/android.yaml")
    assert "errorspec diff a/spec/android.yaml b/spec/android.yaml" in shown
    assert "breaking message-changed" in " ".join(shown.split())
    log = git(repo, "log", "-p", "-1", "--", "spec/android.yaml")
    assert "-android 871310 message: Network not available,please check your network connection." in log
    assert "+android 871310 message: Network not available." in log
    assert "status: ok" not in log  # textconv shows meaning, not the YAML


def test_a_manifest_not_in_utf8_at_a_revision_is_one_message(repo: Path) -> None:
    manifest = repo / "spec" / "sources.yaml"
    manifest.write_bytes(manifest.read_bytes().replace(b"# yaml-language-server", b"# \xff yaml-language-server", 1))
    git(repo, "commit", "-qam", "A byte that is not UTF-8")
    result = CliRunner().invoke(cli, ["--spec", str(repo / "spec"), "diff", "HEAD~1", "HEAD"])
    assert result.exit_code == 1
    assert result.stderr == (
        "error: HEAD:spec/sources.yaml:1: not UTF-8 text (byte 0xFF: invalid start byte): save the file as UTF-8\n"
    )
