"""`errorspec lookup` answered by its index beside the spec: the same answers and the same errors
as reading the spec, never a stale answer, and never a failure because of the index."""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

import errorspec.sources.manifest
import errorspec.spec.specfiles
from conftest import SPEC, run_cli
from errorspec.sources.manifest import load_manifest
from errorspec.spec import lookupindex
from errorspec.spec.lookup import find_code, query, search
from errorspec.spec.lookupindex import look_up
from errorspec.spec.specfiles import load_spec

INDEX = Path(".errorspec-cache") / "lookup.sqlite"
ANDROID_871310 = [
    "871310  android  JMessage Android",
    "  message: Network not available,please check your network connection.",
    "  en: The network connection has been disconnected. Please check the network",
    "  zh: 网络连接已断开，请检查网络",
]


def lookup_lines(spec_dir: Path, *args: str) -> list[str]:
    code, out, err = run_cli("lookup", *args, spec_dir=spec_dir)
    assert (code, err) == (0, ""), err
    return out.splitlines()


def folder_files(folder: Path) -> dict[str, bytes]:
    return {str(path.relative_to(folder)): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()}


@pytest.fixture
def spec_dir(tmp_path: Path) -> Path:
    """A copy of the real spec's files, without any index."""
    target = tmp_path / "spec"
    target.mkdir()
    for path in SPEC.iterdir():
        if path.is_file():
            (target / path.name).write_bytes(path.read_bytes())
    return target


def forbid_reading_the_spec(monkeypatch: pytest.MonkeyPatch) -> None:
    """From here on, reading the spec's files as the loaders do fails the test."""

    def fail(*args: object, **kwargs: object) -> None:
        raise AssertionError("the spec was read: the index did not answer")

    for module, name in (
        (errorspec.sources.manifest, "load_manifest"),
        (errorspec.sources.manifest, "manifest_from_data"),
        (errorspec.spec.specfiles, "load_spec"),
        (errorspec.spec.specfiles, "read_spec"),
    ):
        monkeypatch.setattr(module, name, fail)


@contextlib.contextmanager
def index_database(path: Path) -> Iterator[sqlite3.Connection]:
    """The index file, open for writing: changes are committed on leaving."""
    connection = sqlite3.connect(path)
    try:
        yield connection
        connection.commit()
    finally:
        connection.close()


# -- answered by the index -------------------------------------------------------------------------


def test_the_first_lookup_writes_the_index_and_the_next_ones_are_answered_by_it(
    spec_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert not (spec_dir / INDEX.parent).exists()
    assert lookup_lines(spec_dir, "871310") == ANDROID_871310
    assert sorted(path.name for path in (spec_dir / INDEX.parent).iterdir()) == [".gitignore", "lookup.sqlite"]
    json_answer = run_cli("lookup", "0", "--format", "json", spec_dir=spec_dir)[1]
    words_answer = run_cli("lookup", "-s", "聊天室", "--lang", "zh", spec_dir=spec_dir)[1]
    forbid_reading_the_spec(monkeypatch)
    assert lookup_lines(spec_dir, "871310") == ANDROID_871310
    assert run_cli("lookup", "0", "--format", "json", spec_dir=spec_dir)[1] == json_answer
    assert run_cli("lookup", "-s", "聊天室", "--lang", "zh", spec_dir=spec_dir)[1] == words_answer
    assert run_cli("lookup", "kjmsgerrorsdkusernotlogin", spec_dir=spec_dir)[1].startswith("863004  ios")
    code, _, err = run_cli("lookup", "0", "--lang", "fr", spec_dir=spec_dir)
    assert code == 2
    assert "'fr' is not one of en, zh" in err
    assert run_cli("lookup", "kNoSuchConstant", spec_dir=spec_dir) == (1, "", "no code found for 'kNoSuchConstant'\n")


@pytest.mark.parametrize("trigrams", [True, False], ids=["words by trigrams", "an SQLite without trigrams"])
def test_the_index_answers_as_the_spec_does(spec_dir: Path, monkeypatch: pytest.MonkeyPatch, trigrams: bool) -> None:
    if not trigrams:  # FTS5's trigrams are refused: words are found by reading every entry
        monkeypatch.setattr(lookupindex, "_TRIGRAM_TABLE", "CREATE VIRTUAL TABLE haystacks USING no_such_module()")
    spec = load_spec(spec_dir, load_manifest(spec_dir))
    codes = sorted({entry.code for platform in spec.platforms for entry in platform.entries})
    for code in codes:
        found = look_up(spec_dir, query(str(code), ()))
        expected = [(platform.platform, entry.code) for platform, entry in find_code(spec, code)]
        assert [(answer.data["platform"], answer.data["code"]) for answer in found.answers] == expected
    words_asked = [["chat", "room"], ["聊天室"], ["NETWORK", "not"], ["kjmsgerror"], ["%s"], ["网络", "network"]]
    words_asked += [["not available,please"], ["ETWOR", "nnecti"], ["网络连接已"], ["kJMSGErrorSDK", "ne"]]
    for words in words_asked:
        found = look_up(spec_dir, query(None, words))
        expected = [(platform.platform, entry.code) for platform, entry in search(spec, words)]
        assert expected, words
        assert [(answer.data["platform"], answer.data["code"]) for answer in found.answers] == expected
    for words in (['"code"'], ['" OR "'], ["NEAR(a b)"], ["no such words at all"]):  # what FTS5 queries would parse
        assert search(spec, words) == []
        assert look_up(spec_dir, query(None, words)).answers == []


def test_a_retired_code_and_one_only_an_sdk_declares_are_marked(spec_dir: Path) -> None:
    path = spec_dir / "android.yaml"
    text = path.read_text(encoding="utf-8")
    retired = "      zh: 网络连接已断开，请检查网络\n"
    assert text.count(retired) == 1
    path.write_text(text.replace(retired, retired + "    deprecated: Replaced by 871311 in SDK 2.0\n"))
    assert lookup_lines(spec_dir, "871310")[0] == "871310  android  JMessage Android  (deprecated)"
    [data] = json.loads(run_cli("lookup", "871310", "--format", "json", "--lang", "en", spec_dir=spec_dir)[1])
    assert data["deprecated"] == "Replaced by 871311 in SDK 2.0"
    assert data["description"] == {"en": ANDROID_871310[2].removeprefix("  en: ")}
    assert lookup_lines(spec_dir, "860016") == [
        "860016  ios  JMessage iOS  (only in the SDK: on no page)",
        "  constant: kJMSGErrorSDKNetworkOtherError (ios SDK)",
        "  message: (empty)",
        "  en: (no description in this language)",
        "  zh: 其他网络原因",
    ]


@pytest.mark.parametrize("code", ["+871310", "000871310", "871310"])
def test_a_code_is_a_number_however_it_is_written(spec_dir: Path, code: str) -> None:
    assert lookup_lines(spec_dir, code) == ANDROID_871310


def test_a_code_too_long_for_a_number_is_not_found_without_a_crash(spec_dir: Path) -> None:
    code, out, err = run_cli("lookup", "9" * 5000, spec_dir=spec_dir)
    assert (code, out) == (1, "")
    assert err == f"no code found for '{'9' * 5000}'\n"


@pytest.mark.parametrize("position", [0, 20])
def test_every_word_counts_however_many_are_given(spec_dir: Path, position: int) -> None:
    # 871310's text holds each of these letters; more than the index matches in one query.
    letters = list(dict.fromkeys("networkavilbpschyud"))
    assert len(letters) > 16
    assert lookup_lines(spec_dir, "871310", "-s", " ".join(letters)) == ANDROID_871310
    letters.insert(position, "ж")  # in no text of 871310's
    assert run_cli("lookup", "871310", "-s", " ".join(letters), spec_dir=spec_dir)[0] == 1


# -- never stale -----------------------------------------------------------------------------------


@pytest.mark.parametrize("settled", [False, True])
def test_an_edit_keeping_the_file_size_and_times_shows_in_the_next_lookup(
    spec_dir: Path, monkeypatch: pytest.MonkeyPatch, settled: bool
) -> None:
    if settled:  # as if the files had been written long before the index: their status vouches for them
        monkeypatch.setattr(lookupindex, "_SETTLED_AFTER_NS", -(10**9))
    assert lookup_lines(spec_dir, "871310") == ANDROID_871310
    path = spec_dir / "android.yaml"
    before = path.stat()
    old, new = "网络连接已断开，请检查网络".encode(), "网络连接已断开，请检查网路".encode()
    assert len(old) == len(new)
    with path.open("r+b") as stream:  # in place: the same inode
        data = stream.read()
        assert data.count(old) == 1
        stream.seek(data.index(old))
        stream.write(new)
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    after = path.stat()
    assert (after.st_ino, after.st_size, after.st_mtime_ns) == (before.st_ino, before.st_size, before.st_mtime_ns)
    assert lookup_lines(spec_dir, "871310")[-1] == "  zh: 网络连接已断开，请检查网路"


def test_files_written_just_before_they_were_indexed_are_read_again_and_settled_ones_are_not(
    spec_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert lookup_lines(spec_dir, "871310") == ANDROID_871310  # the files were copied just now
    digest, hashed = lookupindex._digest, []
    monkeypatch.setattr(lookupindex, "_digest", lambda path: hashed.append(path.name) or digest(path))
    assert lookup_lines(spec_dir, "871310") == ANDROID_871310
    assert sorted(hashed) == sorted(path.name for path in spec_dir.glob("*.yaml"))
    monkeypatch.setattr(lookupindex, "_SETTLED_AFTER_NS", -(10**9))
    (spec_dir / INDEX).unlink()
    assert lookup_lines(spec_dir, "871310") == ANDROID_871310
    hashed.clear()
    assert lookup_lines(spec_dir, "871310") == ANDROID_871310
    assert hashed == []


def test_an_edit_of_the_manifest_shows_in_the_next_lookup(spec_dir: Path) -> None:
    assert lookup_lines(spec_dir, "871310") == ANDROID_871310
    path = spec_dir / "sources.yaml"
    english = "  - id: en\n    name: English\n    script: Latn\n"
    chinese = "  - id: zh\n    name: 中文\n    script: Hani\n"
    text = path.read_text(encoding="utf-8")
    assert text.count(english + chinese) == 1
    path.write_text(text.replace(english + chinese, chinese + english), encoding="utf-8")
    assert lookup_lines(spec_dir, "871310")[2:] == [ANDROID_871310[3], ANDROID_871310[2]]


def test_a_new_errorspec_does_not_answer_from_an_older_ones_index(spec_dir: Path) -> None:
    assert lookup_lines(spec_dir, "871310") == ANDROID_871310
    index = spec_dir / INDEX
    with index_database(index) as connection:
        connection.execute("UPDATE about SET value = 'another errorspec' WHERE key = 'errorspec'")
        connection.execute("UPDATE entries SET answer = replace(answer, 'Please check', 'Stale:')")
    assert lookup_lines(spec_dir, "871310") == ANDROID_871310


# -- the same errors as reading the spec -----------------------------------------------------------


BROKEN_FILES = {
    "a schema error": lambda text: text.replace("  - code: 871310\n", "  - code: 871310x\n").encode(),
    "invalid YAML": lambda text: text.replace("    message: Network not", "    message: [Network not").encode(),
    "a code listed twice": lambda text: text.replace("  - code: 871310\n", "  - code: 871309\n").encode(),
    "bytes that are not UTF-8": lambda text: text.encode().replace("网络连接已断开".encode(), b"\xff\xfe"),
}


@pytest.mark.parametrize("breakage", BROKEN_FILES)
def test_a_broken_platform_file_gives_the_errors_every_command_gives(spec_dir: Path, breakage: str) -> None:
    assert lookup_lines(spec_dir, "871310") == ANDROID_871310
    path = spec_dir / "android.yaml"
    good = path.read_bytes()
    path.write_bytes(BROKEN_FILES[breakage](good.decode()))
    code, out, err = run_cli("lookup", "860016", spec_dir=spec_dir)  # an iOS code, in a file that is fine
    assert (code, out) == (1, "")
    assert err.startswith("error: spec/android.yaml:")
    assert (code, out, err) == run_cli("export", spec_dir=spec_dir)
    path.write_bytes(good)
    assert lookup_lines(spec_dir, "871310") == ANDROID_871310


@pytest.mark.parametrize("replacement", ["nothing", "a folder"])
def test_a_missing_platform_file_gives_the_error_every_command_gives(spec_dir: Path, replacement: str) -> None:
    assert lookup_lines(spec_dir, "871310") == ANDROID_871310
    path = spec_dir / "web.yaml"
    path.unlink()
    if replacement == "a folder":
        path.mkdir()
    code, out, err = run_cli("lookup", "871310", spec_dir=spec_dir)
    assert (code, out) == (1, "")
    assert err.startswith("error: spec/web.yaml: ")
    assert (code, out, err) == run_cli("export", spec_dir=spec_dir)


def test_an_invalid_manifest_gives_the_error_every_command_gives(spec_dir: Path) -> None:
    assert lookup_lines(spec_dir, "871310") == ANDROID_871310
    path = spec_dir / "sources.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("    script: Hani\n", "    script: Hani\n    x: 1\n"))
    code, out, err = run_cli("lookup", "871310", spec_dir=spec_dir)
    assert (code, out) == (1, "")
    assert err.startswith("error: spec/sources.yaml:")
    assert (code, out, err) == run_cli("export", spec_dir=spec_dir)


def test_an_invalid_spec_writes_no_index(spec_dir: Path) -> None:
    path = spec_dir / "android.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("  - code: 871310\n", "  - code: 871310x\n"))
    before = folder_files(spec_dir)
    assert run_cli("lookup", "871310", spec_dir=spec_dir)[0] == 1
    assert folder_files(spec_dir) == before
    assert not (spec_dir / INDEX.parent).exists()


# -- never a failure because of the index ----------------------------------------------------------


def entries_offset(index: Path) -> int:
    """Where the first page of the index's table of entries starts in its file."""
    with index_database(index) as connection:
        [(page,)] = connection.execute("SELECT rootpage FROM sqlite_master WHERE name = 'entries'")
        [(page_size,)] = connection.execute("PRAGMA page_size")
    return (page - 1) * page_size


DAMAGED_INDEXES = {
    "garbage": lambda good, entries: b"not a database at all, just some bytes\n" * 100,
    "empty": lambda good, entries: b"",
    "cut in half": lambda good, entries: good[: len(good) // 2],
    "pages overwritten": lambda good, entries: good[:4096] + b"\x00" * (len(good) - 4096),
    # Whole up to the entries (the file looks up to date); the entries and all after overwritten.
    "entries overwritten": lambda good, entries: good[:entries] + b"\x00" * (len(good) - entries),
}


@pytest.mark.parametrize("damage", DAMAGED_INDEXES)
def test_a_damaged_index_is_built_again(spec_dir: Path, damage: str, monkeypatch: pytest.MonkeyPatch) -> None:
    assert lookup_lines(spec_dir, "871310") == ANDROID_871310
    index = spec_dir / INDEX
    index.write_bytes(DAMAGED_INDEXES[damage](index.read_bytes(), entries_offset(index)))
    assert lookup_lines(spec_dir, "871310") == ANDROID_871310
    assert lookup_lines(spec_dir, "-s", "聊天室", "--lang", "zh")[0].startswith("868001  ios")
    forbid_reading_the_spec(monkeypatch)  # the index is whole again
    assert lookup_lines(spec_dir, "871310") == ANDROID_871310


def test_an_index_of_another_shape_is_built_again(spec_dir: Path) -> None:
    index = spec_dir / INDEX
    index.parent.mkdir()
    with index_database(index) as connection:
        connection.execute("CREATE TABLE about (key TEXT, value TEXT)")
        connection.execute("INSERT INTO about VALUES ('version', '0')")
    assert lookup_lines(spec_dir, "871310") == ANDROID_871310


def test_where_no_index_can_be_written_lookup_answers_all_the_same(spec_dir: Path) -> None:
    (spec_dir / ".errorspec-cache").write_text("a file where the index's folder would go\n")
    before = folder_files(spec_dir)
    assert lookup_lines(spec_dir, "871310") == ANDROID_871310
    assert lookup_lines(spec_dir, "0", "--lang", "en")[0] == "0  android  JMessage Android"
    assert folder_files(spec_dir) == before


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="a read-only folder is writable by root")
def test_a_read_only_spec_folder_means_no_index(spec_dir: Path) -> None:
    spec_dir.chmod(0o555)
    try:
        assert lookup_lines(spec_dir, "871310") == ANDROID_871310
        assert not (spec_dir / INDEX.parent).exists()
    finally:
        spec_dir.chmod(0o755)


def test_the_index_is_readable_as_other_files_are_and_git_ignores_it(tmp_path: Path, spec_dir: Path) -> None:
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    umask = os.umask(0o022)
    try:
        assert lookup_lines(spec_dir, "871310") == ANDROID_871310
    finally:
        os.umask(umask)
    assert (spec_dir / INDEX).stat().st_mode & 0o777 == 0o644
    status = subprocess.run(
        ["git", "-C", str(tmp_path), "status", "--porcelain", "--untracked-files=all"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert ".errorspec-cache" not in status
    assert "spec/android.yaml" in status


def test_a_lookup_answered_by_the_index_loads_no_parser_or_validator(spec_dir: Path) -> None:
    program = (
        "import json, sys\n"
        "from errorspec.cli import cli\n"
        f"cli.main(['--spec', {str(spec_dir)!r}, 'lookup', '871310'], standalone_mode=False)\n"
        "print(json.dumps(sorted(sys.modules)))\n"
    )
    for _ in range(2):  # the first lookup builds the index, reading and validating the spec
        done = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, check=True)
    *answer, modules = done.stdout.splitlines()
    assert answer == ANDROID_871310
    loaded = set(json.loads(modules))
    # Each costs a lookup milliseconds to import; what reads, writes or packs a spec needs them.
    heavy = {"bs4", "html5lib", "markdown_it", "jsonschema", "jsonschema_rs", "mkdocs", "jinja2", "nh3"}
    heavy |= {"yaml", "yaml_rs", "zipfile", "multiprocessing", "concurrent.futures", "subprocess"}
    assert loaded & heavy == set()
    assert "errorspec.sources.importer" not in loaded
