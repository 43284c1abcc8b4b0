"""Units to translate in the files translators work in, and back: gettext PO (Weblate, Poedit,
Pontoon) and XLIFF 1.2 (Crowdin, CAT tools), both by translate-toolkit.

Each unit carries its context (`android/871310/description`), the text to translate from, the
current translation if any, and notes: the SDK's literal message and the code's permanent URL.
A stale translation is marked as a translation tool marks one to review: fuzzy in PO,
`needs-review-translation` in XLIFF. The files are deterministic: no dates, no tool versions.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from lxml import etree
from translate.storage import pypo, xliff

from errorspec.model import InputError
from errorspec.spec.pasted import RULES
from errorspec.spec.yamlio import read_text
from errorspec.translate.units import Unit

FileFormat = Literal["po", "xliff"]
EXTENSIONS: dict[str, FileFormat] = {".po": "po", ".pot": "po", ".xlf": "xliff", ".xliff": "xliff"}

_XLIFF_NAMESPACE = "urn:oasis:names:tc:xliff:document:1.2"
_NEEDS_REVIEW = "needs-review-translation"
_UNFINISHED = {"new", "needs-translation", "needs-adaptation", "needs-l10n"}
_PLACEHOLDER = re.compile(str(RULES["placeholder"]))


class _Unit12(xliff.xliffunit):
    namespace = _XLIFF_NAMESPACE


class _Xliff12(xliff.xlifffile):
    """translate-toolkit's XLIFF, in version 1.2 (its default is 1.1), which tools expect today."""

    UnitClass = _Unit12

    XMLskeleton = f"""<?xml version="1.0" ?>
<xliff version="1.2" xmlns="{_XLIFF_NAMESPACE}">
<file original="NoName" source-language="en" datatype="plaintext">
<body>
</body>
</file>
</xliff>"""
    namespace = _XLIFF_NAMESPACE


@dataclass(frozen=True)
class FileUnit:
    """A unit as a translation file gives it back."""

    context: str
    source: str
    target: str
    fuzzy: bool
    line: int | None


@dataclass(frozen=True)
class TranslationFile:
    lang: str | None
    """The language translated into, as the file declares it (PO `Language`, XLIFF `target-language`)."""
    units: list[FileUnit]


def notes(unit: Unit, site_url: str | None, default_lang: str) -> list[str]:
    """What a translator reads beside a unit: the SDK's message (the code's literal string, never
    translated), and where the code's page is."""
    said = [f"SDK message: {unit.message}" if unit.message else "SDK message: (none)"]
    if site_url:
        folder = "" if unit.target_lang == default_lang else f"{unit.target_lang}/"
        said.append(f"Permanent URL: {site_url.rstrip('/')}/{folder}codes/#{unit.platform}/{unit.code}")
    return said


def write_po(units: Sequence[Unit], lang: str, project: str, site_url: str | None, default_lang: str) -> bytes:
    store = pypo.pofile()
    store.updateheader(add=True)
    # The header's fields, set here: the library's defaults hold today's date and placeholders
    # (`FULL NAME <EMAIL@ADDRESS>`), and an export must be the same file for the same spec.
    fields = {
        "Project-Id-Version": project,
        "Language": lang,
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "X-Generator": "errorspec",
    }
    store.header().target = "".join(f"{key}: {value}\n" for key, value in fields.items())
    for unit in units:
        entry = store.addsourceunit(unit.source)
        entry.setcontext(unit.context)
        for note in notes(unit, site_url, default_lang):
            entry.addnote(note, origin="developer")
        for flag in format_flags(unit.source):
            entry.settypecomment(flag)
        if unit.target is not None:
            entry.target = unit.target
        entry.markfuzzy(unit.stale)
    return bytes(store)


def format_flags(text: str) -> list[str]:
    """gettext's flags for the placeholders a text holds, so that `msgfmt --check-format`, Poedit
    and Weblate check that a translation keeps them: `%s` is C's, `%@` Objective-C's, `{name}` Python's."""
    flags = set()
    for placeholder in _PLACEHOLDER.findall(text):
        if placeholder.startswith("{"):
            flags.add("python-brace-format")
        else:
            flags.add("objc-format" if placeholder.endswith("@") else "c-format")
    return sorted(flags)


def write_xliff(units: Sequence[Unit], lang: str, site_url: str | None, default_lang: str) -> bytes:
    """One `<file>` per platform (its spec file), translated from the units' source language."""
    store = _Xliff12(targetlanguage=lang)
    for unit in units:
        original = f"{unit.platform}.yaml"
        store.switchfile(original, createifmissing=True)
        store.setsourcelanguage(unit.source_lang)
        entry = store.addsourceunit(unit.source, filename=original)
        entry.setid(unit.context)
        for note in notes(unit, site_url, default_lang):
            entry.addnote(note, origin="developer")
        if unit.target is not None:
            entry.target = unit.target
            target = entry.xmlelement.find(f"{{{_XLIFF_NAMESPACE}}}target")
            target.set("state", _NEEDS_REVIEW if unit.stale else "translated")
            entry.markapproved(not unit.stale)
    return bytes(store)


def write_units(
    units: Sequence[Unit],
    lang: str,
    file_format: FileFormat,
    *,
    project: str,
    site_url: str | None,
    default_lang: str,
) -> bytes:
    if file_format == "po":
        return write_po(units, lang, project, site_url, default_lang)
    return write_xliff(units, lang, site_url, default_lang)


def file_format(path: Path) -> FileFormat:
    found = EXTENSIONS.get(path.suffix.lower())
    if found is None:
        known = ", ".join(EXTENSIONS)
        raise InputError(str(path), None, f"not a translation file errorspec reads (by its extension: {known})")
    return found


def read_units(path: Path, name: str) -> TranslationFile:
    """The units of a PO or XLIFF file; a file that is not one raises `InputError` naming its line."""
    text = read_text(path, name)
    if file_format(path) == "po":
        return _read_po(text, name)
    return _read_xliff(text, name)


def _read_po(text: str, name: str) -> TranslationFile:
    store = pypo.pofile()
    try:
        store.parse(text.encode("utf-8"))
    except ValueError as error:  # the parser says "... on line N: ..."
        line = _line_in(str(error))
        raise InputError(name, line, f"not a PO file: {error}") from None
    units = [
        FileUnit(unit.getcontext(), unit.source or "", unit.target or "", unit.isfuzzy(), unit.line_number)
        for unit in store.units
        if not unit.isheader() and not unit.isobsolete()
    ]
    return TranslationFile(store.parseheader().get("Language") or None, units)


def _read_xliff(text: str, name: str) -> TranslationFile:
    try:
        store = xliff.xlifffile.parsestring(text.encode("utf-8"))
    except etree.XMLSyntaxError as error:
        raise InputError(name, error.lineno, f"not XML: {error.msg}") from None
    except (ValueError, AssertionError) as error:
        raise InputError(name, None, f"not an XLIFF 1.x file: {error or 'its root is not <xliff>'}") from None
    units = []
    for unit in store.units:
        element = unit.xmlelement
        target = element.find(store.namespaced("target"))
        state = target.get("state", "") if target is not None else ""
        # Not ready, as tools say it: declined (approved="no") or a state that asks for work.
        fuzzy = element.get("approved") == "no" or state in _UNFINISHED or state.startswith("needs-review")
        units.append(FileUnit(element.get("id") or "", unit.source or "", unit.target or "", fuzzy, element.sourceline))
    files = store.document.getroot().iterchildren(store.namespaced("file"))
    languages = {node.get("target-language") for node in files} - {None}
    return TranslationFile(languages.pop() if len(languages) == 1 else None, units)


def _line_in(message: str) -> int | None:
    found = re.search(r"\bline (\d+)", message)
    return int(found.group(1)) if found else None
