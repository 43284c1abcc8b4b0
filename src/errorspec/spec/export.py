"""`errorspec export`: the whole spec as JSON, CSV or Markdown pages, for other tools."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from errorspec.model import Entry, PlatformSpec, Spec
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
        "deprecated": entry.deprecated,
    }
    data.update({key: value for key, value in optional.items() if value not in (None, [], {})})
    return data


def export_json(spec: Spec) -> str:
    data = {
        "version": EXPORT_VERSION,
        "languages": [{"id": lang.id, "name": lang.name} for lang in spec.languages],
        **({"products": [{"id": p.id, "name": dict(p.name)} for p in spec.products]} if spec.products else {}),
        "platforms": [
            {"id": platform.platform, "title": dict(platform.title), "url": platform.url}
            | ({"product": platform.product} if platform.product else {})
            for platform in spec.platforms
        ],
        "entries": [
            entry_data(platform, entry, spec.language_ids) for platform in spec.platforms for entry in platform.entries
        ],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def constant_sdks(spec: Spec) -> list[str]:
    """Every SDK that names a code of the spec, in the order of the spec's platforms."""
    named = {constant.sdk for platform in spec.platforms for entry in platform.entries for constant in entry.constants}
    order = [platform.platform for platform in spec.platforms]
    return sorted(named, key=lambda sdk: (order.index(sdk) if sdk in order else len(order), sdk))


def export_csv(spec: Spec) -> str:
    """One row per entry; a column of constant names per SDK that declares any (`constant_ios`)."""
    sdks = constant_sdks(spec)
    stream = io.StringIO()
    writer = csv.writer(stream, lineterminator="\n")
    writer.writerow(
        [
            "platform",
            "code",
            "message",
            *(f"description_{lang}" for lang in spec.language_ids),
            *(f"constant_{sdk}" for sdk in sdks),
            "status",
            "undocumented",
            "deprecated",
        ]
    )
    for platform in spec.platforms:
        for entry in platform.entries:
            names = {constant.sdk: constant.name for constant in entry.constants}
            writer.writerow(
                [
                    platform.platform,
                    entry.code,
                    entry.message,
                    *(entry.description.get(lang) or "" for lang in spec.language_ids),
                    *(names.get(sdk, "") for sdk in sdks),
                    entry.status,
                    "yes" if entry.undocumented else "",
                    "" if entry.deprecated in (None, False) else entry.deprecated,
                ]
            )
    return stream.getvalue()


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
