"""The site in a real headless Chromium: search, the language switch, anchors and copy links."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import WebDriverWait

from conftest import material_search, open_page, serve


@pytest.fixture(scope="module")
def base_url(real_site: Path) -> Iterator[str]:
    with serve(real_site) as url:
        yield url


@pytest.mark.parametrize("prefix", ["", "zh/"])
def test_an_exact_code_is_the_first_result_and_lands_on_its_row(browser: Any, base_url: str, prefix: str) -> None:
    open_page(browser, f"{base_url}{prefix}")
    results = material_search(browser, "871310")
    assert results[0]["href"].startswith(f"{base_url}{prefix}android/")
    assert results[0]["href"].endswith("#871310")
    browser.find_element(By.CSS_SELECTOR, "input.md-search__input").send_keys(Keys.ENTER)
    WebDriverWait(browser, 10).until(expected_conditions.url_contains("#871310"))
    assert browser.current_url.startswith(f"{base_url}{prefix}android/")
    top = browser.execute_script("return document.getElementById('871310').getBoundingClientRect().top")
    assert 0 <= top < browser.execute_script("return window.innerHeight")


def test_english_words_find_codes(browser: Any, base_url: str) -> None:
    open_page(browser, base_url)
    results = material_search(browser, "chatroom")
    hrefs = [result["href"] for result in results]
    # A code's result carries no words to highlight (`?h=` empty): the page it leads to marks its row only.
    assert f"{base_url}ios/?h=#868002" in hrefs
    assert f"{base_url}android/?h=#871323" in hrefs
    assert all("chatroom" in result["title"].lower().replace(" ", "") for result in results)


@pytest.mark.parametrize(
    ("query", "expected"),
    [("聊天室", "871323"), ("网络", "871310"), ("不合法", "871101"), ("合法", "871303"), ("服务器", "871103")],
)
def test_chinese_words_find_codes_in_the_chinese_site(browser: Any, base_url: str, query: str, expected: str) -> None:
    open_page(browser, f"{base_url}zh/")
    results = material_search(browser, query)
    assert any(result["href"].endswith(f"#{expected}") for result in results), results
    # Codes show the words in their title; a page (the server's, whose intro says 服务器) its own.
    assert all(query in result["title"] for result in results if "#" in result["href"])
    assert all(result["href"].startswith(f"{base_url}zh/") for result in results)


def test_descriptions_in_the_sites_language_rank_first(browser: Any, base_url: str) -> None:
    # Server 7130005 ("chatroom not exist") has only a Chinese description, shown in the English
    # site as a fallback; Android 871323 has an English one. (Every code the Chinese site finds
    # for these words has a Chinese description.)
    open_page(browser, base_url)
    ranked = [result["href"].rsplit("#", 1)[1] for result in material_search(browser, "chatroom not exist")]
    assert ranked.index("871323") < ranked.index("7130005")


def test_switching_language_keeps_the_code(browser: Any, base_url: str) -> None:
    open_page(browser, f"{base_url}android/#871310")
    link = browser.find_element(By.CSS_SELECTOR, 'a.md-select__link[hreflang][hreflang="zh"]')
    browser.execute_script("arguments[0].click()", link)
    WebDriverWait(browser, 10).until(expected_conditions.url_contains("/zh/"))
    assert browser.current_url == f"{base_url}zh/android/#871310"
    assert browser.execute_script("return document.documentElement.lang") == "zh"
    assert "网络连接已断开" in browser.find_element(By.ID, "871310").text


def test_copy_link_carries_the_codes_permanent_url(browser: Any, base_url: str) -> None:
    open_page(browser, f"{base_url}server/")
    button = browser.find_element(By.CSS_SELECTOR, 'tr[id="898000"] button.errorspec-copy')
    assert button.get_attribute("data-clipboard-text") == f"{base_url}codes/#server/898000"
