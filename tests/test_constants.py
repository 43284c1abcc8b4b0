"""What the SDKs' API reference adds to the site: each code's constant names on its row, found by
search and by permanent URL; codes only an SDK declares, marked; codes of seven digits and more;
messages shown verbatim; and a spec of several products on the home page."""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from bs4 import BeautifulSoup
from jinja2 import Environment, FileSystemLoader
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import WebDriverWait

from conftest import (
    SPEC,
    build_site,
    internal_links,
    lookup_results,
    material_search,
    open_page,
    row_in_view,
    search_box,
    serve,
    write_config,
)
from errorspec.model import Constant, Entry, Language, PlatformSpec, Product, Provenance, Spec
from errorspec.publish.interface import UI
from errorspec.publish.plugin import TEMPLATES
from errorspec.publish.site import language_site
from errorspec.sources.manifest import load_manifest
from errorspec.spec.specfiles import load_spec

LONG = 9007199254740991  # 16 digits, the largest code a JavaScript number holds exactly (2**53 - 1)


def declared(name: str, line: int, **fields: str) -> dict[str, Any]:
    """A constant as the importer writes it: read from an SDK's API reference."""
    return {"name": name, "source": {"file": "sources/apiref.html", "line": line}, **fields}


# The iOS SDK names iOS and server codes, some on no page (765003; 7132006 is of seven digits);
# JMRTC Android's SDK declares a code its page lacks (872005). Both Android SDKs name their
# success code NO_ERROR (android's written by hand). Server 898030's message has two spaces, as
# Web 880608's has in the SDK (`num exceed  limit`).
EDITS: dict[str, dict[int, dict[str, Any]]] = {
    "ios": {
        # A name that holds another code's whole name, on a code before it.
        860015: {"constants": {"ios": {"name": "kJMSGErrorSDKUserNotLoginTimeout"}}},
        863004: {"constants": {"ios": declared("kJMSGErrorSDKUserNotLogin", 80, lang="zh", comment="用户未登录")}},
    },
    "android": {0: {"constants": {"android": {"name": "NO_ERROR"}}}},
    "jmrtc-android": {
        0: {"constants": {"jmrtc-android": declared("NO_ERROR", 10)}},
        872005: {
            "message": "invite failed. cannot invite yourself.",
            "description": {"en": None, "zh": "不能邀请自己"},
            "constants": {"jmrtc-android": declared("RTC_INVITE_MYSELF_ERROR", 208)},
        },
    },
    "server": {
        898006: {"constants": {"ios": declared("kJMSGErrorHttpGroupNotExist", 95)}},
        898030: {"message": "num exceed  limit"},
        7132006: {
            "message": "",
            "description": {"en": None, "zh": "用户在聊天室黑名单中"},
            "constants": {"ios": declared("kJMSGErrorTcpUserHasInChatRoomBlacklist", 130, lang="zh")},
        },
        LONG: {
            "message": "a code of sixteen digits",
            "description": {"en": "The largest code a JavaScript number holds exactly.", "zh": None},
            "source": {"en": {"file": "sources/server.en.md", "line": 1}},
        },
    },
}


def edited_spec(target: Path) -> Path:
    """The project's spec with EDITS: each entry changed, or added where the spec lacks it."""
    shutil.copytree(SPEC, target)
    for platform, entries in EDITS.items():
        path = target / f"{platform}.yaml"
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        codes = {entry["code"]: entry for entry in data["codes"]}
        for code, fields in entries.items():
            codes.setdefault(code, {"code": code, "status": "ok"}).update(fields)
        data["codes"] = sorted(codes.values(), key=lambda entry: entry["code"])
        path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return target


@pytest.fixture(scope="module")
def spec_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return edited_spec(tmp_path_factory.mktemp("constants") / "spec")


@pytest.fixture(scope="module")
def site(spec_dir: Path) -> Path:
    return build_site(write_config(spec_dir.parent, spec_dir, {"history": 0}), spec_dir.parent / "site")


@pytest.fixture(scope="module")
def base_url(site: Path) -> Iterator[str]:
    with serve(site) as url:
        yield url


def page(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path).read_text(encoding="utf-8"), "html5lib")


def constants(row: Any) -> list[tuple[str | None, str]]:
    """A row's constant names as it shows them: (the SDK's label, where there is one; the name)."""
    return [
        (sdk.get_text() if (sdk := item.select_one(".errorspec-sdk")) else None, item.select_one("code").get_text())
        for item in row.select(".errorspec-constant")
    ]


# -- the rows --------------------------------------------------------------------------------------


@pytest.mark.parametrize("prefix", ["", "zh/"])
def test_every_row_shows_its_constant_names_as_code_another_platforms_sdk_named(site: Path, prefix: str) -> None:
    ios = page(site, f"{prefix}ios/index.html")
    assert constants(ios.find(id="863004")) == [(None, "kJMSGErrorSDKUserNotLogin")]
    server = page(site, f"{prefix}server/index.html")
    assert constants(server.find(id="898006")) == [("JMessage iOS:", "kJMSGErrorHttpGroupNotExist")]
    assert constants(server.find(id="7132006")) == [("JMessage iOS:", "kJMSGErrorTcpUserHasInChatRoomBlacklist")]
    # The name sits under the message, in the message's cell; a row without one has none.
    cell = server.find(id="898006").select("td")[1]
    assert cell.select_one("code").get_text() == "Group id invalid"
    assert cell.select_one(".errorspec-constant") is not None
    assert constants(page(site, f"{prefix}android/index.html").find(id="871310")) == []
    rtc = page(site, f"{prefix}jmrtc-android/index.html")
    assert constants(rtc.find(id="872005")) == [(None, "RTC_INVITE_MYSELF_ERROR")]


@pytest.mark.parametrize(("prefix", "lang"), [("", "en"), ("zh/", "zh")])
def test_a_code_only_an_sdk_declares_is_marked_in_the_pages_language(
    site: Path, spec_dir: Path, prefix: str, lang: str
) -> None:
    spec = load_spec(spec_dir, load_manifest(spec_dir))
    for platform in spec.platforms:
        rows = page(site, f"{prefix}{platform.platform}/index.html").select("tr[id]")
        marked = [row["id"] for row in rows if row.select_one(".errorspec-undocumented")]
        assert marked == [str(entry.code) for entry in platform.entries if entry.undocumented]
        # A name written by hand (android's NO_ERROR) does not make a code undocumented; nor does
        # a name an SDK declares for a code that is on a page (863004).
        assert {"765003", "872005"} & {row["id"] for row in rows} <= set(marked)
        assert not {"0", "863004"} & set(marked)
    row = page(site, f"{prefix}server/index.html").find(id="765003")
    assert row.select_one(".errorspec-undocumented").get_text() == UI[lang]["undocumented"]
    assert UI["zh"]["undocumented"] == "仅见于 SDK：厂商文档未列出"


def test_no_broken_internal_link(site: Path) -> None:
    assert internal_links(site)[1] == []


def test_constant_names_stay_text_in_rows_search_and_permanent_urls() -> None:
    # The schema lets only identifiers through; the pages escape any name all the same.
    hostile = "</script><img src=x onerror=alert(1)>"
    entry = Entry(
        1, "message", {"en": "Text."}, {}, "ok", constants=(Constant("other", hostile, Provenance("a.html", 1)),)
    )
    platforms = (
        PlatformSpec("sdk", None, {"en": "SDK"}, {}, {}, {}, {}, (), (entry,)),
        PlatformSpec("other", None, {"en": f"<b>{hostile}</b>"}, {}, {}, {}, {}, (), ()),
    )
    site = language_site(Spec((Language("en", "English", "Latn"),), platforms), "en", lambda src: src[:-3] + "/")
    section = next(page for page in site.pages if page.src_uri == "sdk.md").fragments[0]
    html = BeautifulSoup(render(section.template, section.view), "html.parser")
    assert html.find("img") is None
    assert html.find("b") is None
    assert constants(html.find(id="1")) == [(f"<b>{hostile}</b>:", hostile)]
    resolver = next(page for page in site.pages if page.src_uri == "codes/index.md").fragments[0]
    payload = render(resolver.template, resolver.view).split('id="errorspec-codes">', 1)[1].split("</script>", 1)[0]
    assert "<" not in payload
    assert json.loads(payload)["names"] == {"sdk": [["1", hostile, f"<b>{hostile}</b>"]]}


def render(template: str, view: dict[str, Any]) -> str:
    return Environment(loader=FileSystemLoader(TEMPLATES)).get_template(template).render(view)


# -- search ------------------------------------------------------------------------------------------


def index_entries(site: Path, prefix: str = "") -> dict[str, list[Any]]:
    text = (site / prefix / "search" / "errorspec-index.js").read_text(encoding="utf-8")
    return {entry[0]: entry for entry in json.loads(text.split("=", 1)[1])}


def test_a_codes_search_entry_carries_its_constant_names(site: Path) -> None:
    for prefix in ("", "zh/"):
        entries = index_entries(site, prefix)
        assert entries[f"{prefix}server/#898006"][4] == ["kJMSGErrorHttpGroupNotExist"]
        assert entries[f"{prefix}ios/#863004"][4] == ["kJMSGErrorSDKUserNotLogin"]
        assert entries[f"{prefix}android/#871310"][4] == []  # no names, before the other language's text


@pytest.mark.parametrize(
    ("query", "path", "code"),
    [
        ("kJMSGErrorSDKUserNotLogin", "ios/", "863004"),
        ("RTC_INVITE_MYSELF_ERROR", "jmrtc-android/", "872005"),
        ("kjmsgerrorhttpgroupnotexist", "server/", "898006"),  # in any case
    ],
)
def test_a_constant_name_finds_its_code_first_and_enter_lands_on_its_row(
    browser: Any, base_url: str, query: str, path: str, code: str
) -> None:
    open_page(browser, base_url)
    results = material_search(browser, query)
    assert results[0]["href"].startswith(base_url + path)
    assert results[0]["href"].endswith(f"#{code}")
    assert query.lower() in results[0]["title"].lower()  # the name shows in the result
    browser.find_element(By.CSS_SELECTOR, "input.md-search__input").send_keys(Keys.ENTER)
    WebDriverWait(browser, 10).until(expected_conditions.url_contains(f"#{code}"))
    assert browser.current_url.startswith(base_url + path)
    WebDriverWait(browser, 10).until(lambda driver: row_in_view(driver, code))


def test_an_exact_constant_name_ranks_before_codes_that_hold_it(browser: Any, base_url: str) -> None:
    open_page(browser, base_url)
    results = material_search(browser, "kJMSGErrorSDKUserNotLogin")
    assert [result["href"].removeprefix(base_url) for result in results[:2]] == ["ios/#863004", "ios/#860015"]
    # NO_ERROR names two codes: both first, in the spec's order.
    results = material_search(browser, "NO_ERROR")
    assert [result["href"].removeprefix(base_url) for result in results[:2]] == ["android/#0", "jmrtc-android/#0"]
    results = material_search(browser, "HttpGroup")
    assert results[0]["href"].endswith("server/#898006")


# -- codes of seven digits and more ------------------------------------------------------------------


@pytest.mark.parametrize("code", [7132006, LONG])
def test_a_long_code_is_found_anchored_and_has_permanent_urls(browser: Any, base_url: str, code: int) -> None:
    open_page(browser, f"{base_url}zh/")
    results = material_search(browser, str(code))
    assert results[0]["href"] == f"{base_url}zh/server/#{code}"
    browser.find_element(By.CSS_SELECTOR, "input.md-search__input").send_keys(Keys.ENTER)
    WebDriverWait(browser, 10).until(expected_conditions.url_contains(f"#{code}"))
    WebDriverWait(browser, 10).until(lambda driver: row_in_view(driver, str(code)))
    for path in (f"codes/#{code}", f"codes/#server/{code}", f"zh/codes/#{code}"):
        open_page(browser, base_url + path)
        WebDriverWait(browser, 10).until(expected_conditions.url_contains("server/"))
        assert browser.current_url == f"{base_url}{'zh/' if path.startswith('zh/') else ''}server/#{code}"
        WebDriverWait(browser, 10).until(lambda driver: row_in_view(driver, str(code)))


def test_code_files_of_the_search_name_long_codes_by_their_first_digits() -> None:
    codes = [*range(100000, 101000), *range(1000000, 1000600), LONG]
    entries = tuple(Entry(code, f"error {code}", {"en": f"Error {code}."}, {}, "ok") for code in codes)
    platform = PlatformSpec("sdk", None, {"en": "SDK"}, {}, {}, {}, {}, (), entries)
    site = language_site(Spec((Language("en", "English", "Latn"),), (platform,)), "en", lambda src: src[:-3] + "/")
    written = {path: "".join(pieces) for path, pieces in site.extra_files()}
    settings = re.search(r"const SETTINGS = (.*)\n", written["search/errorspec-worker.js"])[1]
    prefix = json.loads(settings)["codePrefix"]
    files = {
        path.rsplit("/", 1)[1].removesuffix(".js"): json.loads(text.split("] = ", 1)[1])["codes"]
        for path, text in written.items()
        if path.startswith("search/errorspec-codes/")
    }
    # As search-worker.js reads them: a code is in the file named by its first `codePrefix` characters.
    assert sorted(code for held in files.values() for code in held) == sorted(map(str, codes))
    for name, held in files.items():
        assert {code[:prefix] for code in held} == {name}
    assert str(LONG) in files[str(LONG)[:prefix]]


# -- permanent URLs by name ------------------------------------------------------------------------


def chooser(browser: Any) -> tuple[str, list[str]]:
    WebDriverWait(browser, 10).until(lambda driver: driver.find_elements(By.CSS_SELECTOR, "#errorspec-result h1"))
    heading = browser.find_element(By.CSS_SELECTOR, "#errorspec-result h1").text
    return heading, [item.text for item in browser.find_elements(By.CSS_SELECTOR, "#errorspec-result li")]


def test_a_permanent_url_by_constant_name_leads_to_its_row(browser: Any, base_url: str) -> None:
    for path, row in [
        ("codes/#kJMSGErrorSDKUserNotLogin", "ios/#863004"),
        ("zh/codes/#RTC_INVITE_MYSELF_ERROR", "zh/jmrtc-android/#872005"),
        ("codes/#kJMSGErrorTcpUserHasInChatRoomBlacklist", "server/#7132006"),
    ]:
        open_page(browser, base_url + path)
        WebDriverWait(browser, 10).until(expected_conditions.url_contains(row))
        assert browser.current_url == base_url + row


def test_the_chooser_shows_each_choices_constant_names(browser: Any, base_url: str) -> None:
    open_page(browser, f"{base_url}codes/#0")
    heading, choices = chooser(browser)
    assert heading == "Code 0 is on several platforms"
    # Each choice: its link, its names in the SDKs, its message and description.
    assert [choice.split("\n")[:2] for choice in choices] == [
        ["JMessage Android 0", "NO_ERROR"],
        ["JMRTC Android 0", "NO_ERROR"],
        ["JMessage Web 0", "success Successful"],
    ]
    open_page(browser, f"{base_url}codes/#NO_ERROR")
    heading, choices = chooser(browser)
    assert heading == "NO_ERROR names several codes"
    assert [choice.split("\n")[:2] for choice in choices] == [
        ["JMessage Android 0", "NO_ERROR"],
        ["JMRTC Android 0", "NO_ERROR"],
    ]
    browser.find_element(By.LINK_TEXT, "JMRTC Android 0").click()
    WebDriverWait(browser, 10).until(expected_conditions.url_contains("jmrtc-android/"))
    assert browser.current_url == f"{base_url}jmrtc-android/#0"
    open_page(browser, f"{base_url}zh/codes/#ios/898006")
    assert chooser(browser) == (
        "JMessage iOS没有错误码 898006。它在：",
        ["Server Error 898006\nJMessage iOS: kJMSGErrorHttpGroupNotExist"],
    )
    open_page(browser, f"{base_url}codes/#kJMSGNoSuchName")
    assert chooser(browser)[0] == "No code kJMSGNoSuchName in this catalogue. The platforms:"


# -- messages verbatim -------------------------------------------------------------------------------


def test_a_message_keeps_its_runs_of_spaces_and_still_wraps(browser: Any, base_url: str) -> None:
    open_page(browser, f"{base_url}server/#898030")
    message = browser.find_element(By.CSS_SELECTOR, 'tr[id="898030"] td:nth-child(2) > code')
    assert message.text == "num exceed  limit"
    assert browser.execute_script("return arguments[0].innerText", message) == "num exceed  limit"
    # On a phone, names and markers wrap: the table still fits the screen, with no sideways scrolling.
    browser.set_window_size(360, 800)
    try:
        overflow = (
            "const wrap = document.querySelector('.md-typeset__scrollwrap'); return wrap.scrollWidth - wrap.clientWidth"
        )
        for path in ("ios/#860015", "zh/jmrtc-android/#872005"):
            open_page(browser, base_url + path)
            assert browser.execute_script(overflow) <= 0, path
    finally:
        browser.set_window_size(1280, 900)


# -- the code lookup, where errorspec is a guest ------------------------------------------------------


def test_the_lookup_answers_an_exact_constant_name(browser: Any, tmp_path: Path) -> None:
    spec = edited_spec(tmp_path / "spec")
    options = {"languages": ["en"], "home": False, "status": False, "changes": False}
    config = write_config(tmp_path, spec, options, theme={"name": "readthedocs", "highlightjs": False})
    (tmp_path / "docs" / "guide.md").write_text("# Guide\n\nHow to call the SDK.\n", encoding="utf-8")
    with serve(build_site(config, tmp_path / "site")) as base:
        open_page(browser, f"{base}guide/")
        box = search_box(browser, "readthedocs")
        box.send_keys("RTC_INVITE_MYSELF_ERROR")
        results = lookup_results(browser, "RTC_INVITE_MYSELF_ERROR")
        assert results[0]["href"] == f"{base}jmrtc-android/#872005"
        assert results[0]["exact"] == "872005"
        assert results[0]["title"] == "872005 invite failed. cannot invite yourself. · RTC_INVITE_MYSELF_ERROR"
        # Typed at once with its Enter, before the lookup has started: the Enter waits for the answer.
        for query, lands in [("kJMSGErrorSDKUserNotLogin", "ios/#863004"), ("kJMSGNoSuchName", None)]:
            open_page(browser, f"{base}guide/")
            browser.find_element(By.CSS_SELECTOR, "#rtd-search-form input[name=q]").send_keys(query + Keys.ENTER)
            WebDriverWait(browser, 10).until(expected_conditions.url_changes(f"{base}guide/"))
            assert browser.current_url == (f"{base}{lands}" if lands else f"{base}search.html?q={query}")


# -- products --------------------------------------------------------------------------------------


def products_spec(products: tuple[Product, ...], assign: Callable[[int], str | None]) -> Spec:
    languages = (Language("en", "English", "Latn"), Language("zh", "中文", "Hani"))
    platforms = tuple(
        PlatformSpec(
            platform,
            None,
            {"en": title, "zh": title},
            {},
            {},
            {},
            {},
            (),
            (Entry(index, "message", {"en": "Text."}, {}, "ok"),),
            product=assign(index),
        )
        for index, (platform, title) in enumerate([("ios", "JMessage iOS"), ("share", "JShare"), ("server", "Server")])
    )
    return Spec(languages, platforms, products)


def home(spec: Spec, lang: str) -> str:
    site = language_site(spec, lang, lambda src: src[:-3] + "/")
    fragment = next(page for page in site.pages if page.src_uri == "index.md").fragments[0]
    return render(fragment.template, fragment.view)


def test_several_products_group_the_home_pages_platforms_under_their_names() -> None:
    products = (
        Product("jmessage", {"en": "JMessage", "zh": "极光 IM"}),
        Product("jshare", {"en": "JShare", "zh": "极光分享"}),
    )
    spec = products_spec(products, lambda index: ["jmessage", "jshare", "jmessage"][index])
    for lang, names in [("en", ["JMessage", "JShare"]), ("zh", ["极光 IM", "极光分享"])]:
        soup = BeautifulSoup(home(spec, lang), "html.parser")
        groups = [
            (heading.get_text(), heading["id"], [a.get_text() for a in heading.find_next("table").select("a")])
            for heading in soup.select("h3")
        ]
        assert groups == [
            (names[0], "jmessage", ["JMessage iOS", "Server"]),
            (names[1], "jshare", ["JShare"]),
        ]
    # A platform of no listed product is not lost: it comes last, under "Other platforms".
    spec = products_spec(products, lambda index: [None, "jshare", "jmessage"][index])
    soup = BeautifulSoup(home(spec, "en"), "html.parser")
    assert [heading.get_text() for heading in soup.select("h3")] == ["JMessage", "JShare", "Other platforms"]
    assert [a.get_text() for a in soup.select("h3")[-1].find_next("table").select("a")] == ["JMessage iOS"]


def test_one_product_leaves_the_home_page_as_it_was() -> None:
    single = products_spec((Product("jmessage", {"en": "JMessage"}),), lambda index: "jmessage")
    none = products_spec((), lambda index: None)
    assert home(single, "en") == home(none, "en")
    soup = BeautifulSoup(home(none, "en"), "html.parser")
    assert soup.select("h3") == []
    assert len(soup.select(".errorspec-platforms table")) == 1
