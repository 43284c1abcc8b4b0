"""Landing on a code, and the page behind the permanent URLs (codes/#...).

Landing: through a permanent URL, a link to a platform page's row or a link on the page, the row
is marked, alone, and stops below the theme's sticky header, on a desktop and on a phone, in
errorspec's own site and as a guest of a host's site; no word is highlighted. The permanent-URL
page is a page of the site in its language; its chooser shows each code's message and
description; every hash that names no code gets a sentence, and a number that is no code what
the spec knows of it, by the rule the command line and the search follow (pasted.py).
"""

from __future__ import annotations

import contextlib
import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from bs4 import BeautifulSoup
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from conftest import SPEC, build_site, open_page, screen, serve, write_config
from errorspec.publish.interface import UI
from errorspec.sources.manifest import load_manifest
from errorspec.spec.pasted import Catalogue, Known
from errorspec.spec.specfiles import load_spec

HOST = Path(__file__).resolve().parent / "host"
SHARED_NAME = "INVALID_REQUEST"  # one name of two codes of two platforms, for the chooser
# A range documented in English only: the Chinese page shows it marked as English.
ANDROID_RANGE = {"prefix": "8713", "description": {"en": "Network and message errors of the Android SDK", "zh": None}}
SHOWN = 80  # characters of a long hash the page shows back

# Installed before any page's own script: uncaught errors and rejections, kept in sessionStorage,
# which outlives a redirect within the site.
ERRORS = """
(() => {
  const record = detail => {
    const log = JSON.parse(sessionStorage.getItem('__errors') || '[]')
    sessionStorage.setItem('__errors', JSON.stringify([...log, detail + ' (' + location.href.slice(0, 200) + ')']))
  }
  addEventListener('error', event => {
    if (event instanceof ErrorEvent) record(event.message + ' at ' + event.filename + ':' + event.lineno)
  }, true)
  addEventListener('unhandledrejection', event => record('unhandled rejection: ' + String(event.reason)))
})()
"""


def edited_spec(target: Path) -> Path:
    """The project's spec with a range of Android codes and a name two codes share."""
    shutil.copytree(SPEC, target)
    for platform, code in (("android", 871101), ("web", 880001)):
        path = target / f"{platform}.yaml"
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        entry = next(entry for entry in data["codes"] if entry["code"] == code)
        entry["constants"] = {platform: {"name": SHARED_NAME}}
        if platform == "android":
            data["ranges"] = [ANDROID_RANGE]
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return target


@pytest.fixture(scope="module")
def spec_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return edited_spec(tmp_path_factory.mktemp("landing") / "spec")


@pytest.fixture(scope="module")
def site(spec_dir: Path) -> Path:
    return build_site(write_config(spec_dir.parent, spec_dir, {"history": 0}), spec_dir.parent / "site")


@pytest.fixture(scope="module")
def base_url(site: Path) -> Iterator[str]:
    with serve(site) as url:
        yield url


@pytest.fixture(scope="module")
def catalogue(spec_dir: Path) -> Catalogue:
    """The command line's reading of the spec: what a number that is no code is, by its rule."""
    spec = load_spec(spec_dir, load_manifest(spec_dir))
    known = [
        Known(platform.platform, entry.code, entry.message) for platform in spec.platforms for entry in platform.entries
    ]
    ranges = [(platform.platform, code_range.prefix) for platform in spec.platforms for code_range in platform.ranges]
    return Catalogue(known, ranges)


@pytest.fixture
def errors(browser: Any) -> Iterator[Any]:
    """The browser, recording every uncaught error of the pages it opens; the test reads them."""
    installed = browser.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": ERRORS})
    try:
        yield browser
    finally:
        browser.execute_cdp_cmd("Page.removeScriptToEvaluateOnNewDocument", {"identifier": installed["identifier"]})


def uncaught(browser: Any) -> list[str]:
    log = browser.execute_script("const log = sessionStorage.getItem('__errors'); sessionStorage.clear(); return log")
    return json.loads(log or "[]")


def page(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path).read_text(encoding="utf-8"), "html.parser")


def page_data(site: Path, path: str) -> dict[str, Any]:
    return json.loads(page(site, path).find(id="errorspec-codes").get_text())


# --- the page of the site --------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_permanent_url_page_is_a_page_of_the_site_in_its_language(site: Path, lang: str) -> None:
    prefix = "zh/" if lang == "zh" else ""
    codes = page(site, f"{prefix}codes/index.html")
    assert codes.html["lang"] == lang
    # Material's header, search and navigation, as on every page.
    assert codes.select_one(".md-header")
    assert codes.select_one(".md-search")
    assert "../android/" in [a["href"] for a in codes.select(".md-nav--primary a")]
    assert codes.title.get_text().startswith(UI[lang]["resolver.index"])
    # As built (codes/ alone): what it is for, and each platform.
    result = codes.find(id="errorspec-result")
    assert [element.get_text() for element in result.find_all(["h1", "p"], recursive=False)] == [
        UI[lang]["resolver.index"],
        UI[lang]["resolver.lead"],
    ]
    assert len(result.select("li > a")) == 6
    # It leads elsewhere: not in the navigation, the sitemap or the theme's search index.
    home = page(site, f"{prefix}index.html")
    assert not [a for a in home.select(".md-nav a") if a["href"].endswith("codes/")]
    assert "/codes/" not in (site / "sitemap.xml").read_text(encoding="utf-8")
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert not [doc for doc in index["docs"] if "codes/" in doc["location"]]


def test_the_page_carries_messages_only_for_codes_offered_together(site: Path) -> None:
    # A catalogue has tens of thousands of codes: the page carries a code's message and
    # description only where it offers the code beside others (code 0 is on three platforms;
    # SHARED_NAME names two codes).
    about = page_data(site, "codes/index.html")["about"]
    assert set(about) == {"android/0", "jmrtc-android/0", "web/0", "android/871101", "web/880001"}
    assert about["web/880001"] == ["missing error", "Unknown error code"]
    assert about["jmrtc-android/0"] == ["ok", "成功", "zh", "Chinese only"]  # marked as the rows mark it
    assert page_data(site, "zh/codes/index.html")["about"]["jmrtc-android/0"] == ["ok", "成功"]


@pytest.fixture(scope="module")
def guest(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The host's Chinese site (tests/host/, the mkdocs theme) with errorspec as a guest."""
    return build_site(HOST / "mkdocs.yml", tmp_path_factory.mktemp("guest") / "site")


def test_as_a_guest_the_page_is_the_hosts_theme(guest: Path) -> None:
    codes = page(guest, "codes/index.html")
    assert codes.html["lang"] == "zh"
    assert codes.select_one(".navbar")  # the host's header and search
    assert codes.select_one("#mkdocs_search_modal")
    assert codes.find(id="errorspec-result").h1.get_text() == UI["zh"]["resolver.index"]
    links = [a["href"] for a in codes.select("#errorspec-result li > a")]
    assert links[0] == "../jmessage/client/im_errorcode_android/"  # the host's first page of codes


# --- what the page says ------------------------------------------------------------------------------------


def result(browser: Any) -> tuple[str, list[str], list[dict[str, Any]]]:
    """What the page says: its heading, its sentences, and each code it offers (link, text, parts)."""
    script = """
        const main = document.getElementById('errorspec-result')
        return [main.querySelector('h1').textContent,
          [...main.querySelectorAll(':scope > p')].map(p => p.textContent),
          [...main.querySelectorAll('li')].map(li => {
            const part = selector => li.querySelector(selector)
            const described = part('.errorspec-description')
            return {href: li.querySelector('a').getAttribute('href'), label: li.querySelector('a').textContent,
              names: [...li.querySelectorAll('.errorspec-constant')].map(name => name.textContent.trim()),
              message: part('.errorspec-message') && part('.errorspec-message').textContent,
              description: described && (described.querySelector('[lang]') || described).textContent,
              lang: described && described.querySelector('[lang]') && described.querySelector('[lang]').lang,
              marker: part('.errorspec-marker') && part('.errorspec-marker').textContent}
          })]
    """
    heading, sentences, offered = browser.execute_script(script)
    return heading, sentences, offered


def test_a_code_on_several_platforms_offers_each_with_its_message_and_description(browser: Any, base_url: str) -> None:
    open_page(browser, f"{base_url}codes/#0")
    heading, _, offered = result(browser)
    assert heading == "Code 0 is on several platforms"
    assert [(item["label"], item["href"], item["message"], item["description"]) for item in offered] == [
        ("JMessage Android 0", "../android/#0", "Success", "success"),
        ("JMRTC Android 0", "../jmrtc-android/#0", "ok", "成功"),
        ("JMessage Web 0", "../web/#0", "success", "Successful"),
    ]
    # JMRTC Android's 0 is described in Chinese only: said so, in its language.
    assert (offered[1]["lang"], offered[1]["marker"]) == ("zh", "Chinese only")
    assert offered[0]["marker"] is None
    open_page(browser, f"{base_url}zh/codes/#0")
    heading, _, offered = result(browser)
    assert heading == "错误码 0 出现在多个平台"
    assert [item["description"] for item in offered] == ["成功", "成功", "请求成功"]


def test_a_name_of_several_codes_offers_each_with_its_message_and_description(browser: Any, base_url: str) -> None:
    open_page(browser, f"{base_url}codes/#{SHARED_NAME}")
    heading, _, offered = result(browser)
    assert heading == f"{SHARED_NAME} names several codes"
    assert [(item["label"], item["names"], item["message"], item["description"]) for item in offered] == [
        ("JMessage Android 871101", [SHARED_NAME], "Invalid request parameters.", "The request parameter is illegal"),
        ("JMessage Web 880001", [SHARED_NAME], "missing error", "Unknown error code"),
    ]


@pytest.mark.parametrize(
    ("lang", "number"),
    [
        ("en", "999999"),  # past the last codes of the server: the nearest are below it
        ("en", "871350"),  # in Android's range 8713, between its codes
        ("zh", "871350"),
        ("en", "861500"),  # in the iOS SDK's range 86
        ("en", "871153"),  # as near to 871105 as to 871201: the lower first
        ("en", "-5"),
        ("en", "9007199254740993"),  # past 2**53: still a number, compared exactly
    ],
)
def test_a_number_that_is_no_code_says_its_range_and_its_nearest_codes(
    browser: Any, base_url: str, catalogue: Catalogue, lang: str, number: str
) -> None:
    expected = catalogue.not_a_code(int(number))
    prefix = "zh/" if lang == "zh" else ""
    open_page(browser, f"{base_url}{prefix}codes/#{number}")
    heading, sentences, offered = result(browser)
    ui = UI[lang]
    assert heading == ui["search.not_code"].format(number=number)  # as the search's result says it
    titles = {"ios": "JMessage iOS", "android": "JMessage Android"}
    android = ANDROID_RANGE["description"]["en"]
    descriptions = {
        "86": {"en": "Internal errors of the iOS SDK", "zh": "iOS SDK 内部的错误码"},
        "8713": {"en": android, "zh": f"{android} 仅英文"},  # with its marker
    }
    said = [
        ui["search.range_described"].format(
            prefix=range_prefix, platform=titles[platform], description=descriptions[range_prefix][lang]
        )
        for platform, range_prefix in expected.ranges
    ]
    assert sentences == [*said, ui["resolver.nearest"]]
    nearest = [item["href"].rsplit("#", 1)[1] for item in offered]
    assert list(dict.fromkeys(nearest)) == [str(code) for code in expected.nearest]


def long_hash(text: str) -> str:
    return f"{text[:SHOWN]}…"


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_hash_gets_a_sentence_in_the_pages_language_and_no_error(
    errors: Any, base_url: str, catalogue: Catalogue, lang: str
) -> None:
    ui = UI[lang]
    prefix = "zh/" if lang == "zh" else ""
    missing = ui["resolver.missing"]
    cases = {
        "": ui["resolver.index"],
        "%20": ui["resolver.index"],
        "%E0%A4%A": missing.format(code="%E0%A4%A"),
        "%": missing.format(code="%"),
        "constructor/0": missing.format(code="constructor/0"),
        "__proto__/1": missing.format(code="__proto__/1"),
        "android/": missing.format(code="android/"),
        "x" * 100_000: missing.format(code=long_hash("x" * 100_000)),
        "9" * 100_000: ui["search.not_code"].format(number=long_hash("9" * 100_000)),
        "999999": ui["search.not_code"].format(number="999999"),
    }
    for fragment, heading in cases.items():
        open_page(errors, "about:blank")
        open_page(errors, f"{base_url}{prefix}codes/#{fragment}")
        assert result(errors)[0] == heading, fragment[:20]
        assert "/codes/" in errors.current_url
        assert errors.find_element(By.ID, "errorspec-result").text.strip()
        assert uncaught(errors) == [], fragment[:20]


# --- landing on a code ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def sticky_tabs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """errorspec's site on Material with sticky navigation tabs: a header twice as tall."""
    root = tmp_path_factory.mktemp("tabs")
    theme = {"name": "material", "font": False, "features": ["navigation.tabs", "navigation.tabs.sticky"]}
    return build_site(write_config(root, SPEC, {"history": 0}, theme=theme), root / "site")


@pytest.fixture(scope="module")
def guest_material(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_site(HOST / "mkdocs.material.yml", tmp_path_factory.mktemp("guest-material") / "site")


@pytest.fixture(scope="module")
def landing_sites(
    real_site: Path, guest: Path, guest_material: Path, sticky_tabs: Path
) -> Iterator[dict[str, tuple[str, str]]]:
    """Each site served: its base URL and the page that holds Android's codes."""
    with contextlib.ExitStack() as stack:
        pages = {
            "errorspec": (real_site, "android/"),
            "guest-mkdocs": (guest, "jmessage/client/im_errorcode_android/"),
            "guest-material": (guest_material, "jmessage/client/im_errorcode_android/"),
            "sticky-tabs": (sticky_tabs, "android/"),
        }
        yield {name: (stack.enter_context(serve(site)), path) for name, (site, path) in pages.items()}


LANDED = """
const row = document.getElementById(arguments[0])
const box = row.getBoundingClientRect()
const header = document.querySelector('.md-header, .navbar.fixed-top').getBoundingClientRect().bottom
// A row is tinted in its cells, or, where a narrow screen makes it one block, as a whole.
const background = tr => [tr, tr.cells[1]].map(box => getComputedStyle(box).backgroundColor).join()
return {top: Math.round(box.top), bottom: Math.round(box.bottom), header: Math.round(header), height: innerHeight,
  marked: [...document.querySelectorAll('tr')].filter(tr => getComputedStyle(tr).outlineStyle !== 'none')
    .map(tr => tr.id),
  outline: getComputedStyle(row).outlineWidth, tinted: background(row) !== background(row.nextElementSibling),
  marks: document.querySelectorAll('mark').length}
"""


def landed(browser: Any, code: str) -> dict[str, Any]:
    """Where the code's row is once the page stops scrolling (some themes scroll smoothly)."""
    seen: list[dict[str, Any]] = []

    def still(driver: Any) -> bool:
        seen.append(driver.execute_script(LANDED, code))
        return len(seen) > 2 and seen[-1] == seen[-2] == seen[-3]

    WebDriverWait(browser, 10, poll_frequency=0.2).until(still)
    return seen[-1]


# Each site on a desktop and on a phone; Material shows its tabs on wide screens only.
SCREENS = [
    *((site, width) for site in ("errorspec", "guest-mkdocs", "guest-material") for width in (1280, 390)),
    ("sticky-tabs", 1280),
]


@pytest.mark.parametrize(("site", "width"), SCREENS)
@pytest.mark.parametrize("way", ["permanent URL", "platform page link", "link on the page"])
def test_landing_on_a_code_marks_its_row_below_the_header(
    browser: Any, landing_sites: dict[str, tuple[str, str]], site: str, width: int, way: str
) -> None:
    base, android = landing_sites[site]
    with screen(browser, width):
        open_page(browser, "about:blank")
        if way == "permanent URL":
            open_page(browser, f"{base}codes/#android/871310")
        elif way == "platform page link":
            open_page(browser, f"{base}{android}#871310")
        else:  # a link on the page to the row: the page scrolls, it does not load
            open_page(browser, f"{base}{android}")
            browser.execute_script("document.querySelector('a[href=\"#871310\"]').click()")
        WebDriverWait(browser, 10).until(lambda driver: driver.current_url == f"{base}{android}#871310")
        where = landed(browser, "871310")
    assert where["header"] <= where["top"], where  # not under the header
    assert where["bottom"] <= where["height"], where  # the whole row in the window
    assert where["marked"] == ["871310"], where  # outlined, and only it
    assert where["outline"] == "2px"
    assert where["tinted"], where
    assert where["marks"] == 0  # no word highlighted
