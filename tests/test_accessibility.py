"""Accessibility and colour schemes, as a reader with a screen reader, a keyboard or a dark screen
meets them.

axe-core (Deque's, from the npm registry) finds no serious or critical violation on any kind of page
(home, a platform page landed on a row, a split platform's later part, status, "What changed", the
permanent-URL page's chooser, 404, a page with the search open on its results), in both languages,
in the light and the dark scheme, served over HTTP and opened from the file system as the offline
bundle. The site is this repository's own (mkdocs.yml: its palette, its plugins) over a copy of
the spec with a short history and a retired code, so that every marker errorspec draws is on a
checked page. The dark scheme follows the system's setting and the header's toggle switches it;
the skip link leads to the codes in a few key presses, and the keyboard's place shows.
"""

from __future__ import annotations

import functools
import json
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

from conftest import REPO, SPEC, build_site, open_page, serve
from errorspec.publish.interface import UI

PER_PAGE = 64  # the server's 182 codes in three parts
LANDED = ("ios", 860016)  # undocumented, its English description missing: marked on the English page
RETIRED = ("server", 856003)  # on the server's second part, with no message: retired in the history
SCHEMES = {"light": "default", "dark": "slate"}  # prefers-color-scheme: Material's scheme
BLOCKING = {"serious", "critical"}

# Each kind of page: its path in the site served over HTTP (directory URLs) and in the offline
# bundle (file URLs), from the language's root. From the file system a missing page is the
# browser's own error: the bundle's 404 page is never shown.
PAGES: dict[str, tuple[str, str | None]] = {
    "home": ("", "index.html"),
    "platform, landed on a row": (f"ios/#{LANDED[1]}", f"ios.html#{LANDED[1]}"),
    "later part, landed on a retired row": (f"server/2/#{RETIRED[1]}", f"server/2.html#{RETIRED[1]}"),
    "status": ("status/", "status.html"),
    "what changed": ("changes/", "changes.html"),
    "chooser": ("codes/#0", "codes/index.html#0"),
    "404": ("404.html", None),
}
SEARCHED = ("android/", "android.html")
QUERIES = {"": "871310", "zh/": "network"}  # a code, with the reason it matched; words in the other language


def git(folder: Path, *args: str) -> None:
    identity = ["-c", "user.name=Test", "-c", "user.email=test@example.com", "-c", "commit.gpgsign=false"]
    environment = {**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}
    subprocess.run(["git", "-C", str(folder), *identity, *args], check=True, capture_output=True, env=environment)


def edit_code(spec_dir: Path, platform: str, code: int, **fields: object) -> None:
    path = spec_dir / f"{platform}.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    next(entry for entry in data["codes"] if entry["code"] == code).update(fields)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def spec_with_history(spec_dir: Path) -> Path:
    """The project's spec in a repository of its own: as published, then with a code retired and
    another given what to do about it, so that "What changed" lists codes, linked."""
    shutil.copytree(SPEC, spec_dir)
    git(spec_dir, "init", "-q")
    git(spec_dir, "add", "-A")
    git(spec_dir, "commit", "-q", "-m", "The catalogue as imported")
    edit_code(spec_dir, *RETIRED, deprecated="Retired in SDK 3.0")
    edit_code(
        spec_dir,
        *LANDED,
        causes={"en": "The network dropped while the SDK waited for the server.", "zh": "等待服务器时网络中断。"},
        solutions={
            "en": "Retry once the device is online; see [the server's codes](https://docs.jiguang.cn/jmessage/).",
            "zh": "设备联网后重试；参见[服务器错误码](https://docs.jiguang.cn/jmessage/)。",
        },
    )
    git(spec_dir, "commit", "-q", "-a", "-m", "Retire a code, say what to do about another")
    return spec_dir


def site_config(root: Path, parent: str, spec_dir: Path) -> Path:
    """A configuration that is this repository's own (`parent`), over `spec_dir`, split into parts."""
    config = {
        "INHERIT": str(REPO / parent),
        "docs_dir": str(REPO / "docs"),
        "theme": {"custom_dir": str(REPO / "overrides")},
        "plugins": {"errorspec": {"spec": str(spec_dir), "codes_per_page": PER_PAGE}},
    }
    path = root / parent
    path.write_text(yaml.safe_dump(config), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("accessible")
    spec_dir = spec_with_history(root / "spec")
    return {
        "online": build_site(site_config(root, "mkdocs.yml", spec_dir), root / "site"),
        "offline": build_site(site_config(root, "mkdocs.offline.yml", spec_dir), root / "offline"),
    }


@pytest.fixture(scope="module")
def bases(sites: dict[str, Path]) -> Iterator[dict[str, str]]:
    """Where each site opens: over HTTP, and from the file system."""
    with serve(sites["online"]) as url:
        yield {"online": url, "offline": sites["offline"].as_uri() + "/"}


@pytest.fixture
def system_scheme(browser: Any) -> Iterator[Any]:
    """Sets the system's colour scheme the pages see (prefers-color-scheme); back to the machine's after."""

    def prefer(scheme: str) -> None:
        feature = {"name": "prefers-color-scheme", "value": scheme}
        browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": [feature]})

    yield prefer
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": []})


def scheme_of(browser: Any) -> str:
    return browser.execute_script("return document.body.getAttribute('data-md-color-scheme')")


def wait_for_scheme(browser: Any, scheme: str) -> None:
    WebDriverWait(browser, 5, poll_frequency=0.05).until(lambda driver: scheme_of(driver) == scheme)


def wait_for_search_results(browser: Any, query: str) -> None:
    box = browser.find_element(By.CSS_SELECTOR, "input.md-search__input")
    box.click()
    box.send_keys(query)
    WebDriverWait(browser, 15).until(
        lambda driver: driver.execute_script("return document.querySelectorAll('.md-search-result__item').length > 0")
    )


# axe-core, Deque's own package from the npm registry, which scripts/test installs beside the
# Python packages (`npm install --prefix .venv/npm axe-core@...`).
AXE = REPO / ".venv" / "npm" / "node_modules" / "axe-core" / "axe.min.js"


@functools.cache
def axe_source() -> str:
    if not AXE.is_file():
        message = f"axe-core is missing ({AXE}): scripts/test installs it with npm"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return AXE.read_text(encoding="utf-8")


def blocking_violations(browser: Any, page: str, within: str | None = None) -> list[str]:
    """axe-core's serious and critical violations on the page (or the part of it `within` selects)
    once it is still (a colour caught in the middle of a fade is no colour a reader reads): rule,
    impact, where."""
    WebDriverWait(browser, 10, poll_frequency=0.05).until(
        lambda driver: driver.execute_script(
            "return document.getAnimations().every(animation => animation.playState !== 'running')"
        )
    )
    if not browser.execute_script("return typeof axe === 'object'"):  # once a page
        browser.execute_script(axe_source())
    browser.set_script_timeout(60)
    result = browser.execute_async_script(
        "const [context, options, done] = arguments;"
        " axe.run(context || document, options).then(done, error => done({error: String(error)}))",
        within,
        {"resultTypes": ["violations"]},
    )
    assert "error" not in result, result
    violations = result["violations"]
    return [
        f"{page}: {violation['id']} ({violation['impact']}) at {json.dumps(node['target'])}: "
        + (node.get("failureSummary") or "").replace("\n", " ")
        for violation in violations
        if violation["impact"] in BLOCKING
        for node in violation["nodes"]
    ]


@pytest.mark.parametrize("where", ["online", "offline"])
def test_no_serious_violation_on_any_kind_of_page_in_either_scheme(
    browser: Any, bases: dict[str, str], system_scheme: Any, where: str
) -> None:
    column = 0 if where == "online" else 1
    found: list[str] = []

    def check_both_schemes(page: str) -> None:
        """The page in the light scheme, then in the dark one, which it follows without a reload."""
        for scheme in ("light", "dark"):
            system_scheme(scheme)
            wait_for_scheme(browser, SCHEMES[scheme])
            found.extend(blocking_violations(browser, f"{page}, {scheme}"))

    for prefix in ("", "zh/"):
        for kind, paths in PAGES.items():
            if paths[column] is None:
                continue
            url = bases[where] + prefix + paths[column]
            system_scheme("light")
            open_page(browser, url)
            if not browser.find_elements(By.CSS_SELECTOR, "header.md-header"):
                found.append(f"{prefix}{kind} ({url}): no page of the site")
                continue
            if kind == "chooser":  # its script fills it in from the hash
                WebDriverWait(browser, 10).until(
                    lambda driver: driver.find_elements(By.CSS_SELECTOR, "#errorspec-result .errorspec-message")
                )
            check_both_schemes(f"{prefix}{kind} ({url})")
        url = bases[where] + prefix + SEARCHED[column]
        open_page(browser, url)
        wait_for_search_results(browser, QUERIES[prefix])
        check_both_schemes(f"{prefix}search open on {QUERIES[prefix]!r} ({url})")
    if found:
        pytest.fail(f"{len(found)} serious or critical violations:\n" + "\n".join(found), pytrace=False)


# --- colour schemes -------------------------------------------------------------------------------

PLATFORM_PAGE = {"online": "android/", "offline": "android.html"}
DARK_BACKGROUND = """
    const [r, g, b] = getComputedStyle(document.body).backgroundColor.match(/\\d+/g).map(Number)
    return r + g + b < 3 * 128
"""


def shown_toggle(browser: Any) -> Any:
    """The header's scheme toggle: the one shown (each state has its own)."""
    return browser.find_element(By.CSS_SELECTOR, "form[data-md-component=palette] label:not([hidden])")


def toggle_scheme(browser: Any) -> None:
    shown_toggle(browser).click()


def toggle_name(browser: Any) -> str:
    """What the shown toggle is called: its title, which its choice (the radio button before it,
    which the keyboard reaches) says to a screen reader too."""
    label = shown_toggle(browser)
    said = browser.execute_script("return arguments[0].previousElementSibling.getAttribute('aria-label')", label)
    assert label.get_attribute("title") == said
    return said


@pytest.mark.parametrize("where", ["online", "offline"])
def test_the_scheme_follows_the_system_setting(
    browser: Any, bases: dict[str, str], system_scheme: Any, where: str
) -> None:
    system_scheme("dark")
    open_page(browser, bases[where] + PLATFORM_PAGE[where])
    assert (scheme_of(browser), browser.execute_script(DARK_BACKGROUND)) == ("slate", True)
    system_scheme("light")  # changed while the page is open: it follows at once
    wait_for_scheme(browser, "default")
    assert browser.execute_script(DARK_BACKGROUND) is False
    open_page(browser, bases[where] + "zh/" + PLATFORM_PAGE[where])
    assert scheme_of(browser) == "default"


def test_the_toggle_switches_the_scheme_and_the_choice_is_kept(
    browser: Any, bases: dict[str, str], system_scheme: Any
) -> None:
    system_scheme("dark")
    open_page(browser, bases["online"] + "android/")
    try:
        assert scheme_of(browser) == "slate"
        assert toggle_name(browser) == UI["en"]["scheme.light"]  # what pressing it does
        toggle_scheme(browser)  # the system's setting, then light
        assert scheme_of(browser) == "default"
        open_page(browser, bases["online"] + "zh/server/2/")  # kept from page to page, from language to language
        assert scheme_of(browser) == "default"
        assert toggle_name(browser) == UI["zh"]["scheme.dark"]
        toggle_scheme(browser)  # dark
        assert scheme_of(browser) == "slate"
        toggle_scheme(browser)  # and back to the system's setting, which a change of it then shows
        system_scheme("light")
        wait_for_scheme(browser, "default")
    finally:
        browser.execute_script("localStorage.clear()")


# --- the keyboard ---------------------------------------------------------------------------------


def press(browser: Any, key: str) -> dict[str, Any]:
    """Press a key; what has the focus then: its place among the codes, its ring."""
    ActionChains(browser).send_keys(key).perform()
    return browser.execute_script(
        """
        const element = document.activeElement, style = getComputedStyle(element)
        const row = element.closest('.errorspec-codes tbody tr')
        return {skip: element.matches('.md-skip'), shown: style.opacity === '1' || element.matches('.md-skip:focus'),
                row: row && row.id, first: row && row === row.parentElement.firstElementChild,
                ring: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2,
                ringColour: style.outlineColor, background: getComputedStyle(document.body).backgroundColor,
                control: element.matches('.errorspec-copy') ? 'copy button' : element.tagName.toLowerCase()}
        """
    )


@pytest.mark.parametrize("path", ["android/", "zh/server/2/"])
def test_the_skip_link_leads_to_the_first_row_in_a_few_key_presses(
    browser: Any, bases: dict[str, str], path: str
) -> None:
    open_page(browser, bases["online"] + path)
    focused = press(browser, Keys.TAB)
    assert focused["skip"], focused  # the first Tab: "Skip to content", shown once focused
    skip = browser.find_element(By.CSS_SELECTOR, ".md-skip")
    WebDriverWait(browser, 5).until(lambda driver: skip.value_of_css_property("opacity") == "1")
    press(browser, Keys.ENTER)
    heading = browser.find_element(By.TAG_NAME, "h1").get_attribute("id")
    assert browser.execute_script("return location.hash") == f"#{heading}"
    presses = 2
    while not focused["row"] and presses < 10:
        focused = press(browser, Keys.TAB)
        presses += 1
    assert focused["first"], focused
    assert presses <= 5  # past the part's pager, if any: Tab, Enter, Tab (3 on a page of one part)


@pytest.mark.parametrize("scheme", sorted(SCHEMES))
def test_the_keyboards_place_shows_on_every_control_among_the_codes(
    browser: Any, bases: dict[str, str], system_scheme: Any, scheme: str
) -> None:
    system_scheme(scheme)
    open_page(browser, bases["online"] + "server/2/")
    press(browser, Keys.TAB)
    press(browser, Keys.ENTER)  # past the header and the navigation
    rings = [press(browser, Keys.TAB) for _ in range(12)]  # the pager, then each row's link, copy button, links
    assert {ring["control"] for ring in rings} == {"a", "copy button"}
    unringed = [ring for ring in rings if not ring["ring"] or ring["ringColour"] == ring["background"]]
    assert unringed == []


# --- a guest in a dark host ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def dark_host(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The test host's Material site (tests/host, errorspec a guest there) in Material's dark scheme,
    which its owner chose: served."""
    root = tmp_path_factory.mktemp("dark-host")
    shutil.copytree(SPEC, root / "spec")  # where the host's configuration finds it, as in the repository
    host = shutil.copytree(REPO / "tests" / "host", root / "tests" / "host")
    config = host / "mkdocs.slate.yml"
    config.write_text("INHERIT: mkdocs.material.yml\ntheme:\n  palette:\n    scheme: slate\n", encoding="utf-8")
    with serve(build_site(config, root / "site")) as url:
        yield url


@pytest.mark.parametrize(
    "path", [f"jmessage/client/im_errorcode_ios/#{LANDED[1]}", "jmessage/client/im_errorcode_server/"]
)
def test_errorspecs_pages_are_legible_in_a_dark_host(browser: Any, dark_host: str, path: str) -> None:
    open_page(browser, dark_host + path)
    assert scheme_of(browser) == "slate"  # the host's own choice, kept
    assert browser.find_elements(By.CSS_SELECTOR, ".md-content .errorspec-codes .errorspec-marker")
    assert blocking_violations(browser, path, within=".md-content") == []
