"""The offline bundle, permanent URLs, published data and reproducible builds."""

from __future__ import annotations

import json
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import WebDriverWait

from conftest import REPO, SPEC, build_site
from errorspec.cli import cli


def make_bundle(root: Path) -> Path:
    """What scripts/site does: build the offline site, then zip it with `errorspec bundle`."""
    site = build_site(REPO / "mkdocs.offline.yml", root / "offline")
    result = CliRunner().invoke(
        cli, ["--spec", str(SPEC), "bundle", str(site), "--name", "codes-offline", "--output", str(root / "dist")]
    )
    assert result.exit_code == 0, result.output
    return Path(result.stdout.strip())


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_bundle(tmp_path_factory.mktemp("bundle"))


@pytest.fixture(scope="module")
def unzipped(bundle: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("unzipped")
    with zipfile.ZipFile(bundle) as archive:
        archive.extractall(target)
    [folder] = target.iterdir()
    return folder


@pytest.fixture
def offline(browser: Any) -> Iterator[Callable[[], list[str]]]:
    """The browser with its network cut; yields what returns the URLs it requested since."""
    conditions = {"latency": 0, "downloadThroughput": -1, "uploadThroughput": -1}
    browser.execute_cdp_cmd("Network.enable", {})
    browser.execute_cdp_cmd("Network.emulateNetworkConditions", {"offline": True, **conditions})
    browser.get_log("performance")  # drop what earlier tests requested

    def requested() -> list[str]:
        messages = [json.loads(entry["message"])["message"] for entry in browser.get_log("performance")]
        return [m["params"]["request"]["url"] for m in messages if m["method"] == "Network.requestWillBeSent"]

    yield requested
    browser.execute_cdp_cmd("Network.emulateNetworkConditions", {"offline": False, **conditions})


def leaving(requested: list[str]) -> list[str]:
    """The requests that would leave the file system (data: URLs are inline, not fetched)."""
    return [url for url in requested if not url.startswith(("file://", "data:"))]


def wait_loaded(browser: Any) -> None:
    WebDriverWait(browser, 10).until(lambda driver: driver.execute_script("return document.readyState") == "complete")


def search_first(browser: Any, query: str) -> str:
    box = browser.find_element(By.CSS_SELECTOR, "input.md-search__input")
    box.click()
    box.clear()
    box.send_keys(query)
    WebDriverWait(browser, 15).until(
        lambda driver: driver.execute_script(
            "const mark = document.querySelector('.md-search-result__item mark');"
            "return mark !== null && mark.textContent.toLowerCase() === arguments[0]",
            query.lower(),
        )
    )
    return browser.find_element(By.CSS_SELECTOR, ".md-search-result__item > a").get_attribute("href")


def test_the_bundle_works_from_the_file_system_without_network(
    browser: Any, unzipped: Path, offline: Callable[[], list[str]]
) -> None:
    root = unzipped.as_uri()
    browser.get(f"{root}/index.html")
    wait_loaded(browser)
    assert search_first(browser, "871310") == f"{root}/android.html?h=#871310"
    browser.find_element(By.CSS_SELECTOR, "input.md-search__input").send_keys(Keys.ENTER)
    WebDriverWait(browser, 10).until(expected_conditions.url_contains("#871310"))
    top = browser.execute_script("return document.getElementById('871310').getBoundingClientRect().top")
    assert 0 <= top < browser.execute_script("return window.innerHeight")

    link = browser.find_element(By.CSS_SELECTOR, 'a.md-select__link[hreflang][hreflang="zh"]')
    browser.execute_script("arguments[0].click()", link)
    WebDriverWait(browser, 10).until(expected_conditions.url_contains("/zh/"))
    assert browser.current_url == f"{root}/zh/android.html#871310"
    wait_loaded(browser)
    assert search_first(browser, "不合法").startswith(f"{root}/zh/")
    assert search_first(browser, "chatroom").startswith(f"{root}/zh/")

    browser.get(f"{root}/ios.html")
    wait_loaded(browser)
    browser.find_element(By.CSS_SELECTOR, ".md-nav__link[href='server.html']").click()
    wait_loaded(browser)
    assert browser.current_url == f"{root}/server.html"
    assert leaving(offline()) == []


@pytest.mark.parametrize(
    ("path", "landing"),
    [
        ("codes/index.html#android/871310", "android.html#871310"),
        ("codes/index.html#871310", "android.html#871310"),
        ("zh/codes/index.html#jmrtc-android/0", "zh/jmrtc-android.html#0"),
    ],
)
def test_permanent_urls_lead_to_the_row_offline(
    browser: Any, unzipped: Path, offline: Callable[[], list[str]], path: str, landing: str
) -> None:
    browser.get(f"{unzipped.as_uri()}/{path}")
    WebDriverWait(browser, 10).until(expected_conditions.url_contains(landing.split("#")[0]))
    assert browser.current_url == f"{unzipped.as_uri()}/{landing}"
    assert browser.find_element(By.ID, landing.split("#")[1]).is_displayed()


def test_a_code_on_several_platforms_gets_a_chooser(
    browser: Any, unzipped: Path, offline: Callable[[], list[str]]
) -> None:
    browser.get(f"{unzipped.as_uri()}/codes/index.html#0")
    WebDriverWait(browser, 10).until(expected_conditions.text_to_be_present_in_element((By.TAG_NAME, "h1"), "Code 0"))
    assert browser.find_element(By.TAG_NAME, "h1").text == "Code 0 is on several platforms"
    choices = browser.find_elements(By.CSS_SELECTOR, "#errorspec-result li > a")
    assert [(a.text, a.get_attribute("href")) for a in choices] == [
        ("JMessage Android 0", f"{unzipped.as_uri()}/android.html#0"),
        ("JMRTC Android 0", f"{unzipped.as_uri()}/jmrtc-android.html#0"),
        ("JMessage Web 0", f"{unzipped.as_uri()}/web.html#0"),
    ]
    messages = browser.find_elements(By.CSS_SELECTOR, "#errorspec-result li .errorspec-message")
    assert [message.text for message in messages] == ["Success", "ok", "success"]  # each platform's own


def test_no_request_leaves_the_file_system(browser: Any, unzipped: Path, offline: Callable[[], list[str]]) -> None:
    for path in ["index.html", "android.html#871310", "zh/index.html", "zh/server.html", "codes/index.html#0"]:
        browser.get(f"{unzipped.as_uri()}/{path}")
        wait_loaded(browser)
    browser.get(f"{unzipped.as_uri()}/zh/status.html")
    wait_loaded(browser)
    search_first(browser, "网络")
    requested = offline()
    # The Chinese pages search with Material's one index (pages written by hand) and their own
    # worker and entries.
    assert any(url.endswith(f"{unzipped.name}/search/search_index.js") for url in requested)
    assert any("/zh/search/errorspec-worker.js" in url for url in requested)
    assert any(url.endswith("/zh/search/errorspec-index.js") for url in requested)
    assert any("/assets/errorspec/iframe-worker.js" in url for url in requested)
    assert leaving(requested) == []


def test_data_files_are_published_and_linked(unzipped: Path, real_site: Path) -> None:
    for site in (unzipped, real_site):
        data = json.loads((site / "data" / "errorcodes.json").read_text(encoding="utf-8"))
        assert len(data["entries"]) == 376
        assert (site / "data" / "errorcodes.csv").read_text(encoding="utf-8").startswith("platform,code,message,")
        assert json.loads((site / "data" / "errorspec.schema.json").read_text(encoding="utf-8"))["$schema"]
    result = CliRunner().invoke(cli, ["--spec", str(SPEC), "export"])
    assert (real_site / "data" / "errorcodes.json").read_text(encoding="utf-8") == result.stdout
    home = (real_site / "zh" / "index.html").read_text(encoding="utf-8")
    assert 'href="../data/errorcodes.json"' in home


def test_two_builds_are_byte_identical(tmp_path: Path) -> None:
    first, second = make_bundle(tmp_path / "one"), make_bundle(tmp_path / "two")
    assert first.name == second.name
    assert first.read_bytes() == second.read_bytes()
    sites = [tmp_path / "one" / "offline", tmp_path / "two" / "offline"]
    files = [{p.relative_to(site): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()} for site in sites]
    assert files[0].keys() == files[1].keys()
    assert [name for name in files[0] if files[0][name] != files[1][name]] == []
    online = [build_site(REPO / "mkdocs.yml", tmp_path / name) for name in ("web-one", "web-two")]
    for path in sorted(online[0].rglob("*")):
        if path.is_file():
            assert path.read_bytes() == (online[1] / path.relative_to(online[0])).read_bytes(), path


def test_permanent_urls_online_and_an_unknown_code(browser: Any, real_site: Path) -> None:
    from conftest import serve

    with serve(real_site) as base:
        browser.get(f"{base}zh/codes/#android/871310")
        WebDriverWait(browser, 10).until(expected_conditions.url_contains("zh/android/"))
        assert browser.current_url == f"{base}zh/android/#871310"
        # A code asked of a platform that does not have it: where it is, if anywhere.
        browser.get(f"{base}codes/#ios/871310")
        WebDriverWait(browser, 10).until(lambda driver: driver.find_elements(By.TAG_NAME, "h1"))
        assert browser.find_element(By.TAG_NAME, "h1").text == "JMessage iOS has no code 871310. It is on:"
        choices = "#errorspec-result li > a"
        links = [(a.text, a.get_attribute("href")) for a in browser.find_elements(By.CSS_SELECTOR, choices)]
        assert links == [("JMessage Android 871310", f"{base}android/#871310")]
        # A number that is no code: said so, with the codes nearest it (tests/test_landing.py has the rule).
        browser.get(f"{base}codes/#ios/999999")
        WebDriverWait(browser, 10).until(expected_conditions.text_to_be_present_in_element((By.TAG_NAME, "h1"), "999"))
        assert browser.find_element(By.TAG_NAME, "h1").text == "999999 is not a code of this catalogue"
        links = [a.get_attribute("href") for a in browser.find_elements(By.CSS_SELECTOR, choices)]
        assert links == [f"{base}server/#{code}" for code in (899050, 899070, 899071, 899081, 899082)]
