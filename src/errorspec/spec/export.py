"""`errorspec export`: the whole spec as JSON, CSV or Markdown pages, for other tools."""

from __future__ import annotations

import errno
import functools
import itertools
import json
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from errorspec.memo import EntryTexts
from errorspec.model import WHAT_TO_DO, Entry, InputError, PlatformSpec, Spec
from errorspec.spec.fileset import write_files_atomically
from errorspec.spec.translations import stale_translations
from errorspec.text import escape_markdown, markdown_table_cell

EXPORT_VERSION = 1


def entry_data(platform: PlatformSpec, entry: Entry, languages: tuple[str, ...]) -> dict[str, Any]:
    """One entry for other tools: platform, code, message, description per language (null where missing)."""
    data: dict[str, Any] = {
        "platform": platform.platform,
        "code": entry.code,
        "message": entry.message,
        "description": {lang: entry.description.get(lang) for lang in languages},
        "status": entry.status,
    }
    optional = {
        "undocumented": entry.undocumented or None,
        "constants": {constant.sdk: constant.name for constant in entry.constants},
        "related": list(entry.related),
        "causes": entry.causes,
        "solutions": entry.solutions,
        "example": entry.example,
        "deprecated": entry.deprecated,
        "stale": _stale(entry),
    }
    data.update({key: value for key, value in optional.items() if value not in (None, [], {})})
    return data


def _stale(entry: Entry) -> dict[str, list[str]]:
    """Per language, the texts translated from one that has changed since: they may be out of date."""
    stale: dict[str, list[str]] = {}
    for record in stale_translations(entry):
        stale.setdefault(record.lang, []).append(record.field)
    return stale


def export_json(spec: Spec) -> str:
    return "".join(export_json_pieces(spec))


def export_json_pieces(spec: Spec, texts: EntryTexts | None = None) -> Iterator[str]:
    """The JSON export in pieces, an entry at a time (a catalogue's export is megabytes): the
    same text as one `json.dumps` of it all, indented by two. `texts` keeps each entry's, for the
    next export of the same entries (`mkdocs serve`)."""
    head = {
        "version": EXPORT_VERSION,
        "languages": [{"id": lang.id, "name": lang.name} for lang in spec.languages],
        **({"products": [{"id": p.id, "name": dict(p.name)} for p in spec.products]} if spec.products else {}),
        "platforms": [
            {"id": platform.platform, "title": dict(platform.title), "url": platform.url}
            | ({"product": platform.product} if platform.product else {})
            for platform in spec.platforms
        ],
        "entries": [],
    }
    # The document ends in `"entries": []` and its closing brace: the entries go in their place,
    # each indented as an item of a list of the document's.
    text = json.dumps(head, ensure_ascii=False, indent=2)
    entries = ((platform, entry) for platform in spec.platforms for entry in platform.entries)
    first = next(entries, None)
    if first is None:
        yield text + "\n"
        return
    yield text.removesuffix("[]\n}") + "["
    languages = spec.language_ids
    for separator, (platform, entry) in itertools.chain([("\n", first)], ((",\n", item) for item in entries)):
        make = functools.partial(_entry_json, platform, entry, languages)
        yield separator + (make() if texts is None else texts.text(("json", platform.platform), entry, make))
    yield "\n  ]\n}\n"


def _entry_json(platform: PlatformSpec, entry: Entry, languages: tuple[str, ...]) -> str:
    """An entry of the JSON export, indented as an item of its list of entries."""
    data = json.dumps(entry_data(platform, entry, languages), ensure_ascii=False, indent=2)
    return "    " + data.replace("\n", "\n    ")


def constant_sdks(spec: Spec) -> list[str]:
    """Every SDK that names a code of the spec, in the order of the spec's platforms."""
    named = {constant.sdk for platform in spec.platforms for entry in platform.entries for constant in entry.constants}
    order = [platform.platform for platform in spec.platforms]
    return sorted(named, key=lambda sdk: (order.index(sdk) if sdk in order else len(order), sdk))


# What makes a spreadsheet read a cell as a formula (OWASP's list for CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: str | int) -> str:
    """One CSV cell that a spreadsheet shows as it is: never run as a formula, never split.

    Text beginning with `=`, `+`, `-`, `@`, a tab or a carriage return gets a leading `'`, as
    OWASP advises; text holding a comma, a quote, a carriage return or a line feed is quoted
    (Python's csv module leaves a lone carriage return bare, and a spreadsheet ends the row
    there). A number, such as the code `-1`, stays a number.
    """
    if isinstance(value, int):
        return str(value)
    if value.startswith(FORMULA_STARTS):
        value = "'" + value
    if any(character in value for character in ',"\r\n'):
        value = '"' + value.replace('"', '""') + '"'
    return value


def what_to_do_columns(spec: Spec) -> list[tuple[str, str]]:
    """The columns of what to do about the codes, as (field, language): `causes_en`, `causes_zh`,
    and so on for each of causes, solutions and example that some entry of the spec has."""
    entries = [entry for platform in spec.platforms for entry in platform.entries]
    held = [field for field in WHAT_TO_DO if any(getattr(entry, field) for entry in entries)]
    return [(field, lang) for field in held for lang in spec.language_ids]


def export_csv(spec: Spec) -> str:
    return "".join(export_csv_pieces(spec))


def export_csv_pieces(spec: Spec, texts: EntryTexts | None = None) -> Iterator[str]:
    """The CSV export, a row at a time. One row per entry; a column of constant names per SDK
    that declares any (`constant_ios`); a column per language for each of causes, solutions and
    example that any entry has.

    Cells are written by `csv_cell`: a text that a spreadsheet would run as a formula starts
    with `'`. The JSON export keeps every text exact.
    """
    sdks = constant_sdks(spec)
    todo = what_to_do_columns(spec)
    header: list[str | int] = [
        "platform",
        "code",
        "message",
        *(f"description_{lang}" for lang in spec.language_ids),
        *(f"{field}_{lang}" for field, lang in todo),
        *(f"constant_{sdk}" for sdk in sdks),
        "status",
        "undocumented",
        "deprecated",
    ]
    yield _csv_line(header)
    kind = ("csv", tuple(header))  # a row's cells are the header's columns
    languages = spec.language_ids
    for platform in spec.platforms:
        for entry in platform.entries:
            make = functools.partial(_csv_entry, platform, entry, languages, todo, sdks)
            yield make() if texts is None else texts.text((*kind, platform.platform), entry, make)


def _csv_line(row: list[str | int]) -> str:
    return ",".join(csv_cell(cell) for cell in row) + "\n"


def _csv_entry(
    platform: PlatformSpec, entry: Entry, languages: tuple[str, ...], todo: list[tuple[str, str]], sdks: list[str]
) -> str:
    names = {constant.sdk: constant.name for constant in entry.constants}
    return _csv_line(
        [
            platform.platform,
            entry.code,
            entry.message,
            *(entry.description.get(lang) or "" for lang in languages),
            *((getattr(entry, field) or {}).get(lang, "") for field, lang in todo),
            *(names.get(sdk, "") for sdk in sdks),
            entry.status,
            "yes" if entry.undocumented else "",
            "" if entry.deprecated in (None, False) else entry.deprecated,
        ]
    )


def export_markdown(spec: Spec, lang: str) -> str:
    """One Markdown page in `lang`, a section per platform, in the shape of the vendor's pages.

    A code without a description in `lang` is left out, as a page in that language would.
    """
    lines = []
    for platform in spec.platforms:
        entries = [entry for entry in platform.entries if entry.description.get(lang)]
        if not entries:
            continue
        lines += [f"## {platform.title.get(lang) or platform.platform}", ""]
        if platform.intro.get(lang):
            lines += [platform.intro[lang] or "", ""]
        lines += ["| Code | Error Message | Description |", "|---|---|---|"]
        for entry in entries:
            message = markdown_table_cell(escape_markdown(entry.message))
            lines.append(f"| {entry.code} | {message} | {markdown_table_cell(entry.description[lang] or '')} |")
        lines.append("")
        if platform.hint.get(lang):
            lines += [platform.hint[lang] or "", ""]
    return "\n".join(lines)


def write_problem(error: OSError) -> str:
    """Why a file could not be written, worded as errorspec's other messages are."""
    if isinstance(error, FileExistsError | NotADirectoryError):  # a file where a folder of the path goes
        return "cannot write (a part of its path is a file, not a folder)"
    remedy = ": free some space" if error.errno in (errno.ENOSPC, errno.EDQUOT) else ""
    return f"cannot write ({error.strerror or error}){remedy}"


def write_export(path: Path, text: str) -> None:
    """Write an export to `path`; a path that cannot be written raises `InputError`.

    A regular file, or a new one, is replaced atomically; through a symlink, the file it names
    is (as `>` would write it: `/dev/stdout` redirected to a file writes that file, and /dev
    keeps its link). A pipe or a device (a FIFO, `/dev/stdout` in a pipeline, `/dev/null`) is
    written to as it is: reading it first, to compare, would wait forever, and it cannot be
    replaced.
    """
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        mode = stat.S_IFREG
    except OSError as error:  # a name too long, a file where a folder goes, a symlink loop
        raise InputError(str(path), None, f"{write_problem(error)}; no file was changed") from None
    if stat.S_ISREG(mode):
        write_files_atomically({path.resolve(): text})
        return
    try:
        with path.open("w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
    except OSError as error:
        raise InputError(str(path), None, write_problem(error)) from None
