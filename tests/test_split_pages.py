"""A platform with more codes than a page holds is split into parts: every code on exactly one
part, links and search that lead to the right part, and old links that still reach their code."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import WebDriverWait

from conftest import SPEC, build_site, internal_links, serve, write_config
from errorspec.model import Entry, Language, PlatformSpec, Spec
from errorspec.publish.site import language_site
from errorspec.sources.manifest import load_manifest
from errorspec.spec.specfiles import load_spec

# The server's 182 codes, 64 a page: three parts of 64, 64 and 54. The other platforms fit in one.
SPEC_DATA = load_spec(SPEC, load_manifest(SPEC))
SERVER = next(platform for platform in SPEC_DATA.platforms if platform.platform == "server")
CODES = sum(len(platform.entries) for platform in SPEC_DATA.platforms)
PER_PAGE = 64
PARTS = ["server/index.html", "server/2/index.html", "server/3/index.html"]
CHUNKS = [SERVER.entries[start : start + PER_PAGE] for start in range(0, len(SERVER.entries), PER_PAGE)]
URLS = ["server/", "server/2/", "server/3/"]


def label(part: int) -> str:
    return f"{CHUNKS[part][0].code}–{CHUNKS[part][-1].code}"


def part_of(code: int) -> int:
    return next(index for index, chunk in enumerate(CHUNKS) if code in {entry.code for entry in chunk})


@pytest.fixture(scope="module")
def split_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("split")
    return build_site(write_config(root, SPEC, {"codes_per_page": PER_PAGE, "history": 0}), root / "site")


def page(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path).read_text(encoding="utf-8"), "html.parser")


def script_data(text: str) -> Any:
    """The JSON a search file assigns (`self.__errorspec_index = [...]`, `(...)["871"] = {...}`)."""
    start = min(found for found in (text.find("= ["), text.find("= {")) if found >= 0)
    return json.loads(text[start + 2 :])


def worker_settings(worker: Path | str) -> Any:
    """What errorspec writes into a site's search worker (`const SETTINGS = {...}`)."""
    text = worker.read_text(encoding="utf-8") if isinstance(worker, Path) else worker
    return json.loads(re.search(r"\nconst SETTINGS = (.*)\n", text)[1])


def row_ids(site: Path, path: str) -> list[str]:
    return [str(row["id"]) for row in page(site, path).select(".errorspec-codes tbody tr")]


@pytest.mark.parametrize("prefix", ["", "zh/"])
def test_every_code_is_on_exactly_one_part_in_order(split_site: Path, prefix: str) -> None:
    parts = [row_ids(split_site, prefix + path) for path in PARTS]
    assert [len(part) for part in parts] == [64, 64, 54]
    assert [code for part in parts for code in part] == [str(entry.code) for entry in SERVER.entries]
    assert not (split_site / prefix / "server" / "4").exists()
    assert len(row_ids(split_site, f"{prefix}android/index.html")) == 43  # a platform that fits stays whole


@pytest.mark.parametrize("prefix", ["", "zh/"])
def test_parts_link_to_one_another_by_the_codes_they_hold(split_site: Path, prefix: str) -> None:
    second = page(split_site, f"{prefix}server/2/index.html")
    pagers = second.select("nav.errorspec-pager")
    assert len(pagers) == 2  # above and below the table
    assert [(item.name, item.get_text(), item.get("href")) for item in pagers[0].find_all(["a", "strong"])] == [
        ("a", label(0), "../"),
        ("strong", label(1), None),
        ("a", label(2), "../3/"),
    ]
    assert second.select_one("article h1").get_text() == f"Server Error · {label(1)}"
    # The navigation names the platform once, at its first part.
    nav = [(link.get_text(strip=True), link["href"]) for link in second.select(".md-nav--primary a.md-nav__link")]
    assert [href for title, href in nav if title == "Server Error"] == ["../"]
    assert len(nav) == 2 + len(SPEC_DATA.platforms)  # home, a link per platform, status
    assert not page(split_site, f"{prefix}android/index.html").select("nav.errorspec-pager")


@pytest.mark.parametrize("prefix", ["", "zh/"])
def test_links_and_search_lead_to_the_part_that_holds_the_code(split_site: Path, prefix: str) -> None:
    server = f"../{URLS[part_of(898000)]}"
    assert part_of(898000) > 0
    row = page(split_site, f"{prefix}android/index.html").find(id="871104")
    assert ("Server Error 898000", f"{server}#898000") in [
        (link.get_text(), link["href"]) for link in row.select(".errorspec-also a")
    ]
    status = page(split_site, f"{prefix}status/index.html").find(id="server").find_next("p", {"data-lang": "en"})
    links = {link.get_text(): link["href"] for link in status.select("a") if link.get_text() in {"7132006", "7133001"}}
    assert links == {"7132006": "../server/3/#7132006", "7133001": "../server/3/#7133001"}
    search = split_site / prefix / "search"
    # A small catalogue's codes are in one file: one request answers any code.
    assert [path.name for path in (search / "errorspec-codes").iterdir()] == ["all.js"]
    assert worker_settings(search / "errorspec-worker.js")["codePrefix"] == 0
    shard = (search / "errorspec-codes" / "all.js").read_text(encoding="utf-8")
    data = script_data(shard)
    assert [data["platforms"][index][0] for index, _message in data["codes"]["898000"]] == [
        f"{prefix}{URLS[part_of(898000)]}"
    ]
    index = (search / "errorspec-index.js").read_text(encoding="utf-8")
    locations = {entry[0] for entry in script_data(index)}
    assert f"{prefix}{URLS[part_of(898000)]}#898000" in locations
    assert f"{prefix}server/#898000" not in locations


def test_no_broken_link(split_site: Path) -> None:
    checked, broken = internal_links(split_site)
    assert checked > 2 * CODES
    assert broken == []


def test_a_link_to_the_first_part_reaches_a_code_on_another(browser: Any, split_site: Path) -> None:
    with serve(split_site) as base:
        for prefix in ("", "zh/"):
            browser.get(f"{base}{prefix}server/#898000")
            WebDriverWait(browser, 10).until(expected_conditions.url_contains(URLS[part_of(898000)]))
            assert browser.current_url == f"{base}{prefix}{URLS[part_of(898000)]}#898000"
            WebDriverWait(browser, 10).until(
                lambda driver: (
                    0
                    <= driver.execute_script("return document.getElementById('898000').getBoundingClientRect().top")
                    < driver.execute_script("return window.innerHeight")
                )
            )
        browser.get(f"{base}codes/#server/7133001")
        WebDriverWait(browser, 10).until(expected_conditions.url_contains("server/3/"))
        assert browser.current_url == f"{base}server/3/#7133001"


def test_file_urls_for_the_offline_bundle(tmp_path: Path) -> None:
    site = build_site(
        write_config(tmp_path, SPEC, {"codes_per_page": PER_PAGE, "history": 0}, use_directory_urls=False),
        tmp_path / "site",
    )
    second = page(site, "zh/server/2.html")
    assert [link["href"] for link in second.select("nav.errorspec-pager a")][:2] == ["../server.html", "3.html"]
    codes = second.select_one(".errorspec-codes")
    assert (codes["data-errorspec-platform"], codes["data-errorspec-resolver"]) == ("server", "../codes/index.html")
    assert internal_links(site)[1] == []


def test_a_large_catalogues_codes_are_in_files_named_by_their_first_digits() -> None:
    entries = tuple(Entry(code, f"error {code}", {"en": f"Error {code}."}, {}, "ok") for code in range(100000, 102500))
    platform = PlatformSpec("sdk", None, {"en": "SDK"}, {}, {}, {}, {}, (), entries)
    site = language_site(Spec((Language("en", "English", "Latn"),), (platform,)), "en", lambda src: src[:-3] + "/")
    written = {path: "".join(pieces) for path, pieces in site.extra_files()}
    files = {path: text for path, text in written.items() if path.startswith("search/errorspec-codes/")}
    # Two digits would leave 2,500 codes in one file; three leave at most 1,000.
    assert sorted(files) == [f"search/errorspec-codes/{prefix}.js" for prefix in ("100", "101", "102")]
    for path, text in files.items():
        codes = script_data(text)["codes"]
        assert {code[:3] for code in codes} == {path.rsplit("/", 1)[1].removesuffix(".js")}
    assert sum(len(script_data(text)["codes"]) for text in files.values()) == 2500
    assert worker_settings(written["search/errorspec-worker.js"])["codePrefix"] == 3
