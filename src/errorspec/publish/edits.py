"""What an edit of the spec changes on the site, as `mkdocs serve` needs to know it: whether every
page stays where it is with the same headings, and then which pages show something else. Those,
and only those, are made again (plugin.py's reload); any other edit is a build of its own."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass

from errorspec.model import Entry, Spec
from errorspec.publish.site import Layout, part_path
from errorspec.spec.crosslinks import CodeKey
from errorspec.spec.translations import stale_translations


@dataclass(frozen=True)
class Edited:
    """What an edit changed on the pages that stay where they were."""

    codes: frozenset[CodeKey]
    """The codes whose rows show something else: edited, or linked to other codes than before."""
    described: bool
    """Whether a code gained or lost a description in a language, or a translation of it became
    stale or current again: the status pages list both."""
    offered: bool
    """Whether the permanent-URL page says something else: an edited code has names in an SDK,
    or is on several platforms (the page shows its message and description there)."""


def same_places(old: Spec, new: Spec) -> bool:
    """Whether every page of `new` is where `old` has it, under the same headings: the same
    languages, products and platforms, each with the same codes in the same order and the same
    texts of its own (title, intro, hint, related documents, ranges, address, findings)."""
    if (old.languages, old.products) != (new.languages, new.products) or len(old.platforms) != len(new.platforms):
        return False
    for before, after in zip(old.platforms, new.platforms, strict=True):
        if dataclasses.replace(before, entries=()) != dataclasses.replace(after, entries=()):
            return False
        if [entry.code for entry in before.entries] != [entry.code for entry in after.entries]:
            return False
    return True


def keeping_unchanged(old: Spec, new: Spec) -> Spec:
    """`new` (of the same places as `old`) with each of its entries that equals `old`'s the very
    object `old` has: what was made of an entry before (its search entry, its line of the data
    files) is then made again of the edited ones only."""
    platforms = tuple(
        after
        if after is before
        else dataclasses.replace(
            after,
            entries=tuple(
                entry if entry == now else now for entry, now in zip(before.entries, after.entries, strict=True)
            ),
        )
        for before, after in zip(old.platforms, new.platforms, strict=True)
    )
    return dataclasses.replace(new, platforms=platforms)


def relinks(old: Spec, new: Spec) -> bool:
    """Whether an edit (of the same places) may link codes otherwise: a message, or a maintainer's
    `related` or `unrelated`, changed."""
    return any(
        entry is not now and _linking(entry) != _linking(now)
        for before, after in zip(old.platforms, new.platforms, strict=True)
        if before is not after
        for entry, now in zip(before.entries, after.entries, strict=True)
    )


def edited(old: Spec, new: Spec, old_layout: Layout, new_layout: Layout) -> Edited:
    """What changed from `old` to `new`, two specs of the same places (`same_places`)."""
    changes: dict[CodeKey, tuple[Entry, Entry]] = {
        (before.platform, entry.code): (entry, now)
        for before, after in zip(old.platforms, new.platforms, strict=True)
        for entry, now in zip(before.entries, after.entries, strict=True)
        if entry is not now and entry != now
    }
    relinked = {
        key
        for key in old_layout.links.keys() | new_layout.links.keys()
        if old_layout.links.get(key) != new_layout.links.get(key)
    }
    platforms = [platform.platform for platform in new.platforms]

    def offered(key: CodeKey, entry: Entry, now: Entry) -> bool:
        platform, code = key
        elsewhere = any((other, code) in new_layout.where for other in platforms if other != platform)
        return bool(entry.constants or now.constants) or elsewhere

    return Edited(
        frozenset(changes) | relinked,
        any(_described(entry) != _described(now) or _stale(entry) != _stale(now) for entry, now in changes.values()),
        any(offered(key, entry, now) for key, (entry, now) in changes.items()),
    )


def pages_holding(layout: Layout, codes: Iterable[CodeKey]) -> set[str]:
    """The docs files (in a language's folder) of the parts of pages that hold `codes`."""
    places = (layout.where[key] for key in codes if key in layout.where)  # a guest publishes some platforms only
    return {part_path(layout.plans[page].path, part) for page, part in places}


def _described(entry: Entry) -> set[str]:
    return {lang for lang, text in entry.description.items() if text}


def _stale(entry: Entry) -> set[tuple[str, str]]:
    return {(record.lang, record.field) for record in stale_translations(entry)}


def _linking(entry: Entry) -> tuple[object, ...]:
    """What of an entry links it to other codes (crosslinks.py)."""
    return entry.message, entry.related, entry.unrelated
