"""The MkDocs plugin as MkDocs runs it: configuration, failures that stop a build, options."""

from __future__ import annotations

import logging
import re
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from mkdocs.exceptions import Abort

from conftest import REPO, build_site, write_config


def test_an_invalid_spec_stops_the_build_naming_file_and_line(
    tmp_path: Path, spec_copy: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = spec_copy / "android.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("  - code: 871310\n", "  - code: 871310x\n"), encoding="utf-8")
    line = text[: text.index("  - code: 871310\n")].count("\n") + 1
    with pytest.raises(Abort), caplog.at_level(logging.ERROR):
        build_site(write_config(tmp_path, spec_copy), tmp_path / "site")
    assert f'spec/android.yaml:{line}: codes[17].code: "871310x" is not of type "integer"' in caplog.text


def test_a_link_to_a_missing_code_fails_the_strict_build(
    tmp_path: Path, spec_copy: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = spec_copy / "ios.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["codes"][0]["related"] = ["server:123"]
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(Abort), caplog.at_level(logging.WARNING):
        build_site(write_config(tmp_path, spec_copy), tmp_path / "site")
    assert "ios.yaml: code 860015 links to server:123, which the spec does not have" in caplog.text


def test_maintainer_links_and_vetoes_change_the_cross_links(tmp_path: Path, spec_copy: Path) -> None:
    path = spec_copy / "android.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    entry = next(entry for entry in data["codes"] if entry["code"] == 871323)
    entry["unrelated"] = ["server:850001"]
    entry["related"] = ["jmrtc-android:872004"]
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    site = build_site(write_config(tmp_path, spec_copy), tmp_path / "site")
    row = BeautifulSoup((site / "android" / "index.html").read_text(encoding="utf-8"), "html.parser").find(id="871323")
    also = [link.get_text() for link in row.select(".errorspec-also a")]
    assert "Server Error 850001" not in also
    assert "JMRTC Android 872004" in also
    assert "Server Error 847003" in also


def test_file_urls_without_directories(tmp_path: Path) -> None:
    site = build_site(write_config(tmp_path, REPO / "spec", use_directory_urls=False), tmp_path / "site")
    android = BeautifulSoup((site / "android.html").read_text(encoding="utf-8"), "html.parser")
    assert ("JMessage iOS 868002", "ios.html#868002") in [
        (a.get_text(), a["href"]) for a in android.find(id="871323").select(".errorspec-also a")
    ]
    assert [a["href"] for a in android.select("a.md-select__link[hreflang]")] == ["android.html", "zh/android.html"]
    chinese = BeautifulSoup((site / "zh" / "android.html").read_text(encoding="utf-8"), "html.parser")
    assert [a["href"] for a in chinese.select("a.md-select__link[hreflang]")] == ["../android.html", "android.html"]
    assert chinese.select_one("title").get_text() == "JMessage Android - 错误码"


def test_the_changes_page_says_so_without_git_history(tmp_path: Path, spec_copy: Path) -> None:
    site = build_site(write_config(tmp_path, spec_copy), tmp_path / "site")
    for path, text in (("changes/index.html", "has no git history"), ("zh/changes/index.html", "没有 git 历史")):
        page = BeautifulSoup((site / path).read_text(encoding="utf-8"), "html.parser")
        assert text in page.select_one("article").get_text()


def test_the_changes_page_lists_the_spec_history(real_site: Path) -> None:
    """This repository has no release tag: a version per day on which the codes changed, newest first."""
    page = BeautifulSoup((real_site / "changes" / "index.html").read_text(encoding="utf-8"), "html.parser")
    headings = [heading for heading in page.select("article h2") if heading["id"] != "uncommitted"]
    days = [heading["id"] for heading in headings]
    assert days == sorted(set(days), reverse=True)
    assert days == [heading.get_text().strip() for heading in headings]
    assert all(re.fullmatch(r"\d{4}-\d{2}-\d{2}", day) for day in days)
    assert "2026-11-22" in days or len(days) == 10
    if days[-1] == "2026-11-22":  # the first import
        assert headings[-1].find_next("p").get_text() == "First version of the catalogue: 236 codes."


def test_every_kind_of_change_a_reader_sees_has_a_heading_on_the_changes_page_in_every_language() -> None:
    from errorspec.publish.interface import UI
    from errorspec.publish.site import CHANGE_GROUPS
    from errorspec.review.diff import KINDS
    from errorspec.review.revisions import UNSEEN_KINDS

    grouped = [kind for kinds in CHANGE_GROUPS.values() for kind in kinds]
    assert sorted(grouped) == sorted(set(KINDS) - UNSEEN_KINDS)
    for lang, texts in UI.items():
        assert [group for group in CHANGE_GROUPS if not texts.get(f"changes.group.{group}")] == [], lang


def test_the_changes_page_shows_what_the_vendor_changed(real_site: Path) -> None:
    """The update from the seed pages to the vendor's catalogue of today, on its day."""
    page = BeautifulSoup((real_site / "changes" / "index.html").read_text(encoding="utf-8"), "html.parser")
    heading = page.find("h2", id="2026-11-30")
    if heading is None:
        pytest.skip("the vendor update is older than the last 10 versions of the spec")
    groups = {}
    for group in heading.find_all_next("h3"):
        if group.find_previous("h2") is not heading:
            break
        groups[group.get_text()] = {
            item.get_text(): item.a["href"] if item.a else None for item in group.find_next("ul")("li")
        }
    assert list(groups["New platforms (2)"]) == ["JMRTC iOS", "JMessage Web"]
    added = groups["New codes (140)"]  # with their messages; one only the Chinese page has:
    assert added["Server Error 7132006: set member has in the blacklist"] == "../server/#7132006"
    assert "Server Error 898002: changed" in groups["Description changed in English (1)"]  # its newer text
    assert "JMessage iOS 863005: new" in groups["Description changed in Chinese (155)"]  # an iOS code gains Chinese
    order = list(groups)  # the page's own language first
    assert order.index("Description changed in English (1)") < order.index("Description changed in Chinese (155)")
    assert "SDK message changed (11)" in groups
    assert "Names in the SDKs (74)" in groups


def test_pages_written_by_hand_take_the_language_of_their_folder(tmp_path: Path) -> None:
    config = write_config(tmp_path, REPO / "spec", {"history": 0})
    (tmp_path / "docs" / "zh").mkdir()
    (tmp_path / "docs" / "about.md").write_text("# About\n\nWho writes these pages.\n", encoding="utf-8")
    (tmp_path / "docs" / "zh" / "about.md").write_text("# 关于\n\n谁写了这些页面。\n", encoding="utf-8")
    (tmp_path / "docs" / "faq.md").write_text("# FAQ\n\nIn English only.\n", encoding="utf-8")
    site = build_site(config, tmp_path / "site")

    def menu(path: str) -> tuple[str, list[str]]:
        soup = BeautifulSoup((site / path).read_text(encoding="utf-8"), "html.parser")
        return soup.html["lang"], [a["href"] for a in soup.select("a.md-select__link[hreflang]")]

    assert menu("about/index.html") == ("en", ["./", "../zh/about/"])
    assert menu("zh/about/index.html") == ("zh", ["../../about/", "./"])
    assert menu("faq/index.html") == ("en", ["./", "../zh/"])  # no Chinese version: the Chinese home


def test_a_page_size_below_one_stops_the_build(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    with pytest.raises(Abort), caplog.at_level(logging.ERROR):
        build_site(write_config(tmp_path, REPO / "spec", {"codes_per_page": 0}), tmp_path / "site")
    assert "errorspec: codes_per_page is 0; it must be 1 or more" in caplog.text
    assert not (tmp_path / "site" / "index.html").exists()
