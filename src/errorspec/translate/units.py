"""What there is to translate into a language: one unit per text of an entry, with what a
translator needs beside it.

A unit is named for good by its context, `<platform>/<code>/<field>` (`android/871310/description`):
it survives reordering, new codes and new pages, as a translation tool's memory needs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from errorspec.model import TRANSLATABLE, Entry, Spec
from errorspec.spec.translations import (
    field_texts,
    given_by_page,
    is_stale,
    translation_of,
    translation_source,
)

Scope = Literal["todo", "all"]
"""`todo`: the texts missing in the language and the stale ones; `all`: every text a translator may write."""

_CONTEXT = re.compile(r"(?P<platform>[^/]+)/(?P<code>-?[0-9]+)/(?P<field>[a-z]+)")


@dataclass(frozen=True)
class Unit:
    platform: str
    code: int
    field: str
    source_lang: str
    source: str
    """The text to translate from, in `source_lang`."""
    target_lang: str
    target: str | None
    """The text in `target_lang` now, if any."""
    stale: bool
    """The target was translated from another text than `source`: it needs a look."""
    message: str
    """The SDK's literal message for the code: a note for the translator."""

    @property
    def context(self) -> str:
        return unit_context(self.platform, self.code, self.field)


def unit_context(platform: str, code: int, field: str) -> str:
    return f"{platform}/{code}/{field}"


def parse_context(context: str) -> tuple[str, int, str] | None:
    """(platform, code, field) of a context errorspec wrote, else None."""
    matched = _CONTEXT.fullmatch(context)
    if matched is None or matched["field"] not in TRANSLATABLE:
        return None
    return matched["platform"], int(matched["code"]), matched["field"]


def entry_unit(spec: Spec, platform: str, entry: Entry, field: str, lang: str) -> Unit | None:
    """The unit of one text of an entry in `lang`, or None where there is nothing a translator
    may write: no text in another language to translate from, or a page's own description."""
    if given_by_page(entry, field, lang):
        return None
    source_lang = translation_source(entry, field, lang, spec.language_ids)
    if source_lang is None:
        return None
    texts = field_texts(entry, field)
    record = translation_of(entry, field, lang)
    target = texts.get(lang) or None
    stale = target is not None and record is not None and is_stale(entry, record)
    return Unit(platform, entry.code, field, source_lang, texts[source_lang] or "", lang, target, stale, entry.message)


def translation_units(spec: Spec, lang: str, scope: Scope = "todo") -> list[Unit]:
    """The units of `lang` in spec order (platform, code, field): missing and stale ones, or all."""
    units = []
    for platform in spec.platforms:
        for entry in platform.entries:
            for field in TRANSLATABLE:
                unit = entry_unit(spec, platform.platform, entry, field, lang)
                if unit is not None and (scope == "all" or unit.target is None or unit.stale):
                    units.append(unit)
    return units
