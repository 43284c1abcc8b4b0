"""A page is split into the manifest's sections; rows go to their platform, never astray."""

from __future__ import annotations

import pytest

from errorspec.model import InputError, Language
from errorspec.sources.manifest import Manifest, Platform, SectionMapping, SourcePage
from errorspec.sources.pages import read_page

BASE = "https://docs.example.com/sdk/"


def manifest_for(
    *sections: SectionMapping, table_format: str = "html", trailing_note: str = "page"
) -> tuple[Manifest, SourcePage]:
    page = SourcePage("sources/page.zh.md", "zh", table_format, sections, 10, BASE, trailing_note)  # type: ignore[arg-type]
    manifest = Manifest(
        "spec/sources.yaml",
        BASE,
        (Language("en", "English", "Latn"), Language("zh", "中文", "Hani")),
        (Platform("android", None, {}), Platform("rtc", None, {})),
        (page,),
    )
    return manifest, page


TWO_SECTIONS = """\
# 错误码

## Android

只会出现在 Android SDK 里的错误码。

<div>
<table>
<tr><th>Code</th><th>Error Message</th><th>说明</th></tr>
<tr><td>0</td><td>Success</td><td>成功</td></tr>
<tr><td>abc</td><td>bad</td><td>坏</td></tr>
</table>
</div>

## RTC
<table>
<tr><td>Code</td><td>Error Message</td><td>说明</td></tr>
<tr><td>0</td><td>ok</td><td>成功</td></tr>
<tr><td>872100</td><td>init failed</td><td>初始化失败</td></tr>
</table>

<br>
若以上列表中没有找到对应的错误码，可查看[服务器端错误码](./server/)

## 相关文档

+ [iOS SDK 错误码](../client/ios/)
"""

SECTIONS = (
    SectionMapping("Android", "android", False, 11),
    SectionMapping("RTC", "rtc", False, 12),
    SectionMapping("相关文档", None, True, 13),
)


def test_each_section_feeds_its_platform() -> None:
    manifest, page = manifest_for(*SECTIONS)
    android, rtc = read_page(TWO_SECTIONS, page, manifest)
    assert (android.platform, rtc.platform) == ("android", "rtc")
    assert [(row.code, row.message, row.description) for row in android.rows] == [(0, "Success", "成功")]
    assert [(row.code, row.source.line) for row in rtc.rows] == [(0, 18), (872100, 19)]
    assert android.source.line == 3
    assert rtc.source.line == 15


def test_a_bad_code_is_rejected_with_its_reason_not_dropped() -> None:
    manifest, page = manifest_for(*SECTIONS)
    android, _ = read_page(TWO_SECTIONS, page, manifest)
    [rejected] = android.rejected
    assert rejected.source.line == 11
    assert rejected.cells == ("abc", "bad", "坏")
    assert "not an integer" in rejected.reason


def test_prose_intro_page_hint_and_related_links() -> None:
    manifest, page = manifest_for(*SECTIONS)
    android, rtc = read_page(TWO_SECTIONS, page, manifest)
    assert android.prose.title == "Android"
    assert android.prose.intro == "只会出现在 Android SDK 里的错误码。"
    assert rtc.prose.intro is None
    hint = "若以上列表中没有找到对应的错误码，可查看[服务器端错误码](https://docs.example.com/sdk/server/)"
    # The note after the page's last table speaks for both tables.
    assert rtc.prose.hint == hint
    assert android.prose.hint == hint
    assert [link.url for link in android.prose.related] == ["https://docs.example.com/client/ios/"]
    assert rtc.prose.related == android.prose.related


def test_by_default_a_trailing_note_belongs_to_its_own_section() -> None:
    manifest, page = manifest_for(*SECTIONS, trailing_note="section")
    android, rtc = read_page(TWO_SECTIONS, page, manifest)
    assert rtc.prose.hint is not None
    assert android.prose.hint is None


def test_a_table_under_an_unmapped_heading_is_an_error_naming_file_and_line() -> None:
    manifest, page = manifest_for(SECTIONS[0], SECTIONS[2])
    with pytest.raises(InputError) as caught:
        read_page(TWO_SECTIONS, page, manifest)
    assert (caught.value.file, caught.value.line) == ("sources/page.zh.md", 16)
    assert "heading 'RTC'" in caught.value.problem


def test_a_heading_missing_from_the_page_is_an_error_at_the_manifest_line() -> None:
    manifest, page = manifest_for(*SECTIONS, SectionMapping("Web", "rtc", False, 14))
    with pytest.raises(InputError) as caught:
        read_page(TWO_SECTIONS, page, manifest)
    assert (caught.value.file, caught.value.line) == ("spec/sources.yaml", 14)
    assert "'Web' not found" in caught.value.problem


def test_a_table_of_another_format_than_declared_is_an_error() -> None:
    manifest, page = manifest_for(*SECTIONS, table_format="markdown")
    with pytest.raises(InputError) as caught:
        read_page(TWO_SECTIONS, page, manifest)
    assert caught.value.line == 8
    assert "declares format 'markdown'" in caught.value.problem
