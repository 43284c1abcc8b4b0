from __future__ import annotations

import contextlib
import functools
import http.server
import os
import re
import shutil
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from selenium.webdriver.support.ui import WebDriverWait

REPO = Path(__file__).resolve().parent.parent
SPEC = REPO / "spec"

MINI_MANIFEST = """\
base_url: https://docs.example.com/sdk/
languages:
  - {id: en, name: English, script: Latn}
  - {id: zh, name: 中文, script: Hani}
platforms:
  - {id: ios, page: ios/}
  - {id: server, page: server/}
sources:
  - file: sources/ios.en.md
    language: en
    format: html
    sections:
      - {heading: iOS, platform: ios}
  - file: sources/ios.zh.md
    language: zh
    format: html
    sections:
      - {heading: iOS, platform: ios}
"""


def run_cli(*args: str, spec_dir: Path = SPEC) -> tuple[int, str, str]:
    """`errorspec --spec SPEC_DIR ARGS...` in-process: exit code, stdout, stderr."""
    from click.testing import CliRunner

    from errorspec.cli import cli

    result = CliRunner().invoke(cli, ["--spec", str(spec_dir), *args])
    return result.exit_code, result.stdout, result.stderr


def html_page(heading: str, rows: list[tuple[str, str, str]]) -> str:
    """A page in the vendor's shape: a heading, then an HTML table of code, message, text."""
    cells = "".join(f"<tr><td>{code}</td><td>{message}</td><td>{text}</td></tr>\n" for code, message, text in rows)
    header = "<tr><th>Code</th><th>Message</th><th>Text</th></tr>\n"
    return f"# Codes\n\n## {heading}\n\n<table>\n{header}{cells}</table>\n"


@pytest.fixture
def spec_copy(tmp_path: Path) -> Path:
    """A copy of the project's real spec folder, safe to import into and edit."""
    target = tmp_path / "spec"
    shutil.copytree(SPEC, target)
    return target


@pytest.fixture
def mini_spec(tmp_path: Path) -> Callable[..., Path]:
    """A small spec folder: a manifest and the pages given, by file name."""

    def make(pages: dict[str, str], manifest: str = MINI_MANIFEST) -> Path:
        spec_dir = tmp_path / "mini"
        (spec_dir / "sources").mkdir(parents=True, exist_ok=True)
        (spec_dir / "sources.yaml").write_text(manifest, encoding="utf-8")
        for name, text in pages.items():
            (spec_dir / "sources" / name).write_text(text, encoding="utf-8")
        return spec_dir

    return make


def write_config(root: Path, spec_dir: Path, options: dict[str, object] | None = None, **extra: object) -> Path:
    """A mkdocs.yml in `root` for a site of `spec_dir`: errorspec's `options`, MkDocs' `extra` settings."""
    import yaml

    (root / "docs").mkdir(exist_ok=True)
    config = root / "mkdocs.yml"
    plugin = {"spec": str(spec_dir), "site_name": {"zh": "错误码"}, **(options or {})}
    data = {
        "site_name": "codes",
        "docs_dir": "docs",
        "theme": {"name": "material", "font": False},
        "plugins": ["search", {"errorspec": plugin}],
        **extra,
    }
    config.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return config


def internal_links(site: Path) -> tuple[int, list[str]]:
    """Every link, stylesheet, script and image of every page of a built site, followed: how many,
    and those that lead nowhere (a missing file, or a missing anchor in a page)."""
    from bs4 import BeautifulSoup

    ids: dict[Path, set[str]] = {}

    def ids_of(path: Path) -> set[str]:
        if path not in ids:
            soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
            ids[path] = {str(tag["id"]) for tag in soup.find_all(id=True)}
        return ids[path]

    broken = []
    checked = 0
    for source in sorted(site.rglob("*.html")):
        soup = BeautifulSoup(source.read_text(encoding="utf-8"), "html.parser")
        for tag, attribute in (("a", "href"), ("link", "href"), ("script", "src"), ("img", "src")):
            for element in soup.find_all(tag, attrs={attribute: True}):
                url = str(element[attribute])
                if re.match(r"^[a-z][a-z0-9+.-]*:", url) or url.startswith("//"):
                    assert not url.lower().startswith("javascript:"), (source, url)
                    continue
                path, _, fragment = url.partition("#")
                path = path.partition("?")[0]  # a query (a 404 page's search link, ?q=) names no file
                # 404.html links from the server's root: it is served at any depth.
                base = site if path.startswith("/") else source.parent
                target = (base / path.lstrip("/")).resolve() if path else source
                if target.is_dir():
                    target = target / "index.html"
                checked += 1
                if not target.exists():
                    broken.append(f"{source.relative_to(site)}: {url}")
                elif fragment and target.suffix == ".html" and fragment not in ids_of(target):
                    broken.append(f"{source.relative_to(site)}: {url} (no such anchor)")
    return checked, broken


def build_site(config_file: Path, site_dir: Path) -> Path:
    """Build a MkDocs site in-process, strictly, as `mkdocs build --strict` would."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    config = load_config(str(config_file), site_dir=str(site_dir), strict=True)
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()
    return site_dir


@pytest.fixture(scope="session")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The project's own site, built once for the session."""
    return build_site(REPO / "mkdocs.yml", tmp_path_factory.mktemp("site") / "site")


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


_PORTS_SERVED: set[int] = set()


@contextlib.contextmanager
def serve(folder: Path, handler_class: type[QuietHandler] = QuietHandler) -> Iterator[str]:
    """Serve `folder` on a free loopback port (as `handler_class` answers); yields the base URL."""
    handler = functools.partial(handler_class, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    # One browser serves the whole session, and keeps what a site stored (its cache, its local and
    # session storage) by origin: a port that served another site before would show that site's.
    refused = []
    while server.server_address[1] in _PORTS_SERVED:
        refused.append(server)
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    for other in refused:
        other.server_close()
    _PORTS_SERVED.add(server.server_address[1])
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Headless Chromium (Debian's chromium and chromium-driver) driven by Selenium."""
    chromium, driver = shutil.which("chromium"), shutil.which("chromedriver")
    if not (chromium and driver):
        message = "headless Chromium is missing: apt-get install chromium chromium-driver"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for argument in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--window-size=1280,900",
        "--lang=en-US",
    ):
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"performance": "ALL"})  # every request, for the offline test
    session = webdriver.Chrome(service=Service(driver), options=options)
    session.set_page_load_timeout(30)
    try:
        yield session
    finally:
        session.quit()


@contextlib.contextmanager
def screen(browser: Any, width: int) -> Iterator[None]:
    """The window as wide as `width`: a phone's, emulated (a window is at least 500 px wide)."""
    if width >= 1280:
        yield
        return
    metrics = {"width": width, "height": 844, "deviceScaleFactor": 3, "mobile": True}
    browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", metrics)
    try:
        yield
    finally:
        browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


# A page of codes once it has settled: errorspec.js has made every code a link with its copy
# controls (the row landed on at once, the others a few at a time after the page has loaded).
SETTLED = """return document.readyState === 'complete' && !document.querySelector(
  '.errorspec-codes[data-errorspec-resolver] tbody td:first-child:not(.errorspec-equipped)')"""


def open_page(browser: Any, url: str) -> None:
    browser.get(url)
    WebDriverWait(browser, 10).until(lambda driver: driver.execute_script(SETTLED))


def search_box(browser: Any, theme: str) -> Any:
    """The theme's search box, ready for typing (the mkdocs theme's is in a dialog, opened first)."""
    from selenium.webdriver.common.by import By

    if theme == "mkdocs":
        browser.find_element(By.CSS_SELECTOR, "[data-bs-target='#mkdocs_search_modal']").click()
        box = browser.find_element(By.ID, "mkdocs-search-query")
        WebDriverWait(browser, 10).until(lambda driver: box.is_displayed())
    elif theme == "readthedocs":
        box = browser.find_element(By.CSS_SELECTOR, "#rtd-search-form input[name=q]")
    else:
        box = browser.find_element(By.CSS_SELECTOR, "input.md-search__input")
    box.click()
    return box


def material_search(browser: Any, query: str) -> list[dict[str, str]]:
    """Type `query` into Material's search box; the results, in order."""
    from selenium.webdriver.common.by import By

    box = browser.find_element(By.CSS_SELECTOR, "input.md-search__input")
    box.click()
    box.clear()
    box.send_keys(query)
    terms = query.lower().split()
    # The results are this query's once their highlights are its words.
    WebDriverWait(browser, 10).until(
        lambda driver: driver.execute_script(
            "const mark = document.querySelector('.md-search-result__item mark');"
            "return mark !== null && arguments[0].includes(mark.textContent.toLowerCase())",
            terms,
        )
    )
    return browser.execute_script(
        "return [...document.querySelectorAll('.md-search-result__item > a')].map(a => ({"
        " href: a.href, title: a.querySelector('h1, h2').innerText }))"
    )


def lookup_results(browser: Any, mark: str) -> list[dict[str, Any]]:
    """errorspec's code lookup beside a theme's search box: its results, once its first result
    highlights `mark` (this query's)."""
    script = """
        const block = [...document.querySelectorAll('.errorspec-lookup')].find(block => !block.hidden)
        const first = block && block.querySelector('a mark')
        if (!first || first.textContent.toLowerCase() !== arguments[0]) return null
        return [...block.querySelectorAll('a.errorspec-lookup__link')].map(a => ({
            href: a.href, exact: a.dataset.errorspecExact || null,
            title: a.querySelector('.errorspec-lookup__title').textContent,
            teaser: (a.querySelector('.errorspec-lookup__teaser') || {}).textContent || ''}))
    """
    results = WebDriverWait(browser, 10).until(lambda driver: driver.execute_script(script, mark.lower()))
    assert isinstance(results, list)
    return results


def row_in_view(browser: Any, element_id: str) -> bool:
    """Whether the element (a code's row, a section's heading) is within the window."""
    top = browser.execute_script("return document.getElementById(arguments[0]).getBoundingClientRect().top", element_id)
    return bool(0 <= top < browser.execute_script("return window.innerHeight"))
