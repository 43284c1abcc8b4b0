"""What an edit of the spec changes on the site, for `mkdocs serve`'s reload: the rows of the codes
it edits and of the codes it links to or from, the status pages where a description comes or goes,
and nothing where pages would move."""

from __future__ import annotations

import dataclasses

from conftest import SPEC
from errorspec.model import Entry, Spec, Translated
from errorspec.publish.edits import edited, keeping_unchanged, pages_holding, relinks, same_places
from errorspec.publish.site import relaid, site_layout
from errorspec.sources.manifest import load_manifest
from errorspec.spec.specfiles import load_spec
from errorspec.spec.translations import text_hash

OLD = load_spec(SPEC, load_manifest(SPEC))


def with_entry(spec: Spec, platform: str, code: int, **changes: object) -> Spec:
    """`spec` with one entry changed."""

    def changed(entry: Entry) -> Entry:
        return dataclasses.replace(entry, **changes) if entry.code == code else entry  # type: ignore[arg-type]

    return dataclasses.replace(
        spec,
        platforms=tuple(
            dataclasses.replace(p, entries=tuple(map(changed, p.entries))) if p.platform == platform else p
            for p in spec.platforms
        ),
    )


def test_an_edited_description_changes_its_row_and_the_status_where_it_comes_or_goes() -> None:
    layout = site_layout(OLD)
    reworded = with_entry(OLD, "android", 871310, description={"en": "Reworded.", "zh": "网络连接已断开，请检查网络"})
    assert same_places(OLD, reworded)
    kept = keeping_unchanged(OLD, reworded)
    assert not relinks(OLD, kept)
    what = edited(OLD, kept, layout, relaid(layout, kept, relink=False))
    assert what.codes == {("android", 871310)}
    assert not what.described
    assert pages_holding(layout, what.codes) == {"android.md"}
    # Every other entry is the object it was: what was made of it before is made again of none.
    pairs = zip(OLD.platforms, kept.platforms, strict=True)
    unchanged = [(a, b) for p, q in pairs for a, b in zip(p.entries, q.entries, strict=True)]
    assert sum(a is not b for a, b in unchanged) == 1
    untranslated = with_entry(OLD, "android", 871310, description={"en": "Reworded.", "zh": None})
    assert edited(OLD, untranslated, layout, site_layout(untranslated)).described


def test_a_translation_made_stale_or_current_again_changes_the_status() -> None:
    # 871310's English is taken to be a translation of its Chinese: the status pages list it as
    # stale once the Chinese changes, and no more once it is back.
    chinese = "网络连接已断开，请检查网络"
    record = Translated("description", "en", "zh", text_hash(chinese))
    current = with_entry(OLD, "android", 871310, translated=(record,))
    stale = with_entry(current, "android", 871310, description={"en": "Reworded.", "zh": "网络已断开"})
    layout = site_layout(current)
    assert edited(current, stale, layout, site_layout(stale)).described
    assert edited(stale, current, layout, site_layout(current)).described
    reworded = with_entry(current, "android", 871310, description={"en": "Reworded.", "zh": chinese})
    assert not edited(current, reworded, layout, site_layout(reworded)).described


def test_a_message_made_another_platforms_links_both_codes() -> None:
    layout = site_layout(OLD)
    ios = next(p for p in OLD.platforms if p.platform == "ios")
    target = ios.entries[0]
    android = next(p for p in OLD.platforms if p.platform == "android")
    source = next(e for e in android.entries if ("android", e.code) not in layout.links)
    linked = keeping_unchanged(OLD, with_entry(OLD, "android", source.code, message=target.message))
    assert relinks(OLD, linked)
    what = edited(OLD, linked, layout, relaid(layout, linked))
    assert {("android", source.code), ("ios", target.code)} <= what.codes  # each row says "Also on" the other


def test_a_code_added_or_a_platform_retitled_moves_pages() -> None:
    android = next(p for p in OLD.platforms if p.platform == "android")
    added = dataclasses.replace(android, entries=(*android.entries, dataclasses.replace(android.entries[0], code=1)))
    assert not same_places(OLD, dataclasses.replace(OLD, platforms=(added, *OLD.platforms[1:])))
    retitled = dataclasses.replace(OLD.platforms[0], title={"en": "Other", "zh": "其他"})
    assert not same_places(OLD, dataclasses.replace(OLD, platforms=(retitled, *OLD.platforms[1:])))
