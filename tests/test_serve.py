"""`mkdocs serve` after an edit of the spec: the page shows the edit, the browser is told to reload,
and every file the edit does not change is left as it was; an edit that moves pages (a code added)
is a build of the whole site, as MkDocs makes it."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import write_config

Snapshot = dict[str, tuple[int, int]]


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def wait_for(what: object, check: object, seconds: float = 120) -> None:
    """Until `check()` is true, as long as the server takes (not a measure of its speed)."""
    deadline = time.monotonic() + seconds
    while not check():  # type: ignore[operator]
        assert time.monotonic() < deadline, f"no {what} after {seconds} s"
        time.sleep(0.1)


class Server:
    """`mkdocs serve` of a site, in a process of its own; its site folder, in a temporary folder of ours."""

    def __init__(self, root: Path, temporary: Path) -> None:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.url = f"http://127.0.0.1:{probe.getsockname()[1]}/"
        env = dict(os.environ, NO_MKDOCS_2_WARNING="1", TMPDIR=str(temporary))
        command = [sys.executable, "-m", "mkdocs", "serve", "-a", self.url.removeprefix("http://").rstrip("/")]
        self.log = (temporary / "serve.log").open("w", encoding="utf-8")
        self.process = subprocess.Popen(command, cwd=root, env=env, stdout=self.log, stderr=subprocess.STDOUT)
        self.temporary = temporary
        wait_for("site", lambda: "errorspec" in fetch(self.url + "android/"))
        self.site = next(temporary.glob("mkdocs_*"))  # where `mkdocs serve` builds

    def files(self) -> Snapshot:
        """Each file of the site, with what a write would change: its inode and its time."""
        return {
            path.relative_to(self.site).as_posix(): (path.stat().st_ino, path.stat().st_mtime_ns)
            for path in self.site.rglob("*")
            if path.is_file()
        }

    def epoch(self, page: str) -> int:
        """The version of the site a page was served in, as its live-reload script has it."""
        return int(re.search(r"livereload\((\d+),", fetch(self.url + page))[1])

    def newer(self, epoch: int) -> int:
        """What a browser showing version `epoch` hears: the version it is to reload to."""
        return int(fetch(f"{self.url}livereload/{epoch}/1") or 0)

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=30)
        self.log.close()


@pytest.fixture
def server(tmp_path: Path, spec_copy: Path) -> Iterator[Server]:
    root = tmp_path / "project"
    root.mkdir()
    write_config(root, spec_copy, {"history": 0})
    temporary = tmp_path / "temporary"
    temporary.mkdir()
    running = Server(root, temporary)
    try:
        yield running
    finally:
        running.stop()


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_an_edited_description_is_served_and_nothing_else_is_remade(server: Server, spec_copy: Path) -> None:
    page = "zh/android/"
    assert "网络连接已断开，请检查网络" in fetch(server.url + page)
    before, epoch = server.files(), server.epoch(page)
    edit(spec_copy / "android.yaml", "zh: 网络连接已断开，请检查网络", "zh: 网络已断开（已编辑）")
    wait_for("edit", lambda: "网络已断开（已编辑）" in fetch(server.url + page))
    assert server.newer(epoch) > epoch  # a browser showing the page is told to reload it
    after = server.files()
    remade = sorted(path for path in after if after[path] != before.get(path))
    # The Chinese page of the code, and the files that hold its description: the search index of
    # each language (the English one finds the code by its Chinese words too) and the data files.
    assert remade == [
        "data/errorcodes.csv",
        "data/errorcodes.json",
        "search/errorspec-index.js",
        "zh/android/index.html",
        "zh/search/errorspec-index.js",
    ]
    assert sorted(after) == sorted(before)


def test_an_edit_that_moves_pages_builds_the_site(server: Server, spec_copy: Path) -> None:
    before = server.files()
    # A new code: every page that lists the platform's codes, and the status page, change.
    added = "  - code: 880000\n    message: Added\n    description: {en: Added., zh: null}\n    status: untranslated\n"
    edit(spec_copy / "web.yaml", "codes:\n", "codes:\n" + added)
    wait_for("the new code", lambda: 'id="880000"' in fetch(server.url + "web/"))
    after = server.files()
    assert all(after[path] != before[path] for path in before if path in after)  # MkDocs' build: all new


def test_an_invalid_edit_is_reported_and_the_next_one_served(server: Server, spec_copy: Path) -> None:
    page = "android/"
    edit(spec_copy / "android.yaml", "status: ok", "status: [not, a, status]")
    log = server.temporary / "serve.log"
    said = r"spec/android\.yaml:\d+: codes\[0\]\.status"  # the file, the line and the problem
    wait_for("report", lambda: re.search(said, log.read_text(encoding="utf-8")))
    # Until the spec is right again, the server holds its pages back, as after any failed build.
    edit(spec_copy / "android.yaml", "status: [not, a, status]", "status: ok")
    edit(spec_copy / "android.yaml", "en: The network connection has been disconnected", "en: Edited after a mistake")
    wait_for("edit", lambda: "Edited after a mistake" in fetch(server.url + page))
