"""The bilingual site built from the real spec: pages, anchors, fallbacks, links, status."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import SPEC, internal_links
from errorspec.sources.manifest import load_manifest
from errorspec.spec.report import check_report
from errorspec.spec.specfiles import load_spec

SPEC_DATA = load_spec(SPEC, load_manifest(SPEC))


def page(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path).read_text(encoding="utf-8"), "html5lib")


@pytest.mark.parametrize(
    ("prefix", "lang", "search_label", "site_name"),
    [("", "en", "Search", "JMessage error codes"), ("zh/", "zh", "搜索", "JMessage 错误码")],
)
def test_both_languages_are_built_with_their_interface(
    real_site: Path, prefix: str, lang: str, search_label: str, site_name: str
) -> None:
    for path in ("index.html", "android/index.html", "status/index.html"):
        soup = page(real_site, prefix + path)
        assert soup.html["lang"] == lang
        assert soup.select_one("input.md-search__input")["placeholder"] == search_label
        assert soup.select_one(".md-header__topic .md-ellipsis").get_text(strip=True) == site_name
        # The navigation, and the logo, lead to pages of this language only.
        here = (real_site / prefix / path).parent
        targets = [(here / a["href"]).resolve() for a in soup.select(".md-nav--primary a.md-nav__link, a.md-logo")]
        assert {target.relative_to(real_site.resolve()).parts[:1] == ("zh",) for target in targets} == {prefix == "zh/"}
    titles = [link.get_text(strip=True) for link in soup.select(".md-nav--primary .md-nav__link")]
    assert titles[1:7] == [
        "JMessage iOS",
        "JMRTC iOS",
        "JMessage Android",
        "JMRTC Android",
        "JMessage Web",
        "Server Error",
    ]


@pytest.mark.parametrize("prefix", ["", "zh/"])
def test_every_code_has_a_row_with_a_stable_anchor_and_a_literal_message(real_site: Path, prefix: str) -> None:
    for platform in SPEC_DATA.platforms:
        soup = page(real_site, f"{prefix}{platform.platform}/index.html")
        rows = soup.select(".errorspec-codes tbody tr")
        assert [row["id"] for row in rows] == [str(entry.code) for entry in platform.entries]
        for row, entry in zip(rows, platform.entries, strict=True):
            assert next(row.td.stripped_strings) == str(entry.code)  # errorspec.js links it to its row
            if entry.message:
                assert row.select_one("code").get_text() == entry.message


def fallbacks(site: Path, path: str) -> dict[str, tuple[str, str]]:
    soup = page(site, path)
    found = {}
    for row in soup.select(".errorspec-codes tbody tr"):
        fallback = row.select_one("td.errorspec-fallback")
        if fallback:
            found[row["id"]] = (
                fallback.select_one("[lang]")["lang"],
                fallback.select_one(".errorspec-marker").get_text(),
            )
    return found


def test_missing_translations_fall_back_visibly_and_match_the_report(real_site: Path) -> None:
    report = {platform.platform: platform for platform in check_report(SPEC_DATA).platforms}
    for prefix, lang, other, marker in [("", "en", "zh", "Chinese only"), ("zh/", "zh", "en", "仅英文")]:
        for platform in SPEC_DATA.platforms:
            found = fallbacks(real_site, f"{prefix}{platform.platform}/index.html")
            missing = [str(entry.code) for entry in platform.entries if not entry.description.get(lang)]
            # A code no language describes (872005: only its SDK declares it, without a comment) has nothing to show.
            silent = [str(entry.code) for entry in platform.entries if not any(entry.description.values())]
            assert sorted(found) == sorted(set(missing) - set(silent)), (lang, platform.platform)
            assert len(found) + len(silent) == report[platform.platform].missing[lang]
            assert set(found.values()) <= {(other, marker)}
    assert fallbacks(real_site, "ios/index.html")["866005"] == ("zh", "Chinese only")


def test_the_status_page_lists_untranslated_codes_with_percentages(real_site: Path) -> None:
    soup = page(real_site, "zh/status/index.html")
    rows = {
        row.select_one("a").get_text(): [td.get_text() for td in row.select("td")] for row in soup.select("tbody tr")
    }
    assert rows["JMessage iOS"][1:] == ["54", "33 (61.1%)", "54 (100%)"]
    assert rows["Server Error"][1:] == ["182", "148 (81.3%)", "182 (100%)"]
    missing = soup.select_one('p.errorspec-missing[data-lang="en"]')
    assert missing is not None
    codes = [link.get_text() for link in missing.select("a")]
    ios = next(platform for platform in SPEC_DATA.platforms if platform.platform == "ios")
    assert codes == [str(entry.code) for entry in ios.entries if not entry.description.get("en")]
    assert len(codes) == 21
    assert missing.select_one("a")["href"] == "../ios/#860016"


def test_cross_links_between_platforms(real_site: Path) -> None:
    row = page(real_site, "android/index.html").find(id="871323")
    links = [(link.get_text(), link["href"]) for link in row.select(".errorspec-also a")]
    assert links[0] == ("JMessage iOS 868002", "../ios/#868002")
    assert ("Server Error 847003", "../server/#847003") in links
    back = page(real_site, "ios/index.html").find(id="868002")
    assert ("JMessage Android 871323", "../android/#871323") in [
        (a.get_text(), a["href"]) for a in back.select(".errorspec-also a")
    ]


def test_hints_and_related_documents_stay_on_the_site_in_the_same_language(real_site: Path) -> None:
    for prefix, path in [("", "ios/index.html"), ("zh/", "jmrtc-android/index.html")]:
        soup = page(real_site, f"{prefix}{path}")
        hint = soup.select_one(".errorspec-hint a")
        assert hint["href"] == "../server/"
    related = page(real_site, "ios/index.html").select(".errorspec-related a")
    assert [(a.get_text(), a["href"]) for a in related] == [
        ("Android SDK Error Code", "../android/"),
        ("Server Error Code", "../server/"),
    ]


def test_links_to_the_vendor_site_say_so(real_site: Path) -> None:
    link = page(real_site, "android/index.html").find(id="871318").select_one("td:nth-of-type(3) > a")
    assert link["href"] == "https://docs.jiguang.cn/jmessage/jmessage_android_guide/"
    assert "errorspec-external" in link["class"]
    assert link["title"] == "On the vendor's website"


def test_the_language_menu_links_the_same_page(real_site: Path) -> None:
    menu = page(real_site, "android/index.html").select("a.md-select__link[hreflang]")
    assert [(a["hreflang"], a["href"]) for a in menu] == [("en", "./"), ("zh", "../zh/android/")]
    menu = page(real_site, "zh/android/index.html").select("a.md-select__link[hreflang]")
    assert [(a["hreflang"], a["href"]) for a in menu] == [("en", "../../android/"), ("zh", "./")]


def test_no_broken_internal_link(real_site: Path) -> None:
    checked, broken = internal_links(real_site)
    assert checked > 2 * 236  # at least every row's own link, in both languages
    assert broken == []
