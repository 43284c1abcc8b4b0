"""Hostile and broken YAML in, spec files out: every bad file one message with its line, nothing
expanded or recursed into without bound, and an import's files replaced all together or not at all."""

from __future__ import annotations

import errno
import json
import logging
import os
import shutil
import signal
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from mkdocs.exceptions import Abort

from conftest import SPEC, build_site, html_page, run_cli, write_config
from errorspec.cli import cli
from errorspec.spec.fileset import JOURNAL

PLATFORMS = ("android", "ios", "jmrtc-android", "jmrtc-ios", "server", "web")


def run(spec_dir: Path, *args: str) -> tuple[int, str, str]:
    """The command in-process: exit code, stdout, stderr; anything but an exit is a failure here."""
    result = CliRunner().invoke(cli, ["--spec", str(spec_dir), *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file below `folder` (hidden ones too), by relative path."""
    return {str(path.relative_to(folder)): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()}


def line_of(text: str, fragment: str) -> int:
    return text[: text.index(fragment)].count("\n") + 1


def add_top_level(path: Path, yaml_text: str) -> int:
    """Append top-level keys to a YAML file; the line where they start."""
    text = path.read_text(encoding="utf-8")
    path.write_text(text + yaml_text, encoding="utf-8")
    return text.count("\n") + 1


@pytest.fixture
def plain_copy(tmp_path: Path) -> Path:
    """Another copy of the project's spec folder, named `spec` as well, left as it is."""
    target = tmp_path / "plain" / "spec"
    shutil.copytree(SPEC, target)
    return target


# -- what a file may hold around its document -----------------------------------------------------


@pytest.mark.parametrize(
    ("before", "after"),
    [("---\n", "...\n"), ("\ufeff", ""), ("\ufeff---\n", "")],
    ids=["document-markers", "byte-order-mark", "both"],
)
def test_document_markers_and_a_byte_order_mark_change_nothing_for_any_command(
    tmp_path: Path, spec_copy: Path, plain_copy: Path, before: str, after: str
) -> None:
    for name in ("android.yaml", "sources.yaml"):
        path = spec_copy / name
        path.write_text(before + path.read_text(encoding="utf-8") + after, encoding="utf-8")
    for args in (["check"], ["export"], ["lookup", "871310"], ["export", "--format", "csv"]):
        assert run(spec_copy, *args) == run(plain_copy, *args)
    assert run(spec_copy, "diff", str(plain_copy)) == (
        0,
        f"errorspec diff {plain_copy} working tree\nNo changes.\n",
        "",
    )
    site = build_site(write_config(tmp_path, spec_copy), tmp_path / "site")
    assert "871310" in (site / "android" / "index.html").read_text(encoding="utf-8")
    code, _, err = run(spec_copy, "import")
    assert (code, err.splitlines()[-1]) == (0, f"wrote {spec_copy / 'android.yaml'}")
    assert (spec_copy / "android.yaml").read_bytes() == (plain_copy / "android.yaml").read_bytes()


# -- what YAML can do that errorspec's files never need ---------------------------------------------

# Nine levels of nine aliases each: 9^9 (387 million) strings once expanded.
BOMB = "lol:\n  a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
    f"  {name}: &{name} [{', '.join([f'*{previous}'] * 9)}]\n"
    for previous, name in zip("abcdefgh", "bcdefghi", strict=True)
)


@pytest.mark.parametrize("file", ["android.yaml", "sources.yaml"])
def test_an_alias_is_refused_before_anything_expands_it(spec_copy: Path, file: str) -> None:
    start = add_top_level(spec_copy / file, BOMB)
    code, out, err = run(spec_copy, "check")
    message = f"spec/{file}:{start + 2}: alias *a: errorspec's files hold no aliases; write the value out here"
    assert code == 1
    assert (out, err) == ((f"{message}\n", "") if file == "android.yaml" else ("", f"error: {message}\n"))


def _block_nesting(depth: int) -> str:
    """`deep:` holding a mapping in a mapping ..., indented by one column a level."""
    return "deep:\n" + "".join(f"{' ' * level}k{level}:\n" for level in range(1, depth)) + f"{' ' * depth}end\n"


DEEP = "nested more than 32 levels deep"


@pytest.mark.parametrize(
    ("nesting", "expected_line", "problem"),
    [
        # yaml-rs reads these: errorspec finds them in what it read, and PyYAML then names the line.
        ("deep: " + "[" * 100 + "]" * 100 + "\n", 0, DEEP),
        (_block_nesting(33), 32, DEEP),
        # These never reach yaml-rs, which recurses: 100,000 levels of `- ` crash the process.
        ("deep:\n" + "- " * 100_000 + "x\n", 1, DEEP),
        (_block_nesting(1_000), 32, DEEP),
        # yaml-rs refuses this one, and PyYAML's parser (libyaml) stops at its own limit.
        (
            "deep: " + "[" * 10_000 + "]" * 10_000 + "\n",
            0,
            "invalid YAML: exceeded maximum nesting depth (while increasing flow level at line {line})",
        ),
    ],
    ids=["flow-100", "block-33", "compact-100000", "block-1000", "flow-10000"],
)
def test_deep_nesting_is_refused_with_its_line(spec_copy: Path, nesting: str, expected_line: int, problem: str) -> None:
    line = add_top_level(spec_copy / "android.yaml", nesting) + expected_line
    assert run(spec_copy, "check") == (1, f"spec/android.yaml:{line}: {problem.format(line=line)}\n", "")


@pytest.mark.parametrize(
    ("tagged", "shown"),
    [
        ("message: !custom Network not available", "!custom"),
        ("message: !!python/object:os.system echo", "!!python/object:os.system"),
        ("message: !!binary aGk=", "!!binary"),
    ],
)
def test_a_tag_other_than_yamls_own_is_refused_with_its_line(spec_copy: Path, tagged: str, shown: str) -> None:
    path = spec_copy / "android.yaml"
    text = path.read_text(encoding="utf-8")
    original = "message: Network not available,please check your network connection."
    path.write_text(text.replace(original, tagged, 1), encoding="utf-8")
    code, out, _ = run(spec_copy, "check")
    line = line_of(text, original)
    assert (code, out) == (
        1,
        f"spec/android.yaml:{line}: unknown tag {shown}: errorspec's files hold plain values; remove it\n",
    )


@pytest.mark.parametrize(
    ("file", "old", "new", "key"),
    [
        ("android.yaml", "      en: The network connection has been", "      1: The network connection has been", "1"),
        (
            "android.yaml",
            "      en: The network connection has been",
            "      true: The network connection has been",
            "true",
        ),
        ("sources.yaml", "  - id: en\n", "  - 1: en\n", "1"),
    ],
)
def test_a_key_that_is_not_text_is_refused_with_its_line(
    spec_copy: Path, file: str, old: str, new: str, key: str
) -> None:
    path = spec_copy / file
    text = path.read_text(encoding="utf-8")
    assert text.count(old) >= 1, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    code, out, err = run(spec_copy, "check")
    message = f'spec/{file}:{line_of(text, old)}: the key {key} is not text: write it in quotes ("{key}")'
    assert code == 1
    assert (out, err) == ((f"{message}\n", "") if file == "android.yaml" else ("", f"error: {message}\n"))


def test_a_key_that_is_a_mapping_holding_a_list_is_refused_with_its_line(spec_copy: Path) -> None:
    path = spec_copy / "android.yaml"
    old = "      en: The network connection has been"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(old, "      {a: [1]}: The network connection has been", 1), encoding="utf-8")
    code, out, _ = run(spec_copy, "check")
    assert code == 1
    assert (
        out == f"spec/android.yaml:{line_of(text, old)}: a key is a list or a mapping, not text: write it in quotes\n"
    )


# -- codes: whole numbers that JavaScript holds exactly --------------------------------------------


@pytest.mark.parametrize(
    ("written", "problem"),
    [
        (
            "871310.0",
            "871310.0 is not a whole number: write codes and lines without a decimal point or exponent, "
            "and quote text that looks like a number",
        ),
        (
            "1e30",
            "1e+30 is not a whole number: write codes and lines without a decimal point or exponent, "
            "and quote text that looks like a number",
        ),
        ("9007199254740992", "codes[17].code: 9007199254740992 is greater than the maximum of 9007199254740991"),
        ("900719925474099312", "codes[17].code: 900719925474099312 is greater than the maximum of 9007199254740991"),
        ("-9007199254740992", "codes[17].code: -9007199254740992 is less than the minimum of -9007199254740991"),
        (
            "1000000000000000000000000000000",
            "codes[17].code: 1000000000000000000000000000000 is greater than the maximum of 9007199254740991",
        ),
    ],
)
def test_a_code_that_is_fractional_or_beyond_javascripts_integers_is_refused(
    spec_copy: Path, written: str, problem: str
) -> None:
    path = spec_copy / "android.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("  - code: 871310\n", f"  - code: {written}\n"), encoding="utf-8")
    code, out, _ = run(spec_copy, "check")
    assert (code, out) == (1, f"spec/android.yaml:{line_of(text, '  - code: 871310')}: {problem}\n")


def test_codes_at_the_ends_of_the_range_are_kept_exactly(spec_copy: Path) -> None:
    path = spec_copy / "android.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("  - code: 871310\n", "  - code: 9007199254740991\n")
    path.write_text(text.replace("  - code: 0\n", "  - code: -9007199254740991\n"), encoding="utf-8")
    code, out, _ = run(spec_copy, "export")
    codes = [entry["code"] for entry in json.loads(out)["entries"]]
    assert code == 0
    assert {-9007199254740991, 9007199254740991} <= set(codes)


def test_a_page_row_whose_code_javascript_cannot_hold_is_reported_with_its_reason(
    mini_spec: Callable[..., Path],
) -> None:
    rows = [
        ("9007199254740991", "largest", "The largest code."),
        ("-9007199254740991", "smallest", "The smallest code."),
        ("9007199254740992", "too large", "One past it."),
        ("0009007199254740992", "too large", "With zeros before it."),
        ("1" + "0" * 5000, "far too large", "Five thousand digits."),
    ]
    spec_dir = mini_spec({"ios.en.md": html_page("iOS", rows), "ios.zh.md": html_page("iOS", rows)})
    code, _, err = run(spec_dir, "import")
    assert code == 0, err
    data = yaml.safe_load((spec_dir / "ios.yaml").read_text(encoding="utf-8"))
    assert [entry["code"] for entry in data["codes"]] == [-9007199254740991, 9007199254740991]
    reasons = [finding["detail"] for finding in data["findings"] if finding["lang"] == "en"]
    quoted = ["9007199254740992", "0009007199254740992", "1" + "0" * 36 + "..."]
    assert reasons == [
        f"row not imported: the code cell '{cell}' is not an integer within ±9007199254740991 (2^53 − 1), "
        "what JavaScript holds exactly"
        for cell in quoted
    ]


# -- files that are not YAML text ---------------------------------------------------------------


def test_a_byte_that_is_not_utf8_in_a_platform_file_is_one_message_for_every_reader(
    tmp_path: Path, spec_copy: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = spec_copy / "android.yaml"
    original = path.read_bytes()
    path.write_bytes(original.replace(b"Network not available", b"Network \xff available", 1))
    line = line_of(original.decode("utf-8"), "Network not available")
    message = f"spec/android.yaml:{line}: not UTF-8 text (byte 0xFF: invalid start byte): save the file as UTF-8"
    assert run(spec_copy, "check") == (1, f"{message}\n", "")
    assert run(spec_copy, "diff", str(SPEC)) == (1, "", f"error: {message}\n")
    with pytest.raises(Abort), caplog.at_level(logging.ERROR):
        build_site(write_config(tmp_path, spec_copy), tmp_path / "site")
    assert f"errorspec: {message}" in caplog.messages
    # The same file at a git revision, read through git rather than from the disk.
    git = ["git", "-C", str(spec_copy), "-c", "user.name=t", "-c", "user.email=t@example.com"]
    for command in (["init", "-q"], ["add", "."], ["commit", "-q", "-m", "bad byte"]):
        subprocess.run([*git, *command], check=True)
    path.write_bytes(original)
    assert run(spec_copy, "diff", "HEAD") == (1, "", f"error: HEAD:{message}\n")


@pytest.mark.parametrize("file", ["android.yaml", "sources.yaml"])
def test_a_folder_where_a_spec_file_should_be_is_one_message(spec_copy: Path, file: str) -> None:
    (spec_copy / file).unlink()
    (spec_copy / file).mkdir()
    before = snapshot(spec_copy)
    message = f"spec/{file}: a folder where a file should be: move it away"
    for command in ("check", "import", "export"):
        code, out, err = run(spec_copy, command)
        assert code == 1
        assert out + err == (f"{message}\n" if (command, file) == ("check", "android.yaml") else f"error: {message}\n")
    assert snapshot(spec_copy) == before


# -- writing the spec ------------------------------------------------------------------------------


def edit_every_file(spec_dir: Path) -> None:
    """Make an import rewrite every file it writes: each platform file and schema a little off."""
    for platform in PLATFORMS:
        with (spec_dir / f"{platform}.yaml").open("a", encoding="utf-8") as stream:
            stream.write("# an edit that an import undoes\n")
    for schema in ("errorspec.schema.json", "sources.schema.json"):
        (spec_dir / schema).write_text("{}\n", encoding="utf-8")


WRITTEN = sorted([*(f"{platform}.yaml" for platform in PLATFORMS), "errorspec.schema.json", "sources.schema.json"])


@pytest.mark.parametrize(
    ("failing_call", "failure", "message"),
    [
        # A folder that cannot be written (as root, permissions never stop a write: simulated).
        ("open", errno.EROFS, "android.yaml: cannot write (Read-only file system): make the folder writable"),
        ("open", errno.EACCES, "android.yaml: cannot write (Permission denied): make the folder writable"),
        # The disk full while the third file is flushed, two new files already staged.
        ("fsync", errno.ENOSPC, "ios.yaml: cannot write (No space left on device): free some space"),
    ],
)
def test_an_import_that_cannot_write_changes_no_file_and_leaves_none_behind(
    monkeypatch: pytest.MonkeyPatch, spec_copy: Path, failing_call: str, failure: int, message: str
) -> None:
    edit_every_file(spec_copy)
    before = snapshot(spec_copy)
    real = getattr(os, failing_call)
    staged = []

    def fail(target: object, *args: object, **kwargs: object) -> object:
        if failing_call == "fsync" or str(target).endswith(".errorspec-new"):
            staged.append(target)
            if len(staged) == (3 if failing_call == "fsync" else 1):
                raise OSError(failure, os.strerror(failure))
        return real(target, *args, **kwargs)

    monkeypatch.setattr(os, failing_call, fail)
    assert run(spec_copy, "import")[::2] == (1, f"error: {spec_copy}/{message}; no file was changed\n")
    monkeypatch.undo()
    assert snapshot(spec_copy) == before


# Runs `errorspec import` with one os function that kills the process, as a power cut or `kill -9`
# would, at its Nth call: arguments FUNCTION N SPEC_DIR.
STOPPED_IMPORT = """
import os, signal, sys
function, stop_at, spec_dir = sys.argv[1], int(sys.argv[2]), sys.argv[3]
real = getattr(os, function)
calls = 0
def stopping(*args, **kwargs):
    global calls
    calls += 1
    if calls == stop_at:
        os.kill(os.getpid(), signal.SIGKILL)
    return real(*args, **kwargs)
setattr(os, function, stopping)
from errorspec.cli import cli
cli(["--spec", spec_dir, "import"])
"""


@pytest.fixture(scope="module")
def old_and_new(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, bytes], dict[str, bytes]]:
    """The files an import writes, before it (each a little edited) and after it."""
    spec_dir = tmp_path_factory.mktemp("reference") / "spec"
    shutil.copytree(SPEC, spec_dir)
    edit_every_file(spec_dir)
    old = {name: (spec_dir / name).read_bytes() for name in WRITTEN}
    assert run(spec_dir, "import")[0] == 0
    return old, {name: (spec_dir / name).read_bytes() for name in WRITTEN}


@pytest.mark.parametrize(
    ("function", "stop_at", "outcome"),
    [
        ("fsync", 1, "old"),  # while the first new file is staged
        ("replace", 1, "old"),  # as the journal is put in place: every file staged, none replaced
        *(("replace", number, "new") for number in range(2, len(WRITTEN) + 2)),  # before each file's replacement
        ("unlink", 1, "new"),  # as the journal is removed, every file replaced
    ],
)
def test_an_import_stopped_anywhere_leaves_every_file_old_or_every_file_new(
    spec_copy: Path, old_and_new: tuple[dict[str, bytes], dict[str, bytes]], function: str, stop_at: int, outcome: str
) -> None:
    old, new = old_and_new
    edit_every_file(spec_copy)
    stopped = subprocess.run(
        [sys.executable, "-c", STOPPED_IMPORT, function, str(stop_at), str(spec_copy)], capture_output=True, check=False
    )
    assert stopped.returncode == -signal.SIGKILL, stopped.stderr
    # The next command that reads the spec completes the import, or undoes what it staged.
    assert run(spec_copy, "check")[0] == 0
    assert {name: (spec_copy / name).read_bytes() for name in WRITTEN} == (old if outcome == "old" else new)
    assert sorted(path.name for path in spec_copy.iterdir() if path.name.startswith(".") and path.is_file()) == []


def test_the_stopped_import_is_stopped_where_the_test_says(spec_copy: Path) -> None:
    """The calls counted above are errorspec's writing: one more rename than files, and no more."""
    edit_every_file(spec_copy)
    done = subprocess.run(
        [sys.executable, "-c", STOPPED_IMPORT, "replace", str(len(WRITTEN) + 2), str(spec_copy)],
        capture_output=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert not (spec_copy / JOURNAL).exists()


@pytest.mark.parametrize("umask", [0o022, 0o027, 0o002])
def test_written_files_take_their_mode_from_the_umask(spec_copy: Path, umask: int) -> None:
    edit_every_file(spec_copy)
    previous = os.umask(umask)
    try:
        assert run(spec_copy, "import")[0] == 0
    finally:
        os.umask(previous)
    assert {name: (spec_copy / name).stat().st_mode & 0o777 for name in WRITTEN} == dict.fromkeys(
        WRITTEN, 0o666 & ~umask
    )


@pytest.mark.parametrize("journal", ['["../../outside.yaml"]', "not json", '{"android.yaml": 1}'])
def test_a_journal_errorspec_did_not_write_is_refused_and_followed_nowhere(spec_copy: Path, journal: str) -> None:
    (spec_copy / JOURNAL).write_text(journal, encoding="utf-8")
    before = snapshot(spec_copy.parent)
    assert run(spec_copy, "check") == (
        1,
        "",
        f"error: {spec_copy / JOURNAL}: not a journal errorspec wrote: remove it, then check the files\n",
    )
    assert snapshot(spec_copy.parent) == before


# -- the site ---------------------------------------------------------------------------------------


def test_a_build_of_an_invalid_spec_logs_each_problem_as_the_command_line_does(
    tmp_path: Path, spec_copy: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = spec_copy / "android.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("  - code: 871310\n", "  - code: 871310x\n").replace(
        "    status: ok\n", "    status: fine\n", 1
    )
    path.write_text(text, encoding="utf-8")
    _, problems, _ = run(spec_copy, "check")
    with pytest.raises(Abort), caplog.at_level(logging.ERROR):
        build_site(write_config(tmp_path, spec_copy), tmp_path / "site")
    errors = [record.getMessage() for record in caplog.records if record.levelno == logging.ERROR]
    assert errors == [f"errorspec: {problem}" for problem in problems.splitlines()]


def test_a_spec_file_that_is_a_fifo_or_links_out_of_its_folder_is_refused_unread(
    spec_copy: Path, tmp_path: Path
) -> None:
    outside = tmp_path / "elsewhere.yaml"
    outside.write_text("secret: do not quote me\n", encoding="utf-8")
    (spec_copy / "web.yaml").unlink()
    (spec_copy / "web.yaml").symlink_to(outside)
    code, out, err = run_cli("check", spec_dir=spec_copy)
    assert code == 1
    assert "spec/web.yaml: a symbolic link that leads out of its folder: copy the file in instead" in out + err
    assert "secret" not in out + err
    (spec_copy / "web.yaml").unlink()
    os.mkfifo(spec_copy / "web.yaml")  # nobody writes to it: reading it would wait forever
    code, out, err = run_cli("export", spec_dir=spec_copy)
    assert code == 1
    assert err == "error: spec/web.yaml: not a regular file (a FIFO, a socket or a device): errorspec reads files\n"
