"""lookup.js, errorspec's code lookup beside a theme's own search box, in headless Chromium: on MkDocs'
`mkdocs` and `readthedocs` themes and on Material for MkDocs, each in English and in Chinese.

Each site is a small host (one page written by hand, which the theme's own search finds) with errorspec as a
guest (no home page of its own): the plugin writes lookup.js and its script tag on every page, and leaves the
theme's search (Material's included) on the host's pages. The Chinese hosts set their theme's locale to
Chinese, so that MkDocs' own search loads lunr.zh.js, which throws in a browser: the lookup must work without
the theme's search.
"""

from __future__ import annotations

import contextlib
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import WebDriverWait

from conftest import SPEC, build_site, lookup_results, open_page, row_in_view, search_box, serve, write_config

THEMES = ("mkdocs", "readthedocs", "material")
SITES = [(theme, lang) for theme in THEMES for lang in ("en", "zh")]
GUIDE = "# Guide\n\nHow to connect to the chatroom service of the SDK.\n"
GUEST = {"home": False, "status": False, "changes": False}  # errorspec's pages only: a guest


def host_config(root: Path, theme: str, lang: str) -> Path:
    """A host of one hand-written page on `theme`, in `lang`, with errorspec's pages in `lang`."""
    settings: dict[str, Any] = {"name": theme}
    if theme == "material":
        settings.update(font=False, language=lang)
    else:
        settings["highlightjs"] = False  # no request to a CDN
        if lang == "zh":
            settings["locale"] = "zh_CN"  # MkDocs' search then loads lunr.zh.js, which throws
    root.mkdir(parents=True)
    config = write_config(root, SPEC, {"languages": [lang], **GUEST}, site_name="host", theme=settings)
    (root / "docs" / "guide.md").write_text(GUIDE, encoding="utf-8")
    return config


class Sites:
    """Each (theme, language)'s site, built when first asked for, and served."""

    def __init__(self, root: Path, stack: contextlib.ExitStack) -> None:
        self.root = root
        self.stack = stack
        self.urls: dict[tuple[str, str], str] = {}

    def site(self, theme: str, lang: str) -> Path:
        site = self.root / f"{theme}-{lang}" / "site"
        if not site.exists():
            build_site(host_config(site.parent, theme, lang), site)
        return site

    def url(self, theme: str, lang: str) -> str:
        if (theme, lang) not in self.urls:
            self.urls[theme, lang] = self.stack.enter_context(serve(self.site(theme, lang)))
        return self.urls[theme, lang]

    def url_without_worker(self, theme: str, lang: str) -> str:
        """The site with errorspec's worker missing (a lookup that cannot start)."""
        copy = self.root / f"{theme}-{lang}-without-worker"
        shutil.copytree(self.site(theme, lang), copy)
        (copy / "search" / "errorspec-worker.js").unlink()
        return self.stack.enter_context(serve(copy))


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Sites]:
    with contextlib.ExitStack() as stack:
        yield Sites(tmp_path_factory.mktemp("lookup-sites"), stack)


@pytest.mark.parametrize(("theme", "lang"), SITES)
def test_nothing_is_loaded_or_added_before_a_search_box_is_used(
    browser: Any, sites: Sites, theme: str, lang: str
) -> None:
    open_page(browser, f"{sites.url(theme, lang)}guide/")
    loaded = "return performance.getEntriesByType('resource').some(entry => entry.name.includes('errorspec-worker'))"
    added = "return document.querySelectorAll('.errorspec-lookup').length + document.adoptedStyleSheets.length"
    assert not browser.execute_script(loaded)
    assert browser.execute_script(added) == 0
    search_box(browser, theme)
    WebDriverWait(browser, 10).until(lambda driver: driver.execute_script(loaded))
    assert browser.execute_script(added) == 0  # nothing shown yet: the page is as it was


@pytest.mark.parametrize(("theme", "lang"), SITES)
def test_a_code_comes_first_and_enter_lands_on_its_row(browser: Any, sites: Sites, theme: str, lang: str) -> None:
    base = sites.url(theme, lang)
    open_page(browser, f"{base}guide/")
    box = search_box(browser, theme)
    box.send_keys("871310")
    results = lookup_results(browser, "871310")
    assert results[0]["href"] == f"{base}android/#871310"
    assert results[0]["exact"] == "871310"
    assert results[0]["title"].startswith("871310 Network not available")
    assert results[0]["teaser"].startswith("JMessage Android")
    # The first answer may come from the code's small file, which names its platform only; the
    # entries' answer, a moment later, replaces it with the code's description.
    WebDriverWait(browser, 10).until(lambda _: lookup_results(browser, "871310")[0]["teaser"] != "JMessage Android")
    results = lookup_results(browser, "871310")
    assert ("网络连接已断开" in results[0]["teaser"]) == (lang == "zh")
    label = browser.find_element(By.CSS_SELECTOR, ".errorspec-lookup:not([hidden]) .errorspec-lookup__label")
    assert label.get_attribute("textContent") == {"en": "Error codes", "zh": "错误码"}[lang]
    box.send_keys(Keys.ENTER)
    WebDriverWait(browser, 10).until(expected_conditions.url_contains("#871310"))
    assert browser.current_url == f"{base}android/#871310"
    WebDriverWait(browser, 10).until(lambda driver: row_in_view(driver, "871310"))


@pytest.mark.parametrize("theme", THEMES)
def test_chinese_words_find_codes(browser: Any, sites: Sites, theme: str) -> None:
    base = sites.url(theme, "zh")
    open_page(browser, f"{base}guide/")
    search_box(browser, theme).send_keys("聊天室")
    results = lookup_results(browser, "聊天室")
    assert f"{base}android/#871323" in [result["href"] for result in results]
    assert all("聊天室" in result["title"] + result["teaser"] for result in results)
    assert not any(result["exact"] for result in results)


@pytest.mark.parametrize("theme", ["mkdocs", "readthedocs"])
def test_the_lookup_works_where_the_themes_own_search_is_broken(browser: Any, sites: Sites, theme: str) -> None:
    base = sites.url(theme, "zh")
    browser.get_log("browser")  # drop earlier messages
    # readthedocs' search page searches ?q=, once its own search is ready: here never.
    open_page(browser, f"{base}search.html?q=871310" if theme == "readthedocs" else f"{base}guide/")
    if theme == "mkdocs":
        search_box(browser, theme).send_keys("871310")
    assert lookup_results(browser, "871310")[0]["href"] == f"{base}android/#871310"
    errors: list[str] = []

    def lunr_failed(driver: Any) -> bool:
        errors.extend(entry["message"] for entry in driver.get_log("browser") if entry["level"] == "SEVERE")
        return any("lunr.zh.js" in message and "'cut'" in message for message in errors)

    WebDriverWait(browser, 10).until(lunr_failed)
    assert browser.execute_script("return document.querySelector('#mkdocs-search-results article')") is None
    if theme == "readthedocs":  # the lookup's block comes before the theme's results
        block = browser.execute_script("return document.getElementById('mkdocs-search-results').previousElementSibling")
        assert "errorspec-lookup" in block.get_attribute("class")


def test_the_themes_own_results_are_still_shown(browser: Any, sites: Sites) -> None:
    base = sites.url("mkdocs", "en")
    open_page(browser, f"{base}guide/")
    box = search_box(browser, "mkdocs")
    box.send_keys("chatroom")
    results = lookup_results(browser, "chatroom")
    assert len(results) == 10
    more = browser.find_element(By.CSS_SELECTOR, ".errorspec-lookup:not([hidden]) .errorspec-lookup__more")
    assert re.fullmatch(r"\d+ more", more.get_attribute("textContent"))
    theirs = "return [...document.querySelectorAll('#mkdocs-search-results article a')].map(a => a.href)"
    WebDriverWait(browser, 10).until(lambda driver: f"{base}guide/" in driver.execute_script(theirs))
    order = "return document.getElementById('mkdocs-search-results').previousElementSibling.className"
    assert "errorspec-lookup" in browser.execute_script(order)
    box.send_keys(" service")  # MkDocs renders its results again; the lookup's block stays, hidden (no code)
    WebDriverWait(browser, 10).until(
        lambda driver: driver.execute_script("return document.querySelector('.errorspec-lookup').hidden")
    )
    assert f"{base}guide/" in browser.execute_script(theirs)


def test_material_keeps_its_own_results_and_keys(browser: Any, sites: Sites) -> None:
    base = sites.url("material", "en")
    open_page(browser, f"{base}guide/")
    box = search_box(browser, "material")
    box.send_keys("chatroom")
    lookup_results(browser, "chatroom")
    theirs = "return [...document.querySelectorAll('.md-search-result__item > a')].map(a => a.href.split('?')[0])"
    WebDriverWait(browser, 10).until(lambda driver: f"{base}guide/" in driver.execute_script(theirs))
    focused = "return document.activeElement.className + ' ' + (document.activeElement.getAttribute('href') || '')"
    box.send_keys(Keys.ARROW_DOWN)
    assert "errorspec-lookup__link" in browser.execute_script(focused)
    browser.switch_to.active_element.send_keys(Keys.ARROW_UP)
    assert "md-search__input" in browser.execute_script(focused)
    box.send_keys(Keys.ENTER)  # no exact code: Material's Enter, to its best result
    WebDriverWait(browser, 10).until(expected_conditions.url_contains("/guide/"))


def test_an_enter_before_the_answer_waits_for_it(browser: Any, sites: Sites) -> None:
    base = sites.url("readthedocs", "en")
    open_page(browser, f"{base}guide/")
    # Typed at once, on a page whose lookup has not started: the code's answer comes after the Enter.
    browser.find_element(By.CSS_SELECTOR, "#rtd-search-form input[name=q]").send_keys("871310" + Keys.ENTER)
    WebDriverWait(browser, 10).until(expected_conditions.url_contains("#871310"))
    assert browser.current_url == f"{base}android/#871310"


@pytest.mark.parametrize("query", ["chatroom", "12345"])
def test_enter_without_a_code_is_the_themes(browser: Any, sites: Sites, query: str) -> None:
    base = sites.url("readthedocs", "en")
    open_page(browser, f"{base}guide/")
    browser.find_element(By.CSS_SELECTOR, "#rtd-search-form input[name=q]").send_keys(query + Keys.ENTER)
    WebDriverWait(browser, 10).until(expected_conditions.url_contains("search.html"))
    assert browser.current_url == f"{base}search.html?q={query}"


@pytest.mark.parametrize("how", ["click", "enter"])
def test_a_code_on_the_same_page_closes_the_dialog_and_shows_the_row(browser: Any, sites: Sites, how: str) -> None:
    base = sites.url("mkdocs", "zh")
    open_page(browser, f"{base}android/")
    box = search_box(browser, "mkdocs")
    box.send_keys("871310")
    lookup_results(browser, "871310")
    if how == "click":
        browser.find_element(By.CSS_SELECTOR, ".errorspec-lookup:not([hidden]) a.errorspec-lookup__link").click()
    else:
        box.send_keys(Keys.ENTER)
    WebDriverWait(browser, 10).until(expected_conditions.url_contains("#871310"))
    assert browser.current_url == f"{base}android/#871310"
    dialog = browser.find_element(By.ID, "mkdocs_search_modal")
    WebDriverWait(browser, 10).until(lambda driver: not dialog.is_displayed())
    WebDriverWait(browser, 10).until(lambda driver: row_in_view(driver, "871310"))


def test_only_text_and_highlights_are_shown(browser: Any, sites: Sites) -> None:
    base = sites.url("readthedocs", "en")
    open_page(browser, f"{base}guide/")
    box = search_box(browser, "readthedocs")
    box.send_keys("<img src=x onerror=window.__pwned=1>")
    box.clear()
    box.send_keys("network")
    lookup_results(browser, "network")
    tags = browser.execute_script(
        "return [...new Set([...document.querySelectorAll('.errorspec-lookup *')].map(e => e.localName))]"
    )
    assert set(tags) <= {"div", "ol", "li", "a", "span", "mark", "button"}
    assert browser.execute_script("return window.__pwned") is None


def test_the_sidebars_results_go_away_when_the_reader_goes_elsewhere(browser: Any, sites: Sites) -> None:
    open_page(browser, f"{sites.url('readthedocs', 'en')}guide/")
    box = search_box(browser, "readthedocs")
    box.send_keys("871310")
    lookup_results(browser, "871310")
    shown = "return document.querySelectorAll('.errorspec-lookup:not([hidden])').length"
    browser.find_element(By.CSS_SELECTOR, ".rst-content h1").click()
    assert browser.execute_script(shown) == 0
    box.click()  # back in the box: its results again
    assert browser.execute_script(shown) == 1
    box.send_keys(Keys.ESCAPE)
    assert browser.execute_script(shown) == 0


@pytest.mark.parametrize("theme", ["mkdocs", "readthedocs"])
def test_without_its_worker_the_lookup_leaves_the_theme_alone(browser: Any, sites: Sites, theme: str) -> None:
    base = sites.url_without_worker(theme, "en")
    browser.get_log("browser")
    open_page(browser, f"{base}guide/")
    if theme == "mkdocs":  # the worker has failed: the theme shows its own results, and only them
        box = search_box(browser, "mkdocs")
        box.send_keys("chatroom")
        theirs = "return [...document.querySelectorAll('#mkdocs-search-results article a')].map(a => a.href)"
        WebDriverWait(browser, 10).until(lambda driver: f"{base}guide/" in driver.execute_script(theirs))
    else:  # typed at once: the Enter waits for the code, and is the theme's when the worker fails
        box = browser.find_element(By.CSS_SELECTOR, "#rtd-search-form input[name=q]")
        box.send_keys("871310" + Keys.ENTER)
        WebDriverWait(browser, 10).until(expected_conditions.url_contains("search.html"))
        assert browser.current_url == f"{base}search.html?q=871310"
    assert browser.execute_script("return document.querySelectorAll('.errorspec-lookup:not([hidden])').length") == 0
    errors = [entry["message"] for entry in browser.get_log("browser") if entry["level"] == "SEVERE"]
    assert not [message for message in errors if "lookup.js" in message], errors
