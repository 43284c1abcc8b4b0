"""Whatever a developer pastes into the search box, in headless Chromium: each input of the corpus
(tests/fixtures/pasted.yaml) pasted into Material's search box of the English and the Chinese site,
online and in the offline bundle (file://), and some of them into the code lookup beside a host's
own search (tests/host); what a result says of why it matched, of another language's text, of a
number that is no code; the count of results; a huge paste.

A paste is what a reader's Ctrl+V does: the box's text set at once, then an input and a key-up
event (Material searches on key-up, errorspec's lookup on input).
"""

from __future__ import annotations

import contextlib
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
import yaml
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import WebDriverWait

from conftest import build_site, open_page, row_in_view, search_box, serve
from test_offline import make_bundle

CORPUS: list[dict[str, Any]] = yaml.safe_load((Path(__file__).parent / "fixtures" / "pasted.yaml").read_text("utf-8"))
HOST = Path(__file__).resolve().parent / "host"
MATCHED = {"en": "Matched: ", "zh": "匹配："}
NOT_CODE = {"en": "{} is not a code of this catalogue", "zh": "{} 不是本目录中的错误码"}
NEAREST = {"en": "Nearest code", "zh": "最接近的错误码"}
# The host's pages of codes (tests/host), by platform.
HOST_PAGES = {
    "android": "jmessage/client/im_errorcode_android/",
    "jmrtc-android": "jmessage/client/im_errorcode_android/",
    "ios": "jmessage/client/im_errorcode_ios/",
    "jmrtc-ios": "jmessage/client/im_errorcode_ios/",
    "web": "jmessage/client/im_errorcode_js/",
    "server": "jmessage/client/im_errorcode_server/",
}

PASTE = """
const [selector, text] = arguments
const box = document.querySelector(selector)
box.focus()
box.value = text
box.dispatchEvent(new InputEvent('input', {bubbles: true, inputType: 'insertFromPaste'}))
box.dispatchEvent(new KeyboardEvent('keyup', {bubbles: true, key: 'v', ctrlKey: true}))
"""

# Material's results, as a reader sees them: each link's title without the lines under it, and those
# lines by what they say (what matched, a nearest code, another language, a range).
MATERIAL_RESULTS = """
return [...document.querySelectorAll('.md-search-result__item > a')].map(a => {
  const heading = a.querySelector('h1, h2')
  const lines = kind => [...a.querySelectorAll(`[data-errorspec-note="${kind}"]`)].map(line => line.textContent)
  const matched = a.querySelector('[data-errorspec-reasons]')
  return {
    href: a.href,
    title: [...heading.childNodes].filter(node => !node.classList?.contains('errorspec-teaser'))
      .map(node => node.textContent).join(''),
    reasons: matched ? matched.dataset.errorspecReasons.split(' ') : [],
    matched: matched ? matched.textContent : null,
    nearest: lines('nearest').length > 0,
    other: lines('other-language')[0] || null,
    ranges: lines('range'),
  }
})
"""


def material_paste(browser: Any, text: str) -> list[dict[str, Any]]:
    """Paste `text` into Material's search box: its results, once the worker has answered it."""
    browser.execute_script(
        "document.querySelector('.md-search-result__meta').textContent = ''"
        "; document.querySelector('.md-search-result__list').textContent = ''"
    )
    browser.execute_script(PASTE, "input.md-search__input", text)
    # An answer to this text: not the placeholder of the empty query, which the worker answers at
    # once and whose answer may come after the meta was cleared, on a page that has just opened.
    answered = (
        "const said = document.querySelector('.md-search-result__meta').textContent"
        "; const config = JSON.parse(document.getElementById('__config').textContent)"
        "; return !!said && said !== config.translations['search.result.placeholder']"
    )
    WebDriverWait(browser, 15).until(lambda driver: driver.execute_script(answered))
    results = browser.execute_script(MATERIAL_RESULTS)
    assert isinstance(results, list)
    return results


def every_result(browser: Any) -> list[dict[str, Any]]:
    """Material's results once it has shown every one it counts: it shows 10, then 4 more each time
    the reader scrolls down to the end of the list (from above it: it watches for the end coming into view)."""
    meta = browser.find_element(By.CSS_SELECTOR, ".md-search-result__meta").get_attribute("textContent")
    count = int(re.search(r"\d+", meta)[0])
    shown = "return document.querySelectorAll('.md-search-result__item').length"
    scroll = """
        const [done] = arguments, wrap = document.querySelector('.md-search__scrollwrap')
        wrap.scrollTop = 0
        requestAnimationFrame(() => requestAnimationFrame(() => {
          wrap.scrollTop = wrap.scrollHeight
          requestAnimationFrame(() => requestAnimationFrame(done))
        }))
    """
    while browser.execute_script(shown) < count:
        before = browser.execute_script(shown)
        browser.execute_async_script(scroll)
        WebDriverWait(browser, 5).until(lambda driver, before=before: driver.execute_script(shown) > before)
    results = browser.execute_script(MATERIAL_RESULTS)
    assert isinstance(results, list)
    return results


def open_search(browser: Any, url: str) -> None:
    """The page, with its search's entries arrived: a word is answered only once they have."""
    open_page(browser, url)
    assert material_paste(browser, "chat")


def without_query(url: str) -> str:
    """A result's link without Material's `?h=` (no words to highlight for a code)."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}{parts.path}#{parts.fragment}"


@pytest.fixture(scope="module")
def online(real_site: Path) -> Iterator[str]:
    with serve(real_site) as url:
        yield url


@pytest.fixture(scope="module")
def offline(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The offline bundle, unzipped: its root's file:// URL."""
    root = tmp_path_factory.mktemp("paste-bundle")
    with zipfile.ZipFile(make_bundle(root)) as archive:
        archive.extractall(root / "unzipped")
    [folder] = (root / "unzipped").iterdir()
    return f"{folder.as_uri()}/"


def code_url(root: str, file_urls: bool, where: str) -> str:
    """The URL of a code's row ("android/871310") on the site at `root`."""
    platform, code = where.split("/")
    return f"{root}{platform}.html#{code}" if file_urls else f"{root}{platform}/#{code}"


def problems_with(
    case: dict[str, Any], results: list[dict[str, Any]], root: str, file_urls: bool, lang: str
) -> list[str]:
    """What the results for a case of the corpus get wrong, if anything."""
    paste, first = case["paste"], case["first"]
    problems = []
    matches = [result for result in results if result["reasons"]]
    if first is None:
        if matches:
            problems.append(f"{paste!r}: no code expected, got {without_query(matches[0]['href'])}")
    elif not results or without_query(results[0]["href"]) != code_url(root, file_urls, first):
        problems.append(f"{paste!r}: first {results[0]['href'] if results else None}, expected {first}")
    elif case["reason"] not in results[0]["reasons"] or not results[0]["matched"].startswith(MATCHED[lang]):
        problems.append(
            f"{paste!r}: matched {results[0]['reasons']} ({results[0]['matched']}), expected {case['reason']}"
        )
    offered = {without_query(result["href"]) for result in matches}
    problems += [
        f"{paste!r}: {also} not offered"
        for also in case.get("also", [])
        if code_url(root, file_urls, also) not in offered
    ]
    if "not_code" in case:
        resolver = f"{root}codes/index.html" if file_urls else f"{root}codes/"
        number = str(case["not_code"])
        notice = results[0] if results else {"href": "", "title": None}
        if (without_query(notice["href"]), notice["title"]) != (f"{resolver}#{number}", NOT_CODE[lang].format(number)):
            problems.append(f"{paste!r}: first {notice['href']} {notice['title']!r}, expected the number is no code")
        if [result["nearest"] for result in results[1:6]] != [True] * 5:
            problems.append(f"{paste!r}: the nearest codes do not follow")
    return problems


@pytest.mark.parametrize("where", ["online", "offline"])
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_each_pasted_input_finds_its_code_first_with_the_reason(
    browser: Any, online: str, offline: str, where: str, lang: str
) -> None:
    file_urls = where == "offline"
    root = (offline if file_urls else online) + ("zh/" if lang == "zh" else "")
    open_search(browser, root + ("index.html" if file_urls else ""))
    problems = [
        problem
        for case in CORPUS
        for problem in problems_with(case, material_paste(browser, case["paste"]), root, file_urls, lang)
    ]
    assert problems == []


@pytest.mark.parametrize(
    ("prefix", "paste"),
    [("", "gotResult: responseCode:871310 ,responseMessage:Network not available"), ("zh/", "network")],
)
def test_enter_lands_on_the_best_match_and_marks_nothing_else_on_the_page(
    browser: Any, online: str, prefix: str, paste: str
) -> None:
    # Material marks a landed page's words where its link says so (?h=): here it would.
    open_page(browser, f"{online}{prefix}android/?h=network#871310")
    marks = "return document.querySelectorAll('article mark').length"
    WebDriverWait(browser, 10).until(lambda driver: driver.execute_script(marks))
    open_search(browser, f"{online}{prefix}")
    results = material_paste(browser, paste)
    row = results[0]["href"].rsplit("#", 1)[1]
    assert row.isdigit()
    browser.find_element(By.CSS_SELECTOR, "input.md-search__input").send_keys(Keys.ENTER)
    WebDriverWait(browser, 10).until(expected_conditions.url_contains(f"#{row}"))
    assert without_query(browser.current_url) == without_query(results[0]["href"])
    WebDriverWait(browser, 10).until(lambda driver: row_in_view(driver, row))
    browser.execute_script("return new Promise(resolve => setTimeout(resolve, 300))")  # Material marks on load
    assert browser.execute_script(marks) == 0


@pytest.mark.parametrize(
    ("prefix", "query", "said"), [("", "聊天室", "Found in the Chinese text"), ("zh/", "chat room", "在英文说明中找到")]
)
def test_a_word_found_only_in_the_other_languages_text_is_offered_after_and_said_so(
    browser: Any, online: str, prefix: str, query: str, said: str
) -> None:
    open_search(browser, f"{online}{prefix}")
    material_paste(browser, query)
    results = every_result(browser)
    elsewhere = [index for index, result in enumerate(results) if result["other"]]
    assert elsewhere, results
    assert {results[index]["other"] for index in elsewhere} == {said}
    assert elsewhere == list(range(elsewhere[0], len(results)))  # after every match in the page's language
    assert elsewhere[0] > 0


@pytest.mark.parametrize("prefix", ["", "zh/"])
def test_a_number_that_is_no_code_says_so_with_its_range_and_the_nearest_codes(
    browser: Any, online: str, prefix: str
) -> None:
    lang = "zh" if prefix else "en"
    open_search(browser, f"{online}{prefix}")
    results = material_paste(browser, "999999")
    assert without_query(results[0]["href"]) == f"{online}{prefix}codes/#999999"
    assert results[0]["title"] == NOT_CODE[lang].format(999999)
    assert results[0]["ranges"] == []
    nearest = results[1:6]
    assert all(result["nearest"] for result in nearest)
    codes = [int(result["href"].rsplit("#", 1)[1]) for result in nearest]
    assert codes == sorted(codes)
    # A number given as an iOS code, in the range the iOS SDK says is its own.
    results = material_paste(browser, 'Error Domain=JMSGErrorDomain Code=869998 "(null)"')
    assert results[0]["title"] == NOT_CODE[lang].format(869998)
    [line] = results[0]["ranges"]
    assert line.startswith(
        {"en": "Codes starting with 86 (JMessage iOS): ", "zh": "以 86 开头的错误码（JMessage iOS）："}[lang]
    )
    assert without_query(results[1]["href"]) == f"{online}{prefix}ios/#869999"


def test_the_count_is_the_number_of_results(browser: Any, online: str) -> None:
    open_search(browser, online)
    material_paste(browser, "user")
    meta = browser.find_element(By.CSS_SELECTOR, ".md-search-result__meta").text
    results = every_result(browser)
    assert meta == f"{len(results)} matching documents"
    assert len(results) > 100  # more than the search sent before, silently
    assert len({result["href"] for result in results}) == len(results)


def test_a_huge_paste_is_read_without_an_error_and_the_search_goes_on(browser: Any, online: str) -> None:
    open_search(browser, online)
    browser.get_log("browser")  # drop earlier messages
    huge = "E/JMessage: gotResult responseCode=871310 (" + "x" * 50_000 + ") " + "请求失败 " * 10_000
    assert len(huge.encode("utf-8")) > 100_000
    results = material_paste(browser, huge)
    assert without_query(results[0]["href"]) == f"{online}android/#871310"
    assert without_query(material_paste(browser, "kJMSGErrorSDKUserNotLogin")[0]["href"]) == f"{online}ios/#863004"
    errors = [entry["message"] for entry in browser.get_log("browser") if entry["level"] == "SEVERE"]
    assert errors == []


# --- the code lookup, beside a host's own search (tests/host) -----------------------------------------------


@pytest.fixture(scope="module")
def hosts(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    """The host's Chinese site on its own theme (`mkdocs`) and its English site on Material, served."""
    root = tmp_path_factory.mktemp("paste-hosts")
    with contextlib.ExitStack() as stack:
        yield {
            theme: stack.enter_context(serve(build_site(HOST / config, root / theme)))
            for theme, config in (("mkdocs", "mkdocs.yml"), ("material", "en/mkdocs.material.yml"))
        }


LOOKUP_RESULTS = """
const block = [...document.querySelectorAll('.errorspec-lookup')].find(block => !block.hidden)
if (!block || !block.querySelector('a')) return null
return {
  links: [...block.querySelectorAll('a.errorspec-lookup__link')].map(a => ({
    href: a.href, exact: a.dataset.errorspecExact || null,
    title: a.querySelector('.errorspec-lookup__title').textContent,
    note: (a.querySelector('.errorspec-lookup__note') || {}).textContent || ''})),
  more: block.querySelector('.errorspec-lookup__more').textContent,
}
"""


def lookup_paste(browser: Any, theme: str, text: str) -> dict[str, Any]:
    """Paste `text` into the theme's search box (open): the lookup's block, once it shows this paste's answer."""
    browser.execute_script(
        "document.querySelectorAll('.errorspec-lookup__list').forEach(list => list.textContent = '')"
    )
    browser.execute_script(PASTE, "input.md-search__input" if theme == "material" else "#mkdocs-search-query", text)
    block = WebDriverWait(browser, 15).until(lambda driver: driver.execute_script(LOOKUP_RESULTS))
    assert isinstance(block, dict)
    return block


@pytest.mark.parametrize(("theme", "lang"), [("mkdocs", "zh"), ("material", "en")])
def test_pasted_inputs_in_a_hosts_search_box(browser: Any, hosts: dict[str, str], theme: str, lang: str) -> None:
    base = hosts[theme]
    cases = [case for case in CORPUS if case["first"]][::4]
    open_page(browser, f"{base}jmessage/guideline/faq/")
    search_box(browser, theme)
    for case in cases:
        first = lookup_paste(browser, theme, case["paste"])["links"][0]
        platform, code = case["first"].split("/")
        anchor = code if (platform, code) != ("jmrtc-android", "0") else "jmrtc-android-0"
        assert (first["href"], first["exact"]) == (f"{base}{HOST_PAGES[platform]}#{anchor}", code), case["paste"]
        assert first["note"].startswith(MATCHED[lang]), case["paste"]
    assert len(cases) >= 10


def test_enter_on_a_pasted_text_in_a_hosts_box_waits_for_the_answer(browser: Any, hosts: dict[str, str]) -> None:
    base = hosts["mkdocs"]
    open_page(browser, f"{base}jmessage/guideline/faq/")
    box = search_box(browser, "mkdocs")
    # Typed and entered at once, before any answer: the Enter waits for the code the text holds.
    box.send_keys('{"error": {"code": 899008, "message": "Basic authentication failed"}}' + Keys.ENTER)
    WebDriverWait(browser, 10).until(expected_conditions.url_contains("#899008"))
    assert browser.current_url == f"{base}{HOST_PAGES['server']}#899008"
    WebDriverWait(browser, 10).until(lambda driver: row_in_view(driver, "899008"))


def test_a_hosts_lookup_says_what_it_found_elsewhere_and_how_many_more(browser: Any, hosts: dict[str, str]) -> None:
    base = hosts["mkdocs"]
    open_page(browser, f"{base}jmessage/guideline/faq/")
    search_box(browser, "mkdocs")
    block = lookup_paste(browser, "mkdocs", "999999")
    assert block["links"][0]["title"] == NOT_CODE["zh"].format(999999)
    assert block["links"][0]["href"] == f"{base}codes/#999999"
    assert [link["note"] for link in block["links"][1:6]] == [NEAREST["zh"]] * 5
    # Every result is offered: 10 shown, the others a click away, and the number says how many.
    block = lookup_paste(browser, "mkdocs", "chat room")
    assert len(block["links"]) == 10
    total = 10 + int(re.fullmatch(r"还有 (\d+) 个", block["more"])[1])
    browser.find_element(By.CSS_SELECTOR, ".errorspec-lookup:not([hidden]) .errorspec-lookup__more button").click()
    shown = browser.execute_script(LOOKUP_RESULTS)
    assert len(shown["links"]) == total
    assert shown["more"] == ""
    # Those found only in the English text come last, and say so.
    notes = [link["note"] for link in shown["links"]]
    elsewhere = notes.index("在英文说明中找到")
    assert elsewhere > 0
    assert notes[elsewhere:] == ["在英文说明中找到"] * (total - elsewhere)


def test_a_huge_paste_in_a_hosts_box_answers_and_the_lookup_goes_on(browser: Any, hosts: dict[str, str]) -> None:
    base = hosts["material"]
    open_page(browser, f"{base}jmessage/guideline/faq/")
    search_box(browser, "material")
    browser.get_log("browser")
    huge = "W/JMessage: errorCode=871310 " + "<img src=x onerror=window.__pwned=1> " * 3000
    assert lookup_paste(browser, "material", huge)["links"][0]["href"] == f"{base}{HOST_PAGES['android']}#871310"
    assert lookup_paste(browser, "material", "kJMSGErrorSDKUserNotLogin")["links"][0]["exact"] == "863004"
    assert browser.execute_script("return window.__pwned") is None
    errors = [entry["message"] for entry in browser.get_log("browser") if entry["level"] == "SEVERE"]
    assert errors == []
