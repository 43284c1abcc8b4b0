"""A path that is not there, answered in the reader's language.

A static host (GitHub Pages, Netlify, `mkdocs serve`) serves the site's root 404.html for every
missing path. On errorspec's own site that page is the theme's with errorspec's content; a path
under zh/ goes on to zh/404.html, the Chinese page (Material's interface, navigation and search
in Chinese), and the address the reader asked for stays in the address bar. Online, and in the
offline bundle where a server serves it. A host's 404 page stays the host's (tests/test_guest.py
compares it with the host's own build).
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from conftest import REPO, SPEC, QuietHandler, build_site, open_page, serve
from errorspec.cli import cli


class _StaticHost(QuietHandler):
    """A static host: a missing path gets the site's 404.html, with the status 404."""

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture(scope="module")
def base_url(real_site: Path) -> Iterator[str]:
    with serve(real_site, _StaticHost) as url:
        yield url


READ = """
const page = document.getElementById('errorspec-not-found')
const search = document.querySelector('input.md-search__input')
return {lang: document.documentElement.lang, title: document.title, heading: page.querySelector('h1').textContent,
  links: [...page.querySelectorAll('a')].map(a => [a.textContent, a.href]),
  search: search && search.placeholder,
  nav: [...document.querySelectorAll('.md-nav--primary a.md-nav__link')].map(a => a.href)}
"""


def answer(browser: Any, url: str, lang: str) -> dict[str, Any]:
    """What the 404 page says at `url`, once the page in `lang` is there (the site's 404 page, in
    the default language, sends a path under zh/ on to zh/404.html)."""
    open_page(browser, "about:blank")
    open_page(browser, url)
    settled = "return document.readyState === 'complete' && document.documentElement.lang === arguments[0]"
    WebDriverWait(browser, 10).until(lambda driver: driver.execute_script(settled, lang))
    WebDriverWait(browser, 10).until(lambda driver: driver.find_elements(By.ID, "errorspec-not-found"))
    WebDriverWait(browser, 10).until(lambda driver: driver.current_url == url)
    seen = browser.execute_script(READ)
    assert isinstance(seen, dict)
    return seen


@pytest.mark.parametrize(("path", "query"), [("zh/nothing/", ""), ("zh/android/871310", "871310")])
def test_a_missing_page_under_zh_is_answered_in_chinese(browser: Any, base_url: str, path: str, query: str) -> None:
    seen = answer(browser, base_url + path, "zh")  # the address the reader asked for, kept
    assert seen["lang"] == "zh"
    assert seen["title"] == "页面不存在 - JMessage 错误码"
    assert seen["heading"] == "页面不存在"
    assert seen["links"] == [["前往错误码首页", f"{base_url}zh/"], ["搜索错误码", f"{base_url}zh/?q={query}"]]
    # The theme's page in Chinese: its interface, its navigation, its search.
    assert seen["search"] == "搜索"
    assert f"{base_url}zh/android/" in seen["nav"]
    assert f"{base_url}android/" not in seen["nav"]


def test_its_search_link_finds_the_code_in_the_address(browser: Any, base_url: str) -> None:
    answer(browser, f"{base_url}zh/andriod/#871310", "zh")  # a typo in the path, the code in the hash
    browser.find_element(By.CSS_SELECTOR, "a[data-errorspec-search]").click()
    WebDriverWait(browser, 10).until(lambda driver: driver.find_elements(By.CSS_SELECTOR, ".md-search-result__item"))
    assert browser.find_element(By.CSS_SELECTOR, "input.md-search__input").get_attribute("value") == "871310"
    first = browser.find_element(By.CSS_SELECTOR, ".md-search-result__item > a").get_attribute("href")
    assert first.startswith(f"{base_url}zh/android/")
    assert first.endswith("#871310")


def test_a_missing_page_elsewhere_is_answered_in_english(browser: Any, base_url: str) -> None:
    seen = answer(browser, f"{base_url}android/871310.html", "en")
    assert (seen["lang"], seen["title"], seen["heading"]) == (
        "en",
        "Page not found - JMessage error codes",
        "Page not found",
    )
    assert seen["links"] == [
        ["Go to the home page of the error codes", base_url],
        ["Search the error codes", f"{base_url}?q=871310"],
    ]
    assert seen["search"] == "Search"


def test_each_language_has_its_404_page_whose_search_is_errorspecs(real_site: Path) -> None:
    for page, worker in (
        ("404.html", "/search/errorspec-worker.js"),
        ("zh/404.html", "/zh/search/errorspec-worker.js"),
    ):
        html = (real_site / page).read_text(encoding="utf-8")
        assert f'"search":"{worker}"' in html, page  # Material's search box asks errorspec's worker
        assert 'id="errorspec-not-found"' in html


def test_the_offline_bundle_answers_in_chinese_where_a_server_serves_it(
    browser: Any, tmp_path_factory: pytest.TempPathFactory
) -> None:
    root = tmp_path_factory.mktemp("offline-404")
    site = build_site(REPO / "mkdocs.offline.yml", root / "offline")
    result = CliRunner().invoke(
        cli, ["--spec", str(SPEC), "bundle", str(site), "--name", "codes", "--output", str(root / "dist")]
    )
    assert result.exit_code == 0, result.output
    bundle = Path(result.stdout.strip())
    folder = bundle.name.removesuffix(".zip")  # codes-<version>/
    with zipfile.ZipFile(bundle) as archive:
        assert {f"{folder}/404.html", f"{folder}/zh/404.html"} <= set(archive.namelist())
        archive.extractall(root / "unzipped")
    with serve(root / "unzipped" / folder, _StaticHost) as base:
        seen = answer(browser, f"{base}zh/nothing.html", "zh")
    assert (seen["lang"], seen["heading"]) == ("zh", "页面不存在")
    assert seen["links"][0] == ["前往错误码首页", f"{base}zh/index.html"]
