"""Every client script treats what reaches it from outside as data (issue 18): the query, the
address's hash and what the tab's session storage holds.

Hostile and huge inputs (a 100 KB query, regular-expression metacharacters, lone surrogates, NUL,
right-to-left overrides, HTML and script) go into Material's search box (errorspec's worker), a
host's search box (errorspec's code lookup), the permanent-URL page, a platform page (landing on a
code, the language menu) and the 404 page, in headless Chromium. None leaves an error in the
console (Chromium's log: an uncaught exception, in a page or its worker, or a rejected promise),
none runs, and search answers a normal query afterwards.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from selenium.webdriver.support.ui import WebDriverWait

from conftest import build_site, lookup_results, open_page, serve
from test_not_found import _StaticHost

HOST = Path(__file__).resolve().parent / "host"
HOST_ANDROID = "jmessage/client/im_errorcode_android/"

# Each a JavaScript expression, evaluated in the page: a lone surrogate cannot travel through
# WebDriver's JSON. Each runs `window.__ran = 1` if any of it becomes markup or script.
HOSTILE = {
    "100 KB": '"([".repeat(51200)',
    "100 KB of words": 'Array.from({length: 14000}, (_, i) => "w" + i.toString(36)).join(" ")',
    "100 KB of digits": '"9".repeat(102400)',
    "metacharacters": r'".*+?^${}()|[]\\/(?<=x)\\1\\k<y>(?".repeat(100)',
    "lone surrogates": r'"\ud800 871310 \udfff\udc00".repeat(1000)',
    "NUL": r'"\u0000errorCode=871310\u0000"',
    "right-to-left": r'"\u202e871310\u202c \u2066kJMSGErrorSDKUserNotLogin\u2069 \u200f"',
    "markup": r'"<img src=x onerror=window.__ran=1><script>window.__ran=1</script>\"><svg onload=window.__ran=1>"',
    "percent-encoding": '"%E0%A4%A %ZZ %"',
    "prototype keys": '"constructor __proto__ toString/1 hasOwnProperty"',
}

# A paste: the box's text set at once, then an input event (errorspec's lookup reads it) and, for
# Material's own search, a key-up.
PASTE = """
const [selector, keyUp] = arguments
const box = document.querySelector(selector)
box.focus()
box.value = %s
box.dispatchEvent(new InputEvent('input', {bubbles: true, inputType: 'insertFromPaste'}))
if (keyUp) box.dispatchEvent(new KeyboardEvent('keyup', {bubbles: true, key: 'v', ctrlKey: true}))
"""
MATERIAL_BOX = "input.md-search__input"


def console_errors(browser: Any) -> list[str]:
    """What the console said was an error since the last call: not a missing file (a 404 page is
    one, and Material asks for a sitemap that the site's language folders do not have)."""
    return [
        entry["message"]
        for entry in browser.get_log("browser")
        if entry["level"] == "SEVERE" and entry["source"] != "network"
    ]


def paste(browser: Any, selector: str, expression: str, key_up: bool = True) -> None:
    browser.execute_script(PASTE % expression, selector, key_up)


def first_material_result(browser: Any) -> str | None:
    return browser.execute_script("return document.querySelector('.md-search-result__item > a')?.href ?? null")


@pytest.fixture(scope="module")
def owner(real_site: Path) -> Iterator[str]:
    """errorspec's own site, served as a static host serves it (a missing path gets 404.html)."""
    with serve(real_site, _StaticHost) as url:
        yield url


@pytest.fixture(scope="module")
def guest(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The host's Chinese site on Material (tests/host), errorspec a guest in it, served."""
    with serve(build_site(HOST / "mkdocs.material.yml", tmp_path_factory.mktemp("guest") / "site")) as url:
        yield url


@pytest.mark.parametrize("prefix", ["", "zh/"])
def test_the_search_worker_answers_every_hostile_query_and_then_a_code(browser: Any, owner: str, prefix: str) -> None:
    open_page(browser, f"{owner}{prefix}android/")
    console_errors(browser)
    for name, expression in HOSTILE.items():
        paste(browser, MATERIAL_BOX, expression)
        # Each query is answered before the next: the worker answers in order, and a code's file
        # arrives before the entries, so that the code query's answer comes last.
        paste(browser, MATERIAL_BOX, '"871310"')
        WebDriverWait(browser, 10).until(lambda driver: (first_material_result(driver) or "").endswith("#871310"))
        assert console_errors(browser) == [], name
    assert browser.execute_script("return window.__ran") is None


def test_the_code_lookup_answers_every_hostile_query_and_then_a_code(browser: Any, guest: str) -> None:
    open_page(browser, f"{guest}jmessage/guideline/faq/")
    console_errors(browser)
    for name, expression in HOSTILE.items():
        # The input event only: the host's own search (Material's lunr) is the host's, and a
        # query of 14,000 words holds its tab for minutes.
        paste(browser, MATERIAL_BOX, expression, key_up=False)
        paste(browser, MATERIAL_BOX, '"871310"', key_up=False)
        assert lookup_results(browser, "871310")[0]["href"] == f"{guest}{HOST_ANDROID}#871310", name
        assert console_errors(browser) == [], name
    assert browser.execute_script("return window.__ran") is None


# The pages whose scripts read the hash: the permanent-URL page, a platform page (landing on a
# code, and a code on another part of it), and the 404 page of each language.
HASH_PAGES = ["codes/", "zh/codes/", "android/", "zh/android/", "no/such/page/", "zh/no/such/page/"]


@pytest.mark.parametrize("path", HASH_PAGES)
def test_every_hostile_hash_is_read_without_an_error(browser: Any, owner: str, path: str) -> None:
    console_errors(browser)
    for name, expression in HOSTILE.items():
        # As a link opens it (the hash read when the page loads), then changed on the page.
        open_page(browser, "about:blank")
        browser.execute_script(f"location.href = arguments[0] + '#' + ({expression})", owner + path)
        WebDriverWait(browser, 10).until(
            lambda driver: driver.execute_script("return document.readyState === 'complete' && location.hash !== ''")
        )
        browser.execute_script(f"location.hash = {expression}")
        assert browser.execute_script("return document.body.innerText.trim() !== ''"), name
        assert console_errors(browser) == [], (path, name)
        assert browser.execute_script("return window.__ran") is None


def test_the_language_menu_carries_a_hostile_hash_along(browser: Any, owner: str) -> None:
    console_errors(browser)
    for name, expression in HOSTILE.items():
        open_page(browser, f"{owner}android/")
        browser.execute_script(f"location.hash = {expression}")
        hash_before = browser.execute_script("return location.hash")
        browser.execute_script("document.querySelector('a.md-select__link[hreflang=zh]').click()")
        WebDriverWait(browser, 10).until(
            lambda driver: (
                f"{owner}zh/" in driver.current_url
                and driver.execute_script("return document.readyState") == "complete"
            )
        )
        # A number that no row of the page has goes on to the permanent URL (`#android/<number>`).
        assert browser.execute_script("return location.hash").endswith(hash_before[1:]), name
        assert console_errors(browser) == [], name


def test_the_404_page_reads_whatever_the_session_storage_holds(browser: Any, owner: str) -> None:
    # The address a reader asked for, kept there by the 404 page of another language's folder.
    console_errors(browser)
    for name, expression in HOSTILE.items():
        open_page(browser, f"{owner}404.html")
        browser.execute_script(f"sessionStorage.setItem('errorspec-asked', {expression})")
        open_page(browser, f"{owner}no/such/page/")
        assert browser.current_url == f"{owner}no/such/page/", name
        assert console_errors(browser) == [], name
