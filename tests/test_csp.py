"""errorspec's own site passes a strict Content-Security-Policy (issue 18): every page carries one
that allows its own inline scripts by their hashes and nothing from another origin, `_headers`
gives a static host the same for the whole site, and in headless Chromium, served with that header
and opened from the offline bundle (file://), the site works under it (search, the language menu,
copy controls, landing on a code, the permanent-URL page, the 404 page) with no violation. A guest
adds no policy; a theme that loads from another origin is named at build time."""

from __future__ import annotations

import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from mkdocs.exceptions import Abort
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from conftest import REPO, SPEC, build_site, open_page, row_in_view, serve, write_config
from errorspec.publish.csp import page_policy, policy_text, script_hash, with_policy
from test_not_found import _StaticHost
from test_offline import make_bundle

HOST = Path(__file__).resolve().parent / "host"
META = 'meta[http-equiv="Content-Security-Policy"]'


# --- the policy ----------------------------------------------------------------------------------


def test_a_scripts_hash_is_the_one_browsers_compute() -> None:
    # The examples of MDN's and the W3C's pages on CSP hashes.
    assert script_hash("var inline = 1;") == "'sha256-B2yPHKaXnvFWtRChIbabYmUBFZdVfKKXHbWtWidDVF8='"
    assert script_hash("alert('Hello, world.');") == "'sha256-qznLcsROx4GACP2dm0UCKCzCG+HiZ1guq6ZZDob/Tng='"


def test_a_pages_policy_allows_its_inline_scripts_and_names_what_it_loads_from_elsewhere() -> None:
    page = (
        '<html><head><meta charset="utf-8"><title>t</title>'
        '<link rel="stylesheet" href="https://fonts.example/css"><link rel="canonical" href="https://site.example/">'
        '<script>var inline = 1;</script><script type="application/json">{}</script>'
        "<script src='assets/x.js'></script><script src=//cdn.example/y.js></script>"
        "<script>var inline = 1;</script></head><body></body></html>"
    )
    policy = page_policy(page)
    assert policy.scripts == ("'sha256-B2yPHKaXnvFWtRChIbabYmUBFZdVfKKXHbWtWidDVF8='",)
    assert policy.blocked == ("//cdn.example/y.js", "https://fonts.example/css")
    secured = with_policy(page, policy_text(policy.scripts))
    head = BeautifulSoup(secured, "html.parser").head
    assert [tag.name for tag in head.find_all(True)][:2] == ["meta", "meta"]
    assert head.select_one(META)["content"] == (
        "default-src 'self'; script-src 'self' 'sha256-B2yPHKaXnvFWtRChIbabYmUBFZdVfKKXHbWtWidDVF8='; "
        "style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'"
    )


def inline_script_hashes(soup: BeautifulSoup) -> list[str]:
    """The hashes of a page's scripts that run, read with BeautifulSoup."""
    scripts = soup.find_all("script", src=False)
    return [script_hash(script.string or "") for script in scripts if "json" not in script.get("type", "")]


def test_every_page_carries_its_policy_before_any_script_and_headers_the_sites(real_site: Path) -> None:
    every_hash: set[str] = set()
    pages = sorted(real_site.rglob("*.html"))
    assert len(pages) > 20
    for path in pages:
        text = path.read_text(encoding="utf-8")
        soup = BeautifulSoup(text, "html.parser")
        [meta] = soup.select(META)
        assert text.index("Content-Security-Policy") < text.index("<script"), path
        assert text.index("<meta charset") < text.index("Content-Security-Policy") < 1024, path
        hashes = inline_script_hashes(soup)
        assert meta["content"] == policy_text(dict.fromkeys(hashes)), path
        every_hash.update(hashes)
    headers = (real_site / "_headers").read_text(encoding="utf-8")
    assert headers == f"/*\n  Content-Security-Policy: {policy_text(sorted(every_hash), header=True)}\n"
    assert "frame-ancestors 'self'" in headers


# --- in the browser --------------------------------------------------------------------------------------


class _StrictHost(_StaticHost):
    """A static host that sends the site's `_headers` (its one rule: every path)."""

    def end_headers(self) -> None:
        rules = (Path(self.directory) / "_headers").read_text(encoding="utf-8")
        name, _, value = rules.splitlines()[1].strip().partition(": ")
        self.send_header(name, value)
        super().end_headers()


def violations(browser: Any) -> list[str]:
    """What the console said since the last call about the policy, and any uncaught error."""
    return [
        entry["message"]
        for entry in browser.get_log("browser")
        if entry["source"] == "security"
        or "Content Security Policy" in entry["message"]
        or "Uncaught" in entry["message"]
    ]


@pytest.fixture(scope="module")
def online(real_site: Path) -> Iterator[str]:
    with serve(real_site, _StrictHost) as url:
        yield url


@pytest.fixture(scope="module")
def offline(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The offline bundle, unzipped, opened from the disk."""
    bundle = make_bundle(tmp_path_factory.mktemp("csp-bundle"))
    target = tmp_path_factory.mktemp("csp-unzipped")
    with zipfile.ZipFile(bundle) as archive:
        assert not [name for name in archive.namelist() if name.endswith("/_headers")]  # no server reads it there
        archive.extractall(target)
    [folder] = target.iterdir()
    return folder


# Material's results' links, without the words it highlights on the page they lead to (?h=).
RESULTS = """
return [...document.querySelectorAll('.md-search-result__item > a')].map(a => a.href.replace(/\\?h=[^#]*/, ''))
"""


def search(browser: Any, query: str, answered: Callable[[list[str]], bool]) -> list[str]:
    """Material's search box, typed into: the results' links, once they are the query's."""
    box = browser.find_element(By.CSS_SELECTOR, "input.md-search__input")
    box.click()
    box.clear()
    box.send_keys(query)
    return WebDriverWait(browser, 15).until(lambda driver: answered(found := driver.execute_script(RESULTS)) and found)


def test_the_policy_is_in_force(browser: Any, online: str) -> None:
    open_page(browser, f"{online}android/")
    violations(browser)
    browser.execute_script(
        "document.head.append(Object.assign(document.createElement('script'), {textContent: 'window.__ran = 1'}))"
    )
    assert browser.execute_script("return window.__ran") is None
    assert violations(browser)  # the header's policy and the page's each say so


@pytest.mark.parametrize(
    "path",
    ["", "android/", "zh/android/#871323", "status/", "zh/changes/", "codes/", "codes/#0", "zh/codes/#999999"],
)
def test_every_kind_of_page_opens_without_a_violation(browser: Any, online: str, path: str) -> None:
    open_page(browser, f"{online}{path}")
    assert browser.find_element(By.TAG_NAME, "h1").text
    assert violations(browser) == []


def test_online_the_site_works_under_its_policy(browser: Any, online: str) -> None:
    open_page(browser, f"{online}android/")
    violations(browser)
    # Search, by code and by words, from errorspec's worker.
    assert search(browser, "871310", lambda found: found[:1] == [f"{online}android/#871310"])
    assert search(browser, "network", lambda found: len(found) > 1)
    # Landing on a code from its permanent URL; its copy controls.
    open_page(browser, f"{online}codes/#android/871310")
    WebDriverWait(browser, 10).until(lambda driver: driver.current_url == f"{online}android/#871310")
    WebDriverWait(browser, 10).until(lambda driver: row_in_view(driver, "871310"))
    browser.find_element(By.CSS_SELECTOR, "[id='871310'] button.errorspec-copy-markdown").click()
    status = browser.find_element(By.CSS_SELECTOR, ".errorspec-copied")
    WebDriverWait(browser, 10).until(lambda driver: "871310" in status.get_attribute("textContent"))
    # The language menu, keeping the code.
    browser.execute_script("document.querySelector('a.md-select__link[hreflang=zh]').click()")
    WebDriverWait(browser, 10).until(lambda driver: driver.current_url == f"{online}zh/android/#871310")
    # A missing path, answered in Chinese.
    open_page(browser, f"{online}zh/no/such/page/")
    WebDriverWait(browser, 10).until(
        lambda driver: driver.execute_script("return document.documentElement.lang") == "zh"
    )
    assert browser.find_element(By.CSS_SELECTOR, "#errorspec-not-found h1").text == "页面不存在"
    assert violations(browser) == []


def test_offline_the_site_works_under_its_policy(browser: Any, offline: Path) -> None:
    base = offline.as_uri() + "/"
    for path in ("index.html", "zh/android.html#871323", "codes/index.html#0", "zh/codes/index.html#999999"):
        open_page(browser, f"{base}{path}")
        assert browser.find_element(By.TAG_NAME, "h1").text
    open_page(browser, f"{base}android.html")
    violations(browser)
    # The search worker runs in iframe-worker's frame, whose script the page's policy allows.
    assert search(browser, "871310", lambda found: found[:1] == [f"{base}android.html#871310"])
    open_page(browser, f"{base}codes/index.html#android/871310")
    WebDriverWait(browser, 10).until(lambda driver: driver.current_url == f"{base}android.html#871310")
    browser.execute_script("document.querySelector('a.md-select__link[hreflang=zh]').click()")
    WebDriverWait(browser, 10).until(lambda driver: driver.current_url == f"{base}zh/android.html#871310")
    assert search(browser, "网络", lambda found: len(found) > 1)
    assert violations(browser) == []


# --- other sites ------------------------------------------------------------------------------------------


def test_a_guest_adds_no_policy(tmp_path: Path) -> None:
    site = build_site(HOST / "mkdocs.material.yml", tmp_path / "site")
    assert not (site / "_headers").exists()
    assert not [path for path in site.rglob("*.html") if "Content-Security-Policy" in path.read_text("utf-8")]


def test_a_theme_that_loads_from_elsewhere_is_named_and_the_policy_can_be_left_out(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    # Material's default fonts come from Google's.
    for name in ("fonts", "off"):
        (tmp_path / name).mkdir()
    config = write_config(tmp_path / "fonts", SPEC, {"history": 0}, theme={"name": "material"})
    with pytest.raises(Abort):
        build_site(config, tmp_path / "fonts" / "site")
    # Said once, for the first page that loads it (the 404 page, which MkDocs renders first).
    [warning] = [record.getMessage() for record in caplog.records if record.levelname == "WARNING"]
    assert warning.startswith("errorspec: 404.html loads https://fonts.googleapis.com/css?family=Roboto")
    assert warning.endswith("or set errorspec's content_security_policy: false")
    options = {"history": 0, "content_security_policy": False}
    site = build_site(
        write_config(tmp_path / "off", SPEC, options, theme={"name": "material"}), tmp_path / "off" / "site"
    )
    assert not (site / "_headers").exists()
    assert "Content-Security-Policy" not in (site / "index.html").read_text(encoding="utf-8")


def test_pages_that_mkdocs_serve_serves_carry_no_policy(tmp_path: Path) -> None:
    # Its live reload is an inline script that it writes into each page it serves.
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    config = load_config(str(REPO / "mkdocs.yml"), site_dir=str(tmp_path / "site"), strict=True)
    config.plugins.on_startup(command="serve", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()
    assert "Content-Security-Policy" not in (tmp_path / "site" / "android" / "index.html").read_text("utf-8")
    assert not (tmp_path / "site" / "_headers").exists()
