"""Merges the languages' pages into one spec and records every discrepancy as a finding.

The key is (platform, code). The previous spec is an input too: what a maintainer decided or
wrote (a resolution, a translation no page has, a hand-added or retired code) survives imports.
Findings are data for the report and the site, not log lines.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from errorspec.model import (
    Entry,
    Finding,
    Language,
    PlatformSpec,
    Resolution,
    Spec,
    Status,
)
from errorspec.sources.manifest import Manifest
from errorspec.sources.rows import PlatformSource, SourceRow

_PLACEHOLDER = re.compile(
    r"%(?:\d+\$)?[-+ 0#]*(?:\d+|\*)?(?:\.(?:\d+|\*))?(?:hh|h|ll|l|L|z|j|t|q)?[diouxXeEfFgGaAcsp@]|\{[A-Za-z0-9_]*\}"
)
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_LATIN = re.compile(r"[A-Za-z]")
# Findings that only say a language is missing: the entry is untranslated, not in doubt.
_TRANSLATION_KINDS = {"missing-translation", "empty-description"}


def reconcile(sources: Sequence[PlatformSource], manifest: Manifest, previous: Spec | None = None) -> Spec:
    """The spec for `sources`, keeping what a maintainer added to `previous`."""
    old = {platform.platform: platform for platform in previous.platforms} if previous else {}
    platforms = tuple(
        _platform(
            platform.id,
            platform.url,
            [source for source in sources if source.platform == platform.id],
            manifest.languages,
            old.get(platform.id),
        )
        for platform in manifest.platforms
    )
    return Spec(manifest.languages, platforms)


def _platform(
    platform: str,
    url: str | None,
    sources: list[PlatformSource],
    languages: tuple[Language, ...],
    previous: PlatformSpec | None,
) -> PlatformSpec:
    by_language = {language.id: [s for s in sources if s.lang == language.id] for language in languages}
    present = [language for language in languages if by_language[language.id]]
    findings: list[Finding] = []
    for language in languages:
        if present and not by_language[language.id]:
            others = ", ".join(other.name for other in present)
            findings.append(
                Finding(
                    "missing-section",
                    "warning",
                    f"the section is on no page in {language.name} (only in {others}): "
                    f"its codes have no description in {language.name}",
                    lang=language.id,
                )
            )
    for source in sources:
        for rejected in source.rejected:
            findings.append(
                Finding(
                    "rejected-row",
                    "warning",
                    f"row not imported: {rejected.reason}",
                    lang=source.lang,
                    source=rejected.source,
                    value=" | ".join(rejected.cells),
                )
            )

    def prose(field: str, empty: Any) -> dict[str, Any]:
        """A page's text in each language; where no page has it, what a maintainer wrote."""
        values = {}
        for language in languages:
            pages = by_language[language.id]
            if pages:
                values[language.id] = getattr(pages[0].prose, field)
            elif previous and language.id not in previous.sources:
                values[language.id] = getattr(previous, field).get(language.id, empty)
            else:
                values[language.id] = empty
        return values

    first_rows: dict[int, dict[str, SourceRow]] = {}
    duplicates: dict[int, list[SourceRow]] = {}
    for source in sources:
        for row in source.rows:
            rows = first_rows.setdefault(row.code, {})
            if row.lang in rows:
                duplicates.setdefault(row.code, []).append(row)
            else:
                rows[row.lang] = row
    old_entries = {entry.code: entry for entry in previous.entries} if previous else {}
    entries = []
    for code in sorted(set(first_rows) | set(old_entries)):
        if code in first_rows:
            entries.append(
                _entry(code, first_rows[code], duplicates.get(code, []), languages, present, old_entries.get(code))
            )
        elif not old_entries[code].source or old_entries[code].deprecated:
            # Written by hand, or retired by a maintainer: never deleted by an import.
            # Its findings were about rows that are gone.
            entries.append(_restatus(replace(old_entries[code], source={}, findings=()), languages))
    return PlatformSpec(
        platform=platform,
        url=url,
        title=prose("title", None),
        intro=prose("intro", None),
        hint=prose("hint", None),
        related=prose("related", ()),
        sources={language.id: by_language[language.id][0].source for language in present},
        findings=tuple(findings),
        entries=tuple(entries),
    )


def _entry(
    code: int,
    rows: dict[str, SourceRow],
    duplicates: list[SourceRow],
    languages: tuple[Language, ...],
    present: list[Language],
    previous: Entry | None,
) -> Entry:
    resolution = previous.resolution if previous else None
    description: dict[str, str | None] = {}
    findings: list[Finding] = []
    for language in languages:
        row = rows.get(language.id)
        if row is not None:
            description[language.id] = row.description or None
            if not row.description:
                findings.append(
                    Finding("empty-description", "warning", "the description cell is empty", language.id, row.source)
                )
        elif previous and language.id not in previous.source and previous.description.get(language.id):
            description[language.id] = previous.description[language.id]  # a maintainer's translation
        else:
            description[language.id] = None
            if language in present:
                findings.append(
                    Finding(
                        "missing-translation", "warning", f"the code is not on the {language.name} page", language.id
                    )
                )
    message = _chosen_message(rows, languages, resolution)
    for language in languages:
        row = rows.get(language.id)
        if row is None:
            continue
        if not row.message:
            findings.append(
                Finding("empty-message", "warning", "the SDK message cell is empty", language.id, row.source)
            )
        elif row.message != message:
            findings.append(
                Finding(
                    "message-differs",
                    "warning",
                    f"the {language.name} page gives another SDK message",
                    language.id,
                    row.source,
                    row.message,
                )
            )
        if row.extra_cells:
            findings.append(
                Finding(
                    "extra-cells",
                    "warning",
                    f"the row has {len(row.extra_cells)} cell(s) past the description",
                    language.id,
                    row.source,
                    " | ".join(row.extra_cells),
                )
            )
    findings += _placeholder_findings(rows, description, languages)
    findings += _script_findings(rows, description, languages)
    for duplicate in duplicates:
        first = rows[duplicate.lang]
        same = (duplicate.message, duplicate.description) == (first.message, first.description)
        findings.append(
            Finding(
                "duplicate-code",
                "warning" if same else "error",
                f"listed again at line {duplicate.source.line}"
                + (" with the same text" if same else f" with other text; line {first.source.line} was kept"),
                duplicate.lang,
                duplicate.source,
                None if same else f"{duplicate.message} | {duplicate.description}",
            )
        )
    entry = Entry(
        code=code,
        message=message,
        description=description,
        source={language.id: rows[language.id].source for language in languages if language.id in rows},
        status="ok",
        findings=tuple(findings),
    )
    if previous:
        entry = replace(
            entry,
            resolution=previous.resolution,
            related=previous.related,
            unrelated=previous.unrelated,
            constant=previous.constant,
            causes=previous.causes,
            solutions=previous.solutions,
            deprecated=previous.deprecated,
        )
    return _restatus(entry, languages)


def _chosen_message(rows: dict[str, SourceRow], languages: tuple[Language, ...], resolution: Resolution | None) -> str:
    if resolution and resolution.message in rows and rows[resolution.message].message:
        return rows[resolution.message].message
    return next(
        (rows[language.id].message for language in languages if language.id in rows and rows[language.id].message), ""
    )


def _placeholder_findings(
    rows: dict[str, SourceRow], description: dict[str, str | None], languages: tuple[Language, ...]
) -> list[Finding]:
    findings = []
    messages = {lang: Counter(_PLACEHOLDER.findall(row.message)) for lang, row in rows.items() if row.message}
    if len({tuple(sorted(counter.items())) for counter in messages.values()}) > 1:
        findings.append(Finding("placeholders-differ", "error", "the pages' SDK messages have different placeholders"))
    texts = {lang: Counter(_PLACEHOLDER.findall(text)) for lang, text in description.items() if text}
    if len({tuple(sorted(counter.items())) for counter in texts.values()}) > 1:
        detail = ", ".join(
            f"{language.id}: {' '.join(sorted(texts[language.id].elements())) or 'none'}"
            for language in languages
            if language.id in texts
        )
        findings.append(
            Finding("placeholders-differ", "warning", f"the descriptions have different placeholders ({detail})")
        )
    return findings


def _script_findings(
    rows: dict[str, SourceRow], description: dict[str, str | None], languages: tuple[Language, ...]
) -> list[Finding]:
    findings = []
    for language in languages:
        text = description.get(language.id)
        if not text:
            continue
        has_han = bool(_HAN.search(text))
        wrong = (language.script == "Hani" and not has_han) or (
            language.script == "Latn" and (has_han or not _LATIN.search(text))
        )
        if wrong:
            row = rows.get(language.id)
            findings.append(
                Finding(
                    "wrong-language",
                    "warning",
                    f"the {language.name} description is not written in {language.name}",
                    language.id,
                    row.source if row else None,
                )
            )
    return findings


def entry_status(entry: Entry, languages: tuple[Language, ...]) -> Status:
    """What a reader and a maintainer need to know first about an entry."""
    open_findings = [] if entry.resolution else [f for f in entry.findings if f.kind not in _TRANSLATION_KINDS]
    if open_findings:
        return "needs-review"
    if any(not entry.description.get(language.id) for language in languages):
        return "untranslated"
    return "resolved" if entry.findings else "ok"


def _restatus(entry: Entry, languages: tuple[Language, ...]) -> Entry:
    return replace(entry, status=entry_status(entry, languages))
