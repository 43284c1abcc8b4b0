"""Which texts of an entry are translations, from what, and which of them are stale.

A translator's text records the hash of the text it was made from (`Translated`). When that text
changes (a new page, a maintainer's edit), the hashes differ and the translation is stale until
a translator updates or confirms it: nothing else has to remember what the text said.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping

from errorspec.model import TRANSLATABLE, Entry, Translated

HASH_LENGTH = 8
"""Hex digits of a source text's hash kept: enough to tell a changed text from the one translated."""


def text_hash(text: str) -> str:
    """A short, stable hash of a text (SHA-256 of its UTF-8, the first HASH_LENGTH hex digits)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:HASH_LENGTH]


def field_texts(entry: Entry, field: str) -> Mapping[str, str | None]:
    """The entry's texts of one translatable field, per language."""
    if field not in TRANSLATABLE:
        raise ValueError(f"{field} is not a text a translator translates")
    texts: Mapping[str, str | None] | None = getattr(entry, field)
    return texts or {}


def given_by_page(entry: Entry, field: str, lang: str) -> bool:
    """Whether the field's text in `lang` is the vendor's page's: a description from a page row is
    corrected on the page, not translated (the next import would bring the page's back)."""
    return field == "description" and lang in entry.source


def translation_source(entry: Entry, field: str, lang: str, languages: tuple[str, ...]) -> str | None:
    """The language a translation into `lang` is made from: the one it was made from if that still
    has the text, else the first other language, in the spec's order, that has it."""
    texts = field_texts(entry, field)
    record = translation_of(entry, field, lang)
    if record is not None and texts.get(record.source_lang):
        return record.source_lang
    return next((other for other in languages if other != lang and texts.get(other)), None)


def translation_of(entry: Entry, field: str, lang: str) -> Translated | None:
    return next((record for record in entry.translated if (record.field, record.lang) == (field, lang)), None)


def is_stale(entry: Entry, record: Translated) -> bool:
    """Whether the text a translation was made from has changed (or gone) since."""
    source = field_texts(entry, record.field).get(record.source_lang)
    return not source or text_hash(source) != record.source_hash


def stale_translations(entry: Entry) -> list[Translated]:
    return [record for record in entry.translated if is_stale(entry, record)]


def kept_translations(entry: Entry) -> tuple[Translated, ...]:
    """The entry's records that still describe a translator's text: a text that is gone, or that a
    page now gives, is no translation any more."""
    return tuple(
        record
        for record in entry.translated
        if field_texts(entry, record.field).get(record.lang) and not given_by_page(entry, record.field, record.lang)
    )
