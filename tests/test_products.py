"""Several products in one spec, as the vendor publishes JMessage's and JShare's codes: each
product's pages imported against its own site, and the site's home page grouped by product."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from bs4 import BeautifulSoup

from conftest import build_site, html_page, write_config
from errorspec.sources.importer import run_import

MANIFEST = """\
base_url: https://docs.example.com/jmessage/client/
languages:
  - {id: en, name: English, script: Latn}
  - {id: zh, name: 中文, script: Hani}
products:
  - {id: jmessage, name: {en: JMessage, zh: 极光 IM}}
  - {id: jshare, name: {en: JShare, zh: 极光分享}, base_url: "https://docs.example.com/jshare/client/"}
platforms:
  - {id: android, page: im_errorcode_android/, product: jmessage}
  - {id: share-android, page: share_errorcode_android/, product: jshare, title: {en: JShare Android, zh: 分享 Android}}
sources:
  - file: sources/android.en.md
    language: en
    format: html
    sections: [{heading: JMessage Android, platform: android}]
  - file: sources/share.en.md
    language: en
    format: html
    sections: [{heading: Error codes, platform: share-android}]
  - file: sources/share.zh.md
    language: zh
    format: html
    sections: [{heading: 错误码, platform: share-android}]
"""


def test_a_spec_of_two_products_groups_the_home_page_and_keeps_each_products_links(
    mini_spec: Callable[..., Path],
) -> None:
    guide = '<a href="share_guide/">the guide</a>'
    spec_dir = mini_spec(
        {
            "android.en.md": html_page("JMessage Android", [("871310", "Network not available", "No network")]),
            "share.en.md": html_page("Error codes", [("40001", "Share failed", f"See {guide}")]),
            "share.zh.md": html_page("错误码", [("40001", "Share failed", "分享失败")]),
        },
        MANIFEST,
    )
    run_import(spec_dir)
    root = spec_dir.parent
    site = build_site(write_config(root, spec_dir, {"history": 0}), root / "site")
    for prefix, names, share_title in (
        ("", ["JMessage", "JShare"], "JShare Android"),
        ("zh/", ["极光 IM", "极光分享"], "分享 Android"),
    ):
        home = BeautifulSoup((site / prefix / "index.html").read_text(encoding="utf-8"), "html.parser")
        groups = [
            (h3.get_text(), [a.get_text() for a in h3.find_next("table").select("a")]) for h3 in home.select("h3")
        ]
        assert groups == [(names[0], ["JMessage Android"]), (names[1], [share_title])]
    share = BeautifulSoup((site / "share-android" / "index.html").read_text(encoding="utf-8"), "html5lib")
    assert share.select_one("h1").get_text() == "JShare Android"  # the manifest's title, not the heading
    link = share.find(id="40001").select_one("td:nth-of-type(3) > a")
    assert link["href"] == "https://docs.example.com/jshare/client/share_guide/"  # JShare's site, not JMessage's
