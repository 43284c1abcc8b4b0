"""Reading the codes on a phone, and sharing a code.

In headless Chromium, on a phone (390 px, and 320 px, the narrowest in use) and a laptop (1280 px):
no page of errorspec's scrolls sideways, no code, message or SDK name breaks inside a word, and
whatever a finger aims at (copy controls, a code's link, the links of a row, a list or a table) is
at least 24 by 24 CSS px (WCAG 2.2, 2.5.8); below 36em a table of codes shows each code as one
block (the code, its message, its description and markers, then "Also on" and the SDKs' names).
The same on the pages errorspec writes as a guest of the host's themes (Material, mkdocs,
readthedocs). The copy controls copy the code's permanent URL and a Markdown link to it, in the
page's language, announced, by keyboard too.
"""

from __future__ import annotations

import contextlib
import itertools
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
import yaml
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

from conftest import REPO, SPEC, build_site, open_page, screen, serve, write_config

HOST = REPO / "tests" / "host"
# A message with every character a Markdown link's label must escape.
MESSAGE = r"Chatroom [x] not *found*: <b>_raw_</b> \ & ~more~ `code`"
ESCAPED = r"Chatroom \[x\] not \*found\*: \<b\>\_raw\_\</b\> \\ \& \~more\~ \`code\`"
FOLDER = "errors (v2)"  # the edited site's folder on the server: its URLs hold parentheses

# Each kind of errorspec's pages on its own site, in both languages.
OWNER_PAGES = [
    "",
    "android/",
    "server/",
    "status/",
    "changes/",
    "codes/",
    "codes/#0",
    "codes/#869998",
    "zh/",
    "zh/server/",
    "zh/status/",
    "zh/codes/#0",
    "404.html",
]
# At 320 px, the pages with the widest content; at 1280 px, one of each kind of target.
NARROWEST = ["android/", "server/", "status/", "codes/#0", "zh/server/", "404.html"]
WIDEST = ["", "android/", "status/", "codes/#0", "zh/server/"]
SPLIT_PAGES = ["server/", "server/2/", "zh/server/2/"]  # a platform split into parts, with a pager
GUEST_PAGES = ["jmessage/client/im_errorcode_android/", "jmessage/client/im_errorcode_server/", "codes/#0"]


# --- the sites --------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def edited(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The project's site from a spec whose Android 871310 has MESSAGE, in parts of 100 codes (the
    server's 182 in two), built into FOLDER; the folder that holds it is what is served."""
    root = tmp_path_factory.mktemp("phone")
    spec = root / "spec"
    shutil.copytree(SPEC, spec)
    path = spec / "android.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    next(entry for entry in data["codes"] if entry["code"] == 871310)["message"] = MESSAGE
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    config = write_config(root, spec, {"history": 0, "codes_per_page": 100})
    build_site(config, root / "www" / FOLDER)
    return root / "www"


def readthedocs_host(root: Path) -> Path:
    """tests/host's Chinese site on the readthedocs theme."""
    shutil.copytree(HOST, root / "host")
    config = root / "host" / "mkdocs.yml"
    data = yaml.safe_load(config.read_text(encoding="utf-8"))
    data["theme"] = {"name": "readthedocs"}
    next(entry for entry in data["plugins"] if isinstance(entry, dict))["errorspec"]["spec"] = str(SPEC)
    config.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return config


@pytest.fixture(scope="module")
def sites(real_site: Path, edited: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    """Each site served: its base URL by name."""
    root = tmp_path_factory.mktemp("guests")
    built = {
        "errorspec": real_site,
        "edited": edited,
        "guest-material": build_site(HOST / "mkdocs.material.yml", root / "material"),
        "guest-mkdocs": build_site(HOST / "mkdocs.yml", root / "mkdocs"),
        "guest-readthedocs": build_site(readthedocs_host(root), root / "readthedocs"),
    }
    with contextlib.ExitStack() as stack:
        bases = {name: stack.enter_context(serve(site)) for name, site in built.items()}
        bases["edited"] += f"{quote(FOLDER)}/"
        yield bases


@pytest.fixture(scope="module", autouse=True)
def without_cdn(browser: Any) -> Iterator[None]:
    """The host themes' highlight.js, from a CDN, is not asked for: it styles no page of codes,
    and a machine without network would wait for it on every page."""
    browser.execute_cdp_cmd("Network.enable", {})
    browser.execute_cdp_cmd("Network.setBlockedURLs", {"urls": ["*://cdnjs.cloudflare.com/*"]})
    yield
    browser.execute_cdp_cmd("Network.setBlockedURLs", {"urls": []})


# --- what a page does on a screen --------------------------------------------------------------------------

# How far the page scrolls sideways, and each box in view that scrolls sideways within it (a table
# in a scrolling wrapper scrolls too; Material's closed drawers and search wait beside the window).
SIDEWAYS = """
const name = element => element.tagName.toLowerCase() + (element.className ? '.' + element.className : '')
const inView = box => box.height > 0 && box.right > 0 && box.left < innerWidth
return {page: document.documentElement.scrollWidth - innerWidth,
  boxes: [...document.body.querySelectorAll('*')].filter(element => {
    const style = getComputedStyle(element)
    return ['auto', 'scroll'].includes(style.overflowX) && element.scrollWidth > element.clientWidth + 1
      && inView(element.getBoundingClientRect()) && style.visibility !== 'hidden'
  }).map(name)}
"""

# Each word (a run of Latin letters and digits: a line may break at a space or after punctuation,
# "fail，please", and anywhere in Chinese) of each code, message and SDK name that lies on more than
# one line. An SDK's name is in words already (codes.html marks where it may break: each is a text
# node of its own).
BROKEN = """
const broken = []
const words = ['.errorspec-codes td:first-child > a', '.errorspec-codes td > code', '.errorspec-constant code',
  '.errorspec-message']
for (const element of document.querySelectorAll(words.join(', '))) {
  const texts = document.createTreeWalker(element, NodeFilter.SHOW_TEXT)
  for (let node; (node = texts.nextNode());)
    for (const word of node.data.matchAll(/[\\p{Script=Latin}\\p{Nd}]+/gu)) {
      const range = document.createRange()
      range.setStart(node, word.index)
      range.setEnd(node, word.index + word[0].length)
      if (new Set([...range.getClientRects()].map(rect => Math.round(rect.top))).size > 1)
        broken.push(word[0])
    }
}
return broken
"""

# What a finger aims at, smaller than 24 by 24 px: copy controls, a code's link, the links of a row
# (Also on), of a list or a table (home, status, chooser, pager, data files), markers that are links.
TARGETS = """
const targets = [
  '.errorspec-copy', '.errorspec-codes td:first-child > a', '.errorspec-also a', '.errorspec-pager a',
  '.errorspec-platforms a', '.errorspec-status a', '.errorspec-missing a', '.errorspec-data a',
  '.errorspec-choices > li > a', '.errorspec-related a', 'a.errorspec-marker', '.errorspec-marker a']
return [...document.querySelectorAll(targets.join(', '))].filter(element => element.getClientRects().length)
  .map(element => [element.textContent || element.getAttribute('aria-label'), element.getBoundingClientRect()])
  .filter(([, box]) => box.width < 24 || box.height < 24)
  .map(([name, box]) => `${name} ${box.width.toFixed(1)}x${box.height.toFixed(1)}`)
"""

# Where a row's pieces are: [left, top, right, bottom] of each. The description is the text its
# cell begins with.
PIECES = """
const row = document.getElementById(arguments[0])
const description = document.createRange()
description.selectNode(row.cells[2].firstChild)
const pieces = {code: row.querySelector('td:first-child > a'), message: row.querySelector('td > code'), description,
  also: row.querySelector('.errorspec-also'), name: row.querySelector('.errorspec-constant')}
return Object.fromEntries(Object.entries(pieces).map(([piece, found]) => {
  const box = found.getBoundingClientRect()
  return [piece, [box.left, box.top, box.right, box.bottom].map(Math.round)]
}))
"""


def problems(browser: Any, url: str) -> dict[str, Any]:
    """What is wrong with the page at `url` on this screen; {} if nothing."""
    if browser.current_url.split("#")[0] == url.split("#")[0]:
        open_page(browser, "about:blank")  # a hash alone would not load the page again
    open_page(browser, url)
    found: dict[str, Any] = {}
    sideways = browser.execute_script(SIDEWAYS)
    if sideways["page"] > 0 or sideways["boxes"]:
        found["scrolls sideways"] = sideways
    if broken := browser.execute_script(BROKEN):
        found["words broken"] = broken
    if small := browser.execute_script(TARGETS):
        found["targets under 24 px"] = small[:10]
    return found


GUESTS = ("guest-material", "guest-mkdocs", "guest-readthedocs")
SCREENS = [
    ("errorspec", OWNER_PAGES, 390),
    ("errorspec", NARROWEST, 320),
    ("errorspec", WIDEST, 1280),
    *(("edited", SPLIT_PAGES, width) for width in (390, 1280)),
    *((guest, GUEST_PAGES, 390) for guest in GUESTS),
    *((guest, GUEST_PAGES[1:2], 320) for guest in GUESTS),
]


@pytest.mark.parametrize(("site", "pages", "width"), SCREENS, ids=[f"{site}-{width}" for site, _, width in SCREENS])
def test_no_page_scrolls_sideways_breaks_a_word_or_has_a_small_target(
    browser: Any, sites: dict[str, str], site: str, pages: list[str], width: int
) -> None:
    with screen(browser, width):
        found = {page or "home": problem for page in pages if (problem := problems(browser, sites[site] + page))}
    assert found == {}


def test_the_checks_see_what_they_look_for(browser: Any, sites: dict[str, str]) -> None:
    # Material's own rules for code (`word-break: break-word`) and tables, without errorspec's:
    # at 390 px words break and the table scrolls within the page.
    with screen(browser, 390):
        open_page(browser, f"{sites['errorspec']}android/")
        browser.execute_script(
            "document.querySelector('link[href$=\"errorspec.css\"]').remove()"
            "; document.querySelectorAll('td > code').forEach(code => code.style.wordBreak = 'break-word')"
        )
        assert browser.execute_script(BROKEN)
        assert browser.execute_script(TARGETS)
        open_page(browser, f"{sites['errorspec']}status/")
        browser.execute_script("document.querySelector('link[href$=\"errorspec.css\"]').remove()")
        assert browser.execute_script(SIDEWAYS)["boxes"]


# --- one block per code on a phone -------------------------------------------------------------------------

ROWS = [
    ("errorspec", "server/", 390),
    ("errorspec", "zh/server/", 320),
    ("guest-material", "jmessage/client/im_errorcode_server/", 390),
    ("guest-mkdocs", "jmessage/client/im_errorcode_server/", 390),
    ("guest-readthedocs", "jmessage/client/im_errorcode_server/", 390),
]


@pytest.mark.parametrize(("site", "page", "width"), ROWS)
def test_on_a_phone_a_code_reads_as_one_block(
    browser: Any, sites: dict[str, str], site: str, page: str, width: int
) -> None:
    # 800003: a message, a description, Also on (JMessage Web 880101) and an iOS SDK's name.
    with screen(browser, width):
        open_page(browser, sites[site] + page)
        pieces = browser.execute_script(PIECES, "800003")
    order = ["code", "message", "description", "also", "name"]
    for above, below in itertools.pairwise(order):
        assert pieces[above][3] <= pieces[below][1], (above, below, pieces)  # one under the other
    lefts = [pieces[piece][0] for piece in order]
    assert max(lefts) - min(lefts) <= 1, pieces  # in one column


def test_on_a_laptop_a_code_is_a_row_of_the_table(browser: Any, sites: dict[str, str]) -> None:
    open_page(browser, f"{sites['errorspec']}server/")
    pieces = browser.execute_script(PIECES, "800003")
    assert pieces["code"][2] < pieces["message"][0] < pieces["description"][0]  # side by side
    tops = [pieces[piece][1] for piece in ("code", "message", "description")]
    assert max(tops) - min(tops) <= 4, pieces  # on one line
    assert pieces["name"][0] == pieces["message"][0]  # the SDK's name under its message


# --- sharing a code -----------------------------------------------------------------------------------------


def copy_controls(browser: Any, row: str) -> list[Any]:
    return browser.find_elements(By.CSS_SELECTOR, f'tr[id="{row}"] button.errorspec-copy')


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_copy_controls_share_the_permanent_url_and_a_markdown_link(
    browser: Any, sites: dict[str, str], lang: str
) -> None:
    base = sites["edited"]
    prefix = "zh/" if lang == "zh" else ""
    open_page(browser, f"{base}{prefix}android/")
    link, markdown = copy_controls(browser, "871310")
    permanent = f"{base}{prefix}codes/#android/871310"  # absolute, on the site in the page's language
    assert link.get_attribute("data-clipboard-text") == permanent
    escaped_url = permanent.replace("(", "%28").replace(")", "%29")
    assert markdown.get_attribute("data-clipboard-text") == f"[871310 {ESCAPED}]({escaped_url})"
    names = {
        "en": ("Copy the link to code 871310", "Copy a Markdown link to code 871310"),
        "zh": ("复制错误码 871310 的链接", "复制错误码 871310 的 Markdown 链接"),
    }
    assert (link.accessible_name, markdown.accessible_name) == names[lang]
    # On a later part of a split platform, the permanent URL is the same kind.
    open_page(browser, f"{base}{prefix}server/2/")
    [first, _] = copy_controls(browser, "899050")
    assert first.get_attribute("data-clipboard-text") == f"{base}{prefix}codes/#server/899050"


@contextlib.contextmanager
def clipboard(browser: Any, base: str) -> Iterator[None]:
    """The clipboard, readable by the page of `base` (Chromium asks no one under CDP's grant)."""
    origin = base.split("/", 3)
    grant = {"origin": "/".join(origin[:3]), "permissions": ["clipboardReadWrite", "clipboardSanitizedWrite"]}
    browser.execute_cdp_cmd("Browser.grantPermissions", grant)
    try:
        yield
    finally:
        browser.execute_cdp_cmd("Browser.resetPermissions", {})


def pasted(browser: Any) -> str:
    text = browser.execute_async_script(
        "const done = arguments[0]; navigator.clipboard.readText().then(done, error => done('refused: ' + error))"
    )
    assert isinstance(text, str)
    return text


STATUS = "return [...document.querySelectorAll('.errorspec-copied')].map(status => status.textContent).join('')"


@pytest.mark.parametrize(
    ("site", "page", "row", "said"),
    [
        # Material copies and says so in its dialog, in the page's language; errorspec's status
        # line says which link, to a screen reader.
        ("errorspec", "zh/android/", "871310", ("已复制错误码 871310 的链接", "已复制错误码 871310 的 Markdown 链接")),
        # The mkdocs theme has no clipboard: errorspec copies, and its status line shows it.
        (
            "guest-mkdocs",
            "jmessage/client/im_errorcode_server/",
            "898000",
            ("已复制错误码 898000 的链接", "已复制错误码 898000 的 Markdown 链接"),
        ),
    ],
)
def test_each_copy_control_copies_by_keyboard_and_says_so(
    browser: Any, sites: dict[str, str], site: str, page: str, row: str, said: tuple[str, str]
) -> None:
    base = sites[site]
    open_page(browser, base + page)
    material = browser.execute_script("return typeof __md_get === 'function'")
    with clipboard(browser, base):
        for button, key, words in zip(copy_controls(browser, row), (Keys.ENTER, Keys.SPACE), said, strict=True):
            button.send_keys(key)  # focused, then pressed: a keyboard's click
            WebDriverWait(browser, 5).until(lambda driver, words=words: driver.execute_script(STATUS) == words)
            assert pasted(browser) == button.get_attribute("data-clipboard-text")
            status = browser.find_element(By.CSS_SELECTOR, f'tr[id="{row}"]').find_element(
                By.XPATH, "ancestor::div[contains(@class, 'errorspec-codes')]//p[@role='status']"
            )
            if material:
                dialog = browser.find_element(By.CSS_SELECTOR, ".md-dialog")
                assert dialog.get_attribute("textContent").strip() == "已复制"
                assert status.size["height"] <= 1  # for a screen reader: Material's dialog shows it
            else:
                assert status.is_displayed()
                assert status.size["height"] > 10
            assert browser.switch_to.active_element == button  # the keyboard stays where it was
