"""Reconciliation: every discrepancy becomes a finding, and a maintainer's work survives imports."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import yaml

from conftest import MINI_MANIFEST, html_page
from errorspec.model import Entry
from errorspec.sources.importer import run_import
from errorspec.spec.report import RowAccount, check_report

Make = Callable[..., Path]


def entries(spec_dir: Path, platform: str = "ios", *, allow_removals: bool = False) -> dict[int, Entry]:
    result = run_import(spec_dir, allow_removals=allow_removals)
    [spec] = [p for p in result.spec.platforms if p.platform == platform]
    return {entry.code: entry for entry in spec.entries}


def kinds(entry: Entry) -> list[tuple[str, str, str | None]]:
    return [(finding.kind, finding.severity, finding.lang) for finding in entry.findings]


def test_codes_in_one_language_only_are_untranslated_never_copied(mini_spec: Make) -> None:
    spec_dir = mini_spec(
        {
            "ios.en.md": html_page("iOS", [("1", "One", "First"), ("2", "Two", "Second")]),
            "ios.zh.md": html_page("iOS", [("1", "One", "第一"), ("3", "Three", "第三")]),
        }
    )
    found = entries(spec_dir)
    assert found[1].status == "ok"
    assert found[1].description == {"en": "First", "zh": "第一"}
    assert found[2].description == {"en": "Second", "zh": None}
    assert found[2].status == "untranslated"
    assert kinds(found[2]) == [("missing-translation", "warning", "zh")]
    assert found[3].description == {"en": None, "zh": "第三"}
    assert kinds(found[3]) == [("missing-translation", "warning", "en")]


def test_a_message_that_differs_is_kept_and_a_maintainers_choice_survives_import(mini_spec: Make) -> None:
    spec_dir = mini_spec(
        {
            "ios.en.md": html_page("iOS", [("5", "Chatroom not exist", "No room")]),
            "ios.zh.md": html_page("iOS", [("5", "ChatRoom not exist.", "聊天室不存在")]),
        }
    )
    entry = entries(spec_dir)[5]
    assert entry.message == "Chatroom not exist"
    assert entry.status == "needs-review"
    [finding] = entry.findings
    assert (finding.kind, finding.lang, finding.value) == ("message-differs", "zh", "ChatRoom not exist.")
    assert finding.source is not None
    assert finding.source.file == "sources/ios.zh.md"

    path = spec_dir / "ios.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["codes"][0]["resolution"] = {"message": "zh", "note": "Checked against SDK 3.9: the zh page is right."}
    data["codes"][0]["constants"] = {"ios": {"name": "kJMSGErrorChatRoomNotExist"}}
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")

    entry = entries(spec_dir)[5]
    assert entry.message == "ChatRoom not exist."
    assert entry.status == "resolved"
    assert entry.resolution is not None
    assert entry.resolution.note == "Checked against SDK 3.9: the zh page is right."
    assert [(c.sdk, c.name, c.source) for c in entry.constants] == [("ios", "kJMSGErrorChatRoomNotExist", None)]
    assert [(f.kind, f.value) for f in entry.findings] == [("message-differs", "Chatroom not exist")]
    text = path.read_text(encoding="utf-8")
    assert "resolution:\n      message: zh\n      note: 'Checked against SDK 3.9: the zh page is right.'" in text
    assert run_import(spec_dir).changed == []


def test_duplicates_identical_warn_and_conflicting_are_errors(mini_spec: Make) -> None:
    spec_dir = mini_spec(
        {
            "ios.en.md": html_page("iOS", [("1", "A", "a"), ("1", "A", "a"), ("2", "B", "b"), ("2", "B!", "b")]),
            "ios.zh.md": html_page("iOS", [("1", "A", "一"), ("2", "B", "二")]),
        }
    )
    result = run_import(spec_dir)
    found = {entry.code: entry for entry in result.spec.platforms[0].entries}
    assert kinds(found[1]) == [("duplicate-code", "warning", "en")]
    assert kinds(found[2]) == [("duplicate-code", "error", "en")]
    assert found[2].findings[0].value == "B! | b"
    assert result.accounts["sources/ios.en.md"] == RowAccount(read=4, in_spec=2, reported=2)
    assert result.accounts["sources/ios.zh.md"] == RowAccount(read=2, in_spec=2, reported=0)
    assert check_report(result.spec).errors == 1


def test_placeholders_scripts_and_empty_cells(mini_spec: Make) -> None:
    spec_dir = mini_spec(
        {
            "ios.en.md": html_page(
                "iOS",
                [("1", "user %s is in chat", "User %s is already in"), ("2", "", "Empty message"), ("3", "C", "")],
            ),
            "ios.zh.md": html_page(
                "iOS",
                [("1", "user %d is in chat", "用户已在"), ("2", "", "空"), ("3", "C", "Still English")],
            ),
        }
    )
    found = entries(spec_dir)
    assert ("message-differs", "warning", "zh") in kinds(found[1])
    assert ("placeholders-differ", "error", None) in kinds(found[1])
    descriptions = [f for f in found[1].findings if f.kind == "placeholders-differ" and f.severity == "warning"]
    assert descriptions
    assert "en: %s" in descriptions[0].detail
    assert kinds(found[2]) == [("empty-message", "warning", "en"), ("empty-message", "warning", "zh")]
    assert found[2].message == ""
    assert ("empty-description", "warning", "en") in kinds(found[3])
    assert ("wrong-language", "warning", "zh") in kinds(found[3])
    assert found[3].description["en"] is None


def test_a_section_on_one_language_only_is_one_platform_finding(mini_spec: Make) -> None:
    spec_dir = mini_spec(
        {
            "ios.en.md": html_page("iOS", [("1", "A", "a")]),
            "ios.zh.md": html_page("iOS", [("1", "A", "一")]),
            "server.en.md": html_page("Server", [("898000", "Server internal error", "Internal error")]),
        },
        MINI_MANIFEST
        + "  - file: sources/server.en.md\n    language: en\n    format: html\n"
        + "    sections:\n      - {heading: Server, platform: server}\n",
    )
    result = run_import(spec_dir)
    server = result.spec.platforms[1]
    assert [(f.kind, f.lang) for f in server.findings] == [("missing-section", "zh")]
    assert server.entries[0].findings == ()
    assert server.entries[0].status == "untranslated"
    assert server.title == {"en": "Server", "zh": None}


def test_maintainer_translations_hand_added_and_retired_codes_survive(mini_spec: Make) -> None:
    pages = {
        "ios.en.md": html_page("iOS", [("1", "A", "a"), ("2", "B", "b"), ("3", "C", "c")]),
        "ios.zh.md": html_page("iOS", [("1", "A", "一")]),
    }
    spec_dir = mini_spec(pages)
    run_import(spec_dir)
    path = spec_dir / "ios.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    codes = {entry["code"]: entry for entry in data["codes"]}
    codes[2]["description"]["zh"] = "二"  # a translator fills the gap the page leaves
    codes[3]["deprecated"] = "retired in SDK 4.0"
    data["codes"].append(
        {"code": 9, "message": "Hand written", "description": {"en": "Added by hand", "zh": "手写"}, "status": "ok"}
    )
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")

    # The next page version drops codes 2 and 3.
    (spec_dir / "sources" / "ios.en.md").write_text(html_page("iOS", [("1", "A", "a"), ("2", "B", "b")]))
    found = entries(spec_dir)
    assert found[2].description == {"en": "b", "zh": "二"}
    assert found[2].status == "ok"
    assert "zh" not in found[2].source
    assert found[3].deprecated == "retired in SDK 4.0"
    assert found[3].source == {}
    assert found[9].message == "Hand written"

    (spec_dir / "sources" / "ios.en.md").write_text(html_page("iOS", [("1", "A", "a")]))
    # Imported, never touched by hand: gone with its row, once the maintainer allows removals.
    assert 2 not in entries(spec_dir, allow_removals=True)


def test_a_duplicate_that_differs_only_by_whitespace_is_a_warning(mini_spec: Make) -> None:
    spec_dir = mini_spec(
        {
            "ios.en.md": html_page("iOS", [("1", "Not  found", "a b"), ("1", "Not found", "a\n  b")]),
            "ios.zh.md": html_page("iOS", [("1", "Not  found", "一")]),
        }
    )
    [finding] = entries(spec_dir)[1].findings
    assert (finding.kind, finding.severity) == ("duplicate-code", "warning")
    assert "but for whitespace" in finding.detail


def test_messages_keep_their_runs_of_spaces_in_both_table_formats(mini_spec: Make) -> None:
    table = "| Code | Message | Text |\n|---|---|---|\n| 880608 | \tnum exceed  limit\t| 数量超过限制 |\n"
    markdown = f"# Codes\n\n## iOS\n\n{table}"
    spec_dir = mini_spec(
        {
            "ios.en.md": html_page("iOS", [("880608", "num exceed limit", "Quantity\n   exceeds the limit")]),
            "ios.zh.md": markdown,
        },
        MINI_MANIFEST.replace(
            "ios.zh.md\n    language: zh\n    format: html", "ios.zh.md\n    language: zh\n    format: markdown"
        ),
    )
    entry = entries(spec_dir)[880608]
    assert entry.message == "num exceed limit"
    [differs] = entry.findings
    assert (differs.kind, differs.lang, differs.value) == ("message-differs", "zh", "num exceed  limit")
    assert entry.description["en"] == "Quantity exceeds the limit"  # a description is prose: layout collapses


PRODUCTS_MANIFEST = """\
base_url: https://docs.example.com/im/
languages:
  - {id: en, name: English, script: Latn}
  - {id: zh, name: 中文, script: Hani}
products:
  - {id: im, name: {en: Messaging, zh: 即时通讯}}
  - {id: share, name: {en: Share, zh: 分享}, base_url: https://docs.example.com/share/}
platforms:
  - {id: ios, page: ios/, product: im}
  - {id: share-android, page: android/, product: share, title: {en: Share Android, zh: 分享 Android}}
sources:
  - file: sources/ios.en.md
    language: en
    format: html
    sections: [{heading: iOS, platform: ios}]
  - file: sources/share.zh.md
    language: zh
    format: html
    sections: [{heading: Android 错误码, platform: share-android}]
"""


def test_several_products_each_with_its_site_and_titles_from_the_manifest(mini_spec: Make) -> None:
    link = '<a href="guide/">指南</a>'
    spec_dir = mini_spec(
        {
            "ios.en.md": html_page("iOS", [("1", "One", 'See <a href="guide/">the guide</a>')]),
            "share.zh.md": html_page("Android 错误码", [("41001", "Share failed", f"分享失败，见{link}")]),
        },
        PRODUCTS_MANIFEST,
    )
    spec = run_import(spec_dir).spec
    assert [(p.id, p.name) for p in spec.products] == [
        ("im", {"en": "Messaging", "zh": "即时通讯"}),
        ("share", {"en": "Share", "zh": "分享"}),
    ]
    ios, share = spec.platforms
    assert (ios.product, share.product) == ("im", "share")
    assert share.url == "https://docs.example.com/share/android/"
    assert share.title == {"en": "Share Android", "zh": "分享 Android"}  # the heading gives way to the manifest
    assert ios.entries[0].description["en"] == "See [the guide](https://docs.example.com/im/guide/)"
    assert share.entries[0].description["zh"] == "分享失败，见[指南](https://docs.example.com/share/guide/)"
    text = (spec_dir / "share-android.yaml").read_text(encoding="utf-8")
    assert "product: share\n" in text
    assert "  en: Share Android\n" in text
    assert run_import(spec_dir).changed == []  # a re-import keeps the manifest's title


def test_a_page_may_name_the_site_its_links_resolve_against(mini_spec: Make) -> None:
    manifest = MINI_MANIFEST.replace(
        "  - file: sources/ios.zh.md\n    language: zh\n",
        "  - file: sources/ios.zh.md\n    language: zh\n    base_url: https://docs.example.cn/sdk/\n",
    )
    page = html_page("iOS", [("1", "One", '见<a href="guide/">指南</a>')])
    spec_dir = mini_spec(
        {"ios.en.md": html_page("iOS", [("1", "One", '<a href="guide/">Guide</a>')]), "ios.zh.md": page}, manifest
    )
    entry = entries(spec_dir)[1]
    assert entry.description == {
        "en": "[Guide](https://docs.example.com/sdk/guide/)",
        "zh": "见[指南](https://docs.example.cn/sdk/guide/)",
    }
