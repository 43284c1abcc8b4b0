"""errorspec's benchmark: the plugin against plain MkDocs + Material on the same content.

For each size N it builds, side by side and several times, (1) the site with the errorspec
plugin and (2) the floor: the same codes written by hand as Markdown, one page per platform,
language and 500 codes, built by plain MkDocs + Material. It measures wall time, peak memory
(and errorspec's first build's, with nothing cached beside the spec), output and search index
size, a platform page's size, `mkdocs serve`'s time from an edit to the page showing it (and the
files it wrote), import throughput, and in headless Chromium the time from page load to the
first search result and from following it to the code's row in the window. Larger catalogues
(100,000 codes) are built by errorspec alone, against its 25,000 codes' build. It prints
medians, with the runs behind them, and ratios (ours / floor), and writes them as Markdown for
the docs.

As a guest, it builds a synthetic host site modelled on the vendor's (a few hundred hand-written
pages) with errorspec's pages in place of four written by hand and without errorspec, with the
`mkdocs` theme and with Material, and reports errorspec's overhead (goal: at most +3%).

It times `errorspec lookup` in synthetic specs of 25,000 and 100,000 codes, answered by the
index beside the spec and without it (`--lookup-only` measures that alone).
"""

from __future__ import annotations

import argparse
import dataclasses
import functools
import http.server
import json
import math
import os
import shutil
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import (
    FLOOR_CODES_PER_PAGE,
    site_config,
    synthetic_spec,
    write_floor,
    write_guest,
    write_host,
    write_source_pages,
    write_spec,
)

from errorspec.model import Constant
from errorspec.publish.site import CODES_PER_PAGE, platform_page
from errorspec.sources.importer import run_import
from errorspec.sources.manifest import load_manifest
from errorspec.spec.speccache import BUILD_CACHE
from errorspec.spec.specfiles import load_spec

REPO = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
OURS_CONFIG = site_config("bench")
BUILD_SECONDS, MAX_BUILDS = 8.0, 25
FLOOR_CONFIG = "site_name: floor\ntheme: {name: material, font: false}\nplugins: [search]\n"
GUEST_THEMES, HOST_PAGES = ("mkdocs", "material"), 240
LOOKUP_SIZES = "25000,100000"
ALONE_SIZES = "100000"
OPENINGS = 5  # times as many page openings as other runs: each is quick, and the machine's load moves them
GUEST_HEADING = "## errorspec as a guest"


def prepare(size: int, root: Path) -> tuple[Path, Path, Any]:
    """Our project and the floor's, with the same codes; the real spec at size 0."""
    shutil.rmtree(root, ignore_errors=True)
    ours, floor = root / "ours", root / "floor"
    if size == 0:
        shutil.copytree(REPO / "spec", ours / "spec")
        spec = load_spec(ours / "spec", load_manifest(ours / "spec"))
    else:
        spec = synthetic_spec(size)
        write_spec(spec, ours / "spec")
    (ours / "docs").mkdir(parents=True)
    (ours / "mkdocs.yml").write_text(OURS_CONFIG, encoding="utf-8")
    write_floor(spec, floor / "docs")
    (floor / "mkdocs.yml").write_text(FLOOR_CONFIG, encoding="utf-8")
    return ours, floor, spec


def build(project: Path, offline: bool = False) -> tuple[float, int, float]:
    """One `mkdocs build` in its own process: wall seconds, peak memory (KiB) and CPU seconds (user
    and system: what the build itself cost, less shaken than wall time by a busy machine)."""
    command = [PYTHON, "-m", "mkdocs", "build", "-q"]
    if offline:
        config = project / "mkdocs.offline.yml"
        config.write_text(
            "INHERIT: mkdocs.yml\nsite_dir: offline\nuse_directory_urls: false\n"
            "extra: {polyfills: [assets/errorspec/iframe-worker.js]}\nplugins: {offline: {}}\n"
        )
        command += ["-f", str(config)]
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    start = time.perf_counter()
    done = subprocess.run(
        ["/usr/bin/time", "-f", "%M %U %S", *command], cwd=project, env=env, capture_output=True, text=True
    )
    elapsed = time.perf_counter() - start
    if done.returncode:
        raise SystemExit(f"build failed in {project}:\n{done.stderr[-2000:]}")
    peak, user, system = done.stderr.strip().splitlines()[-1].split()
    return elapsed, int(peak), float(user) + float(system)


def folder_size(folder: Path) -> int:
    return sum(path.stat().st_size for path in folder.rglob("*") if path.is_file())


def index_sizes(site: Path) -> dict[str, int]:
    """Per language: what its search downloads. The floor has Material's one index; errorspec adds
    each language's entries to it (Material's index there holds only hand-written pages)."""
    material = site / "search" / "search_index.json"
    sizes: dict[str, int] = {}
    for entries in sorted(site.rglob("search/errorspec-index.js")):
        language = str(entries.parent.parent.relative_to(site))
        sizes["default" if language == "." else language] = entries.stat().st_size + material.stat().st_size
    return sizes or {"default": material.stat().st_size}


@contextmanager
def serve(folder: Path) -> Iterator[str]:
    """A static host of `folder`, which lets a browser keep what it fetched for ten minutes, as
    GitHub Pages does: a page's theme files are fetched once for the pages that follow."""

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

        def end_headers(self) -> None:
            self.send_header("Cache-Control", "max-age=600")
            super().end_headers()

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()


def browser() -> Any:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for argument in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--no-first-run",
        "--window-size=1280,900",
    ):
        options.add_argument(argument)
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)


# Types the query in the page itself (WebDriver's own typing takes longer than the search), then
# waits for a result that highlights it.
SEARCH = """
const [query, code, done] = arguments
const start = performance.now()
const input = document.querySelector('input.md-search__input')
input.focus()
input.value = query
input.dispatchEvent(new KeyboardEvent('keyup', {bubbles: true}))
// A code's result is known by its link (a pasted line highlights nothing); words by their <mark>.
const found = () => code
  ? [...document.querySelectorAll('.md-search-result__link')].some(link => link.hash === `#${code}`)
  : [...document.querySelectorAll('.md-search-result__item mark')]
    .some(mark => mark.textContent.toLowerCase() === query.toLowerCase())
if (found()) return done(performance.now() - start)
const observer = new MutationObserver(() => {
  if (found()) { observer.disconnect(); done(performance.now() - start) }
})
observer.observe(document.body, {childList: true, subtree: true, characterData: true})
setTimeout(() => done(-1), 10000)  // no result within 10 s: reported as none
"""


def time_to_result(driver: Any, url: str, query: str, code: str = "") -> float:
    """Milliseconds from typing `query` as soon as the page has loaded to its first result (with
    `code`: to the result that leads to that code's row)."""
    driver.get(url)
    driver.set_script_timeout(70)
    return float(driver.execute_async_script(SEARCH, query, code))


# Installed in every page before its own scripts: the time of the first frame in which the row the
# address names is wholly in the window, or, where the address names none (the floor's pages), in
# which the page's heading shows: an IntersectionObserver's, set on the element as soon as the
# page's parser makes it, which has the browser lay out nothing more than it would.
ROW_IN_VIEW = """
(() => {
  const id = decodeURIComponent(location.hash.slice(1))
  const wanted = () => id ? document.getElementById(id) : document.querySelector("h1")
  window.__rowInView = null
  const seen = new IntersectionObserver((entries, observer) => {
    const found = entries.find(entry => entry.intersectionRatio >= (id ? 0.99 : 0.01))
    if (found) {
      window.__rowInView = found.time
      observer.disconnect()
    }
  }, {threshold: [0, 0.01, 1]})
  const made = new MutationObserver(() => {
    const element = wanted()
    if (element) {
      made.disconnect()
      seen.observe(element)
    }
  })
  made.observe(document, {childList: true, subtree: true})
})()
"""


def time_to_row(driver: Any, via: str, url: str) -> float:
    """Milliseconds from following a link to a code's row, from a page of the same site (`via`,
    whose search gave the link), to the page having loaded and shown with the row in the window
    (the floor's pages have no rows to land on: to the page having loaded and shown)."""
    driver.get(via)
    script = driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": ROW_IN_VIEW})
    try:
        driver.get(url)
        wait = "return window.__rowInView !== null && performance.getEntriesByType('navigation')[0].loadEventEnd > 0"
        deadline = time.monotonic() + 30
        while not driver.execute_script(wait):
            if time.monotonic() > deadline:
                return -1.0
            time.sleep(0.02)
        loaded = driver.execute_script("return performance.getEntriesByType('navigation')[0].loadEventEnd")
        return max(float(loaded), float(driver.execute_script("return window.__rowInView")))
    finally:
        driver.execute_cdp_cmd("Page.removeScriptToEvaluateOnNewDocument", {"identifier": script["identifier"]})


def row_location(site: Path, platform: str, code: int) -> str:
    """Where errorspec's search sends a reader for `code` of `platform`: its row, on the page that holds it."""
    index = (site / "search" / "errorspec-index.js").read_text(encoding="utf-8")
    entries = json.loads(index[index.index("= ") + 2 :])
    return next(entry[0] for entry in entries if entry[0].startswith(f"{platform}/") and entry[0].endswith(f"#{code}"))


SHOWS = "return !!document.body && document.body.textContent.includes(arguments[0])"  # no layout, as innerText would


def site_files(site: Path) -> dict[str, tuple[int, int]]:
    """Each file of a site, with what a write changes: its inode and its time."""
    return {
        path.relative_to(site).as_posix(): (path.stat().st_ino, path.stat().st_mtime_ns)
        for path in site.rglob("*")
        if path.is_file()
    }


def reload_latency(
    project: Path, edit: tuple[Path, str, str], page: str, repeat: int, driver: Any, log: Callable[[str], None]
) -> dict[str, Any]:
    """`mkdocs serve` of `project`: seconds from saving an edit (in a file, a text `old` made `new`,
    which says `{marker}`, a new one each time) to `page` showing it, in the browser that showed
    the page before (reloaded by MkDocs' live reload), else as served; median of `repeat` edits.
    And how many of the site's files the edits wrote, of how many."""
    source, old, new = edit
    import socket
    import urllib.request

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    temporary = project / "serve-tmp"  # where `mkdocs serve` builds: inside the checkout, as the work folder is
    shutil.rmtree(temporary, ignore_errors=True)
    temporary.mkdir()
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", TMPDIR=str(temporary))
    server = subprocess.Popen(
        [PYTHON, "-m", "mkdocs", "serve", "-q", "-a", f"127.0.0.1:{port}"],
        cwd=project,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}/{page}"
    text = source.read_text(encoding="utf-8")

    def fetch() -> str:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return response.read().decode("utf-8")
        except OSError:
            return ""

    def shows(said: str) -> bool:
        if driver is None:
            return said in fetch()
        return bool(driver.execute_script(SHOWS, said))

    try:
        deadline = time.time() + 300
        while "</html>" not in fetch():
            if time.time() > deadline:
                raise SystemExit(f"mkdocs serve of {project} did not come up")
            time.sleep(0.2)
        if driver is not None:
            driver.get(url)
        site = next(temporary.glob("mkdocs_*"))
        before = site_files(site)
        seconds = []
        for run in range(repeat):
            marker = f"已编辑{run}x{time.time_ns()}"
            start = time.perf_counter()
            source.write_text(text.replace(old, new.format(marker=marker), 1), encoding="utf-8")
            while not shows(marker):
                if time.perf_counter() - start > 120:
                    break
                time.sleep(0.005)
            seconds.append(time.perf_counter() - start)
            time.sleep(1.0)  # the server settled before the next edit
        after = site_files(site)
        log(f"  reloads of {project.name}: " + ", ".join(f"{value:.2f}" for value in seconds))
        return {
            "s": median(seconds),
            "runs": repeat,
            "files": len(after),
            "written": sum(1 for path, status in after.items() if before.get(path) != status),
        }
    finally:
        source.write_text(text, encoding="utf-8")
        server.terminate()
        server.wait(timeout=30)
        shutil.rmtree(temporary, ignore_errors=True)


def first_build(project: Path) -> tuple[float, int, float]:
    """A build with nothing cached beside the spec (a fresh clone, as every CI build is; or every
    spec file changed): each file is read and checked."""
    shutil.rmtree(project / "spec" / ".errorspec-cache" / BUILD_CACHE, ignore_errors=True)
    return build(project)


def first_builds(project: Path, repeat: int) -> dict[str, Any]:
    """`repeat` first builds: how many, their median wall seconds and their highest peak memory (MiB)."""
    runs = [first_build(project) for _ in range(repeat)]
    return {
        "first_builds": repeat,
        "first_build_s": median([r[0] for r in runs]),
        "first_peak_mib": max(r[1] for r in runs) / 1024,
    }


def ours_edit(project: Path, spec: Any) -> tuple[tuple[Path, str, str], str]:
    """An edit of a code's Chinese description in its spec file, and the page that shows it."""
    platform = spec.platforms[1]
    path = project / "spec" / f"{platform.platform}.yaml"
    text = path.read_text(encoding="utf-8")
    # A description written as is in the YAML, so that the edit is a plain replacement.
    entry = next(e for e in platform.entries if e.description["zh"] and f"zh: {e.description['zh']}\n" in text)
    part = platform.entries.index(entry) // CODES_PER_PAGE
    page = f"zh/{platform_page(platform.platform, part).removesuffix('.md')}/"
    return (path, f"zh: {entry.description['zh']}\n", "zh: {marker}\n"), page


def floor_edit(project: Path, spec: Any) -> tuple[tuple[Path, str, str], str]:
    """The same edit of the floor: the description in the row of its Markdown page."""
    platform = spec.platforms[1]
    entry = next(e for e in platform.entries if e.description["zh"])
    number = platform.entries.index(entry) // FLOOR_CODES_PER_PAGE + 1
    path = project / "docs" / "zh" / f"{platform.platform}-{number}.md"
    # The row's description cell, wherever its row ends (a page of codes with SDK names has a column more).
    return (path, f" | {entry.description['zh']} |", " | {marker} |"), f"zh/{platform.platform}-{number}/"


def median(values: list[float]) -> float:
    return statistics.median(values)


def build_in_turn(
    projects: dict[str, Path], repeat: int, label: str, log: Callable[[str], None]
) -> dict[str, list[tuple[float, int, float]]]:
    """Each project built once untimed, then all in turn, `repeat` times or more: each build's
    wall seconds and peak memory (KiB), per project."""
    # Untimed: every side starts with warm file caches. A quick build is repeated more often (at
    # least BUILD_SECONDS of builds a side): a fraction of a second is easily shaken by the machine.
    warm_up = max(build(project)[0] for project in projects.values())
    builds = max(repeat, min(MAX_BUILDS, math.ceil(BUILD_SECONDS / warm_up)))
    log(f"{label}: building {builds}x, {' and '.join(projects)} in turn")
    runs: dict[str, list[tuple[float, int, float]]] = {name: [] for name in projects}
    for _ in range(builds):
        for name, project in projects.items():
            runs[name].append(build(project))
    return runs


def summary(runs: dict[str, list[tuple[float, int, float]]]) -> dict[str, Any]:
    """Per side: how many builds, their median wall and CPU seconds and their highest peak memory (MiB)."""
    return {
        "builds": len(next(iter(runs.values()))),
        "build_s": {name: median([r[0] for r in values]) for name, values in runs.items()},
        "cpu_s": {name: median([r[2] for r in values]) for name, values in runs.items()},
        "peak_mib": {name: max(r[1] for r in values) / 1024 for name, values in runs.items()},
    }


def measure(size: int, repeat: int, work: Path, driver: Any, log: Callable[[str], None]) -> dict[str, Any]:
    ours, floor, spec = prepare(size, work / f"n{size}")
    codes = sum(len(platform.entries) for platform in spec.platforms)
    runs = build_in_turn({"ours": ours, "floor": floor}, repeat, f"N={codes}", log)
    offline = build(ours, offline=True)
    first = first_builds(ours, repeat)
    log(f"N={codes}: an edit's reload under mkdocs serve, {repeat}x each, errorspec's then the floor's")
    reload = {
        "ours": reload_latency(ours, *ours_edit(ours, spec), repeat, driver, log),
        "floor": reload_latency(floor, *floor_edit(floor, spec), repeat, driver, log),
    }
    position = len(spec.platforms[1].entries) // 2
    sample = spec.platforms[1].entries[position]
    english = sample.message.split()[0].lower().strip(".")
    chinese = next(
        word
        for word in ("聊天室", "网络", "不合法", "用户")
        if any(word in (e.description.get("zh") or "") for p in spec.platforms for e in p.entries)
    )
    result: dict[str, Any] = {
        "codes": codes,
        **summary(runs),
        "output_mib": {"ours": folder_size(ours / "site") / 2**20, "floor": folder_size(floor / "site") / 2**20},
        "index_kib": {
            "ours": {k: v / 1024 for k, v in index_sizes(ours / "site").items()},
            "floor": {k: v / 1024 for k, v in index_sizes(floor / "site").items()},
        },
        "offline_build_s": offline[0],
        **first,
        "reload": reload,
        "queries": {"code": str(sample.code), "english": english, "chinese": chinese},
    }
    result["page_kib"] = {
        lang: {
            "ours": (ours / "site" / root / spec.platforms[1].platform / "index.html").stat().st_size / 1024,
            "floor": (floor / "site" / lang / f"{spec.platforms[1].platform}-1" / "index.html").stat().st_size / 1024,
        }
        for lang, root in (("en", ""), ("zh", "zh"))
    }
    if driver is not None:
        timings: dict[str, dict[str, float]] = {"ours": {}, "floor": {}, "ours_offline": {}}
        with serve(ours / "site") as base, serve(floor / "site") as floor_base:
            # Following a result: the page that holds the code, loaded and shown. First: the searches
            # below leave workers reading their indexes behind them.
            ours_row = row_location(ours / "site", spec.platforms[1].platform, sample.code)
            floor_row = f"{floor_base}en/{spec.platforms[1].platform}-{position // FLOOR_CODES_PER_PAGE + 1}/"
            opened: dict[str, list[float]] = {"ours": [], "floor": []}
            for _ in range(OPENINGS * repeat):  # in turn: a busy moment of the machine falls on both
                opened["ours"].append(time_to_row(driver, base, base + ours_row))
                opened["floor"].append(time_to_row(driver, floor_base, floor_row))
            timings["ours"]["page"] = median(opened["ours"])
            timings["floor"]["page"] = median(opened["floor"])
            for label, query, ours_url, floor_url in (
                ("code", str(sample.code), base, floor_base),
                ("english", english, base, floor_base),
                ("chinese", chinese, f"{base}zh/", f"{floor_base}zh/{spec.platforms[0].platform}-1/"),
            ):
                # errorspec's result for a code leads to its row; the floor's only highlights it.
                row = query if label == "code" else ""
                timings["ours"][label] = median([time_to_result(driver, ours_url, query, row) for _ in range(repeat)])
                timings["floor"][label] = median([time_to_result(driver, floor_url, query) for _ in range(repeat)])
            # A log line pasted whole: only errorspec reads the code out of it (plain MkDocs finds nothing).
            pasted = f"E/JMessage: send failed, gotResult: responseCode:{sample.code} ,responseMessage:{sample.message}"
            timings["ours"]["pasted"] = median(
                [time_to_result(driver, base, pasted, str(sample.code)) for _ in range(repeat)]
            )
        offline_root = (ours / "offline").as_uri()
        timings["ours_offline"]["code"] = median(
            [
                time_to_result(driver, f"{offline_root}/index.html", str(sample.code), str(sample.code))
                for _ in range(repeat)
            ]
        )
        result["search_ms"] = timings
        result["runs"] = repeat
        result["openings"] = OPENINGS * repeat
    return result


def measure_alone(size: int, repeat: int, work: Path, log: Callable[[str], None]) -> dict[str, Any]:
    """errorspec alone on a catalogue of `size` codes, larger than the floor is built for in a run."""
    project = work / f"n{size}" / "ours"
    shutil.rmtree(project.parent, ignore_errors=True)
    write_spec(synthetic_spec(size), project / "spec")
    (project / "docs").mkdir(parents=True)
    (project / "mkdocs.yml").write_text(OURS_CONFIG, encoding="utf-8")
    result = summary(build_in_turn({"ours": project}, repeat, f"N={size:,}, errorspec alone", log))
    return {"codes": size, **result, **first_builds(project, repeat)}


def measure_guest(theme: str, pages: int, repeat: int, work: Path, log: Callable[[str], None]) -> dict[str, Any]:
    """A host of `pages` pages with `theme`, built with errorspec as a guest and without it, in turn."""
    root = work / "guest" / theme
    shutil.rmtree(root, ignore_errors=True)
    projects = {"with": root / "with", "without": root / "without"}
    write_guest(projects["with"], REPO / "spec", pages, theme)
    write_host(projects["without"], pages, theme)
    result = summary(build_in_turn(projects, repeat, f"guest, {theme} theme, {pages} pages", log))
    build_s = result["build_s"]
    return {
        "theme": theme,
        "pages": pages,
        **result,
        "overhead_pct": (build_s["with"] / build_s["without"] - 1) * 100,
        "cpu_overhead_pct": (result["cpu_s"]["with"] / result["cpu_s"]["without"] - 1) * 100,
        "output_mib": {name: folder_size(project / "site") / 2**20 for name, project in projects.items()},
    }


def import_throughput(size: int, repeat: int, work: Path) -> dict[str, float]:
    spec_dir = work / "import" / "spec"
    shutil.rmtree(spec_dir.parent, ignore_errors=True)
    spec_dir.mkdir(parents=True)
    rows = write_source_pages(synthetic_spec(size), spec_dir)
    seconds = []
    for _ in range(repeat):
        for path in spec_dir.glob("*.yaml"):
            if path.name != "sources.yaml":
                path.unlink()
        start = time.perf_counter()
        result = run_import(spec_dir)
        seconds.append(time.perf_counter() - start)
        assert sum(account.read for account in result.accounts.values()) == rows
    return {"rows": rows, "seconds": median(seconds), "rows_per_s": rows / median(seconds), "runs": repeat}


def timed(command: list[str]) -> tuple[float, int, str]:
    """One command in its own process: wall seconds, peak memory (KiB) and what it printed."""
    start = time.perf_counter()
    done = subprocess.run(["/usr/bin/time", "-f", "%M", *command], capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if done.returncode:
        raise SystemExit(f"{' '.join(command)} failed:\n{done.stderr[-2000:]}")
    return elapsed, int(done.stderr.strip().splitlines()[-1]), done.stdout


def measure_lookup(size: int, repeat: int, work: Path, log: Callable[[str], None]) -> dict[str, Any]:
    """`errorspec lookup` in a synthetic spec of `size` codes, each named by its SDK: a code, a
    constant's name and words, answered by the index, and a code without the index (the first
    lookup after an edit: it reads and validates the spec, and writes the index), in turn; and
    the floor of any command, Python starting (`python -c pass`)."""
    spec = synthetic_spec(size)
    platforms = tuple(
        dataclasses.replace(
            platform,
            entries=tuple(
                dataclasses.replace(
                    entry, constants=(Constant(platform.platform, f"k{platform.platform}Error{entry.code}"),)
                )
                for entry in platform.entries
            ),
        )
        for platform in spec.platforms
    )
    spec_dir = work / "lookup" / f"n{size}" / "spec"
    shutil.rmtree(spec_dir.parent, ignore_errors=True)
    write_spec(dataclasses.replace(spec, platforms=platforms), spec_dir)
    sample = platforms[1].entries[len(platforms[1].entries) // 2]
    words = " ".join(list(dict.fromkeys(sample.description["en"].lower().strip(".").split()))[:5])
    lookup = [str(Path(PYTHON).with_name("errorspec")), "--spec", str(spec_dir), "lookup"]
    commands = {
        "start-up": [PYTHON, "-c", "pass"],
        "code": [*lookup, str(sample.code)],
        "constant": [*lookup, sample.constants[0].name],
        "words": [*lookup, "-s", words],
        "pasted": [*lookup, f"E/JMessage: send failed, gotResult: responseCode:{sample.code} ,responseMessage:x"],
        "without index": [*lookup, str(sample.code)],
    }
    found = timed(commands["words"])[2].count("\n\n") + 1  # untimed: writes the index
    log(f"lookup, N={size}: {repeat}x each, in turn")
    runs: dict[str, list[tuple[float, int, str]]] = {name: [] for name in commands}
    for _ in range(repeat):
        for name, command in commands.items():
            if name == "without index":
                shutil.rmtree(spec_dir / ".errorspec-cache")
            runs[name].append(timed(command))
    return {
        "codes": size,
        "index_mib": (spec_dir / ".errorspec-cache" / "lookup.sqlite").stat().st_size / 2**20,
        "words": words,
        "found": found,
        "ms": {name: median([run[0] for run in values]) * 1000 for name, values in runs.items()},
        "peak_mib": {name: max(run[1] for run in values) / 1024 for name, values in runs.items()},
    }


def write_log(path: Path, mib: int, codes: list[int]) -> int:
    """A logcat-like log of `mib` MiB: every line full of numbers (times, process and thread ids,
    request ids, durations), one line in a thousand reporting one of `codes`. Returns its lines."""
    line_count = 0
    with path.open("w", encoding="utf-8") as log:
        size = 0
        while size < mib * 2**20:
            line_count += 1
            n = line_count
            if n % 1000 == 0:
                line = f"11-30 05:{n % 60:02d}:30.{n % 1000:03d}  {4000 + n % 997}  {4100 + n % 991} E JMessage: "
                line += f"send failed, gotResult: responseCode:{codes[n % len(codes)]} ,responseMessage:failed\n"
            else:
                line = f"11-30 05:{n % 60:02d}:{n % 59:02d}.{n % 1000:03d}  {4000 + n % 997}  {4100 + n % 991} I "
                line += f"OkHttp: request id={(n * 7919) % 10**9} took {n % 977} ms status=200 user=u{n}\n"
            log.write(line)
            size += len(line)
    return line_count


def measure_explain(repeat: int, work: Path, log: Callable[[str], None]) -> dict[str, Any]:
    """`errorspec explain` over logs of 10 and 100 MiB with the real spec, beside what reading the
    same bytes costs (`wc -l`, in C): throughput, and peak memory, which should not grow with the log."""
    spec = load_spec(REPO / "spec", load_manifest(REPO / "spec"))
    codes = [entry.code for platform in spec.platforms for entry in platform.entries][::7]
    folder = work / "explain"
    folder.mkdir(parents=True, exist_ok=True)
    explain = [str(Path(PYTHON).with_name("errorspec")), "--spec", str(REPO / "spec"), "explain"]
    results: dict[str, Any] = {}
    for mib in (10, 100):
        path = folder / f"app-{mib}.log"
        lines = write_log(path, mib, codes)
        log(f"explain, {mib} MiB: {repeat}x, in turn with wc -l")
        runs: dict[str, list[tuple[float, int, str]]] = {"explain": [], "wc": []}
        for _ in range(repeat):
            runs["explain"].append(timed([*explain, str(path)]))
            runs["wc"].append(timed(["wc", "-l", str(path)]))
        seconds = {name: median([run[0] for run in values]) for name, values in runs.items()}
        results[str(mib)] = {
            "lines": lines,
            "found": runs["explain"][0][2].count("\n    -> "),
            "s": seconds,
            "mib_per_s": {name: mib / value for name, value in seconds.items()},
            "peak_mib": max(run[1] for run in runs["explain"]) / 1024,
        }
    return results


def explain_table(results: dict[str, Any], repeat: int) -> str:
    lines = [
        f"`errorspec explain` over a logcat-like log with the real spec (every line full of numbers, one in a "
        f"thousand reporting a code), beside `wc -l` reading the same file; median of {repeat} runs, the file "
        "in the page cache (so `wc -l` is the speed of reading it from memory, faster than any disk):",
        "",
        "| log | lines | codes explained | explain | MiB/s | `wc -l` | MiB/s | explain peak MiB |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for mib, r in results.items():
        lines.append(
            f"| {mib} MiB | {r['lines']:,} | {r['found']:,} | {r['s']['explain']:.2f} s | "
            f"**{r['mib_per_s']['explain']:.0f}** | {r['s']['wc']:.3f} s | {r['mib_per_s']['wc']:,.0f} "
            f"| {r['peak_mib']:.0f} |"
        )
    return "\n".join(lines) + "\n"


def lookup_table(results: list[dict[str, Any]], repeat: int) -> str:
    lines = [
        f"`errorspec lookup` (ms; median of {repeat} runs), each code named by its SDK: answered by the index "
        "beside the spec, and without it (the first lookup after an edit: the spec read and validated, the index "
        "written). Python's own start-up (`python -c pass`) is the floor of any command:",
        "",
        "| codes | index MiB | code | constant | words (codes found) | pasted log line | without the index | ratio "
        "| Python start-up | peak MiB: code | without the index |",
        "|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        t, p = r["ms"], r["peak_mib"]
        lines.append(
            f"| {r['codes']:,} | {r['index_mib']:.0f} | {ms(t['code'])} | {ms(t['constant'])} "
            f"| {ms(t['words'])} (`{r['words']}`: {r['found']:,}) | {ms(t.get('pasted', -1))} "
            f"| {ms(t['without index'])} "
            f"| **{ratio(t['code'], t['without index'])}** | {ms(t['start-up'])} | {p['code']:.0f} "
            f"| {p['without index']:.0f} |"
        )
    return "\n".join(lines) + "\n"


def ratio(ours: float, floor: float) -> str:
    return f"{ours / floor:.2f}x" if floor > 0 and ours > 0 else "-"


def ms(value: float) -> str:
    return f"{value:.0f}" if value >= 0 else "none"


def table(results: list[dict[str, Any]], alone: list[dict[str, Any]], imports: dict[str, float]) -> str:
    lines = [
        "Building (median build; the highest peak memory of the builds; errorspec's with its cache of the spec "
        "beside it, as a maintainer's builds after the first):",
        "",
        "| codes | builds | build: ours | floor | ratio | peak MiB: ours | floor | ratio "
        "| output MiB: ours | floor | search index KiB: ours (per language) | floor (both) |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|",
    ]
    for r in results:
        b, p, o = r["build_s"], r["peak_mib"], r["output_mib"]
        ours_index = ", ".join(f"{lang} {size:,.0f}" for lang, size in r["index_kib"]["ours"].items())
        floor_index = sum(r["index_kib"]["floor"].values())
        lines.append(
            f"| {r['codes']:,} | {r['builds']} | {b['ours']:.2f} s | {b['floor']:.2f} s "
            f"| **{ratio(b['ours'], b['floor'])}** | {p['ours']:.0f} | {p['floor']:.0f} "
            f"| **{ratio(p['ours'], p['floor'])}** | {o['ours']:.1f} | {o['floor']:.1f} "
            f"| {ours_index} | {floor_index:,.0f} |"
        )
    if alone:
        lines += [
            "",
            "Larger catalogues, errorspec alone (the floor would take minutes a build): the build against the "
            "25,000 codes' above, and the memory each 1,000 codes more take, from the size before:",
            "",
            "| codes | builds | build | CPU | against 25,000 codes | peak MiB | MiB per 1,000 codes more |",
            "|---:|---:|---:|---:|---:|---:|---:|",
        ]
        synthetic = [r for r in results if r["codes"] >= 1000]
        base = next((r for r in results if r["codes"] == 25000), None)
        for r in alone:
            smaller = [x for x in synthetic + alone if x["codes"] < r["codes"]]
            before = max(smaller, key=lambda x: x["codes"]) if smaller else None
            slope = "-"
            if before:
                per = (r["peak_mib"]["ours"] - before["peak_mib"]["ours"]) / ((r["codes"] - before["codes"]) / 1000)
                slope = f"{per:.2f} (from {before['codes']:,})"
            against = ratio(r["build_s"]["ours"], base["build_s"]["ours"]) if base else "-"
            lines.append(
                f"| {r['codes']:,} | {r['builds']} | {r['build_s']['ours']:.2f} s | {r['cpu_s']['ours']:.2f} s "
                f"| **{against}** | {r['peak_mib']['ours']:.0f} | {slope} |"
            )
        if len(synthetic) >= 2:
            a, b = synthetic[-2], synthetic[-1]
            per = (b["peak_mib"]["ours"] - a["peak_mib"]["ours"]) / ((b["codes"] - a["codes"]) / 1000)
            lines += ["", f"From {a['codes']:,} to {b['codes']:,} codes: {per:.2f} MiB per 1,000 codes more."]
    lines += [
        "",
        "A first build: nothing cached beside the spec (a fresh clone, as every CI build is), so every spec file "
        "is read and checked (median time; the highest peak memory; the memory each 1,000 codes more take, from "
        "the size before). The floor caches nothing: each of its builds above is a first build.",
        "",
        "| codes | first builds | build: ours | floor | ratio | peak MiB: ours | floor | ratio "
        "| MiB per 1,000 codes more |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    before: dict[str, Any] | None = None
    for r in [*results, *alone]:
        b, p = r["build_s"], r["peak_mib"]
        if "floor" in b:
            floor_time = f"{b['floor']:.2f} s | **{ratio(r['first_build_s'], b['floor'])}**"
            floor_peak = f"{p['floor']:.0f} | **{ratio(r['first_peak_mib'], p['floor'])}**"
        else:
            floor_time = floor_peak = "- | -"
        slope = "-"
        if before is not None and before["codes"] >= 1000:
            per = (r["first_peak_mib"] - before["first_peak_mib"]) / ((r["codes"] - before["codes"]) / 1000)
            slope = f"{per:.2f} (from {before['codes']:,})"
        lines.append(
            f"| {r['codes']:,} | {r['first_builds']} | {r['first_build_s']:.2f} s | {floor_time} "
            f"| {r['first_peak_mib']:.0f} | {floor_peak} | {slope} |"
        )
        before = r
    browser = [r for r in results if "search_ms" in r]
    lines += [
        "",
        "A platform page (the first of the second platform, 500 codes: KiB), and the time from following a search "
        "result to the code's page having loaded and shown with the code's row in the window (ms; the floor's pages "
        "have no rows to land on: to the page having loaded and shown), in headless Chromium:",
        "",
        "| codes | page, English: ours | floor | page, Chinese: ours | floor | runs | open the code's page: ours "
        "| floor | ratio |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        k, s = r["page_kib"], r.get("search_ms")
        opened = (
            f"{ms(s['ours']['page'])} | {ms(s['floor']['page'])} | **{ratio(s['ours']['page'], s['floor']['page'])}**"
            if s
            else "- | - | -"
        )
        lines.append(
            f"| {r['codes']:,} | {k['en']['ours']:,.0f} | {k['en']['floor']:,.0f} | {k['zh']['ours']:,.0f} "
            f"| {k['zh']['floor']:,.0f} | {r['openings'] if s else '-'} | {opened} |"
        )
    if browser:
        lines += [
            "",
            "Time from page load to the first search result (ms; median), in headless Chromium:",
            "",
            "| codes | runs | exact code: ours | floor | ratio | offline bundle | pasted log line: ours "
            "| English word: ours | floor | Chinese word: ours | floor |",
            "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
        ]
        for r in browser:
            s, q = r["search_ms"], r["queries"]
            lines.append(
                f"| {r['codes']:,} | {r['runs']} | {ms(s['ours']['code'])} | {ms(s['floor']['code'])} "
                f"| **{ratio(s['ours']['code'], s['floor']['code'])}** | {ms(s['ours_offline']['code'])} "
                f"| {ms(s['ours'].get('pasted', -1))} "
                f"| {ms(s['ours']['english'])} ({q['english']}) | {ms(s['floor']['english'])} "
                f"| {ms(s['ours']['chinese'])} ({q['chinese']}) | {ms(s['floor']['chinese'])} |"
            )
    seen = "in Chromium, reloaded by MkDocs' live reload" if browser else "served"
    lines += [
        "",
        f"`mkdocs serve`: seconds from saving an edit of a code's Chinese description to the page showing it ({seen}; "
        "median), and the files of the site the edits wrote. The floor's edit is the same description in its "
        "Markdown page:",
        "",
        "| codes | runs | reload: ours | files written | floor | files written |",
        "|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        o, f = r["reload"]["ours"], r["reload"]["floor"]
        lines.append(
            f"| {r['codes']:,} | {o['runs']} | **{o['s']:.2f} s** | {o['written']} of {o['files']} "
            f"| {f['s']:.2f} s | {f['written']} of {f['files']} |"
        )
    lines += [
        "",
        f"Import: {imports['rows']:,} rows (HTML and Markdown pages) in {imports['seconds']:.2f} s "
        f"(median of {imports['runs']}): **{imports['rows_per_s']:,.0f} rows/s**.",
    ]
    return "\n".join(lines) + "\n"


def guest_table(results: list[dict[str, Any]], machine: str) -> str:
    """The guest section of the report: errorspec's overhead on a host site, per theme."""
    lines = [
        GUEST_HEADING,
        "",
        f"On this machine ({machine}): a synthetic host site modelled on the vendor's Chinese site (hand-written "
        "pages in nested product folders, the vendor's navigation, a custom theme folder, the search plugin), "
        "built with errorspec as a guest and without it, in turn, after one untimed build each; medians. "
        "With errorspec, its four error-code pages (the real spec, Chinese only) replace the four written by "
        "hand. Goal: at most +3%.",
        "",
        "| theme | pages | builds (each) | build: with errorspec | without | overhead | CPU: with | without "
        "| CPU overhead | peak MiB: with | without | output MiB: with | without |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        b, c, p, o = r["build_s"], r["cpu_s"], r["peak_mib"], r["output_mib"]
        lines.append(
            f"| {r['theme']} | {r['pages']} | {r['builds']} | {b['with']:.2f} s | {b['without']:.2f} s "
            f"| **{r['overhead_pct']:+.1f}%** | {c['with']:.2f} s | {c['without']:.2f} s "
            f"| **{r['cpu_overhead_pct']:+.1f}%** | {p['with']:.0f} | {p['without']:.0f} | {o['with']:.1f} "
            f"| {o['without']:.1f} |"
        )
    return "\n".join(lines) + "\n"


def write_report(out: Path, main_part: str | None, guest_part: str | None) -> None:
    """docs/benchmark.md: the parts measured in this run; a part not measured is kept as it was."""
    old_main, heading, old_guest = (out.read_text(encoding="utf-8") if out.exists() else "").partition(GUEST_HEADING)
    parts = [
        (old_main.strip() or "# Benchmark") if main_part is None else main_part.strip(),
        (heading + old_guest).strip() if guest_part is None else guest_part.strip(),
    ]
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text("\n\n".join(part for part in parts if part) + "\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument(
        "--sizes", default="0,2500,25000", help="codes per run; 0 is the real spec (default: %(default)s)"
    )
    parser.add_argument(
        "--alone",
        default=ALONE_SIZES,
        help="codes of catalogues errorspec builds alone, too large for the floor ('' for none; default: %(default)s)",
    )
    parser.add_argument("--repeat", type=int, default=5, help="runs per measurement; medians are quoted")
    parser.add_argument("--import-size", type=int, default=25000, help="codes in the import benchmark")
    parser.add_argument("--no-browser", action="store_true", help="skip the Chromium measurements")
    guest = parser.add_mutually_exclusive_group()
    guest.add_argument("--guest-only", action="store_true", help="only the guest measurement (a host site's overhead)")
    guest.add_argument("--no-guest", action="store_true", help="skip the guest measurement")
    guest.add_argument("--lookup-only", action="store_true", help="only the lookup measurement")
    parser.add_argument(
        "--lookup-sizes", default=LOOKUP_SIZES, help="codes per lookup measurement (default: %(default)s)"
    )
    parser.add_argument("--host-pages", type=int, default=HOST_PAGES, help="pages of the guest's host site")
    parser.add_argument("--work", type=Path, default=REPO / "build" / "bench")
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "benchmark.md")
    args = parser.parse_args()
    args.work = args.work.resolve()  # each build runs in its project's folder, and names its files from there

    def log(message: str) -> None:
        print(message, file=sys.stderr, flush=True)

    machine = f"{os.cpu_count()} cores, Python {sys.version.split()[0]}"
    saved = args.work / "results.json"
    results = json.loads(saved.read_text()) if saved.exists() else {}
    report, guest_report = None, None
    # The guest first: a quick measurement, which fails early if the host does not build.
    if not args.no_guest and not args.lookup_only:
        results["guest"] = [
            measure_guest(theme, args.host_pages, args.repeat, args.work, log) for theme in GUEST_THEMES
        ]
        guest_report = guest_table(results["guest"], machine)
    if not args.guest_only:
        if not args.lookup_only:
            driver = None if args.no_browser or not shutil.which("chromium") else browser()
            try:
                results["builds"] = [
                    measure(int(size), args.repeat, args.work, driver, log) for size in args.sizes.split(",")
                ]
            finally:
                if driver is not None:
                    driver.quit()
            results["alone"] = [
                measure_alone(int(size), args.repeat, args.work, log) for size in args.alone.split(",") if size
            ]
            log(f"import: {args.import_size} codes")
            results["import"] = import_throughput(args.import_size, args.repeat, args.work)
        results["lookup"] = [
            measure_lookup(int(size), args.repeat, args.work, log) for size in args.lookup_sizes.split(",")
        ]
        results["explain"] = measure_explain(args.repeat, args.work, log)
        # With --lookup-only, the builds and the import are those of the last run, where there was one.
        builds = (
            table(results["builds"], results.get("alone", []), results["import"]) + "\n" if "builds" in results else ""
        )
        report = (
            "# Benchmark\n\n"
            f"`scripts/bench` on this machine ({machine}); each figure a median, of the number of runs its table "
            f"says ({args.repeat} unless it says more). The floor is plain MkDocs + Material building the same codes "
            "written as Markdown (one page per platform, language and 500 codes, one search index for both "
            "languages).\n\n"
            + builds
            + lookup_table(results["lookup"], args.repeat)
            + "\n"
            + explain_table(results["explain"], args.repeat)
        )
    write_report(args.out, report, guest_report)
    args.work.mkdir(parents=True, exist_ok=True)
    saved.write_text(json.dumps(results, indent=2))
    print("\n".join(part for part in (report, guest_report) if part))


if __name__ == "__main__":
    main()
